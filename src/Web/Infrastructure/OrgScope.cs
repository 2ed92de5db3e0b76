using System.Reflection;
using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareDialog.Web.Infrastructure;

/// <summary>
/// The organisation named in the route ({org}: slug or id) and the signed-in user's actor in it. Bound for every
/// handler under /api/v1/orgs/{org}; <see cref="RequireMembership"/> answers 404 when the user is not a member, so
/// another organisation's data is indistinguishable from data that does not exist.
/// </summary>
public sealed record OrgScope(Organisation? Organisation, OrgActor? Actor)
{
    public Organisation Org => Organisation ?? throw new InvalidOperationException("Not a member.");
    public OrgActor Who => Actor ?? throw new InvalidOperationException("Not a member.");

    public static async ValueTask<OrgScope> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        var key = http.Request.RouteValues["org"] as string;
        if (http.User.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(key))
        {
            return new OrgScope(null, null);
        }

        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var resolved = await MembershipQueries.ResolveAsync(db, http.User.UserId(), http.User.DisplayName(), key, http.RequestAborted);
        return resolved is { } r ? new OrgScope(r.Org, r.Actor) : new OrgScope(null, null);
    }

    public static RouteGroupBuilder RequireMembership(RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (ctx, next) =>
            ctx.Arguments.OfType<OrgScope>().FirstOrDefault() is { Actor: null }
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Organisation not found",
                    detail: "No organisation with this name that you are a member of.")
                : await next(ctx));
}

public static class ProblemMapping
{
    /// <summary>UseCaseError → ProblemDetails with the status that says what went wrong.</summary>
    public static ProblemHttpResult ToProblem(this UseCaseError error)
    {
        var (status, title) = error.Kind switch
        {
            ErrorKind.Invalid => (StatusCodes.Status400BadRequest, "Invalid input"),
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            _ => (StatusCodes.Status409Conflict, "Conflict"),
        };
        var extensions = error.Fields is null
            ? null
            : new Dictionary<string, object?> { ["errors"] = error.Fields };
        return TypedResults.Problem(statusCode: status, title: title, detail: error.Message, extensions: extensions);
    }
}
