using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Features.Audit;

public static class AuditApi
{
    public static void MapAuditApi(this WebApplication app)
    {
        var audit = OrgScope.RequireMembership(app.MapGroup("/api/v1/orgs/{org}/audit").WithTags("Audit"));
        audit.MapGet("/", async Task<Results<Ok<List<AuditEntry>>, ProblemHttpResult>> (
                OrgScope scope, string? entityId, int? take, AppDbContext db, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewAudit) is { } denied)
                {
                    return denied.ToProblem();
                }

                return TypedResults.Ok(await Query(db, scope.Org.Id, entityId, Math.Clamp(take ?? 200, 1, 1000)).ToListAsync(ct));
            })
            .WithName("ListAudit");
        audit.MapGet("/verify", async Task<Results<Ok<AuditChainReport>, ProblemHttpResult>> (OrgScope scope, AppDbContext db, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewAudit) is { } denied)
                {
                    return denied.ToProblem();
                }

                return TypedResults.Ok(await AuditChain.VerifyAsync(db, ct));
            })
            .WithName("VerifyAudit").WithSummary("Walks the whole hash chain of the audit log and reports the first entry that was changed, removed or inserted.");
    }

    public static IQueryable<AuditEntry> Query(AppDbContext db, Guid orgId, string? entityId, int take) =>
        db.AuditEntries.AsNoTracking()
            .Where(a => a.OrganisationId == orgId && (entityId == null || a.EntityId == entityId))
            .OrderByDescending(a => a.Id)
            .Take(take);
}
