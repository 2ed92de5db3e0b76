using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// A responder goes on duty for a shift (1 to 24 hours) or off duty. While someone is on duty, a possible emergency is
/// addressed to them by name as well as to the Managers; with nobody on duty it goes to every Responder, Manager and Admin.
/// </summary>
public sealed class OnDuty(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<Membership>> SetAsync(OrgActor actor, int? hours, CancellationToken ct)
    {
        if (actor.Require(Permission.RespondInbox) is { } denied)
        {
            return denied;
        }

        if (hours is < 1 or > 24)
        {
            return UseCaseError.Invalid("A duty shift lasts 1 to 24 hours.", "hours");
        }

        var membership = await db.Memberships.SingleAsync(m => m.OrganisationId == actor.OrganisationId && m.UserId == actor.UserId, ct);
        var before = new { membership.OnDutyUntilUtc };
        membership.OnDutyUntilUtc = hours is { } h ? clock.GetUtcNow().UtcDateTime.AddHours(h) : null;
        audit.Record(actor, hours is null ? "inbox.off_duty" : "inbox.on_duty", "Membership", membership.Id, before, new { membership.OnDutyUntilUtc });
        await db.SaveChangesAsync(ct);
        return membership;
    }

    /// <summary>Members on duty now who may answer the inbox.</summary>
    public static async Task<List<string>> NowAsync(AppDbContext db, Guid organisationId, DateTime nowUtc, CancellationToken ct)
    {
        var rows = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganisationId == organisationId && m.OnDutyUntilUtc > nowUtc)
            .Select(m => new { m.UserId, m.Roles }).ToListAsync(ct);
        return [.. rows.Where(r => Permissions.Allows(r.Roles, Permission.RespondInbox)).Select(r => r.UserId)];
    }
}
