using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Media;
using CareDialog.Core.Features.Organisations;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Features.Media;

public sealed record MediaDto(Guid Id, string FileName, string ContentType, long SizeBytes, Guid? PostId, string Url);

public static class MediaApi
{
    public static void MapMediaApi(this WebApplication app)
    {
        var media = OrgScope.RequireMembership(app.MapGroup("/api/v1/orgs/{org}/media").WithTags("Media"));

        media.MapPost("/", async Task<Results<Created<MediaDto>, ProblemHttpResult>> (
                OrgScope scope, IFormFile file, Guid? postId, UploadMedia uc, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                var result = await uc.HandleAsync(scope.Who, file.FileName, stream, postId, ct);
                return result.IsSuccess
                    ? TypedResults.Created(UrlFor(scope.Org, result.Value.Id), ToDto(scope.Org, result.Value))
                    : result.Error!.ToProblem();
            })
            .DisableAntiforgery() // JSON/multipart API protected by the SameSite cookie; the UI uploads through the circuit.
            .WithName("UploadMedia");

        media.MapGet("/{id:guid}", async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> (
                OrgScope scope, Guid id, AppDbContext db, MediaStore store, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewContent) is { } denied)
                {
                    return denied.ToProblem();
                }

                var m = await db.Media.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.OrganisationId == scope.Org.Id, ct);
                return m is null ? UseCaseError.NotFound("File").ToProblem() : TypedResults.PhysicalFile(store.AbsolutePath(m), m.ContentType);
            })
            .WithName("GetMedia");

        // For platforms that download media while publishing (Instagram): anonymous, but only with an unexpired signed token.
        app.MapGet(PublicMediaLinks.RoutePrefix + "{token}", async Task<Results<PhysicalFileHttpResult, NotFound>> (
                string token, PublicMediaLinks links, AppDbContext db, MediaStore store, CancellationToken ct) =>
            {
                var id = links.Resolve(token);
                var m = id is null ? null : await db.Media.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
                return m is null ? TypedResults.NotFound() : TypedResults.PhysicalFile(store.AbsolutePath(m), m.ContentType);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    public static string UrlFor(Organisation org, Guid id) => $"/api/v1/orgs/{org.Slug}/media/{id}";

    public static MediaDto ToDto(Organisation org, MediaAttachment m) => new(m.Id, m.FileName, m.ContentType, m.SizeBytes, m.PostId, UrlFor(org, m.Id));
}
