using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// Reads comments by polling, for platforms (and set-ups) without webhooks: the channel's posts of the last
/// <see cref="Window"/> are asked for what arrived since the newest item we have (with an overlap, since upserts are idempotent).
/// </summary>
public sealed class PollInbound(AppDbContext db, ConnectorRegistry connectors, ChannelSecrets secrets, InboxWriter writer,
    ChannelHealthChanges health, TimeProvider clock, ILogger<PollInbound> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(14);
    private static readonly TimeSpan Overlap = TimeSpan.FromHours(1);

    public sealed record Summary(int Channels, int ItemsAdded, int Failed);

    public async Task<Summary> RunAsync(CancellationToken ct, Guid? onlyChannel = null)
    {
        var channels = await db.Channels
            .Where(c => c.Health == ChannelHealth.Connected && (onlyChannel == null || c.Id == onlyChannel))
            .ToListAsync(ct);
        int polled = 0, added = 0, failed = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var channel in channels)
        {
            if (!connectors.Supports(channel.Platform) || !connectors.For(channel).Features.HasFlag(ConnectorFeatures.ReadComments))
            {
                continue;
            }

            var from = now - Window;
            var postIds = await db.PostTargets.AsNoTracking()
                .Where(t => t.ChannelId == channel.Id && t.State == PublicationState.Published && t.RemoteId != null && t.PublishedAtUtc >= from)
                .Select(t => t.RemoteId!)
                .ToListAsync(ct);
            var newest = await db.InboxItems.Where(i => i.ChannelId == channel.Id).MaxAsync(i => (DateTime?)i.CreatedAtUtc, ct);
            try
            {
                var items = await connectors.For(channel).ReadInboundAsync(
                    secrets.AccessFor(channel), new InboundQuery(postIds, newest is { } n ? n - Overlap : from), ct);
                added += await writer.UpsertAsync(channel, items, ct);
                polled++;
            }
            catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.NotSupported)
            {
                // Webhook-only platform (Telegram): nothing to poll.
            }
            catch (ConnectorException ex)
            {
                failed++;
                logger.LogWarning("Polling channel {ChannelId} failed: {Kind} {Code}", channel.Id, ex.Kind, ex.PlatformCode);
                if (ex.Kind == ConnectorErrorKind.NeedsReconnect)
                {
                    health.MarkNeedsReconnect(channel, ex.UserMessage, "inbox-poller");
                }
            }

            await db.SaveChangesAsync(ct);
        }

        return new Summary(polled, added, failed);
    }
}
