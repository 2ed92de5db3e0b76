using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Compliance;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Posts;

/// <summary>Draft → InReview, once every channel's text fits that channel.</summary>
public sealed class SubmitPost(AppDbContext db, AuditLog audit, TimeProvider clock, PostComplianceCheck compliance)
{
    public async Task<Result<Post>> HandleAsync(OrgActor actor, Guid postId, CancellationToken ct)
    {
        if (actor.Require(Permission.SubmitContent) is { } denied)
        {
            return denied;
        }

        var post = await PostQueries.LoadAsync(db, actor.OrganisationId, postId, ct);
        if (post is null)
        {
            return UseCaseError.NotFound("Post");
        }

        if (post.Status != PostStatus.Draft)
        {
            return UseCaseError.Conflict($"Only a draft can be submitted for review; this post is {post.Status}.");
        }

        if (ReadyCheck.Problems(post) is { } problem)
        {
            return problem;
        }

        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
        if (compliance.BlockingProblem(org, post) is { } blocked)
        {
            return blocked;
        }

        var before = PostSnapshot.Of(post);
        post.Status = PostStatus.InReview;
        post.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        post.Version++;
        audit.Record(actor, "post.submitted", "Post", post.Id, before, PostSnapshot.Of(post));
        await db.SaveChangesAsync(ct);
        return post;
    }
}

/// <summary>The checks that must hold whenever a post moves towards publication.</summary>
public static class ReadyCheck
{
    public static UseCaseError? Problems(Post post)
    {
        if (post.Targets.Count == 0)
        {
            return UseCaseError.Invalid("Choose at least one channel.", "targets");
        }

        var fields = new Dictionary<string, string[]>();
        foreach (var target in post.Targets)
        {
            var m = target.Channel!.Measure(post.TextFor(target));
            if (m.IsEmpty)
            {
                fields[$"variant:{target.ChannelId}"] = [$"{target.Channel.Name}: the text is empty."];
            }
            else if (!m.IsWithinLimit)
            {
                fields[$"variant:{target.ChannelId}"] =
                    [$"{target.Channel.Name}: {m.Length} of {m.MaxLength} {m.Unit} — shorten it by {m.Length - m.MaxLength} or write a variant for this channel."];
            }
        }

        return fields.Count == 0
            ? null
            : new UseCaseError(ErrorKind.Invalid, string.Join(" ", fields.Values.SelectMany(v => v)), fields);
    }
}
