using System.Globalization;
using CareDialog.Core.Common;

namespace CareDialog.Core.Features.Organisations;

/// <summary>Conversions between UTC instants and an organisation's wall clock, with daylight-saving edges made explicit.</summary>
public static class OrgClock
{
    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            // Only IANA ids: a Windows id or a fixed offset would silently drop the zone's daylight-saving rules.
            return zone.HasIanaId && id.Contains('/', StringComparison.Ordinal) || id == "UTC";
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>
    /// Local wall-clock time → UTC. A time inside a spring-forward gap does not exist and is refused; a time in an
    /// autumn overlap happens twice and resolves to the first occurrence (the earlier instant), which is what a person
    /// planning "at 02:30" means.
    /// </summary>
    public static Result<DateTime> ToUtc(TimeZoneInfo zone, DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return UseCaseError.Invalid(
                $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} does not exist in {zone.Id}: the clocks move forward then. Choose another time.",
                "scheduledLocal");
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    public static DateTime ToLocal(TimeZoneInfo zone, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public static string Format(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
