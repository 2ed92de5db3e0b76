using CareDialog.Core.Features.Organisations;

namespace CareDialog.Core.Tests.Features.Organisations;

public class OrgClockTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    [Fact]
    public void ToUtc_CopenhagenWinter_SubtractsOneHour() =>
        Assert.Equal(new DateTime(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc), OrgClock.ToUtc(Zone("Europe/Copenhagen"), new DateTime(2026, 1, 15, 10, 0, 0)).Value);

    [Fact]
    public void ToUtc_CopenhagenSummer_SubtractsTwoHours() =>
        Assert.Equal(new DateTime(2026, 7, 1, 8, 0, 0, DateTimeKind.Utc), OrgClock.ToUtc(Zone("Europe/Copenhagen"), new DateTime(2026, 7, 1, 10, 0, 0)).Value);

    [Fact]
    public void ToUtc_TimeInSpringForwardGap_IsRefusedWithReason()
    {
        // 29 March 2026: clocks in Copenhagen jump from 02:00 to 03:00.
        var result = OrgClock.ToUtc(Zone("Europe/Copenhagen"), new DateTime(2026, 3, 29, 2, 30, 0));
        Assert.False(result.IsSuccess);
        Assert.Contains("does not exist", result.Error!.Message);
    }

    [Fact]
    public void ToUtc_TimeInAutumnOverlap_ResolvesToFirstOccurrence()
    {
        // 25 October 2026: Copenhagen goes from 03:00 back to 02:00, so 02:30 happens at 00:30 UTC and again at 01:30 UTC.
        var utc = OrgClock.ToUtc(Zone("Europe/Copenhagen"), new DateTime(2026, 10, 25, 2, 30, 0)).Value;
        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), utc);
    }

    [Fact]
    public void ToUtc_IstanbulHasNoDaylightSaving_AlwaysThreeHours()
    {
        var zone = Zone("Europe/Istanbul");
        Assert.Equal(new DateTime(2026, 1, 10, 7, 0, 0, DateTimeKind.Utc), OrgClock.ToUtc(zone, new DateTime(2026, 1, 10, 10, 0, 0)).Value);
        Assert.Equal(new DateTime(2026, 7, 10, 7, 0, 0, DateTimeKind.Utc), OrgClock.ToUtc(zone, new DateTime(2026, 7, 10, 10, 0, 0)).Value);
    }

    [Fact]
    public void ToLocal_ThenToUtc_RoundTripsEveryHourAcrossAYearInHelsinki()
    {
        var zone = Zone("Europe/Helsinki");
        for (var utc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc); utc.Year == 2026; utc = utc.AddHours(1))
        {
            var local = OrgClock.ToLocal(zone, utc);
            var back = OrgClock.ToUtc(zone, local).Value;
            // In the autumn overlap the local time maps to its first occurrence: one hour earlier for the second one.
            Assert.True(back == utc || (zone.IsAmbiguousTime(local) && back == utc.AddHours(-1)), $"{utc:o} -> {local:o} -> {back:o}");
        }
    }

    [Theory]
    [InlineData("Europe/Istanbul", true)]
    [InlineData("Europe/Copenhagen", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Olympus", false)]
    [InlineData("", false)]
    [InlineData("+03:00", false)]
    [InlineData("Central European Standard Time", false)]
    public void TryFindZone_AcceptsOnlyIanaZones(string id, bool expected) =>
        Assert.Equal(expected, OrgClock.TryFindZone(id, out _));
}
