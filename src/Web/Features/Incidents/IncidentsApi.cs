using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Incidents;
using CareDialog.Core.Features.Organisations;
using CareDialog.Triage;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Features.Incidents;

/// <summary>Where an answer deadline stands: met, met late, open and on track, open after its warning, or breached.</summary>
public static class DeadlineState
{
    public static string Of(DateTime dueUtc, DateTime warnAtUtc, DateTime? answeredAtUtc, DateTime nowUtc) =>
        answeredAtUtc is { } at ? (at <= dueUtc ? "met" : "met-late")
        : nowUtc > dueUtc ? "breached"
        : nowUtc >= warnAtUtc ? "warning"
        : "on-track";
}

public sealed record IncidentSummaryDto(
    Guid Id, int Number, string Title, string Category, string Unit, string Status, bool Urgent, string? Assignee,
    DateTime ReceivedAtUtc, DateTime FirstAnswerDueUtc, string FirstAnswer, DateTime FinalAnswerDueUtc, string FinalAnswer, int Version,
    string? Outcome, bool OutcomeChangedSomething, DateTime? ResolvedAtUtc)
{
    public static IncidentSummaryDto From(Incident i, DateTime now) => new(
        i.Id, i.Number, i.Title, i.Category.ToString(), i.Unit, i.Status.ToString(), i.Urgent, i.AssigneeName, i.ReceivedAtUtc,
        i.FirstAnswerDueUtc, DeadlineState.Of(i.FirstAnswerDueUtc, i.FirstAnswerWarnAtUtc, i.FirstAnsweredAtUtc, now),
        i.FinalAnswerDueUtc, DeadlineState.Of(i.FinalAnswerDueUtc, i.FinalAnswerWarnAtUtc, i.FinalAnsweredAtUtc, now), i.Version,
        i.Outcome, i.OutcomeChangedSomething, i.ResolvedAtUtc);
}

public sealed record IncidentEntryDto(string Kind, string Text, string By, DateTime AtUtc);

public sealed record IncidentMessageDto(Guid InboxItemId, string Channel, string Author, string Text, bool Masked, DateTime CreatedAtUtc);

public sealed record IncidentDto(
    IncidentSummaryDto Summary, DateTime? FirstAnsweredAtUtc, DateTime? FinalAnsweredAtUtc, string? Outcome, bool OutcomeChangedSomething,
    IReadOnlyList<string> NextStatuses, IReadOnlyList<IncidentMessageDto> Messages, IReadOnlyList<IncidentEntryDto> Timeline);

public sealed record OpenIncidentDto(Guid InboxItemId, ComplaintCategory? Category, string? Title, bool? Urgent);
public sealed record StatusDto(IncidentStatus To, string? Note, string? Outcome, bool OutcomeChangedSomething, int? Version);
public sealed record NoteDto(string? Text);
public sealed record AssignDto(string? UserId);
public sealed record LinkDto(Guid InboxItemId);
public sealed record AnswerDto(AnswerKind Kind, string? Text, Guid? InboxItemId);
public sealed record IncidentSettingsDto(
    int FirstAnswerMinutes, int UrgentFirstAnswerMinutes, int FinalAnswerWorkingDays, int WarnAtPercent, string WeekdayHours,
    string SaturdayHours, string SundayHours, bool UseNationalHolidays, string ExtraClosedDays, string DefaultUnit, bool AutoOpenComplaints,
    IReadOnlyList<RoutingRuleInput> Rules);

