using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Compliance;

/// <summary>A ComplianceOfficer sets aside one finding on one post, with a written reason that approvers see.</summary>
public sealed class OverrideFinding(AppDbContext db, AuditLog audit, TimeProvider clock, PostComplianceCheck compliance)
{
    public async Task<Result<FindingOverride>> HandleAsync(OrgActor actor, Guid postId, string rule, string? reason, CancellationToken ct)
    {
        if (actor.Require(Permission.OverrideFinding) is { } denied)
        {
            return denied;
        }

        var post = await PostQueries.LoadAsync(db, actor.OrganisationId, postId, ct);
        if (post is null)
        {
            return UseCaseError.NotFound("Post");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10 || reason.Length > 2000)
        {
            return UseCaseError.Invalid("Write why this finding does not apply (10 to 2,000 characters); approvers will read it.", "reason");
        }

        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var present = compliance.Check(org, post).Channels.SelectMany(c => c.Result.Findings).Any(f => f.Rule == rule && !f.Satisfied);
        if (!present)
        {
            return UseCaseError.Invalid($"The post has no open finding of rule {rule}.", "rule");
        }

        if (post.Overrides.Any(o => o.Rule == rule))
        {
            return UseCaseError.Conflict($"Rule {rule} is already overridden on this post.");
        }

        var entry = new FindingOverride
        {
            PostId = post.Id,
            Rule = rule,
            Reason = reason.Trim(),
            ById = actor.UserId,
            ByName = actor.UserName,
            AtUtc = clock.GetUtcNow().UtcDateTime,
        };
        post.Overrides.Add(entry);
        audit.Record(actor, "compliance.finding_overridden", "Post", post.Id, null, new { Rule = rule }, entry.Reason);
        await db.SaveChangesAsync(ct);
        return entry;
    }
}
