using CareDialog.Core.Data;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Notifications;
using CareDialog.Core.Features.Organisations;
using CareDialog.Triage;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// Merges what a platform reports (by webhook or polling, in any order, possibly twice) into inbox items: one row per
/// (channel, remote id). An edit keeps the first text in OriginalText; nothing is ever removed.
/// </summary>
public sealed class InboxWriter(AppDbContext db, Notifier notifier, TimeProvider clock)
{
    public async Task<int> UpsertAsync(Channel channel, IReadOnlyList<InboundItem> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        var ids = items.Select(i => i.RemoteId).Distinct().ToList();
        var existing = await db.InboxItems.Where(i => i.ChannelId == channel.Id && ids.Contains(i.RemoteId)).ToDictionaryAsync(i => i.RemoteId, ct);
        var postIds = items.Select(i => i.RemotePostId).OfType<string>().Distinct().ToList();
        var ourPosts = await db.PostTargets.AsNoTracking()
            .Where(t => t.ChannelId == channel.Id && t.RemoteId != null && postIds.Contains(t.RemoteId))
            .ToDictionaryAsync(t => t.RemoteId!, t => t.PostId, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var country = await db.Organisations.Where(o => o.Id == channel.OrganisationId).Select(o => o.Country).SingleAsync(ct);
        var added = 0;
        var emergencies = new List<InboxItem>();
        foreach (var item in items)
        {
            if (existing.TryGetValue(item.RemoteId, out var row))
            {
                if (!string.Equals(row.Text, item.Text, StringComparison.Ordinal))
                {
                    row.OriginalText ??= row.Text;
                    row.Text = item.Text;
                    row.EditedAtUtc = now;
                    Label(row, channel, country, emergencies);
                }

                row.Hidden = item.Hidden || row.Hidden && row.HiddenReason is not null;
                continue;
            }

            row = new InboxItem
            {
                OrganisationId = channel.OrganisationId,
                ChannelId = channel.Id,
                RemoteId = item.RemoteId,
                Kind = item.Kind,
                Text = item.Text,
                AuthorName = string.IsNullOrWhiteSpace(item.AuthorName) ? "(unknown)" : item.AuthorName,
                AuthorId = item.AuthorId,
                CreatedAtUtc = item.CreatedAtUtc,
                ReceivedAtUtc = now,
                RemotePostId = item.RemotePostId,
                RemoteParentId = item.RemoteParentId,
                ConversationId = item.ConversationId,
                PostId = item.RemotePostId is not null && ourPosts.TryGetValue(item.RemotePostId, out var postId) ? postId : null,
                FromOwnAccount = item.FromOwnAccount,
                Hidden = item.Hidden,
                Status = item.FromOwnAccount ? InboxStatus.Done : InboxStatus.New,
            };
            if (!item.FromOwnAccount)
            {
                Label(row, channel, country, emergencies);
            }

            db.InboxItems.Add(row);
            existing[item.RemoteId] = row;
            added++;
        }

        if (emergencies.Count > 0)
        {
            await AlertAsync(channel, emergencies, now, ct);
        }

        return added;
    }

    /// <summary>
    /// An emergency alerts the people who answer at once (missing one is the worst error): the members on duty by name, and the
    /// Managers; with nobody on duty, every Responder, Manager and Admin.
    /// </summary>
    private async Task AlertAsync(Channel channel, List<InboxItem> emergencies, DateTime now, CancellationToken ct)
    {
        var onDuty = await OnDuty.NowAsync(db, channel.OrganisationId, now, ct);
        foreach (var row in emergencies)
        {
            var text = $"Possible emergency on “{channel.Name}” from {row.AuthorName}: answer now with the emergency numbers.";
            if (onDuty.Count == 0)
            {
                notifier.Notify(channel.OrganisationId, OrgRole.Responder | OrgRole.Manager | OrgRole.Admin, "inbox.emergency", text, "inbox");
                continue;
            }

            foreach (var userId in onDuty)
            {
                notifier.Notify(channel.OrganisationId, OrgRole.None, "inbox.emergency", "You are on duty. " + text, "inbox", userId);
            }

            notifier.Notify(channel.OrganisationId, OrgRole.Manager, "inbox.emergency", text, "inbox");
        }
    }

    /// <summary>Labels the item; a new emergency is collected for <see cref="AlertAsync"/>.</summary>
    private static void Label(InboxItem row, Channel channel, string country, List<InboxItem> emergencies)
    {
        var wasEmergency = row.Intent == Intent.Emergency;
        var region = country is "TR" or "DK" or "FI" or "RU" ? country : null;
        var result = TriageEngine.Default.Analyze(new TriageRequest(row.Text, PlatformNames.ToWire(channel.EffectivePlatform), region));
        row.Language = result.Language;
        row.Sentiment = result.Sentiment;
        row.Intent = result.Intent;
        row.Urgency = result.Urgency;
        row.TriageExplanation = Truncate(string.Join("\n", result.Reasons.Select(r => r.ToString())), 4000);
        if (result.Intent == Intent.Emergency && !wasEmergency)
        {
            emergencies.Add(row);
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
