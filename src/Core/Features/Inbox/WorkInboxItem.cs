using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Inbox;

/// <summary>Who else has an item open (for the collision warning) when this person opens it; null when nobody.</summary>
public sealed record ClaimOutcome(InboxItem Item, string? AlsoOpenBy, DateTime? AlsoOpenUntilUtc, int Replies);

/// <summary>
/// The inbox's own workflow: opening an item marks it read and as being answered by that person for a while (so a second
/// responder is warned), assigning it to a colleague, and marking it done without a reply (praise, spam) or open again.
/// </summary>
public sealed class WorkInboxItem(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<ClaimOutcome>> OpenAsync(OrgActor actor, Guid itemId, CancellationToken ct)
    {
        if (actor.Require(Permission.ViewInbox) is { } denied)
        {
            return denied;
        }

        var item = await db.InboxItems.SingleOrDefaultAsync(i => i.Id == itemId && i.OrganisationId == actor.OrganisationId, ct);
        if (item is null)
        {
            return UseCaseError.NotFound("Inbox item");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (item.Status == InboxStatus.New)
        {
            item.Status = InboxStatus.Read;
        }

        string? other = null;
        DateTime? until = null;
        if (item.ClaimedByUserId is { } holder && holder != actor.UserId && item.ClaimedUntilUtc > now)
        {
            (other, until) = (item.ClaimedByName, item.ClaimedUntilUtc);
        }
        else if (actor.Can(Permission.RespondInbox) && item.Status != InboxStatus.Done)
        {
            var settings = await InboxSettings.LoadAsync(db, actor.OrganisationId, ct);
            item.ClaimedByUserId = actor.UserId;
            item.ClaimedByName = actor.UserName;
            item.ClaimedUntilUtc = now.AddMinutes(settings.ClaimMinutes);
        }

        var replies = await db.InboxReplies.CountAsync(r => r.InboxItemId == item.Id && r.State != ReplyState.Rejected && r.State != ReplyState.Failed, ct);
        await db.SaveChangesAsync(ct);
        return new ClaimOutcome(item, other, until, replies);
    }

    public async Task<Result<InboxItem>> AssignAsync(OrgActor actor, Guid itemId, string? userId, CancellationToken ct)
    {
        var (item, error) = await LoadAsync(actor, itemId, ct);
        if (error is not null)
        {
            return error;
        }

        string? name = null;
        if (!string.IsNullOrEmpty(userId)
            && (name = await MembershipQueries.NameOfMemberWhoMayAsync(db, actor.OrganisationId, userId, Permission.RespondInbox, ct)) is null)
        {
            return UseCaseError.Invalid("Assign the item to a member of this organisation who answers the inbox.", "userId");
        }

        var before = new { item!.AssigneeUserId };
        item.AssigneeUserId = string.IsNullOrEmpty(userId) ? null : userId;
        item.AssigneeName = name;
        audit.Record(actor, "inbox.assigned", "InboxItem", item.Id, before, new { item.AssigneeUserId });
        await db.SaveChangesAsync(ct);
        return item;
    }

    public async Task<Result<InboxItem>> SetDoneAsync(OrgActor actor, Guid itemId, bool done, CancellationToken ct)
    {
        var (item, error) = await LoadAsync(actor, itemId, ct);
        if (error is not null)
        {
            return error;
        }

        var before = new { item!.Status };
        item.Status = done ? InboxStatus.Done : InboxStatus.Read;
        if (done)
        {
            item.ClaimedByUserId = item.ClaimedByName = null;
            item.ClaimedUntilUtc = null;
        }

        audit.Record(actor, done ? "inbox.done" : "inbox.reopened", "InboxItem", item.Id, before, new { item.Status });
        await db.SaveChangesAsync(ct);
        return item;
    }

    private async Task<(InboxItem?, UseCaseError?)> LoadAsync(OrgActor actor, Guid itemId, CancellationToken ct)
    {
        if (actor.Require(Permission.RespondInbox) is { } denied)
        {
            return (null, denied);
        }

        var item = await db.InboxItems.SingleOrDefaultAsync(i => i.Id == itemId && i.OrganisationId == actor.OrganisationId, ct);
        return item is null ? (null, UseCaseError.NotFound("Inbox item")) : (item, null);
    }
}
