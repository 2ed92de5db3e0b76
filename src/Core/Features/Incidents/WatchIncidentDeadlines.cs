using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Notifications;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Core.Features.Incidents;

/// <summary>
/// Warns the people who answer before an answer deadline passes, and escalates to the Managers when it has passed. Each
/// warning and escalation is sent once per deadline: it is claimed with a conditional update, so two nodes running the sweep
/// at the same moment cannot both send it. The deadlines were computed in working time, so nothing here needs the calendar.
/// </summary>
public sealed class WatchIncidentDeadlines(AppDbContext db, Notifier notifier, AuditLog audit, TimeProvider clock)
{
    public sealed record Summary(int Warnings, int Escalations);

    public async Task<Summary> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int warnings = 0, escalations = 0;

        // A resolved incident may still owe its final public answer, so only Closed ones are out of the watch.
        var due = await db.Incidents.AsNoTracking()
            .Where(i => i.Status != IncidentStatus.Closed && (
                (i.FirstAnsweredAtUtc == null && ((i.FirstAnswerWarnedAtUtc == null && i.FirstAnswerWarnAtUtc <= now) || (i.FirstAnswerEscalatedAtUtc == null && i.FirstAnswerDueUtc <= now)))
                || (i.FinalAnsweredAtUtc == null && ((i.FinalAnswerWarnedAtUtc == null && i.FinalAnswerWarnAtUtc <= now) || (i.FinalAnswerEscalatedAtUtc == null && i.FinalAnswerDueUtc <= now)))))
            .Select(i => new { i.Id, i.OrganisationId })
            .Take(500)
            .ToListAsync(ct);

        foreach (var row in due)
        {
            var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == row.OrganisationId, ct);
            var system = OrgActor.System(org.Id, "incident-deadlines");
            foreach (var step in Steps)
            {
                if (await step.ClaimAsync(db, row.Id, now, ct) == 0)
                {
                    continue;
                }

                db.ChangeTracker.Clear();
                var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == row.Id, ct);
                var deadline = step.Deadline(incident);
                var text = step.Escalate
                    ? $"Incident {incident.Number} ({incident.Unit}) missed its {step.What} deadline of {OpenIncident.Local(org, deadline)}: {incident.Title}."
                    : $"Incident {incident.Number} ({incident.Unit}) needs its {step.What} by {OpenIncident.Local(org, deadline)}: {incident.Title}.";
                db.IncidentEntries.Add(OpenIncident.Entry(incident, step.Escalate ? IncidentEntryKind.Escalated : IncidentEntryKind.Warning, system, now, text));
                notifier.Notify(org.Id, step.Escalate ? OrgRole.Manager : OrgRole.Responder | OrgRole.Manager,
                    step.Escalate ? "incident.escalated" : "incident.deadline_warning", text, $"incidents/{incident.Number}");
                audit.Record(system, step.Escalate ? "incident.escalated" : "incident.deadline_warning", "Incident", incident.Id, null, new { Deadline = step.What, DueUtc = deadline });
                await db.SaveChangesAsync(ct);
                _ = step.Escalate ? escalations++ : warnings++;
            }
        }

        return new Summary(warnings, escalations);
    }

    private sealed record Step(string What, bool Escalate, Func<Incident, DateTime> Deadline, Func<AppDbContext, Guid, DateTime, CancellationToken, Task<int>> ClaimAsync);

    // Order matters: an incident found long after its deadline gets the warning and then the escalation, in that order.
    private static readonly Step[] Steps =
    [
        new("first answer", false, i => i.FirstAnswerDueUtc, (db, id, now, ct) => db.Incidents
            .Where(i => i.Id == id && i.FirstAnsweredAtUtc == null && i.FirstAnswerWarnedAtUtc == null && i.FirstAnswerWarnAtUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.FirstAnswerWarnedAtUtc, now), ct)),
        new("first answer", true, i => i.FirstAnswerDueUtc, (db, id, now, ct) => db.Incidents
            .Where(i => i.Id == id && i.FirstAnsweredAtUtc == null && i.FirstAnswerEscalatedAtUtc == null && i.FirstAnswerDueUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.FirstAnswerEscalatedAtUtc, now), ct)),
        new("final answer", false, i => i.FinalAnswerDueUtc, (db, id, now, ct) => db.Incidents
            .Where(i => i.Id == id && i.FinalAnsweredAtUtc == null && i.FinalAnswerWarnedAtUtc == null && i.FinalAnswerWarnAtUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.FinalAnswerWarnedAtUtc, now), ct)),
        new("final answer", true, i => i.FinalAnswerDueUtc, (db, id, now, ct) => db.Incidents
            .Where(i => i.Id == id && i.FinalAnsweredAtUtc == null && i.FinalAnswerEscalatedAtUtc == null && i.FinalAnswerDueUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.FinalAnswerEscalatedAtUtc, now), ct)),
    ];
}

/// <summary>Answer deadlines: warnings and escalations.</summary>
public sealed class WatchIncidentDeadlinesJob(IServiceScopeFactory scopes) : SweepJob(scopes)
{
    public static readonly Quartz.JobKey Key = new("watch-incident-deadlines", "incidents");

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<WatchIncidentDeadlines>().RunAsync(ct);
}
