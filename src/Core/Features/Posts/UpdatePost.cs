using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Posts;

/// <summary>
/// Edits a post. Editing after review, approval or scheduling sends it back to Draft: an approval covers the text that
/// was approved, not whatever the text becomes afterwards.
/// </summary>
public sealed class UpdatePost(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<Post>> HandleAsync(OrgActor actor, Guid postId, int expectedVersion, PostInput input, CancellationToken ct)
    {
        if (actor.Require(Permission.EditContent) is { } denied)
        {
            return denied;
        }

        var post = await PostQueries.LoadAsync(db, actor.OrganisationId, postId, ct);
        if (post is null)
        {
            return UseCaseError.NotFound("Post");
        }

        if (post.Version != expectedVersion)
        {
            return UseCaseError.Conflict("Someone else changed this post since you opened it. Reload to see their changes.");
        }

        if (!post.IsEditable)
        {
            return UseCaseError.Conflict($"A post that is {post.Status} can no longer be edited.");
        }

        var org = await db.Organisations.SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var before = PostSnapshot.Of(post);
        var wordingBefore = Wording(post);
        if (await input.ApplyToAsync(post, org, db, ct) is { } error)
        {
            return error;
        }

        if (post.Overrides.Count > 0 && Wording(post) != wordingBefore)
        {
            // An override covered the words a ComplianceOfficer read; new words need a new look.
            audit.Record(actor, "post.overrides_cleared", "Post", post.Id, new { Rules = post.Overrides.Select(o => o.Rule).ToList() }, null);
            post.Overrides.Clear();
        }

        if (post.Status != PostStatus.Draft)
        {
            post.Status = PostStatus.Draft;
            post.ReviewedById = null;
            post.ReviewedByName = null;
            post.ReviewedAtUtc = null;
        }

        post.LastEditedById = actor.UserId;
        post.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        post.Version++;
        audit.Record(actor, "post.edited", "Post", post.Id, before, PostSnapshot.Of(post));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseError.Conflict("Someone else changed this post at the same moment. Reload to see their changes.");
        }

        return post;
    }

    private static string Wording(Post post) =>
        post.Text + "\u0001" + string.Join("\u0001", post.Targets.OrderBy(t => t.ChannelId).Select(t => $"{t.ChannelId}:{t.VariantText}"));
}
