using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Crisis;

/// <summary>
/// "I am on it": the alert stays open but shows who took it, so two Managers do not both start the same crisis response.
/// The first acknowledgement counts; a later one changes nothing. Audited.
/// </summary>
public sealed class AcknowledgeCrisisAlert(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<CrisisAlert>> HandleAsync(OrgActor actor, Guid alertId, CancellationToken ct)
    {
        if (actor.Require(Permission.ManageCrisis) is { } denied)
        {
            return denied;
        }

        var alert = await db.CrisisAlerts.Include(a => a.Channel).SingleOrDefaultAsync(a => a.Id == alertId && a.OrganisationId == actor.OrganisationId, ct);
        if (alert is null)
        {
            return UseCaseError.NotFound("Crisis alert");
        }

        if (alert.AcknowledgedAtUtc is not null || alert.DismissedAtUtc is not null)
        {
            return alert;
        }

        alert.AcknowledgedAtUtc = clock.GetUtcNow().UtcDateTime;
        alert.AcknowledgedById = actor.UserId;
        alert.AcknowledgedByName = actor.UserName;
        audit.Record(actor, "crisis.alert_acknowledged", "CrisisAlert", alert.Id, null, new { alert.AcknowledgedAtUtc });
        await db.SaveChangesAsync(ct);
        return alert;
    }
}
