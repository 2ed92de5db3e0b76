using System.Globalization;
using System.Text;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Organisations;
using CareDialog.Triage;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Features.Inbox;

/// <summary>
/// The inbox as CSV for reports and archives. An export leaves CareDialog, so patient data in the text is always masked, and
/// cells that a spreadsheet would run as a formula (=, +, -, @) are quoted as text.
/// </summary>
public static class InboxExport
{
    public static async Task<byte[]> CsvAsync(AppDbContext db, Organisation org, CancellationToken ct)
    {
        var rows = await db.InboxItems.AsNoTracking().Include(i => i.Channel).Include(i => i.Replies)
            .Where(i => i.OrganisationId == org.Id && !i.FromOwnAccount)
            .OrderBy(i => i.CreatedAtUtc).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var incidents = await db.IncidentMessages.AsNoTracking().Where(m => ids.Contains(m.InboxItemId))
            .Join(db.Incidents, m => m.IncidentId, i => i.Id, (m, i) => new { m.InboxItemId, i.Number })
            .ToDictionaryAsync(x => x.InboxItemId, x => x.Number, ct);

        var sb = new StringBuilder();
        sb.AppendLine("written_local,channel,kind,author,language,intent,sentiment,urgency,status,assignee,hidden,incident,replies_sent,first_reply_local,text_masked");
        foreach (var i in rows)
        {
            var firstSent = i.Replies.Where(r => r.State == ReplyState.Sent && r.SentAtUtc is not null).Select(r => r.SentAtUtc).Min();
            string?[] cells =
            [
                Local(org, i.CreatedAtUtc), i.Channel?.Name, i.Kind.ToString(), i.AuthorName, i.Language,
                i.Intent is { } intent ? WireNames.Of(intent) : null, i.Sentiment is { } s ? WireNames.Of(s) : null, i.Urgency is { } u ? WireNames.Of(u) : null,
                i.Status.ToString(), i.AssigneeName, i.Hidden ? "yes" : "no", incidents.TryGetValue(i.Id, out var n) ? n.ToString(CultureInfo.InvariantCulture) : null,
                i.Replies.Count(r => r.State == ReplyState.Sent).ToString(CultureInfo.InvariantCulture), firstSent is { } f ? Local(org, f) : null,
                PatientDataMask.Apply(i.Text, org.Country, org.PublicContactList),
            ];
            sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }

        // A byte-order mark so spreadsheet programs read Turkish, Danish, Finnish and Russian text as UTF-8.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Local(Organisation org, DateTime utc) =>
        OrgClock.ToLocal(org.Zone, utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
