using CareDialog.Core.Data;
using CareDialog.Core.Features.Organisations;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareDialog.Web.Features.Organisations;

public sealed record OrganisationDto(Guid Id, string Name, string Slug, string Country, string TimeZone, string Language, IReadOnlyList<string> Roles)
{
    public static OrganisationDto From(Organisation o, OrgRole roles) =>
        new(o.Id, o.Name, o.Slug, o.Country, o.TimeZone, o.Language, Permissions.Split(roles).Select(r => r.ToString()).ToList());
}

public static class OrganisationsApi
{
    public static void MapOrganisationsApi(this WebApplication app)
    {
        app.MapGet("/api/v1/orgs", async (HttpContext http, AppDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await MembershipQueries.ForUserAsync(db, http.User.UserId(), ct))
                    .Select(m => OrganisationDto.From(m.Organisation, m.Roles)).ToList()))
            .WithTags("Organisations").WithName("ListMyOrganisations");

        var org = OrgScope.RequireMembership(app.MapGroup("/api/v1/orgs/{org}").WithTags("Organisations"));
        org.MapGet("/", (OrgScope scope) => TypedResults.Ok(OrganisationDto.From(scope.Org, scope.Who.Roles))).WithName("GetOrganisation");
        org.MapPut("/", async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> (
                OrgScope scope, OrganisationInput body, UpdateOrganisation uc, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(scope.Who, body, ct);
                return result.IsSuccess ? TypedResults.Ok(OrganisationDto.From(result.Value, scope.Who.Roles)) : result.Error!.ToProblem();
            })
            .WithName("UpdateOrganisation");
    }
}
