using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Compliance;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Posts;

/// <summary>
/// Approved (or Failed, to retry the channels that failed) → Scheduled at a wall-clock time in the organisation's zone;
/// and back to Approved when unscheduled.
/// </summary>
public sealed class SchedulePost(AppDbContext db, AuditLog audit, TimeProvider clock, PostComplianceCheck compliance)
{
    public async Task<Result<Post>> ScheduleAsync(OrgActor actor, Guid postId, DateTime local, CancellationToken ct)
    {
        if (actor.Require(Permission.ScheduleContent) is { } denied)
        {
            return denied;
        }

        var post = await PostQueries.LoadAsync(db, actor.OrganisationId, postId, ct);
        if (post is null)
        {
            return UseCaseError.NotFound("Post");
        }

        if (post.Status is not (PostStatus.Approved or PostStatus.Failed or PostStatus.Scheduled))
        {
            return UseCaseError.Conflict($"Only an approved post can be scheduled; this post is {post.Status}.");
        }

        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var utc = OrgClock.ToUtc(org.Zone, local);
        if (utc.Error is { } e)
        {
            return e;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (utc.Value <= now)
        {
            var nowLocal = OrgClock.ToLocal(org.Zone, now);
            return UseCaseError.Invalid(
                $"{OrgClock.Format(local).Replace('T', ' ')} is in the past ({org.TimeZone} time is now {OrgClock.Format(nowLocal).Replace('T', ' ')}).",
                "scheduledLocal");
        }

        // Checked again at scheduling: a consent may have expired or been withdrawn since approval, and the date matters.
        if (compliance.BlockingProblem(org, post, utc.Value) is { } blocked)
        {
            return blocked;
        }

        var before = PostSnapshot.Of(post);
        foreach (var failed in post.Targets.Where(t => t.State == PublicationState.Failed))
        {
            failed.State = PublicationState.Pending;
            failed.Attempts = 0;
            failed.NextAttemptAtUtc = null;
        }

        post.Status = PostStatus.Scheduled;
        post.ScheduledAtUtc = utc.Value;
        post.ScheduledLocal = OrgClock.Format(local);
        post.LastError = null;
        post.UpdatedAtUtc = now;
        post.Version++;
        audit.Record(actor, "post.scheduled", "Post", post.Id, before, PostSnapshot.Of(post));
        await db.SaveChangesAsync(ct);
        return post;
    }

    public async Task<Result<Post>> UnscheduleAsync(OrgActor actor, Guid postId, CancellationToken ct)
    {
        if (actor.Require(Permission.ScheduleContent) is { } denied)
        {
            return denied;
        }

        var post = await PostQueries.LoadAsync(db, actor.OrganisationId, postId, ct);
        if (post is null)
        {
            return UseCaseError.NotFound("Post");
        }

        if (post.Status != PostStatus.Scheduled)
        {
            return UseCaseError.Conflict($"Only a scheduled post can be unscheduled; this post is {post.Status}.");
        }

        var before = PostSnapshot.Of(post);
        post.Status = PostStatus.Approved;
        post.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        post.Version++;
        audit.Record(actor, "post.unscheduled", "Post", post.Id, before, PostSnapshot.Of(post));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseError.Conflict("The publisher took this post at the same moment; it can no longer be unscheduled.");
        }

        return post;
    }
}
