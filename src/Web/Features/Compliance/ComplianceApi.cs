using CareDialog.Compliance;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Compliance;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareDialog.Web.Features.Compliance;

public sealed record CheckTextRequest(string Text, string? Platform);

public sealed record OverrideRequest(string Rule, string? Reason);

public static class ComplianceApi
{
    public static void MapComplianceApi(this WebApplication app)
    {
        var org = OrgScope.RequireMembership(app.MapGroup("/api/v1/orgs/{org}").WithTags("Compliance"));

        org.MapPost("/compliance/check", Results<Ok<CheckResult>, ProblemHttpResult> (OrgScope scope, CheckTextRequest body, IComplianceChecker engine) =>
            {
                if (scope.Who.Require(Permission.ViewContent) is { } denied)
                {
                    return denied.ToProblem();
                }

                if (body.Text is null || body.Text.Length > PostRules.MaxTextLength)
                {
                    return UseCaseError.Invalid($"Send a text of at most {PostRules.MaxTextLength:N0} characters.", "text").ToProblem();
                }

                Platform? platform = null;
                if (body.Platform is not null)
                {
                    if (!PlatformNames.TryParse(body.Platform, out var p))
                    {
                        return UseCaseError.Invalid("Unknown platform; use facebook, instagram, x, linkedin, youtube, telegram, vk or sandbox.", "platform").ToProblem();
                    }

                    platform = p;
                }

                return TypedResults.Ok(engine.Check(new CheckRequest(body.Text, PostComplianceCheck.JurisdictionOf(scope.Org.Country), platform,
                    OwnContacts: scope.Org.PublicContactList)));
            })
            .WithName("CheckText").WithSummary("Check a text against the organisation's rule packs, as the editor does.");

        org.MapGet("/posts/{id:guid}/compliance", async Task<Results<Ok<PostCheck>, ProblemHttpResult>> (
                OrgScope scope, Guid id, AppDbContext db, PostComplianceCheck compliance, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewContent) is { } denied)
                {
                    return denied.ToProblem();
                }

                var post = await PostQueries.LoadAsync(db, scope.Org.Id, id, ct);
                return post is null ? UseCaseError.NotFound("Post").ToProblem() : TypedResults.Ok(compliance.Check(scope.Org, post));
            })
            .WithName("CheckPost");

        org.MapPost("/posts/{id:guid}/overrides", async Task<Results<Ok<FindingOverride>, ProblemHttpResult>> (
                OrgScope scope, Guid id, OverrideRequest body, OverrideFinding uc, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(scope.Who, id, body.Rule ?? "", body.Reason, ct);
                return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
            })
            .WithName("OverrideFinding");
    }
}
