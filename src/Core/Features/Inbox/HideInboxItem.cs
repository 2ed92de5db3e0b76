using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// Hides a comment on its platform (spam, abuse, exposed patient data) or shows it again. Never deletes: the original stays
/// here and on the platform; hiding needs a reason, and both directions are audited.
/// </summary>
public sealed class HideInboxItem(AppDbContext db, ConnectorRegistry connectors, ChannelSecrets secrets, AuditLog audit, ChannelHealthChanges health)
{
    public async Task<Result<InboxItem>> HandleAsync(OrgActor actor, Guid itemId, bool hide, string? reason, CancellationToken ct)
    {
        if (actor.Require(Permission.RespondInbox) is { } denied)
        {
            return denied;
        }

        var item = await db.InboxItems.Include(i => i.Channel)
            .SingleOrDefaultAsync(i => i.Id == itemId && i.OrganisationId == actor.OrganisationId, ct);
        if (item is null)
        {
            return UseCaseError.NotFound("Inbox item");
        }

        if (hide && (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000))
        {
            return UseCaseError.Invalid("Say why the comment is hidden (at most 1,000 characters).", "reason");
        }

        var channel = item.Channel!;
        var connector = connectors.For(channel);
        if (item.Kind == InboundKind.DirectMessage || !connector.Features.HasFlag(ConnectorFeatures.Hide))
        {
            return UseCaseError.Invalid($"{channel.Platform} does not let CareDialog hide this item; it stays visible there.");
        }

        try
        {
            await connector.SetHiddenAsync(secrets.AccessFor(channel), item.ToInbound(), hide, ct);
        }
        catch (ConnectorException ex)
        {
            if (ex.Kind == ConnectorErrorKind.NeedsReconnect)
            {
                health.MarkNeedsReconnect(channel, ex.UserMessage, "inbox-moderation");
                await db.SaveChangesAsync(ct);
            }

            return UseCaseError.Conflict(ex.UserMessage);
        }

        var before = new { item.Hidden, item.HiddenReason };
        item.Hidden = hide;
        item.HiddenReason = hide ? reason!.Trim() : null;
        audit.Record(actor, hide ? "inbox.hidden" : "inbox.shown", "InboxItem", item.Id, before, new { item.Hidden }, hide ? item.HiddenReason : reason);
        await db.SaveChangesAsync(ct);
        return item;
    }
}
