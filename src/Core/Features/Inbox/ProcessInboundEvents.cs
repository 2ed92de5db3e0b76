using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// Turns stored webhook deliveries into inbox items. Each event is processed in its own unit of work; a failing one is
/// retried on later runs (at most <see cref="MaxAttempts"/> times) and then left with its error for a person, never dropped.
/// </summary>
public sealed class ProcessInboundEvents(AppDbContext db, ConnectorRegistry connectors, InboxWriter writer, TimeProvider clock, ILogger<ProcessInboundEvents> logger)
{
    public const int MaxAttempts = 5;

    public sealed record Summary(int Processed, int Failed, int ItemsAdded);

    public async Task<Summary> RunAsync(CancellationToken ct, int batch = 200)
    {
        var ids = await db.InboundEvents.AsNoTracking()
            .Where(e => e.ProcessedAtUtc == null && e.Attempts < MaxAttempts)
            .OrderBy(e => e.Id)
            .Select(e => e.Id)
            .Take(batch)
            .ToListAsync(ct);

        int processed = 0, failed = 0, added = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var ev = await db.InboundEvents.SingleAsync(e => e.Id == id, ct);
            if (ev.ProcessedAtUtc is not null)
            {
                continue; // another node took it meanwhile
            }

            var channel = await db.Channels.SingleAsync(c => c.Id == ev.ChannelId, ct);
            ev.Attempts++;
            try
            {
                var items = connectors.For(channel).ParseWebhookEvent(ev.Payload);
                added += await writer.UpsertAsync(channel, items, ct);
                ev.ProcessedAtUtc = clock.GetUtcNow().UtcDateTime;
                ev.LastError = null;
                await db.SaveChangesAsync(ct);
                processed++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Only the exception type and the connector's own words: the payload is patient text and never goes to a log.
                var reason = ex is ConnectorException ce ? ce.UserMessage : ex.GetType().Name;
                logger.LogWarning("Inbound event {EventId} of channel {ChannelId} failed (attempt {Attempt}): {Reason}", ev.Id, ev.ChannelId, ev.Attempts, reason);
                db.ChangeTracker.Clear();
                await db.InboundEvents.Where(e => e.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, e => e.Attempts + 1).SetProperty(e => e.LastError, reason), ct);
                failed++;
            }
        }

        return new Summary(processed, failed, added);
    }
}
