using System.Threading.Channels;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Channel = CareDialog.Core.Features.Channels.Channel;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// Turns stored webhook deliveries into inbox items. A batch of events is committed in one unit of work; if that fails, each
/// event of the batch gets its own, so one bad event never holds back the others. A failing event is retried on later runs
/// (at most <see cref="MaxAttempts"/> times) and then left with its error for a person, never dropped.
/// </summary>
public sealed class ProcessInboundEvents(AppDbContext db, ConnectorRegistry connectors, InboxWriter writer, TimeProvider clock, ILogger<ProcessInboundEvents> logger)
{
    public const int MaxAttempts = 5;
    public const int DefaultBatch = 200;

    /// <summary>What one run did. <see cref="Seen"/> counts every event it looked at, including those another worker took.</summary>
    public sealed record Summary(int Processed, int Failed, int ItemsAdded)
    {
        public int Seen { get; init; }
        public long LastEventId { get; init; }

        public Summary Add(Summary next) =>
            new(Processed + next.Processed, Failed + next.Failed, ItemsAdded + next.ItemsAdded) { Seen = Seen + next.Seen, LastEventId = next.LastEventId };
    }

    private sealed record Pending(long Id, Guid ChannelId, string Payload, int Attempts);

    private sealed record Parsed(Pending Event, Channel Channel, IReadOnlyList<InboundItem> Items);

    /// <summary>One batch of the oldest events that are due (new ones and failed ones with attempts left).</summary>
    public Task<Summary> RunAsync(CancellationToken ct, int batch = DefaultBatch) => RunBatchAsync(afterId: 0, newOnly: false, batch, ct);

    /// <summary>
    /// Batches until none is left. Each event is looked at once per drain, so a failing one is retried by the next drain, not
    /// at once. <paramref name="newOnly"/> leaves failed events to the sweep, so retries keep the sweep's spacing however
    /// often deliveries arrive.
    /// </summary>
    public async Task<Summary> DrainAsync(CancellationToken ct, bool newOnly = false, int batch = DefaultBatch)
    {
        var total = new Summary(0, 0, 0);
        while (true)
        {
            var run = await RunBatchAsync(total.LastEventId, newOnly, batch, ct);
            total = total.Add(run);
            if (run.Seen < batch)
            {
                return total;
            }
        }
    }

