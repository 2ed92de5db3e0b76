using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Incidents;

public enum AnswerKind { Interim, Final }

public sealed record AnswerIncidentInput(AnswerKind Kind, string? Text, Guid? InboxItemId = null);

/// <summary>
/// Sends an interim or final public answer to an incident's message (the first one unless another linked message is named),
/// through the inbox reply path, so the compliance engine and its privacy rules for public replies check it the same way.
/// A sent answer stops the first-answer clock; a final answer also stops the final-answer clock.
/// </summary>
public sealed class AnswerIncident(AppDbContext db, ReplyToInboxItem reply, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<ReplyOutcome>> HandleAsync(OrgActor actor, Guid incidentId, AnswerIncidentInput input, CancellationToken ct)
    {
        if (actor.Require(Permission.WorkIncidents) is { } denied)
        {
            return denied;
        }

        var incident = await db.Incidents.Include(i => i.Messages)
            .SingleOrDefaultAsync(i => i.Id == incidentId && i.OrganisationId == actor.OrganisationId, ct);
        if (incident is null)
        {
            return UseCaseError.NotFound("Incident");
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            return UseCaseError.Conflict("The incident is closed; reopen is not possible, open a new one if the person writes again.");
        }

        if (!Enum.IsDefined(input.Kind))
        {
            return UseCaseError.Invalid("The answer is interim or final.", "kind");
        }

        var target = input.InboxItemId ?? incident.Messages.OrderBy(m => m.LinkedAtUtc).Select(m => (Guid?)m.InboxItemId).FirstOrDefault();
        if (target is null || incident.Messages.All(m => m.InboxItemId != target))
        {
            return UseCaseError.Invalid("Answer one of the incident's own messages.", "inboxItemId");
        }

        var sent = await reply.HandleAsync(actor, target.Value, input.Text, ct);
        if (!sent.IsSuccess)
        {
            return sent;
        }

        db.ChangeTracker.Clear();
        incident = await db.Incidents.Include(i => i.Entries).SingleAsync(i => i.Id == incidentId, ct);
        var r = sent.Value.Reply;
        var now = clock.GetUtcNow().UtcDateTime;
        var kind = input.Kind == AnswerKind.Final ? IncidentEntryKind.FinalAnswer : IncidentEntryKind.InterimAnswer;
        if (r.State == ReplyState.Sent)
        {
            // ReplyToInboxItem already stopped the first-answer clock for the linked message; the final one is ours to stop.
            incident.FirstAnsweredAtUtc ??= r.SentAtUtc ?? now;
            if (input.Kind == AnswerKind.Final)
            {
                incident.FinalAnsweredAtUtc ??= r.SentAtUtc ?? now;
            }

            if (incident.Status == IncidentStatus.New)
            {
                incident.Status = IncidentStatus.Acknowledged;
                incident.AcknowledgedAtUtc ??= now;
            }

            // ReplyToInboxItem records an interim answer for any reply to a linked message; make it say what it was.
            var recorded = incident.Entries.FirstOrDefault(e => e.InboxReplyId == r.Id);
            if (recorded is not null)
            {
                recorded.Kind = kind;
            }
            else
            {
                incident.Entries.Add(OpenIncident.Entry(incident, kind, actor, now, r.Text, r.Id));
            }

            incident.Version++;
            audit.Record(actor, input.Kind == AnswerKind.Final ? "incident.final_answer" : "incident.interim_answer", "Incident", incident.Id, null, new { Reply = r.Id });
            await db.SaveChangesAsync(ct);
        }

        return sent;
    }
}
