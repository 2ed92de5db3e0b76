using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Crisis;

/// <summary>
/// One click from a holding statement to a Draft post on every active channel that takes text-only posts, with the promised update time filled in (two
/// hours ahead, on the hour, in the organisation's zone). It is created through <see cref="CreatePost"/> and then goes through
/// the normal compliance check and four-eyes approval; it is marked as a crisis statement so the publisher sends it even
/// while publishing is paused.
/// </summary>
public sealed class CreateHoldingDraft(AppDbContext db, CreatePost createPost, ConnectorRegistry connectors, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<Post>> HandleAsync(OrgActor actor, string statementKey, CancellationToken ct)
    {
        if (actor.Require(Permission.ManageCrisis) is { } denied)
        {
            return denied;
        }

        var statement = HoldingStatements.Find(statementKey);
        if (statement is null)
        {
            return UseCaseError.NotFound("Holding statement");
        }

        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var nowLocal = OrgClock.ToLocal(org.Zone, clock.GetUtcNow().UtcDateTime);
        var text = statement.TextWith(HoldingStatements.UpdateBy(nowLocal), nowLocal);
        var channels = (await db.Channels.AsNoTracking()
                .Where(c => c.OrganisationId == org.Id && c.Health != ChannelHealth.Disabled)
                .OrderBy(c => c.Name).ToListAsync(ct))
            .Where(TakesTextOnlyPosts).ToList();
        var input = new PostInput(statement.Title, text, ContentType.ServiceInfo, PathwayStage.General, null,
            channels.Select(c => new TargetInput(c.Id, null)).ToList());

        // The post and its crisis mark commit together, or neither does.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await createPost.HandleAsync(actor, input, ct);
        if (!created.IsSuccess)
        {
            return created;
        }

        var post = created.Value;
        db.CrisisStatementPosts.Add(new CrisisStatementPost
        {
            PostId = post.Id,
            OrganisationId = org.Id,
            StatementKey = statement.Key,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedById = actor.UserId,
        });
        audit.Record(actor, "crisis.statement_drafted", "Post", post.Id, null, new { Statement = statement.Key });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return post;
    }

    /// <summary>
    /// A holding statement is text: Instagram and YouTube need an image or a video, so their channels (and Sandbox channels that
    /// imitate them) are left out rather than given a draft that could never be published.
    /// </summary>
    private bool TakesTextOnlyPosts(Channel channel) =>
        connectors.Supports(channel.Platform) && connectors.For(channel).Features.HasFlag(ConnectorFeatures.Text)
        && (!connectors.Supports(channel.EffectivePlatform) || connectors.For(channel.EffectivePlatform).Features.HasFlag(ConnectorFeatures.Text));
}
