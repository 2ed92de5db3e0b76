using CareDialog.Core.Data;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareDialog.Web.Features.Posts;

public static class PostsApi
{
    public static void MapPostsApi(this WebApplication app)
    {
        var posts = OrgScope.RequireMembership(app.MapGroup("/api/v1/orgs/{org}/posts").WithTags("Posts"));

        posts.MapGet("/", ListAsync).WithName("ListPosts").WithSummary("Posts planned or published in [from, to) (UTC).");
        posts.MapGet("/{id:guid}", GetAsync).WithName("GetPost");
        posts.MapPost("/", CreateAsync).WithName("CreatePost");
        posts.MapPut("/{id:guid}", UpdateAsync).WithName("UpdatePost");
        posts.MapPost("/{id:guid}/submit", async (OrgScope scope, Guid id, SubmitPost uc, CancellationToken ct) =>
            Respond(scope, await uc.HandleAsync(scope.Who, id, ct))).WithName("SubmitPost");
        posts.MapPost("/{id:guid}/approve", async (OrgScope scope, Guid id, ReviewPost uc, CancellationToken ct) =>
            Respond(scope, await uc.HandleAsync(scope.Who, id, ReviewDecision.Approve, null, ct))).WithName("ApprovePost");
        posts.MapPost("/{id:guid}/reject", async (OrgScope scope, Guid id, ReviewRequest body, ReviewPost uc, CancellationToken ct) =>
            Respond(scope, await uc.HandleAsync(scope.Who, id, ReviewDecision.Reject, body.Reason, ct))).WithName("RejectPost");
        posts.MapPost("/{id:guid}/schedule", async (OrgScope scope, Guid id, ScheduleRequest body, SchedulePost uc, CancellationToken ct) =>
            Respond(scope, await uc.ScheduleAsync(scope.Who, id, body.ScheduledLocal, ct))).WithName("SchedulePost");
        posts.MapPost("/{id:guid}/unschedule", async (OrgScope scope, Guid id, SchedulePost uc, CancellationToken ct) =>
            Respond(scope, await uc.UnscheduleAsync(scope.Who, id, ct))).WithName("UnschedulePost");
    }

    private static async Task<Results<Ok<List<PostDto>>, ProblemHttpResult>> ListAsync(
        OrgScope scope, DateTime? from, DateTime? to, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (scope.Who.Require(Permission.ViewContent) is { } denied)
        {
            return denied.ToProblem();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var fromUtc = DateTime.SpecifyKind(from ?? now.AddDays(-31), DateTimeKind.Utc);
        var toUtc = DateTime.SpecifyKind(to ?? now.AddDays(31), DateTimeKind.Utc);
        if (toUtc <= fromUtc || toUtc - fromUtc > TimeSpan.FromDays(400))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid input", detail: "'to' must be after 'from' and the range at most 400 days.");
        }

        var list = await PostQueries.InRangeAsync(db, scope.Org.Id, fromUtc, toUtc, ct);
        return TypedResults.Ok(list.Select(p => PostDto.From(p, scope.Org)).ToList());
    }

    private static async Task<Results<Ok<PostDto>, ProblemHttpResult>> GetAsync(OrgScope scope, Guid id, AppDbContext db, CancellationToken ct)
    {
        if (scope.Who.Require(Permission.ViewContent) is { } denied)
        {
            return denied.ToProblem();
        }

        var post = await PostQueries.LoadAsync(db, scope.Org.Id, id, ct);
        return post is null
            ? Core.Common.UseCaseError.NotFound("Post").ToProblem()
            : TypedResults.Ok(PostDto.From(post, scope.Org));
    }

    private static async Task<Results<Created<PostDto>, ProblemHttpResult>> CreateAsync(
        OrgScope scope, PostInput body, CreatePost uc, CancellationToken ct)
    {
        var result = await uc.HandleAsync(scope.Who, body, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/orgs/{scope.Org.Slug}/posts/{result.Value.Id}", PostDto.From(result.Value, scope.Org))
            : result.Error!.ToProblem();
    }

    private static async Task<Results<Ok<PostDto>, ProblemHttpResult>> UpdateAsync(
        OrgScope scope, Guid id, UpdatePostRequest body, UpdatePost uc, CancellationToken ct) =>
        Respond(scope, await uc.HandleAsync(scope.Who, id, body.Version, body.Post, ct));

    private static Results<Ok<PostDto>, ProblemHttpResult> Respond(OrgScope scope, Core.Common.Result<Post> result) =>
        result.IsSuccess ? TypedResults.Ok(PostDto.From(result.Value, scope.Org)) : result.Error!.ToProblem();
}
