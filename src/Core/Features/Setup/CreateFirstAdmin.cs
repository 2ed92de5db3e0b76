using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Setup;

public sealed record FirstAdminInput(string Email, string DisplayName, string Password, OrganisationInput Organisation);

/// <summary>
/// Production first run: with no user in the database, the first person creates the first organisation and becomes its
/// Admin and Manager. Once any user exists this use case refuses, so the setup page cannot be replayed.
/// </summary>
public sealed class CreateFirstAdmin(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider clock)
{
    public async Task<bool> IsNeededAsync(CancellationToken ct) => !await db.Users.AnyAsync(ct);

    public async Task<Result<AppUser>> HandleAsync(FirstAdminInput input, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return UseCaseError.Conflict("CareDialog is already set up; ask an Admin for an account.");
        }

        if (OrganisationRules.Validate(input.Organisation) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(input.DisplayName) || input.DisplayName.Length > 100)
        {
            return UseCaseError.Invalid("Your name is required (at most 100 characters).", "displayName");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = new AppUser { UserName = input.Email, Email = input.Email, EmailConfirmed = true, DisplayName = input.DisplayName.Trim(), CreatedAtUtc = now };
        var created = await users.CreateAsync(user, input.Password ?? "");
        if (!created.Succeeded)
        {
            return UseCaseError.Invalid(string.Join(" ", created.Errors.Select(e => e.Description)), "password");
        }

        var org = new Organisation
        {
            Name = input.Organisation.Name.Trim(),
            Slug = OrganisationRules.Slugify(input.Organisation.Name),
            Country = input.Organisation.Country,
            TimeZone = input.Organisation.TimeZone,
            Language = input.Organisation.Language,
            CreatedAtUtc = now,
        };
        db.Organisations.Add(org);
        db.Memberships.Add(new Membership { OrganisationId = org.Id, UserId = user.Id, Roles = OrgRole.Admin | OrgRole.Manager });
        var actor = new OrgActor(org.Id, user.Id, user.DisplayName, OrgRole.Admin);
        audit.Record(actor, "setup.first_admin", "User", user.Id, null, new { user.Email, Organisation = org.Name });
        await db.SaveChangesAsync(ct);
        return user;
    }
}
