using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Organisations;
using CareDialog.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Core.Features.Incidents;

/// <summary>
/// The "by rule" half of opening incidents: every complaint that arrives gets an incident, unless its organisation turned
/// AutoOpenComplaints off. A further complaint by the same author in the same thread joins that person's open incident
/// instead of opening a second one. Runs as a sweep, apart from the webhook path, so ingest stays fast and a failure here
/// is retried on the next run; each item is checked once (IncidentCheckedAtUtc).
/// </summary>
public sealed class OpenIncidentsForComplaints(AppDbContext db, OpenIncident open, AuditLog audit, TimeProvider clock)
{
    public sealed record Summary(int Opened, int Linked, int Skipped);

    public async Task<Summary> RunAsync(CancellationToken ct, int batch = 100)
    {
        var ids = await db.InboxItems.AsNoTracking()
            .Where(i => i.IncidentCheckedAtUtc == null && i.Intent == Intent.Complaint && !i.FromOwnAccount)
            .OrderBy(i => i.ReceivedAtUtc)
            .Select(i => i.Id)
            .Take(batch)
            .ToListAsync(ct);

        int opened = 0, linked = 0, skipped = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var item = await db.InboxItems.SingleAsync(i => i.Id == id, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            item.IncidentCheckedAtUtc = now;
            var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == item.OrganisationId, ct);
            var settings = await ConfigureIncidents.LoadAsync(db, org, ct);
            if (!settings.AutoOpenComplaints || await db.IncidentMessages.AnyAsync(m => m.InboxItemId == item.Id, ct))
            {
                await db.SaveChangesAsync(ct);
                skipped++;
                continue;
            }

            var system = OrgActor.System(org.Id, "incident-rules");
            var thread = await SameThreadOpenIncidentAsync(item, ct);
            if (thread is not null)
            {
                thread.Messages.Add(new IncidentMessage { IncidentId = thread.Id, InboxItemId = item.Id, LinkedAtUtc = now });
                thread.Entries.Add(OpenIncident.Entry(thread, IncidentEntryKind.Linked, system, now, "A further complaint by the same person in the same thread was linked."));
                thread.Version++;
                audit.Record(system, "incident.message_linked", "Incident", thread.Id, null, new { InboxItem = item.Id });
                await db.SaveChangesAsync(ct);
                linked++;
                continue;
            }

            var created = await open.CreateAsync(org, item, system, null, null, null, ct);
            if (created.Error is not null)
            {
                // Invalid settings: the complaint stays in the inbox and the desk sees why on the settings page.
                await db.SaveChangesAsync(ct);
                skipped++;
                continue;
            }

            await open.SaveWithNumberAsync(created.Value, ct);
            opened++;
        }

        return new Summary(opened, linked, skipped);
    }

    private async Task<Incident?> SameThreadOpenIncidentAsync(InboxItem item, CancellationToken ct)
    {
        if (item.AuthorId is null || (item.ConversationId is null && item.RemotePostId is null))
        {
            return null;
        }

        var incidentId = await db.IncidentMessages.AsNoTracking()
            .Where(m => m.InboxItem!.ChannelId == item.ChannelId && m.InboxItem.AuthorId == item.AuthorId
                        && (item.ConversationId != null ? m.InboxItem.ConversationId == item.ConversationId : m.InboxItem.RemotePostId == item.RemotePostId))
            .Join(db.Incidents.Where(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed), m => m.IncidentId, i => i.Id, (m, i) => i.Id)
            .FirstOrDefaultAsync(ct);
        return incidentId == Guid.Empty ? null : await db.Incidents.Include(i => i.Messages).Include(i => i.Entries).SingleAsync(i => i.Id == incidentId, ct);
    }
}

/// <summary>Complaints → incidents, by rule.</summary>
public sealed class OpenIncidentsForComplaintsJob(IServiceScopeFactory scopes) : SweepJob(scopes)
{
    public static readonly Quartz.JobKey Key = new("open-incidents-for-complaints", "incidents");

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<OpenIncidentsForComplaints>().RunAsync(ct);
}
