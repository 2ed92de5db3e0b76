using CareDialog.Core.Data;
using CareDialog.Core.Features.Crisis;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using CareDialog.Web.Features.Posts;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Features.Crisis;

public sealed record PauseDto(
    Guid Id, DateTime StartedAtUtc, string StartedBy, string Reason, Guid? CrisisAlertId,
    DateTime? EndedAtUtc, string? EndedBy, string? ResumeNote)
{
    public static PauseDto From(PublishingPause p) =>
        new(p.Id, p.StartedAtUtc, p.StartedByName, p.Reason, p.CrisisAlertId, p.EndedAtUtc, p.EndedByName, p.ResumeNote);
}

/// <summary>
/// Whether publishing is paused now, the latest pauses (history, newest first), how many scheduled posts a pause holds back
/// (crisis statements are not held), how many of them are already due (they go out on the first sweep after resume) and how
/// many alerts are open.
/// </summary>
public sealed record CrisisStateDto(bool Paused, PauseDto? Pause, int ScheduledPosts, int DueWhenResumed, int OpenAlerts, IReadOnlyList<PauseDto> History);

/// <summary>An alert with every number the detector used (counts only, never inbound text).</summary>
public sealed record CrisisAlertDto(
    Guid Id, Guid ChannelId, string Channel, DateTime DetectedAtUtc, int WindowMinutes, int WindowCount, int DistinctAuthors,
    double BaselineMean, double BaselineStdDev, int BaselineBuckets, bool NewChannel, int Threshold, string Explanation,
    int PeakWindowCount, DateTime LastSeenAtUtc, DateTime? SpikeEndedAtUtc, bool Open,
    DateTime? AcknowledgedAtUtc, string? AcknowledgedBy, DateTime? DismissedAtUtc, string? DismissedBy, string? DismissNote)
{
    public static CrisisAlertDto From(CrisisAlert a) => new(
        a.Id, a.ChannelId, a.Channel?.Name ?? "", a.DetectedAtUtc, a.WindowMinutes, a.WindowCount, a.DistinctAuthors,
        a.BaselineMean, a.BaselineStdDev, a.BaselineBuckets, a.NewChannel, a.Threshold, a.Explanation,
        a.PeakWindowCount, a.LastSeenAtUtc, a.SpikeEndedAtUtc, a.IsOpen,
        a.AcknowledgedAtUtc, a.AcknowledgedByName, a.DismissedAtUtc, a.DismissedByName, a.DismissNote);
}

/// <summary>A holding statement with its update time already filled in for the organisation's clock.</summary>
public sealed record HoldingStatementDto(string Key, string Language, string Title, string Text);

public sealed record PauseRequestDto(string? Reason, Guid? AlertId = null);

public sealed record ResumeRequestDto(string? Note);

public sealed record DismissRequestDto(string? Note);

