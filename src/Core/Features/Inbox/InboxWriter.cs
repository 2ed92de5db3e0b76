using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// Merges what a platform reports (by webhook or polling, in any order, possibly twice) into inbox items: one row per
/// (channel, remote id). An edit keeps the first text in OriginalText; nothing is ever removed.
/// </summary>
public sealed class InboxWriter(AppDbContext db, TimeProvider clock)
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
            db.InboxItems.Add(row);
            existing[item.RemoteId] = row;
            added++;
        }

        return added;
    }
}