public static class IncidentsApi
{
    public static void MapIncidentsApi(this WebApplication app)
    {
        var g = OrgScope.RequireMembership(app.MapGroup("/api/v1/orgs/{org}/incidents").WithTags("Incidents"));

        g.MapGet("/", async Task<Results<Ok<List<IncidentSummaryDto>>, ProblemHttpResult>> (
                OrgScope scope, AppDbContext db, TimeProvider clock, string? status, string? unit, ComplaintCategory? category, bool? breached, bool? changed, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewIncidents) is { } denied)
                {
                    return denied.ToProblem();
                }

                var q = db.Incidents.AsNoTracking().Where(i => i.OrganisationId == scope.Org.Id);
                if (!string.IsNullOrEmpty(status))
                {
                    if (status == "open")
                    {
                        q = q.Where(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed);
                    }
                    else if (Enum.TryParse<IncidentStatus>(status, true, out var s) && Enum.IsDefined(s))
                    {
                        q = q.Where(i => i.Status == s);
                    }
                    else
                    {
                        return TypedResults.Problem(statusCode: 400, title: "Invalid input", detail: "status is open, new, acknowledged, inprogress, resolved or closed.");
                    }
                }

                if (!string.IsNullOrEmpty(unit))
                {
                    q = q.Where(i => i.Unit == unit);
                }

                if (category is { } c)
                {
                    q = q.Where(i => i.Category == c);
                }

                if (changed == true)
                {
                    // "You asked, we did": the resolved incidents that changed something.
                    q = q.Where(i => i.OutcomeChangedSomething && i.ResolvedAtUtc != null);
                }

                var now = clock.GetUtcNow().UtcDateTime;
                if (breached == true)
                {
                    q = q.Where(i => (i.FirstAnsweredAtUtc == null && i.FirstAnswerDueUtc < now) || (i.FinalAnsweredAtUtc == null && i.FinalAnswerDueUtc < now && i.Status != IncidentStatus.Closed));
                }

                var rows = await q.OrderBy(i => i.Status == IncidentStatus.Closed).ThenBy(i => i.FirstAnsweredAtUtc == null ? i.FirstAnswerDueUtc : i.FinalAnswerDueUtc)
                    .Take(500).ToListAsync(ct);
                return TypedResults.Ok(rows.Select(i => IncidentSummaryDto.From(i, now)).ToList());
            })
            .WithName("ListIncidents").WithSummary("Incidents, the nearest deadline first, with their outcome. Filters: status (or 'open'), unit, category, breached, changed ('you asked, we did').");

        g.MapGet("/{number:int}", async Task<Results<Ok<IncidentDto>, ProblemHttpResult>> (OrgScope scope, int number, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewIncidents) is { } denied)
                {
                    return denied.ToProblem();
                }

                var incident = await LoadAsync(db, scope.Org.Id, number, ct);
                return incident is null
                    ? TypedResults.Problem(statusCode: 404, title: "Not found", detail: "Incident was not found.")
                    : TypedResults.Ok(ToDto(incident, scope, clock.GetUtcNow().UtcDateTime));
            })
            .WithName("GetIncident").WithSummary("One incident with its messages (patient data masked unless you may answer) and timeline; notes only for roles that work incidents.");

        g.MapPost("/", async Task<Results<Created<IncidentSummaryDto>, ProblemHttpResult>> (OrgScope scope, OpenIncidentDto body, OpenIncident uc, TimeProvider clock, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(scope.Who, new OpenIncidentInput(body.InboxItemId, body.Category, body.Title, body.Urgent), ct);
                return result.IsSuccess
                    ? TypedResults.Created($"/api/v1/orgs/{scope.Org.Slug}/incidents/{result.Value.Number}", IncidentSummaryDto.From(result.Value, clock.GetUtcNow().UtcDateTime))
                    : result.Error!.ToProblem();
            })
            .WithName("OpenIncident").WithSummary("Opens an incident for an inbox message; category suggested from the text unless given; routed by the rules.");

        g.MapPost("/{number:int}/status", (OrgScope scope, int number, StatusDto body, WorkIncident uc, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                RunAsync(scope, number, db, clock, id => uc.ChangeStatusAsync(scope.Who, id, new ChangeStatusInput(body.To, body.Note, body.Outcome, body.OutcomeChangedSomething, body.Version), ct), ct))
            .WithName("ChangeIncidentStatus").WithSummary("New → Acknowledged → InProgress → Resolved (needs the outcome) → Closed (needs the final answer or a note).");
        g.MapPost("/{number:int}/notes", (OrgScope scope, int number, NoteDto body, WorkIncident uc, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                RunAsync(scope, number, db, clock, id => uc.AddNoteAsync(scope.Who, id, body.Text, ct), ct))
            .WithName("AddIncidentNote");
        g.MapPost("/{number:int}/assign", (OrgScope scope, int number, AssignDto body, WorkIncident uc, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                RunAsync(scope, number, db, clock, id => uc.AssignAsync(scope.Who, id, body.UserId, ct), ct))
            .WithName("AssignIncident");
        g.MapPost("/{number:int}/route", (OrgScope scope, int number, RerouteInput body, WorkIncident uc, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                RunAsync(scope, number, db, clock, id => uc.RerouteAsync(scope.Who, id, body, ct), ct))
            .WithName("RerouteIncident");
        g.MapPost("/{number:int}/links", (OrgScope scope, int number, LinkDto body, WorkIncident uc, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                RunAsync(scope, number, db, clock, id => uc.LinkMessageAsync(scope.Who, id, body.InboxItemId, ct), ct))
            .WithName("LinkIncidentMessage");
        g.MapPost("/{number:int}/answers", async Task<Results<Ok<IncidentDto>, ProblemHttpResult>> (OrgScope scope, int number, AnswerDto body, AnswerIncident uc, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var id = await IdOfAsync(db, scope.Org.Id, number, ct);
                if (id is null)
                {
                    return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "Incident was not found.");
                }

                var result = await uc.HandleAsync(scope.Who, id.Value, new AnswerIncidentInput(body.Kind, body.Text, body.InboxItemId), ct);
                if (!result.IsSuccess)
                {
                    return result.Error!.ToProblem();
                }

                if (result.Value.Reply.State != ReplyState.Sent)
                {
                    return TypedResults.Problem(statusCode: 502, title: "Not sent", detail: result.Value.Reply.Error ?? "The platform did not confirm the answer.");
                }

                db.ChangeTracker.Clear();
                return TypedResults.Ok(ToDto((await LoadAsync(db, scope.Org.Id, number, ct))!, scope, clock.GetUtcNow().UtcDateTime));
            })
            .WithName("AnswerIncident").WithSummary("Sends an interim or final public answer to one of the incident's messages; checked by the compliance engine first.");

        g.MapGet("/settings", async Task<Results<Ok<IncidentSettingsDto>, ProblemHttpResult>> (OrgScope scope, AppDbContext db, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewIncidents) is { } denied)
                {
                    return denied.ToProblem();
                }

                return TypedResults.Ok(await SettingsDtoAsync(db, scope.Org, ct));
            })
            .WithName("GetIncidentSettings");
        g.MapPut("/settings", async Task<Results<Ok<IncidentSettingsDto>, ProblemHttpResult>> (OrgScope scope, IncidentSettingsDto body, ConfigureIncidents uc, AppDbContext db, CancellationToken ct) =>
            {
                var saved = await uc.UpdateAsync(scope.Who, new IncidentSettingsInput(
                    body.FirstAnswerMinutes, body.UrgentFirstAnswerMinutes, body.FinalAnswerWorkingDays, body.WarnAtPercent, body.WeekdayHours,
                    body.SaturdayHours, body.SundayHours, body.UseNationalHolidays, body.ExtraClosedDays, body.DefaultUnit, body.AutoOpenComplaints), ct);
                if (!saved.IsSuccess)
                {
                    return saved.Error!.ToProblem();
                }

                var rules = await uc.ReplaceRulesAsync(scope.Who, body.Rules ?? [], ct);
                if (!rules.IsSuccess)
                {
                    return rules.Error!.ToProblem();
                }

                db.ChangeTracker.Clear();
                return TypedResults.Ok(await SettingsDtoAsync(db, scope.Org, ct));
            })
            .WithName("UpdateIncidentSettings").WithSummary("Deadlines (minutes of working time, working days), working hours, closed days, default unit, automatic opening and routing rules.");
    }

    private static async Task<IncidentSettingsDto> SettingsDtoAsync(AppDbContext db, Organisation org, CancellationToken ct)
    {
        var s = await ConfigureIncidents.LoadAsync(db, org, ct);
        var rules = await db.IncidentRoutingRules.AsNoTracking().Where(r => r.OrganisationId == org.Id).OrderBy(r => r.Order)
            .Select(r => new RoutingRuleInput(r.Category, r.Keyword, r.ChannelId, r.Unit)).ToListAsync(ct);
        return new IncidentSettingsDto(s.FirstAnswerMinutes, s.UrgentFirstAnswerMinutes, s.FinalAnswerWorkingDays, s.WarnAtPercent, s.WeekdayHours,
            s.SaturdayHours, s.SundayHours, s.UseNationalHolidays, s.ExtraClosedDays, s.DefaultUnit, s.AutoOpenComplaints, rules);
    }

    private static async Task<Results<Ok<IncidentDto>, ProblemHttpResult>> RunAsync(
        OrgScope scope, int number, AppDbContext db, TimeProvider clock, Func<Guid, Task<Result<Incident>>> action, CancellationToken ct)
    {
        var id = await IdOfAsync(db, scope.Org.Id, number, ct);
        if (id is null)
        {
            return scope.Who.Require(Permission.WorkIncidents) is { } denied
                ? denied.ToProblem()
                : TypedResults.Problem(statusCode: 404, title: "Not found", detail: "Incident was not found.");
        }

        var result = await action(id.Value);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        db.ChangeTracker.Clear();
        return TypedResults.Ok(ToDto((await LoadAsync(db, scope.Org.Id, number, ct))!, scope, clock.GetUtcNow().UtcDateTime));
    }

    private static Task<Guid?> IdOfAsync(AppDbContext db, Guid orgId, int number, CancellationToken ct) =>
        db.Incidents.Where(i => i.OrganisationId == orgId && i.Number == number).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);

    internal static Task<Incident?> LoadAsync(AppDbContext db, Guid orgId, int number, CancellationToken ct) =>
        db.Incidents.AsNoTracking().AsSplitQuery()
            .Include(i => i.Entries)
            .Include(i => i.Messages).ThenInclude(m => m.InboxItem!).ThenInclude(i => i.Channel)
            .SingleOrDefaultAsync(i => i.OrganisationId == orgId && i.Number == number, ct);

    private static IncidentDto ToDto(Incident i, OrgScope scope, DateTime now)
    {
        var full = scope.Who.Can(Permission.RespondInbox);
        var internalNotes = scope.Who.Can(Permission.WorkIncidents);
        return new IncidentDto(
            IncidentSummaryDto.From(i, now), i.FirstAnsweredAtUtc, i.FinalAnsweredAtUtc, i.Outcome, i.OutcomeChangedSomething,
            [.. WorkIncident.NextStatuses(i.Status).Select(s => s.ToString())],
            [.. i.Messages.OrderBy(m => m.LinkedAtUtc).Select(m => new IncidentMessageDto(
                m.InboxItemId, m.InboxItem!.Channel?.Name ?? "", m.InboxItem.AuthorName,
                full ? m.InboxItem.Text : PatientDataMask.Apply(m.InboxItem.Text, scope.Org.Country, scope.Org.PublicContactList), !full, m.InboxItem.CreatedAtUtc))],
            [.. i.Entries.Where(e => internalNotes || e.Kind != IncidentEntryKind.Note).OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
                .Select(e => new IncidentEntryDto(e.Kind.ToString(), e.Text, e.ByName, e.AtUtc))]);
    }
}
