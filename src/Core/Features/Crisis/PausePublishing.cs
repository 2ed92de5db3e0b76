using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Crisis;

/// <summary>The pause and how many scheduled posts it holds back.</summary>
public sealed record PauseOutcome(PublishingPause Pause, int HeldPosts);

/// <summary>
/// Stops all scheduled publishing of the organisation, with a reason, until a Manager resumes it. Scheduled posts keep their
/// status and time: the publisher skips them while the pause is active, so nothing has to be re-scheduled afterwards. Posts
/// already being published finish. Audited.
/// </summary>
public sealed class PausePublishing(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<PauseOutcome>> HandleAsync(OrgActor actor, string? reason, Guid? alertId, CancellationToken ct)
    {
        if (actor.Require(Permission.ManageCrisis) is { } denied)
        {
            return denied;
        }

        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > PublishingPause.MaxTextLength)
        {
            return UseCaseError.Invalid("Say why publishing is paused (at most 1,000 characters).", "reason");
        }

        if (alertId is { } id && !await db.CrisisAlerts.AnyAsync(a => a.Id == id && a.OrganisationId == actor.OrganisationId, ct))
        {
            return UseCaseError.NotFound("Crisis alert");
        }

        if (await PublishingPauses.ActiveAsync(db, actor.OrganisationId, ct) is { } active)
        {
            return AlreadyPaused(active);
        }

        var pause = new PublishingPause
        {
            OrganisationId = actor.OrganisationId,
            StartedAtUtc = clock.GetUtcNow().UtcDateTime,
            StartedById = actor.UserId,
            StartedByName = actor.UserName,
            Reason = text,
            CrisisAlertId = alertId,
        };
        var held = await db.Posts.CountAsync(p => p.OrganisationId == actor.OrganisationId && p.Status == PostStatus.Scheduled
                                                  && !db.CrisisStatementPosts.Any(c => c.PostId == p.Id), ct);
        db.PublishingPauses.Add(pause);
        audit.Record(actor, "publishing.paused", "PublishingPause", pause.Id, null, new { pause.StartedAtUtc, HeldPosts = held, pause.CrisisAlertId }, pause.Reason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another Manager paused at the same moment: the one-active-pause index let theirs in.
            db.ChangeTracker.Clear();
            return await PublishingPauses.ActiveAsync(db, actor.OrganisationId, ct) is { } theirs ? AlreadyPaused(theirs) : throw new InvalidOperationException("Pause could not be stored.");
        }

        return new PauseOutcome(pause, held);
    }

    private static UseCaseError AlreadyPaused(PublishingPause active) =>
        UseCaseError.Conflict($"Publishing is already paused (since {active.StartedAtUtc:yyyy-MM-dd HH:mm} UTC, by {active.StartedByName}).");
}