public static class CrisisApi
{
    public static void MapCrisisApi(this WebApplication app)
    {
        var crisis = OrgScope.RequireMembership(app.MapGroup("/api/v1/orgs/{org}/crisis").WithTags("Crisis"));

        crisis.MapGet("/", async Task<Results<Ok<CrisisStateDto>, ProblemHttpResult>> (OrgScope scope, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewContent) is { } denied)
                {
                    return denied.ToProblem();
                }

                return TypedResults.Ok(await StateAsync(db, scope.Org.Id, clock.GetUtcNow().UtcDateTime, ct));
            })
            .WithName("GetCrisisState").WithSummary("Is publishing paused (by whom, since when, why), the pause history, held and due posts, open alerts.");

        crisis.MapPost("/pause", async Task<Results<Ok<CrisisStateDto>, ProblemHttpResult>> (
                OrgScope scope, PauseRequestDto body, PausePublishing uc, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(scope.Who, body.Reason, body.AlertId, ct);
                return result.IsSuccess ? TypedResults.Ok(await StateAsync(db, scope.Org.Id, clock.GetUtcNow().UtcDateTime, ct)) : result.Error!.ToProblem();
            })
            .WithName("PausePublishing").WithSummary("Stops all scheduled publishing of the organisation: { \"reason\" } (required, at most 1,000 characters). Manager.");

        crisis.MapPost("/resume", async Task<Results<Ok<CrisisStateDto>, ProblemHttpResult>> (
                OrgScope scope, ResumeRequestDto body, ResumePublishing uc, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(scope.Who, body.Note, ct);
                return result.IsSuccess ? TypedResults.Ok(await StateAsync(db, scope.Org.Id, clock.GetUtcNow().UtcDateTime, ct)) : result.Error!.ToProblem();
            })
            .WithName("ResumePublishing").WithSummary("Ends the pause: { \"note\" } (optional). Due posts go out on the next sweep. Manager.");

        crisis.MapGet("/alerts", async Task<Results<Ok<List<CrisisAlertDto>>, ProblemHttpResult>> (OrgScope scope, bool? open, AppDbContext db, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewInbox) is { } denied)
                {
                    return denied.ToProblem();
                }

                var q = db.CrisisAlerts.AsNoTracking().Include(a => a.Channel).Where(a => a.OrganisationId == scope.Org.Id);
                if (open is { } o)
                {
                    q = o ? q.Where(a => a.DismissedAtUtc == null) : q.Where(a => a.DismissedAtUtc != null);
                }

                var rows = await q.OrderByDescending(a => a.DetectedAtUtc).Take(100).ToListAsync(ct);
                return TypedResults.Ok(rows.Select(CrisisAlertDto.From).ToList());
            })
            .WithName("ListCrisisAlerts").WithSummary("Newest 100 negative-spike alerts with their numbers; ?open=true|false filters.");

        crisis.MapPost("/alerts/{id:guid}/acknowledge", async Task<Results<Ok<CrisisAlertDto>, ProblemHttpResult>> (
                OrgScope scope, Guid id, AcknowledgeCrisisAlert uc, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(scope.Who, id, ct);
                return result.IsSuccess ? TypedResults.Ok(CrisisAlertDto.From(result.Value)) : result.Error!.ToProblem();
            })
            .WithName("AcknowledgeCrisisAlert").WithSummary("\"I am on it\": the alert stays open and shows who took it. Manager.");

        crisis.MapPost("/alerts/{id:guid}/dismiss", async Task<Results<Ok<CrisisAlertDto>, ProblemHttpResult>> (
                OrgScope scope, Guid id, DismissRequestDto body, DismissCrisisAlert uc, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(scope.Who, id, body.Note, ct);
                return result.IsSuccess ? TypedResults.Ok(CrisisAlertDto.From(result.Value)) : result.Error!.ToProblem();
            })
            .WithName("DismissCrisisAlert").WithSummary("Closes the alert: { \"note\" } (optional). Manager.");

        crisis.MapGet("/holding-statements", Results<Ok<List<HoldingStatementDto>>, ProblemHttpResult> (OrgScope scope, string? language, TimeProvider clock) =>
            {
                if (scope.Who.Require(Permission.ViewContent) is { } denied)
                {
                    return denied.ToProblem();
                }

                return TypedResults.Ok(Statements(scope.Org, language, clock));
            })
            .WithName("ListHoldingStatements").WithSummary("Pre-approved holding statements in the organisation's language (or ?language=tr|da|fi|ru|en), update time filled in.");

        crisis.MapPost("/holding-statements/{language}/{id}/draft", async Task<Results<Created<PostDto>, ProblemHttpResult>> (
                OrgScope scope, string language, string id, CreateHoldingDraft uc, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(scope.Who, $"{language}/{id}", ct);
                return result.IsSuccess
                    ? TypedResults.Created($"/api/v1/orgs/{scope.Org.Slug}/posts/{result.Value.Id}", PostDto.From(result.Value, scope.Org))
                    : result.Error!.ToProblem();
            })
            .WithName("DraftFromHoldingStatement").WithSummary("Creates a Draft post from the statement on every active channel; it needs approval like any post and is sent even while publishing is paused. Manager.");
    }

    public static async Task<CrisisStateDto> StateAsync(AppDbContext db, Guid orgId, DateTime nowUtc, CancellationToken ct)
    {
        var history = await db.PublishingPauses.AsNoTracking().Where(p => p.OrganisationId == orgId)
            .OrderByDescending(p => p.StartedAtUtc).Take(20).ToListAsync(ct);
        var active = history.FirstOrDefault(p => p.IsActive);
        // Crisis statements are not held by a pause, so they are not counted as waiting for it.
        var scheduled = db.Posts.Where(p => p.OrganisationId == orgId && p.Status == PostStatus.Scheduled && !db.CrisisStatementPosts.Any(c => c.PostId == p.Id));
        return new CrisisStateDto(
            active is not null,
            active is null ? null : PauseDto.From(active),
            await scheduled.CountAsync(ct),
            await scheduled.CountAsync(p => p.ScheduledAtUtc <= nowUtc, ct),
            await db.CrisisAlerts.CountAsync(a => a.OrganisationId == orgId && a.DismissedAtUtc == null, ct),
            history.Select(PauseDto.From).ToList());
    }

    public static List<HoldingStatementDto> Statements(Organisation org, string? language, TimeProvider clock)
    {
        var nowLocal = OrgClock.ToLocal(org.Zone, clock.GetUtcNow().UtcDateTime);
        var updateBy = HoldingStatements.UpdateBy(nowLocal);
        return HoldingStatements.For(language ?? org.Language)
            .Select(s => new HoldingStatementDto(s.Key, s.Language, s.Title, s.TextWith(updateBy, nowLocal)))
            .ToList();
    }
}
