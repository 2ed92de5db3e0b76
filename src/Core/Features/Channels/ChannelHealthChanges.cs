using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Notifications;
using CareDialog.Core.Features.Organisations;

namespace CareDialog.Core.Features.Channels;

/// <summary>
/// The one way a channel becomes "needs reconnect": recorded with the reason, audited, and the organisation's Admins are
/// notified, so a dead token never fails silently. Scheduled posts keep waiting (the publisher checks the health).
/// </summary>
public sealed class ChannelHealthChanges(AuditLog audit, Notifier notifier, TimeProvider clock)
{
    public void MarkNeedsReconnect(Channel channel, string reason, string by)
    {
        channel.HealthReason = reason;
        channel.TokenCheckedAtUtc = clock.GetUtcNow().UtcDateTime;
        if (channel.Health == ChannelHealth.NeedsReconnect)
        {
            return;
        }

        channel.Health = ChannelHealth.NeedsReconnect;
        audit.Record(OrgActor.System(channel.OrganisationId, by), "channel.needs_reconnect", "Channel", channel.Id, null, null, reason);
        notifier.Notify(channel.OrganisationId, OrgRole.Admin, "channel.needs_reconnect",
            $"Channel “{channel.Name}” needs to be reconnected: {reason} Scheduled posts wait until it is.", "settings/channels");
    }
}
