using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Notifications;
using CareDialog.Core.Features.Organisations;
using CareDialog.Triage;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Incidents;

public sealed record OpenIncidentInput(Guid InboxItemId, ComplaintCategory? Category = null, string? Title = null, bool? Urgent = null);

/// <summary>
/// Turns an inbox message into an incident, by hand (a responder) or by rule (<see cref="OpenIncidentsForComplaints"/>): the
/// category is suggested from the text unless given, the unit comes from the routing rules, and the deadlines from the
/// organisation's working calendar counted from when the citizen wrote.
/// </summary>
public sealed class OpenIncident(AppDbContext db, AuditLog audit, Notifier notifier, TimeProvider clock)
{
    public async Task<Result<Incident>> HandleAsync(OrgActor actor, OpenIncidentInput input, CancellationToken ct)
    {
        if (actor.Require(Permission.WorkIncidents) is { } denied)
        {
            return denied;
        }

        var item = await db.InboxItems.SingleOrDefaultAsync(i => i.Id == input.InboxItemId && i.OrganisationId == actor.OrganisationId, ct);
        if (item is null)
        {
            return UseCaseError.NotFound("Inbox item");
        }

        if (input.Category is { } c && !Enum.IsDefined(c))
        {
            return UseCaseError.Invalid("Unknown category.", "category");
        }

        var title = input.Title?.Trim();
        if (title is { Length: > 200 })
        {
            return UseCaseError.Invalid("The title may be at most 200 characters.", "title");
        }

        if (await db.IncidentMessages.AnyAsync(m => m.InboxItemId == item.Id, ct))
        {
            return UseCaseError.Conflict("This message already belongs to an incident.");
        }

        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var incident = await CreateAsync(org, item, actor, input.Category, string.IsNullOrEmpty(title) ? null : title, input.Urgent, ct);
        if (incident.Error is { } error)
        {
            return error;
        }

        await SaveWithNumberAsync(incident.Value, ct);
        return incident.Value;
    }

    /// <summary>Adds a new incident for <paramref name="item"/> to the unit of work (not saved); the caller saves with <see cref="SaveWithNumberAsync"/>.</summary>
    internal async Task<Result<Incident>> CreateAsync(Organisation org, InboxItem item, OrgActor actor, ComplaintCategory? category, string? title, bool? urgent, CancellationToken ct)
    {
        var settings = await ConfigureIncidents.LoadAsync(db, org, ct);
        BusinessCalendar calendar;
        try
        {
            calendar = settings.CalendarFor(org);
        }
        catch (ArgumentException ex)
        {
            return UseCaseError.Invalid($"The incident settings are invalid: {ex.Message}");
        }

        var guess = ComplaintCategories.Guess(item.Text);
        var chosen = category ?? guess.Category;
        var rules = await db.IncidentRoutingRules.AsNoTracking().Where(r => r.OrganisationId == org.Id).OrderBy(r => r.Order).ToListAsync(ct);
        var unit = rules.FirstOrDefault(r => r.Matches(chosen, item.ChannelId, item.Text))?.Unit ?? settings.DefaultUnit;
        var isUrgent = urgent ?? item.Urgency is Urgency.Critical or Urgency.High;
        var now = clock.GetUtcNow().UtcDateTime;
        // The citizen's clock starts when they wrote, but never in the future (a platform clock can run ahead of ours).
        var received = item.CreatedAtUtc < item.ReceivedAtUtc ? item.CreatedAtUtc : item.ReceivedAtUtc;
        if (received > now)
        {
            received = now;
        }

        var deadlines = settings.Policy.Compute(calendar, received, isUrgent);
        var incident = new Incident
        {
            OrganisationId = org.Id,
            // Titles are internal, but an automatic one never repeats the message: it may hold patient data.
            Title = title ?? $"{Describe(chosen)} via {item.Kind.ToString().ToLowerInvariant()}",
            Category = chosen,
            Unit = unit,
            Status = IncidentStatus.New,
            Urgent = isUrgent,
            OpenedBy = actor.UserId,
            ReceivedAtUtc = received,
            OpenedAtUtc = now,
            FirstAnswerDueUtc = deadlines.FirstAnswerDueUtc,
            FinalAnswerDueUtc = deadlines.FinalAnswerDueUtc,
            FirstAnswerWarnAtUtc = deadlines.WarnAtUtc,
            FinalAnswerWarnAtUtc = deadlines.FinalAnswerWarnAtUtc,
        };
        incident.Messages.Add(new IncidentMessage { IncidentId = incident.Id, InboxItemId = item.Id, LinkedAtUtc = now });
        var why = category is null && guess.Evidence.Count > 0 ? $" Category suggested by: {string.Join(", ", guess.Evidence)}." : "";
        incident.Entries.Add(Entry(incident, IncidentEntryKind.Opened, actor, now,
            $"Opened {(actor.UserId == OrgActor.SystemUserId ? "by rule for a complaint" : "by hand")}; routed to {unit}.{why}"));
        if (item.Status == InboxStatus.New)
        {
            item.Status = InboxStatus.Read;
        }

        db.Incidents.Add(incident);
        audit.Record(actor, "incident.opened", "Incident", incident.Id, null,
            new { incident.Category, incident.Unit, incident.Urgent, incident.FirstAnswerDueUtc, incident.FinalAnswerDueUtc, InboxItem = item.Id });
        notifier.Notify(org.Id, OrgRole.Responder | OrgRole.Manager, "incident.opened",
            $"New {(isUrgent ? "urgent " : "")}incident for {unit}: {incident.Title}. First answer due {Local(org, incident.FirstAnswerDueUtc)}.", "incidents");
        return incident;
    }

    /// <summary>
    /// Saves, numbering new incidents per organisation. Two nodes can pick the same next number; the unique index refuses the
    /// second, which then takes the following number.
    /// </summary>
    internal async Task SaveWithNumberAsync(Incident incident, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var max = await db.Incidents.Where(i => i.OrganisationId == incident.OrganisationId && i.Id != incident.Id).MaxAsync(i => (int?)i.Number, ct) ?? 0;
            incident.Number = max + 1;
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Someone else took the number; the whole unit of work is still pending, so just try the next one.
                // Anything else (e.g. the message was linked meanwhile) fails again the same way and surfaces on the last attempt.
            }
        }
    }

    internal static IncidentEntry Entry(Incident incident, IncidentEntryKind kind, OrgActor actor, DateTime now, string text, Guid? replyId = null) =>
        new() { IncidentId = incident.Id, Kind = kind, Text = text, ByUserId = actor.UserId, ByName = actor.UserName, AtUtc = now, InboxReplyId = replyId };

    internal static string Local(Organisation org, DateTime utc) =>
        OrgClock.ToLocal(org.Zone, utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Describe(ComplaintCategory c) => c switch
    {
        ComplaintCategory.WaitingTime => "Waiting time",
        ComplaintCategory.StaffBehaviour => "Staff behaviour",
        ComplaintCategory.TreatmentQuality => "Treatment quality",
        ComplaintCategory.Billing => "Billing",
        ComplaintCategory.TestResults => "Test results",
        ComplaintCategory.Facilities => "Facilities",
        ComplaintCategory.Medication => "Medication",
        ComplaintCategory.Accessibility => "Accessibility",
        _ => "Complaint",
    };
}
