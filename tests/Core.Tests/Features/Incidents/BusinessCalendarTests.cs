using CareDialog.Core.Features.Incidents;
using CareDialog.Core.Features.Organisations;

namespace CareDialog.Core.Tests.Features.Incidents;

public class BusinessCalendarTests
{
    private const string Copenhagen = "Europe/Copenhagen";

    internal static DateTime Local(string zone, int year, int month, int day, int hour, int minute = 0) =>
        OrgClock.ToUtc(TimeZoneInfo.FindSystemTimeZoneById(zone), new DateTime(year, month, day, hour, minute, 0)).Value;

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static BusinessCalendar OfficeHours(string zone = Copenhagen, IEnumerable<Holiday>? holidays = null) =>
        new(zone, BusinessCalendar.MondayToFriday("08:00-16:00"), holidays);

    private static BusinessCalendar AllDays(string zone, params string[] intervals)
    {
        IReadOnlyList<WorkingInterval> day = [.. intervals.Select(WorkingInterval.Parse)];
        return new BusinessCalendar(zone, Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => day));
    }

    /// <summary>Sunday included so the daylight-saving changes (always on a Sunday in the EU) fall inside working hours.</summary>
    private static Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> AllButSaturday(params string[] intervals)
    {
        IReadOnlyList<WorkingInterval> day = [.. intervals.Select(WorkingInterval.Parse)];
        return Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Saturday).ToDictionary(d => d, _ => day);
    }

    [Fact]
    public void AddWorkingTime_FridayAfternoonPlusFourHours_EndsMondayElevenLocal()
    {
        var due = OfficeHours().AddWorkingTime(Local(Copenhagen, 2026, 11, 20, 15), TimeSpan.FromHours(4));
        Assert.Equal(Local(Copenhagen, 2026, 11, 23, 11), due);
        Assert.Equal(DateTimeKind.Utc, due.Kind);
    }

    [Fact]
    public void AddWorkingTime_EndingExactlyAtClosing_ReturnsClosingNotNextOpening() =>
        Assert.Equal(Local(Copenhagen, 2026, 11, 20, 16), OfficeHours().AddWorkingTime(Local(Copenhagen, 2026, 11, 20, 12), TimeSpan.FromHours(4)));

    [Fact]
    public void AddWorkingTime_StartBeforeOpening_CountsFromOpening() =>
        Assert.Equal(Local(Copenhagen, 2026, 11, 23, 9), OfficeHours().AddWorkingTime(Local(Copenhagen, 2026, 11, 23, 6), TimeSpan.FromHours(1)));

    [Fact]
    public void AddWorkingTime_StartOnSaturday_CountsFromMondayOpening() =>
        Assert.Equal(Local(Copenhagen, 2026, 11, 23, 10), OfficeHours().AddWorkingTime(Local(Copenhagen, 2026, 11, 21, 13), TimeSpan.FromHours(2)));

    [Fact]
    public void AddWorkingTime_ZeroOutsideHours_ReturnsNextOpening() =>
        Assert.Equal(Local(Copenhagen, 2026, 11, 23, 8), OfficeHours().AddWorkingTime(Local(Copenhagen, 2026, 11, 20, 18), TimeSpan.Zero));

    [Fact]
    public void AddWorkingTime_SplitDay_SkipsLunchBreak()
    {
        var calendar = new BusinessCalendar(Copenhagen, BusinessCalendar.MondayToFriday("08:00-12:00", "12:30-16:00"));
        Assert.Equal(Local(Copenhagen, 2026, 11, 24, 13, 30), calendar.AddWorkingTime(Local(Copenhagen, 2026, 11, 24, 11), TimeSpan.FromHours(2)));
        Assert.Equal(Local(Copenhagen, 2026, 11, 24, 13), calendar.AddWorkingTime(Local(Copenhagen, 2026, 11, 24, 12, 10), TimeSpan.FromMinutes(30)));
        Assert.False(calendar.IsWorkingTime(Local(Copenhagen, 2026, 11, 24, 12, 15)));
        Assert.Equal(Local(Copenhagen, 2026, 11, 24, 12, 30), calendar.NextOpening(Local(Copenhagen, 2026, 11, 24, 12, 15)));
    }

    [Fact]
    public void AddWorkingTime_WeekendWithSpringForward_MondayOpeningStaysEightLocal()
    {
        // Clocks jump 02:00 → 03:00 on Sunday 29 March 2026; Monday 08:00 local is now 06:00 UTC instead of 07:00.
        var due = OfficeHours().AddWorkingTime(Local(Copenhagen, 2026, 3, 27, 15), TimeSpan.FromHours(4));
        Assert.Equal(Utc(2026, 3, 30, 9), due);
        Assert.Equal(Local(Copenhagen, 2026, 3, 30, 11), due);
    }

    [Fact]
    public void WorkingTimeBetween_RoundTheClockOnSpringForwardDay_IsTwentyThreeHours()
    {
        var calendar = AllDays(Copenhagen, "00:00-24:00");
        Assert.Equal(TimeSpan.FromHours(23), calendar.WorkingTimeBetween(Local(Copenhagen, 2026, 3, 29, 0), Local(Copenhagen, 2026, 3, 30, 0)));
        Assert.Equal(Local(Copenhagen, 2026, 3, 30, 0), calendar.AddWorkingTime(Local(Copenhagen, 2026, 3, 29, 0), TimeSpan.FromHours(23)));
    }

    [Fact]
    public void WorkingTimeBetween_NightShiftOnSpringForwardDay_LosesTheSkippedHour()
    {
        var calendar = AllDays(Copenhagen, "00:00-08:00");
        Assert.Equal(TimeSpan.FromHours(7), calendar.WorkingTimeBetween(Local(Copenhagen, 2026, 3, 29, 0), Local(Copenhagen, 2026, 3, 29, 12)));
    }

    [Fact]
    public void WorkingTimeBetween_IntervalInsideSpringForwardGap_HasNoWorkingTime()
    {
        var calendar = AllDays(Copenhagen, "02:00-03:00", "09:00-10:00");
        Assert.Equal(TimeSpan.FromHours(1), calendar.WorkingTimeBetween(Local(Copenhagen, 2026, 3, 29, 0), Local(Copenhagen, 2026, 3, 29, 12)));
        Assert.Equal(Local(Copenhagen, 2026, 3, 29, 9), calendar.NextOpening(Local(Copenhagen, 2026, 3, 29, 0)));
    }

    [Fact]
    public void WorkingTimeBetween_RoundTheClockOnFallBackDay_IsTwentyFiveHours()
    {
        var calendar = AllDays(Copenhagen, "00:00-24:00");
        Assert.Equal(TimeSpan.FromHours(25), calendar.WorkingTimeBetween(Local(Copenhagen, 2026, 10, 25, 0), Local(Copenhagen, 2026, 10, 26, 0)));
    }

    [Fact]
    public void WorkingTimeBetween_NightShiftOnFallBackDay_GainsTheRepeatedHour()
    {
        var calendar = AllDays(Copenhagen, "00:00-08:00");
        Assert.Equal(TimeSpan.FromHours(9), calendar.WorkingTimeBetween(Local(Copenhagen, 2026, 10, 25, 0), Local(Copenhagen, 2026, 10, 25, 12)));
        Assert.Equal(Utc(2026, 10, 25, 7), calendar.AddWorkingTime(Local(Copenhagen, 2026, 10, 25, 0), TimeSpan.FromHours(9)));
    }

    [Fact]
    public void WorkingTimeBetween_IntervalInsideRepeatedHour_CountsFirstPassOnly()
    {
        var calendar = AllDays(Copenhagen, "02:15-02:45");
        Assert.Equal(TimeSpan.FromMinutes(30), calendar.WorkingTimeBetween(Utc(2026, 10, 24, 12), Utc(2026, 10, 25, 12)));
        Assert.True(calendar.IsWorkingTime(Utc(2026, 10, 25, 0, 30)));
        Assert.False(calendar.IsWorkingTime(Utc(2026, 10, 25, 1, 30)));
    }

    [Fact]
    public void AddWorkingTime_HelsinkiWeekendWithFallBack_MondayOpeningStaysEightLocal()
    {
        // Helsinki leaves summer time at 04:00 on Sunday 25 October 2026: Friday 15:00 is 12:00 UTC, Monday 11:00 is 09:00 UTC.
        var due = OfficeHours("Europe/Helsinki").AddWorkingTime(Local("Europe/Helsinki", 2026, 10, 23, 15), TimeSpan.FromHours(4));
        Assert.Equal(Utc(2026, 10, 26, 9), due);
    }

    [Fact]
    public void WorkingTimeBetween_IstanbulHasNoDaylightSaving_EuropeanChangeDaysKeepTwentyFourHours()
    {
        var calendar = AllDays("Europe/Istanbul", "00:00-24:00");
        Assert.Equal(TimeSpan.FromHours(24), calendar.WorkingTimeBetween(Utc(2026, 3, 28, 21), Utc(2026, 3, 29, 21)));
        Assert.Equal(TimeSpan.FromHours(24), calendar.WorkingTimeBetween(Utc(2026, 10, 24, 21), Utc(2026, 10, 25, 21)));
    }

    [Fact]
    public void AddWorkingTime_DanishChristmas_SkipsHolidaysAndWeekend()
    {
        var calendar = OfficeHours(holidays: PublicHolidays.For("DK"));
        Assert.Equal(Local(Copenhagen, 2026, 12, 28, 11), calendar.AddWorkingTime(Local(Copenhagen, 2026, 12, 23, 15), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void AddWorkingTime_TurkishRepublicDayEve_IsHalfDayThenHoliday()
    {
        const string istanbul = "Europe/Istanbul";
        var calendar = DefaultCalendars.For("TR", istanbul);
        Assert.Equal([WorkingInterval.Parse("08:30-12:30")], calendar.HoursOn(new DateOnly(2026, 10, 28)));
        // One hour left on the eve (11:30-12:30), 29 October closed, the second hour on Friday morning.
        Assert.Equal(Local(istanbul, 2026, 10, 30, 9, 30), calendar.AddWorkingTime(Local(istanbul, 2026, 10, 28, 11, 30), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void AddWorkingTime_HalfDayClosingInsideAfternoonInterval_TruncatesIt()
    {
        var calendar = new BusinessCalendar(Copenhagen, BusinessCalendar.MondayToFriday("08:00-12:00", "12:30-16:00"),
            [new Holiday(new DateOnly(2026, 11, 24), "Short day", TimeSpan.FromHours(14))]);
        Assert.Equal([WorkingInterval.Parse("08:00-12:00"), WorkingInterval.Parse("12:30-14:00")], calendar.HoursOn(new DateOnly(2026, 11, 24)));
        Assert.Equal(TimeSpan.FromHours(5.5), calendar.WorkingTimeBetween(Local(Copenhagen, 2026, 11, 24, 0), Local(Copenhagen, 2026, 11, 25, 0)));
    }

    [Fact]
    public void AddWorkingTime_MoscowAcrossYearEnd_SkipsNewYearHolidays()
    {
        const string moscow = "Europe/Moscow";
        var calendar = DefaultCalendars.For("RU", moscow);
        // 30 Dec 17:00-18:00 counts one hour; 31 Dec and 1-8 Jan are off, 9-10 Jan are a weekend.
        Assert.Equal(Local(moscow, 2027, 1, 11, 10), calendar.AddWorkingTime(Local(moscow, 2026, 12, 30, 17), TimeSpan.FromHours(2)));
        Assert.Equal(Utc(2027, 1, 11, 7), Local(moscow, 2027, 1, 11, 10));
    }

    [Fact]
    public void AddWorkingDays_TenDaysFromWednesday_ClosingTimeTwoWeeksLater() =>
        Assert.Equal(Local(Copenhagen, 2026, 12, 2, 16), OfficeHours().AddWorkingDays(Local(Copenhagen, 2026, 11, 18, 10), 10));

    [Theory]
    [InlineData(20, 18)]
    [InlineData(21, 10)]
    [InlineData(22, 23)]
    public void AddWorkingDays_ReceivedFridayEveningOrWeekend_OneDayIsMondayClosing(int day, int hour) =>
        Assert.Equal(Local(Copenhagen, 2026, 11, 23, 16), OfficeHours().AddWorkingDays(Local(Copenhagen, 2026, 11, day, hour), 1));

    [Fact]
    public void AddWorkingDays_ReceivedBeforeOpening_DayOfReceiptDoesNotCount() =>
        Assert.Equal(Local(Copenhagen, 2026, 11, 24, 16), OfficeHours().AddWorkingDays(Local(Copenhagen, 2026, 11, 23, 6), 1));

    [Fact]
    public void AddWorkingDays_AcrossSpringForward_ClosingStaysSixteenLocal() =>
        Assert.Equal(Utc(2026, 3, 30, 14), OfficeHours().AddWorkingDays(Local(Copenhagen, 2026, 3, 27, 10), 1));

    [Fact]
    public void AddWorkingDays_ShortenedDayCountsAsWorkingDay_ClosesEarly()
    {
        var calendar = DefaultCalendars.For("TR", "Europe/Istanbul");
        Assert.Equal(Local("Europe/Istanbul", 2026, 10, 28, 12, 30), calendar.AddWorkingDays(Local("Europe/Istanbul", 2026, 10, 27, 10), 1));
    }

    [Fact]
    public void WorkingTimeBetween_ReversedArguments_IsNegative()
    {
        var calendar = OfficeHours();
        var a = Local(Copenhagen, 2026, 11, 20, 15);
        var b = Local(Copenhagen, 2026, 11, 23, 11);
        Assert.Equal(TimeSpan.FromHours(4), calendar.WorkingTimeBetween(a, b));
        Assert.Equal(TimeSpan.FromHours(-4), calendar.WorkingTimeBetween(b, a));
    }

    public static TheoryData<string, string[]> PropertyCalendars => new()
    {
        { Copenhagen, ["08:00-16:00"] },
        { Copenhagen, ["00:00-08:00", "22:00-24:00"] },
        { "Europe/Helsinki", ["02:30-04:30", "08:00-12:00", "12:30-16:00"] },
        { "Europe/Istanbul", ["08:30-12:30", "13:30-17:30"] },
        { "Europe/Moscow", ["00:00-24:00"] },
    };

    [Theory]
    [MemberData(nameof(PropertyCalendars))]
    public void WorkingTimeBetween_AfterAddWorkingTime_ReturnsTheAddedTimeForManyStarts(string zone, string[] intervals)
    {
        var calendar = new BusinessCalendar(zone, AllButSaturday(intervals), PublicHolidays.For("DK"));
        TimeSpan[] durations = [TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(90), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(37.5)];
        // Every 53 minutes over five weeks around the autumn change hits every offset within the day and week.
        for (var start = Utc(2026, 10, 12, 0); start < Utc(2026, 11, 16, 0); start = start.AddMinutes(53))
        {
            foreach (var duration in durations)
            {
                var end = calendar.AddWorkingTime(start, duration);
                Assert.True(end >= start);
                Assert.Equal(duration, calendar.WorkingTimeBetween(start, end));
            }

            var opening = calendar.NextOpening(start);
            Assert.True(calendar.IsWorkingTime(opening));
            Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(start, opening));
            Assert.Equal(calendar.IsWorkingTime(start), opening == start);
        }
    }

    [Fact]
    public void WorkingTimeBetween_SplitAtAnyPoint_AddsUpAcrossSpringForward()
    {
        var calendar = new BusinessCalendar(Copenhagen, AllButSaturday("00:00-03:00", "08:00-16:00"));
        var from = Utc(2026, 3, 20, 0);
        var to = Utc(2026, 4, 3, 0);
        var whole = calendar.WorkingTimeBetween(from, to);
        for (var middle = from; middle <= to; middle = middle.AddMinutes(97))
        {
            Assert.Equal(whole, calendar.WorkingTimeBetween(from, middle) + calendar.WorkingTimeBetween(middle, to));
        }
    }
}
