using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Compliance;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Posts;

public enum ReviewDecision { Approve, Reject }

/// <summary>
/// The single approval step (issue #6 grows it into chains): a Manager who neither wrote nor last edited the post
/// approves it, or rejects it with a reason that goes back to the author.
/// </summary>
public sealed class ReviewPost(AppDbContext db, AuditLog audit, TimeProvider clock, PostComplianceCheck compliance)
{
    public async Task<Result<Post>> HandleAsync(OrgActor actor, Guid postId, ReviewDecision decision, string? reason, CancellationToken ct)
    {
        if (actor.Require(Permission.ApproveContent) is { } denied)
        {
            return denied;
        }

        var post = await PostQueries.LoadAsync(db, actor.OrganisationId, postId, ct);
        if (post is null)
        {
            return UseCaseError.NotFound("Post");
        }

        if (post.Status != PostStatus.InReview)
        {
            return UseCaseError.Conflict($"Only a post in review can be approved or rejected; this post is {post.Status}.");
        }

        if (post.AuthorId == actor.UserId || post.LastEditedById == actor.UserId)
        {
            return UseCaseError.Forbidden("You wrote or last edited this post, so someone else must review it (four-eyes rule).");
        }

        var cleanReason = reason?.Trim();
        if (decision == ReviewDecision.Reject && string.IsNullOrEmpty(cleanReason))
        {
            return UseCaseError.Invalid("Say why the post is rejected, so the author can fix it.", "reason");
        }

        if (cleanReason is { Length: > 2000 })
        {
            return UseCaseError.Invalid("The reason may be at most 2,000 characters.", "reason");
        }

        if (decision == ReviewDecision.Approve && ReadyCheck.Problems(post) is { } problem)
        {
            return problem;
        }

        if (decision == ReviewDecision.Approve
            && compliance.BlockingProblem(await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct), post) is { } blocked)
        {
            return blocked;
        }

        var before = PostSnapshot.Of(post);
        post.Status = decision == ReviewDecision.Approve ? PostStatus.Approved : PostStatus.Rejected;
        post.ReviewedById = actor.UserId;
        post.ReviewedByName = actor.UserName;
        post.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
        post.RejectionReason = decision == ReviewDecision.Reject ? cleanReason : null;
        post.UpdatedAtUtc = post.ReviewedAtUtc.Value;
        post.Version++;
        audit.Record(actor, decision == ReviewDecision.Approve ? "post.approved" : "post.rejected", "Post", post.Id,
            before, PostSnapshot.Of(post), cleanReason);
        await db.SaveChangesAsync(ct);
        return post;
    }
}
