using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// The first thing a webhook endpoint does after verifying a delivery: store it durably, once. Processing happens later
/// (<see cref="ProcessInboundEvents"/>), so a crash after the 200 loses nothing and a repeated delivery adds nothing.
/// </summary>
public sealed class StoreInboundEvent(AppDbContext db, TimeProvider clock)
{
    public enum Outcome { Stored, Duplicate }

    public async Task<Outcome> HandleAsync(Channel channel, WebhookEnvelope envelope, CancellationToken ct)
    {
        if (await IsStoredAsync(channel.Id, envelope.DedupeKey, ct))
        {
            return Outcome.Duplicate;
        }

        var row = db.InboundEvents.Add(new InboundEvent
        {
            ChannelId = channel.Id,
            OrganisationId = channel.OrganisationId,
            DedupeKey = envelope.DedupeKey,
            Payload = envelope.Payload,
            ReceivedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Stored;
        }
        catch (DbUpdateException)
        {
            // The same delivery arrived twice at the same moment (platforms retry eagerly): the unique index let one in.
            row.State = EntityState.Detached;
            if (await IsStoredAsync(channel.Id, envelope.DedupeKey, ct))
            {
                return Outcome.Duplicate;
            }

            throw;
        }
    }

    private Task<bool> IsStoredAsync(Guid channelId, string key, CancellationToken ct) =>
        db.InboundEvents.AsNoTracking().AnyAsync(e => e.ChannelId == channelId && e.DedupeKey == key, ct);
}
