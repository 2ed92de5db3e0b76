using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Posts;

public sealed class CreatePost(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<Post>> HandleAsync(OrgActor actor, PostInput input, CancellationToken ct)
    {
        if (actor.Require(Permission.EditContent) is { } denied)
        {
            return denied;
        }

        var org = await db.Organisations.SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var post = new Post
        {
            OrganisationId = org.Id,
            Title = "",
            Text = "",
            Status = PostStatus.Draft,
            AuthorId = actor.UserId,
            AuthorName = actor.UserName,
            LastEditedById = actor.UserId,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        if (await input.ApplyToAsync(post, org, db, ct) is { } error)
        {
            return error;
        }

        db.Posts.Add(post);
        audit.Record(actor, "post.created", "Post", post.Id, null, PostSnapshot.Of(post));
        await db.SaveChangesAsync(ct);
        return post;
    }
}