    private async Task<Summary> RunBatchAsync(long afterId, bool newOnly, int batch, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var due = db.InboundEvents.AsNoTracking().Where(e => e.Id > afterId && e.ProcessedAtUtc == null);
        due = newOnly ? due.Where(e => e.Attempts == 0) : due.Where(e => e.Attempts < MaxAttempts);
        var events = await due
            .OrderBy(e => e.Id)
            .Take(batch)
            .Select(e => new Pending(e.Id, e.ChannelId, e.Payload, e.Attempts))
            .ToListAsync(ct);
        if (events.Count == 0)
        {
            return new Summary(0, 0, 0) { LastEventId = afterId };
        }

        var channelIds = events.Select(e => e.ChannelId).Distinct().ToList();
        var channels = await db.Channels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var parsed = new List<Parsed>(events.Count);
        var failed = 0;
        foreach (var ev in events)
        {
            try
            {
                var channel = channels.GetValueOrDefault(ev.ChannelId) ?? throw new InvalidOperationException("The channel no longer exists.");
                parsed.Add(new Parsed(ev, channel, connectors.For(channel).ParseWebhookEvent(ev.Payload)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await FailAsync(ev, ex, ct);
                failed++;
            }
        }

        var (processed, added, failedToCommit) = parsed.Count == 0 ? (0, 0, 0) : await CommitTogetherAsync(parsed, ct) ?? await CommitOneByOneAsync(parsed, ct);
        logger.LogDebug("Inbound events: {Count} looked at, {Processed} processed, {Failed} failed, {Added} items added", events.Count, processed, failed + failedToCommit, added);
        return new Summary(processed, failed + failedToCommit, added) { Seen = events.Count, LastEventId = events[^1].Id };
    }

    /// <summary>
    /// The whole batch in one transaction: one upsert per channel, then the events are claimed and the items saved together.
    /// Null when the batch cannot be committed as a whole (another worker took one of its events, or something in it fails).
    /// </summary>
    private async Task<(int Processed, int Added, int Failed)?> CommitTogetherAsync(List<Parsed> batch, CancellationToken ct)
    {
        try
        {
            var added = 0;
            // One upsert per channel: the writer's look-ups (existing items, our posts, the country) then cost one query per
            // channel per batch, not per event. Order is kept, so an edit later in the batch lands after its original.
            foreach (var channel in batch.GroupBy(p => p.Channel.Id))
            {
                added += await writer.UpsertAsync(channel.First().Channel, channel.SelectMany(p => p.Items).ToList(), ct);
            }

            var ids = batch.Select(p => p.Event.Id).ToList();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await ClaimAsync(ids, ct) != ids.Count)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return null;
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (ids.Count, added, 0);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the type: the message of a database error may quote the values, which are patient text.
            logger.LogInformation("A batch of {Count} inbound events could not be committed together ({Reason}); processing them one by one", batch.Count, ex.GetType().Name);
            db.ChangeTracker.Clear();
            return null;
        }
    }

    private async Task<(int Processed, int Added, int Failed)> CommitOneByOneAsync(List<Parsed> batch, CancellationToken ct)
    {
        int processed = 0, added = 0, failed = 0;
        foreach (var p in batch)
        {
            db.ChangeTracker.Clear();
            try
            {
                var n = await writer.UpsertAsync(p.Channel, p.Items, ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                if (await ClaimAsync([p.Event.Id], ct) == 0)
                {
                    continue; // another node took it meanwhile (the transaction is rolled back by its disposal)
                }

                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                processed++;
                added += n;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                await FailAsync(p.Event, ex, ct);
                failed++;
            }
        }

        return (processed, added, failed);
    }

    /// <summary>
    /// Marks the events processed, inside the caller's transaction, only where no one else has: the row locks (PostgreSQL) or
    /// the single writer (SQLite) make a second worker's claim wait and then find them taken, so an event is processed once.
    /// </summary>
    private Task<int> ClaimAsync(List<long> ids, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.InboundEvents.Where(e => ids.Contains(e.Id) && e.ProcessedAtUtc == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ProcessedAtUtc, now)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                .SetProperty(e => e.LastError, (string?)null), ct);
    }

    private async Task FailAsync(Pending ev, Exception ex, CancellationToken ct)
    {
        // Only the exception type and the connector's own words: the payload is patient text and never goes to a log.
        var reason = ex is ConnectorException ce ? ce.UserMessage : ex.GetType().Name;
        logger.LogWarning("Inbound event {EventId} of channel {ChannelId} failed (attempt {Attempt}): {Reason}", ev.Id, ev.ChannelId, ev.Attempts + 1, reason);
        await db.InboundEvents.Where(e => e.Id == ev.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, e => e.Attempts + 1).SetProperty(e => e.LastError, reason), ct);
    }
}

/// <summary>
/// Wakes the processor as soon as a delivery is stored, so an item reaches the inbox in milliseconds rather than at the next
/// sweep, and lets one processor run at a time in this process (the sweep job and the on-arrival worker share it).
/// </summary>
public sealed class InboundEventsSignal
{
    // Capacity one: any number of nudges while the processor is busy make exactly one more drain afterwards.
    private readonly System.Threading.Channels.Channel<bool> _nudges =
        System.Threading.Channels.Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Nudge() => _nudges.Writer.TryWrite(true);

    public ValueTask<bool> WaitAsync(CancellationToken ct) => _nudges.Reader.ReadAsync(ct);

    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> run, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await run();
        }
        finally
        {
            _gate.Release();
        }
    }
}
