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
        foreach (var item in items)
        {
            if (existing.TryGetValue(item.RemoteId, out var row))
            {
                if (!string.Equals(row.Text, item.Text, StringComparison.Ordinal))
                {
                    row.OriginalText ??= row.Text;
                    row.Text = item.Text;
                    row.EditedAtUtc = now;
                    Label(row, channel, country);
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
                Label(row, channel, country);
            }

            db.InboxItems.Add(row);
            existing[item.RemoteId] = row;
            added++;
        }

        return added;
    }

    /// <summary>Labels the item; an emergency alerts the people who answer at once (missing one is the worst error).</summary>
    private void Label(InboxItem row, Channel channel, string country)
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
            notifier.Notify(channel.OrganisationId, OrgRole.Responder | OrgRole.Manager | OrgRole.Admin, "inbox.emergency",
                $"Possible emergency on “{channel.Name}” from {row.AuthorName}: answer now with the emergency numbers.", "inbox");
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
