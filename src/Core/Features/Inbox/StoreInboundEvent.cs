using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// The first thing a webhook endpoint does after verifying a delivery: store it durably, once. Processing happens later
/// (<see cref="ProcessInboundEvents"/>, woken through <see cref="InboundEventsSignal"/>), so a crash after the 200 loses
/// nothing and a repeated delivery adds nothing.
/// </summary>
public sealed class StoreInboundEvent(AppDbContext db, TimeProvider clock, InboundEventsSignal signal)
{
    public enum Outcome { Stored, Duplicate }

    public async Task<Outcome> HandleAsync(Channel channel, WebhookEnvelope envelope, CancellationToken ct)
    {
        // One statement that the unique (ChannelId, DedupeKey) index decides: a repeat — even one arriving at the same moment
        // on another connection, as platforms retry eagerly — inserts nothing, without a look-up first or a failed insert to
        // recover from. The same SQL works on SQLite (3.24+) and PostgreSQL; the table is the InboundEvent mapping.
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "InboundEvents" ("ChannelId", "OrganisationId", "DedupeKey", "Payload", "ReceivedAtUtc", "Attempts")
            VALUES ({channel.Id}, {channel.OrganisationId}, {envelope.DedupeKey}, {envelope.Payload}, {clock.GetUtcNow().UtcDateTime}, 0)
            ON CONFLICT ("ChannelId", "DedupeKey") DO NOTHING
            """, ct);
        if (inserted == 0)
        {
            return Outcome.Duplicate;
        }

        signal.Nudge();
        return Outcome.Stored;
    }
}
