using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Incidents;

public enum AnswerKind { Interim, Final }

public sealed record AnswerIncidentInput(AnswerKind Kind, string? Text, Guid? InboxItemId = null, bool TakeOver = false);

/// <summary>
/// Sends an interim or final public answer to an incident's message (the first one unless another linked message is named),
/// through the inbox reply path, so the compliance engine and its privacy rules for public replies check it the same way, and
/// reply approval applies. When it is sent, it stops the first-answer clock, and a final answer the final-answer clock too.
/// </summary>
public sealed class AnswerIncident(AppDbContext db, ReplyToInboxItem reply)
{
    public async Task<Result<ReplyOutcome>> HandleAsync(OrgActor actor, Guid incidentId, AnswerIncidentInput input, CancellationToken ct)
    {
        if (actor.Require(Permission.WorkIncidents) is { } denied)
        {
            return denied;
        }

        var incident = await db.Incidents.AsNoTracking().Include(i => i.Messages)
            .SingleOrDefaultAsync(i => i.Id == incidentId && i.OrganisationId == actor.OrganisationId, ct);
        if (incident is null)
        {
            return UseCaseError.NotFound("Incident");
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            return UseCaseError.Conflict("The incident is closed; open a new one if the person writes again.");
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

        return await reply.HandleAsync(actor, target.Value, input.Text, ct, new ReplyOptions(input.Kind, TakeOver: input.TakeOver));
    }
}
