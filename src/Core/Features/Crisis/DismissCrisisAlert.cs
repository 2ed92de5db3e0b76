using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Crisis;

/// <summary>
/// Closes an alert (handled, or not a crisis after all), with an optional note. The row stays; while its spike is still going on
/// the channel gets no new alert for it. Audited.
/// </summary>
public sealed class DismissCrisisAlert(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<CrisisAlert>> HandleAsync(OrgActor actor, Guid alertId, string? note, CancellationToken ct)
    {
        if (actor.Require(Permission.ManageCrisis) is { } denied)
        {
            return denied;
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > 1000 })
        {
            return UseCaseError.Invalid("The note may be at most 1,000 characters.", "note");
        }

        var alert = await db.CrisisAlerts.Include(a => a.Channel).SingleOrDefaultAsync(a => a.Id == alertId && a.OrganisationId == actor.OrganisationId, ct);
        if (alert is null)
        {
            return UseCaseError.NotFound("Crisis alert");
        }

        if (alert.DismissedAtUtc is not null)
        {
            return UseCaseError.Conflict($"The alert was already dismissed by {alert.DismissedByName}.");
        }

        alert.DismissedAtUtc = clock.GetUtcNow().UtcDateTime;
        alert.DismissedById = actor.UserId;
        alert.DismissedByName = actor.UserName;
        alert.DismissNote = text;
        audit.Record(actor, "crisis.alert_dismissed", "CrisisAlert", alert.Id, new { Open = true }, new { Open = false, alert.DismissedAtUtc }, text);
        await db.SaveChangesAsync(ct);
        return alert;
    }
}
