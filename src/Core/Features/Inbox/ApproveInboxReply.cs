using CareDialog.Compliance;
using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// Approves (and sends) or rejects a reply held for approval. Four-eyes: the writer cannot approve their own reply. The text is
/// checked again, since rule packs or consents may have changed while it waited. A rejected reply is kept with the reason.
/// </summary>
public sealed class ApproveInboxReply(AppDbContext db, ReplyToInboxItem replies, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<InboxReply>> HandleAsync(OrgActor actor, Guid replyId, bool approve, string? reason, CancellationToken ct)
    {
        if (actor.Require(Permission.ApproveReplies) is { } denied)
        {
            return denied;
        }

        var reply = await db.InboxReplies.SingleOrDefaultAsync(r => r.Id == replyId, ct);
        var item = reply is null ? null : await db.InboxItems.Include(i => i.Channel).SingleOrDefaultAsync(i => i.Id == reply.InboxItemId && i.OrganisationId == actor.OrganisationId, ct);
        if (reply is null || item is null)
        {
            return UseCaseError.NotFound("Reply");
        }

        if (reply.State != ReplyState.PendingApproval)
        {
            return UseCaseError.Conflict($"This reply is {reply.State}, not waiting for approval.");
        }

        if (reply.ByUserId == actor.UserId)
        {
            return UseCaseError.Forbidden("You wrote this reply; someone else has to approve it (four-eyes).");
        }

        var note = reason?.Trim();
        if (!approve && (string.IsNullOrEmpty(note) || note.Length > 1000))
        {
            return UseCaseError.Invalid("Say why the reply is rejected (at most 1,000 characters), so the writer can fix it.", "reason");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        reply.ReviewedByUserId = actor.UserId;
        reply.ReviewedByName = actor.UserName;
        reply.ReviewedAtUtc = now;
        if (!approve)
        {
            reply.State = ReplyState.Rejected;
            reply.Error = note;
            audit.Record(actor, "inbox.reply_rejected", "InboxItem", item.Id, null, new { Reply = reply.Id }, note);
            await db.SaveChangesAsync(ct);
            return reply;
        }

        if (replies.CanReply(item) is { } unsupported)
        {
            return unsupported;
        }

        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var check = replies.Check(org, item, reply.Text);
        if (check.Verdict == Verdict.Block)
        {
            var finding = check.Findings.First(f => f.Severity == Severity.Block && !f.Satisfied);
            return UseCaseError.Invalid($"The reply cannot be sent any more: {finding.Rule}. {finding.MessageEn} Reject it with a reason instead.");
        }

        reply.State = ReplyState.Sending;
        audit.Record(actor, "inbox.reply_approved", "InboxItem", item.Id, null, new { Reply = reply.Id, Writer = reply.ByUserId }, note);
        await replies.SendAsync(actor, item, reply, ct);
        return reply;
    }
}
