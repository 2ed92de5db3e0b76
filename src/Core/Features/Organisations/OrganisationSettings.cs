using System.Text.RegularExpressions;
using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Organisations;

public sealed record OrganisationInput(string Name, string Country, string TimeZone, string Language);

/// <summary>Validation of what defines an organisation; its zone in particular, since every schedule depends on it.</summary>
public static partial class OrganisationRules
{
    public static readonly string[] Languages = ["tr", "da", "fi", "ru", "en"];

    public static UseCaseError? Validate(OrganisationInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200)
        {
            return UseCaseError.Invalid("The name is required and may be at most 200 characters.", "name");
        }

        if (input.Country is null || !CountryCode().IsMatch(input.Country))
        {
            return UseCaseError.Invalid("The country must be a two-letter ISO code such as TR, DK, FI or RU.", "country");
        }

        if (!OrgClock.TryFindZone(input.TimeZone, out _))
        {
            return UseCaseError.Invalid($"'{input.TimeZone}' is not an IANA time zone such as Europe/Istanbul or Europe/Copenhagen.", "timeZone");
        }

        if (!Languages.Contains(input.Language))
        {
            return UseCaseError.Invalid($"The language must be one of {string.Join(", ", Languages)}.", "language");
        }

        return null;
    }

    public static string Slugify(string name)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in name.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            sb.Append(Transliteration.TryGetValue(lower, out var t) ? t : lower.ToString());
        }

        var slug = NonSlug().Replace(sb.ToString(), "-").Trim('-');
        return slug.Length == 0 ? "org" : slug.Length > 60 ? slug[..60].Trim('-') : slug;
    }

    // Letters that Unicode decomposition does not reduce to ASCII: Turkish dotless i, Danish æ/ø, and Cyrillic.
    private static readonly Dictionary<char, string> Transliteration = new()
    {
        ['ı'] = "i", ['æ'] = "ae", ['ø'] = "o", ['ß'] = "ss",
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ж'] = "zh", ['з'] = "z", ['и'] = "i",
        ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t",
        ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "", ['ы'] = "y",
        ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}

public sealed class UpdateOrganisation(AppDbContext db, AuditLog audit)
{
    public async Task<Result<Organisation>> HandleAsync(OrgActor actor, OrganisationInput input, CancellationToken ct)
    {
        if (actor.Require(Permission.ManageOrganisation) is { } denied)
        {
            return denied;
        }

        if (OrganisationRules.Validate(input) is { } invalid)
        {
            return invalid;
        }

        var org = await db.Organisations.SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var before = new { org.Name, org.Country, org.TimeZone, org.Language };
        org.Name = input.Name.Trim();
        org.Country = input.Country;
        org.TimeZone = input.TimeZone;
        org.Language = input.Language;
        audit.Record(actor, "organisation.updated", "Organisation", org.Id, before, new { org.Name, org.Country, org.TimeZone, org.Language });
        await db.SaveChangesAsync(ct);
        return org;
    }
}

public sealed record OrgMembership(Organisation Organisation, OrgRole Roles);

public static class MembershipQueries
{
    public static Task<List<OrgMembership>> ForUserAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new OrgMembership(m.Organisation!, m.Roles))
            .ToListAsync(ct);

    /// <summary>
    /// The display name of a member who holds <paramref name="permission"/> in the organisation, or null when the user is not a
    /// member or may not do it: the check behind assigning work to someone.
    /// </summary>
    public static async Task<string?> NameOfMemberWhoMayAsync(AppDbContext db, Guid organisationId, string userId, Permission permission, CancellationToken ct)
    {
        var member = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == organisationId && m.UserId == userId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Roles, u.DisplayName, u.UserName }).SingleOrDefaultAsync(ct);
        return member is null || !Permissions.Allows(member.Roles, permission)
            ? null
            : string.IsNullOrEmpty(member.DisplayName) ? member.UserName : member.DisplayName;
    }

    /// <summary>The actor for a user in an organisation, or null when the user is not a member: callers answer 404.</summary>
    public static async Task<(Organisation Org, OrgActor Actor)?> ResolveAsync(
        AppDbContext db, string userId, string userName, string orgSlugOrId, CancellationToken ct)
    {
        var isId = Guid.TryParse(orgSlugOrId, out var id);
        var row = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && (isId ? m.OrganisationId == id : m.Organisation!.Slug == orgSlugOrId))
            .Select(m => new { m.Organisation, m.Roles })
            .SingleOrDefaultAsync(ct);
        return row?.Organisation is null ? null : (row.Organisation, new OrgActor(row.Organisation.Id, userId, userName, row.Roles));
    }
}
