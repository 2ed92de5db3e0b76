using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Crisis;

/// <summary>The ended pause and how many scheduled posts are already due, so they go out on the publisher's next sweep.</summary>
public sealed record ResumeOutcome(PublishingPause Pause, int DueNow);

/// <summary>
/// Ends the active pause (the row stays, with who resumed it, when and an optional note). Posts whose time passed during the
/// pause are published on the next sweep, which is why the outcome says how many there are: the page lists them before
/// the Manager resumes, so one that no longer fits can be unscheduled first. Audited.
/// </summary>
public sealed class ResumePublishing(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<ResumeOutcome>> HandleAsync(OrgActor actor, string? note, CancellationToken ct)
    {
        if (actor.Require(Permission.ManageCrisis) is { } denied)
        {
            return denied;
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > PublishingPause.MaxTextLength })
        {
            return UseCaseError.Invalid("The note may be at most 1,000 characters.", "note");
        }

        var pause = await db.PublishingPauses.SingleOrDefaultAsync(p => p.OrganisationId == actor.OrganisationId && p.EndedAtUtc == null, ct);
        if (pause is null)
        {
            return UseCaseError.Conflict("Publishing is not paused.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        pause.EndedAtUtc = now;
        pause.EndedById = actor.UserId;
        pause.EndedByName = actor.UserName;
        pause.ResumeNote = text;
        var due = await db.Posts.CountAsync(p => p.OrganisationId == actor.OrganisationId && p.Status == PostStatus.Scheduled && p.ScheduledAtUtc <= now
                                                && !db.CrisisStatementPosts.Any(c => c.PostId == p.Id), ct);
        audit.Record(actor, "publishing.resumed", "PublishingPause", pause.Id,
            new { pause.StartedAtUtc, pause.StartedByName, pause.Reason }, new { pause.EndedAtUtc, DueNow = due }, text);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else resumed it between our read and our write (EndedAtUtc is a concurrency token).
            db.ChangeTracker.Clear();
            return UseCaseError.Conflict("Publishing was resumed by someone else a moment ago.");
        }

        return new ResumeOutcome(pause, due);
    }
}
