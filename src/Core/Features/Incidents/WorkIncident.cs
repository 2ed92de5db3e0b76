using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using CareDialog.Triage;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Incidents;

/// <param name="ExpectedVersion">The version the person saw; a different current version means someone else changed it meanwhile.</param>
public sealed record ChangeStatusInput(IncidentStatus To, string? Note = null, string? Outcome = null, bool OutcomeChangedSomething = false, int? ExpectedVersion = null);

public sealed record RerouteInput(ComplaintCategory Category, string? Unit, bool Urgent, string? Title);

/// <summary>
/// Moves an incident along New → Acknowledged → InProgress → Resolved → Closed and keeps its timeline: notes, assignment,
/// re-routing, linked messages. Resolving needs the outcome; closing needs the final public answer or a note saying how the
/// person was answered instead; reopening a resolved incident needs a reason. Every change is audited.
/// </summary>
public sealed class WorkIncident(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    private static readonly Dictionary<IncidentStatus, IncidentStatus[]> Allowed = new()
    {
        [IncidentStatus.New] = [IncidentStatus.Acknowledged, IncidentStatus.InProgress, IncidentStatus.Resolved],
        [IncidentStatus.Acknowledged] = [IncidentStatus.InProgress, IncidentStatus.Resolved],
        [IncidentStatus.InProgress] = [IncidentStatus.Resolved],
        [IncidentStatus.Resolved] = [IncidentStatus.Closed, IncidentStatus.InProgress],
        [IncidentStatus.Closed] = [],
    };

    public static IReadOnlyList<IncidentStatus> NextStatuses(IncidentStatus from) => Allowed[from];

    public async Task<Result<Incident>> ChangeStatusAsync(OrgActor actor, Guid incidentId, ChangeStatusInput input, CancellationToken ct)
    {
        var (incident, error) = await LoadAsync(actor, incidentId, input.ExpectedVersion, ct);
        if (error is not null)
        {
            return error;
        }

        var from = incident!.Status;
        if (!Allowed[from].Contains(input.To))
        {
            return UseCaseError.Conflict($"An incident that is {from} cannot become {input.To}; next: {string.Join(", ", Allowed[from].DefaultIfEmpty()).Trim()}.".Replace(": .", ": nothing, it is closed."));
        }

        var note = input.Note?.Trim();
        if (note is { Length: > 4000 })
        {
            return UseCaseError.Invalid("The note may be at most 4,000 characters.", "note");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        switch (input.To)
        {
            case IncidentStatus.Resolved:
                var outcome = input.Outcome?.Trim();
                if (string.IsNullOrEmpty(outcome) || outcome.Length > 4000)
                {
                    return UseCaseError.Invalid("Say what was done (the outcome, at most 4,000 characters) to resolve the incident.", "outcome");
                }

                if (PersonalData(outcome) is { } found)
                {
                    return UseCaseError.Invalid($"The outcome feeds reports: leave out patient data ({found}).", "outcome");
                }

                incident.Outcome = outcome;
                incident.OutcomeChangedSomething = input.OutcomeChangedSomething;
                incident.ResolvedAtUtc = now;
                break;
            case IncidentStatus.Closed when incident.FinalAnsweredAtUtc is null && string.IsNullOrEmpty(note):
                return UseCaseError.Invalid("Send the final public answer first, or note how the person was answered (e.g. by phone).", "note");
            case IncidentStatus.Closed:
                incident.ClosedAtUtc = now;
                break;
            case IncidentStatus.InProgress when from == IncidentStatus.Resolved:
                if (string.IsNullOrEmpty(note))
                {
                    return UseCaseError.Invalid("Say why the incident is reopened.", "note");
                }

                incident.ResolvedAtUtc = null;
                break;
        }

        if (input.To is IncidentStatus.Acknowledged or IncidentStatus.InProgress && incident.AcknowledgedAtUtc is null)
        {
            incident.AcknowledgedAtUtc = now;
        }

        incident.Status = input.To;
        incident.Version++;
        incident.Entries.Add(OpenIncident.Entry(incident, IncidentEntryKind.StatusChanged, actor, now, $"{from} → {input.To}{(string.IsNullOrEmpty(note) ? "" : $": {note}")}"));
        if (input.To == IncidentStatus.Resolved)
        {
            incident.Entries.Add(OpenIncident.Entry(incident, IncidentEntryKind.Outcome, actor, now,
                (incident.OutcomeChangedSomething ? "You asked, we did: " : "Outcome: ") + incident.Outcome));
        }
        audit.Record(actor, "incident.status_changed", "Incident", incident.Id, new { Status = from }, new { Status = input.To, incident.Outcome }, note);
        return await SaveAsync(incident, ct);
    }

    public async Task<Result<Incident>> AddNoteAsync(OrgActor actor, Guid incidentId, string? text, CancellationToken ct)
    {
        var (incident, error) = await LoadAsync(actor, incidentId, null, ct);
        if (error is not null)
        {
            return error;
        }

        var note = text?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > 4000)
        {
            return UseCaseError.Invalid("A note needs text (at most 4,000 characters).", "text");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        incident!.Entries.Add(OpenIncident.Entry(incident, IncidentEntryKind.Note, actor, now, note));
        incident.Version++;
        // Notes are internal and may name the patient; the audit keeps that a note was written, not its words.
        audit.Record(actor, "incident.note_added", "Incident", incident.Id, null, new { Length = note.Length });
        return await SaveAsync(incident, ct);
    }

    public async Task<Result<Incident>> AssignAsync(OrgActor actor, Guid incidentId, string? userId, CancellationToken ct)
    {
        var (incident, error) = await LoadAsync(actor, incidentId, null, ct);
        if (error is not null)
        {
            return error;
        }

        string? name = null;
        if (!string.IsNullOrEmpty(userId)
            && (name = await MembershipQueries.NameOfMemberWhoMayAsync(db, actor.OrganisationId, userId, Permission.WorkIncidents, ct)) is null)
        {
            return UseCaseError.Invalid("Assign the incident to a member of this organisation who works incidents.", "userId");
        }

        var before = new { incident!.AssigneeUserId };
        incident.AssigneeUserId = string.IsNullOrEmpty(userId) ? null : userId;
        incident.AssigneeName = name;
        incident.Version++;
        incident.Entries.Add(OpenIncident.Entry(incident, IncidentEntryKind.Assigned, actor, clock.GetUtcNow().UtcDateTime, name is null ? "Unassigned." : $"Assigned to {name}."));
        audit.Record(actor, "incident.assigned", "Incident", incident.Id, before, new { incident.AssigneeUserId });
        return await SaveAsync(incident, ct);
    }

    /// <summary>Changes category, unit, urgency or title; a change of urgency before the first answer moves the deadlines.</summary>
    public async Task<Result<Incident>> RerouteAsync(OrgActor actor, Guid incidentId, RerouteInput input, CancellationToken ct)
    {
        var (incident, error) = await LoadAsync(actor, incidentId, null, ct);
        if (error is not null)
        {
            return error;
        }

        if (!Enum.IsDefined(input.Category))
        {
            return UseCaseError.Invalid("Unknown category.", "category");
        }

        var unit = input.Unit?.Trim();
        var title = input.Title?.Trim();
        if (unit is null or { Length: 0 or > 120 } || title is null or { Length: 0 or > 200 })
        {
            return UseCaseError.Invalid("Give a unit (at most 120 characters) and a title (at most 200).");
        }

        if (PersonalData(title) is { } found)
        {
            return UseCaseError.Invalid($"Titles appear in lists and reports: leave out patient data ({found}).", "title");
        }

        var before = new { incident!.Category, incident.Unit, incident.Urgent, incident.FirstAnswerDueUtc };
        if (input.Urgent != incident.Urgent && incident.FirstAnsweredAtUtc is null)
        {
            var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
            var settings = await ConfigureIncidents.LoadAsync(db, org, ct);
            var deadlines = settings.Policy.Compute(settings.CalendarFor(org), incident.ReceivedAtUtc, input.Urgent);
            incident.FirstAnswerDueUtc = deadlines.FirstAnswerDueUtc;
            incident.FirstAnswerWarnAtUtc = deadlines.WarnAtUtc;
            incident.FirstAnswerWarnedAtUtc = null;
            incident.FirstAnswerEscalatedAtUtc = null;
        }

        incident.Category = input.Category;
        incident.Unit = unit;
        incident.Urgent = input.Urgent;
        incident.Title = title;
        incident.Version++;
        incident.Entries.Add(OpenIncident.Entry(incident, IncidentEntryKind.Routed, actor, clock.GetUtcNow().UtcDateTime,
            $"{OpenIncident.Describe(input.Category)} · {unit}{(input.Urgent ? " · urgent" : "")}"));
        audit.Record(actor, "incident.rerouted", "Incident", incident.Id, before, new { incident.Category, incident.Unit, incident.Urgent, incident.FirstAnswerDueUtc });
        return await SaveAsync(incident, ct);
    }

    public async Task<Result<Incident>> LinkMessageAsync(OrgActor actor, Guid incidentId, Guid inboxItemId, CancellationToken ct)
    {
        var (incident, error) = await LoadAsync(actor, incidentId, null, ct);
        if (error is not null)
        {
            return error;
        }

        if (!await db.InboxItems.AnyAsync(i => i.Id == inboxItemId && i.OrganisationId == actor.OrganisationId, ct))
        {
            return UseCaseError.NotFound("Inbox item");
        }

        if (await db.IncidentMessages.AnyAsync(m => m.InboxItemId == inboxItemId, ct))
        {
            return UseCaseError.Conflict("This message already belongs to an incident.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        incident!.Messages.Add(new IncidentMessage { IncidentId = incident.Id, InboxItemId = inboxItemId, LinkedAtUtc = now });
        incident.Entries.Add(OpenIncident.Entry(incident, IncidentEntryKind.Linked, actor, now, "A message was linked."));
        incident.Version++;
        audit.Record(actor, "incident.message_linked", "Incident", incident.Id, null, new { InboxItem = inboxItemId });
        return await SaveAsync(incident, ct);
    }

    private async Task<(Incident?, UseCaseError?)> LoadAsync(OrgActor actor, Guid incidentId, int? expectedVersion, CancellationToken ct)
    {
        if (actor.Require(Permission.WorkIncidents) is { } denied)
        {
            return (null, denied);
        }

        var incident = await db.Incidents.Include(i => i.Entries).Include(i => i.Messages)
            .SingleOrDefaultAsync(i => i.Id == incidentId && i.OrganisationId == actor.OrganisationId, ct);
        if (incident is null)
        {
            return (null, UseCaseError.NotFound("Incident"));
        }

        if (expectedVersion is { } v && v != incident.Version)
        {
            return (null, UseCaseError.Conflict("Someone else changed this incident meanwhile; reload it and try again."));
        }

        return (incident, null);
    }

    private async Task<Result<Incident>> SaveAsync(Incident incident, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return incident;
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseError.Conflict("Someone else changed this incident meanwhile; reload it and try again.");
        }
    }

    /// <summary>The kinds of patient data in text that lands in lists and reports, or null.</summary>
    internal static string? PersonalData(string text)
    {
        var found = TriageEngine.Default.Analyze(new TriageRequest(text)).PersonalData;
        return found.Count == 0 ? null : string.Join(", ", found.Select(f => f.Kind).Distinct());
    }
}
