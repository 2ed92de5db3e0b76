using CareDialog.Core.Features.Incidents;

namespace CareDialog.Core.Tests.Features.Incidents;

public class BusinessCalendarValidationTests
{
    private static readonly IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> Office = BusinessCalendar.MondayToFriday("08:00-16:00");

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Romance Standard Time")]
    [InlineData("")]
    public void Constructor_UnknownOrNonIanaZone_ThrowsNamingTheZone(string zone)
    {
        var ex = Assert.Throws<ArgumentException>(() => new BusinessCalendar(zone, Office));
        Assert.Contains("Unknown time zone", ex.Message);
    }

    [Fact]
    public void Constructor_OverlappingIntervals_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BusinessCalendar("Europe/Copenhagen", BusinessCalendar.MondayToFriday("08:00-12:00", "11:30-16:00")));
        Assert.Contains("08:00-12:00 and 11:30-16:00", ex.Message);
        Assert.Contains("overlap", ex.Message);
    }

    [Fact]
    public void Constructor_TouchingIntervals_AreAccepted()
    {
        var calendar = new BusinessCalendar("Europe/Copenhagen", BusinessCalendar.MondayToFriday("08:00-12:00", "12:00-16:00"));
        Assert.Equal(TimeSpan.FromHours(8), calendar.WorkingTimeBetween(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("16:00-08:00", "ends before it starts")]
    [InlineData("08:00-08:00", "ends before it starts")]
    [InlineData("08:00-25:00", "invalid time")]
    [InlineData("8-16", "invalid time")]
    [InlineData("08:00", "must look like")]
    public void Parse_InvalidInterval_ThrowsWithReason(string text, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => WorkingInterval.Parse(text));
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void Constructor_NoWorkingHoursAtAll_ThrowsInsteadOfLoopingLater()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BusinessCalendar("Europe/Copenhagen", new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>>()));
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void Constructor_DuplicateHoliday_Throws()
    {
        var date = new DateOnly(2026, 12, 24);
        Assert.Throws<ArgumentException>(() => new BusinessCalendar("Europe/Copenhagen", Office, [new Holiday(date, "A"), new Holiday(date, "B")]));
    }

    [Fact]
    public void Constructor_ShortenedDayClosingOutsideTheDay_Throws() =>
        Assert.Throws<ArgumentException>(() => new BusinessCalendar("Europe/Copenhagen", Office, [new Holiday(new DateOnly(2026, 12, 24), "Eve", TimeSpan.FromHours(25))]));

    [Theory]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void Methods_NonUtcInstant_ThrowArgumentException(DateTimeKind kind)
    {
        var calendar = new BusinessCalendar("Europe/Copenhagen", Office);
        var instant = new DateTime(2026, 11, 23, 9, 0, 0, kind);
        var utc = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
        Assert.Throws<ArgumentException>(() => calendar.AddWorkingTime(instant, TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentException>(() => calendar.AddWorkingDays(instant, 1));
        Assert.Throws<ArgumentException>(() => calendar.WorkingTimeBetween(utc, instant));
        Assert.Throws<ArgumentException>(() => calendar.IsWorkingTime(instant));
        var ex = Assert.Throws<ArgumentException>(() => calendar.NextOpening(instant));
        Assert.Contains("UTC", ex.Message);
    }

    [Fact]
    public void AddWorkingTime_NegativeDuration_ThrowsOutOfRange()
    {
        var calendar = new BusinessCalendar("Europe/Copenhagen", Office);
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingTime(DateTime.UtcNow, TimeSpan.FromMinutes(-1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void AddWorkingDays_LessThanOneDay_ThrowsOutOfRange(int days)
    {
        var calendar = new BusinessCalendar("Europe/Copenhagen", Office);
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(DateTime.UtcNow, days));
    }

    [Fact]
    public void NextOpening_SixtyMondaysOfHolidays_FindsTheFirstOpenMonday()
    {
        var holidays = Enumerable.Range(0, 60).Select(w => new Holiday(new DateOnly(2026, 11, 23).AddDays(7 * w), "Closed"));
        var calendar = new BusinessCalendar("Europe/Copenhagen", new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> { [DayOfWeek.Monday] = [WorkingInterval.Parse("08:00-16:00")] }, holidays);
        var start = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2028, 1, 17, 7, 0, 0, DateTimeKind.Utc), calendar.NextOpening(start));
    }

    [Fact]
    public void NextOpening_HolidaysBeyondTheScanLimit_ThrowsInsteadOfSpinning()
    {
        var holidays = Enumerable.Range(0, 1100).Select(w => new Holiday(new DateOnly(2026, 11, 23).AddDays(7 * w), "Closed"));
        var calendar = new BusinessCalendar("Europe/Copenhagen", new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> { [DayOfWeek.Monday] = [WorkingInterval.Parse("08:00-16:00")] }, holidays);
        var ex = Assert.Throws<InvalidOperationException>(() => calendar.NextOpening(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("No working time", ex.Message);
    }
}

public class PublicHolidaysTests
{
    [Theory]
    [InlineData("DK", "Europe/Copenhagen")]
    [InlineData("FI", "Europe/Helsinki")]
    [InlineData("RU", "Europe/Moscow")]
    [InlineData("TR", "Europe/Istanbul")]
    public void For_EachCountry_CoversBothYearsAndBuildsAValidCalendar(string country, string zone)
    {
        var holidays = PublicHolidays.For(country);
        Assert.Contains(holidays, h => h.Date.Year == 2026);
        Assert.Contains(holidays, h => h.Date.Year == 2027);
        Assert.All(holidays, h => Assert.False(string.IsNullOrWhiteSpace(h.Name)));
        Assert.NotNull(DefaultCalendars.For(country, zone));
    }

    [Fact]
    public void For_CountryWithoutDefaults_IsEmptyAndCaseInsensitive()
    {
        Assert.Empty(PublicHolidays.For("SE"));
        Assert.Equal(PublicHolidays.For("DK"), PublicHolidays.For("dk"));
    }

    [Fact]
    public void For_Turkey_MarksEvesAsShortenedDays()
    {
        var eve = Assert.Single(PublicHolidays.For("TR"), h => h.Date == new DateOnly(2026, 10, 28));
        Assert.True(eve.IsShortenedDay);
        Assert.Equal(TimeSpan.FromHours(13), eve.ClosesAt);
    }
}

public class DeadlinePolicyTests
{
    private const string Copenhagen = "Europe/Copenhagen";

    private static DateTime Local(int year, int month, int day, int hour, int minute = 0) =>
        BusinessCalendarTests.Local(Copenhagen, year, month, day, hour, minute);

    [Fact]
    public void Compute_UrgentOnFridayAfternoon_FirstAnswerMondayElevenAndWarningAtTen()
    {
        var calendar = DefaultCalendars.For("DK", Copenhagen);
        var deadlines = DeadlinePolicy.ForCountry("DK").Compute(calendar, Local(2026, 11, 20, 15), urgent: true);
        Assert.Equal(Local(2026, 11, 23, 11), deadlines.FirstAnswerDueUtc);
        Assert.Equal(Local(2026, 11, 23, 10), deadlines.WarnAtUtc);
        Assert.Equal(Local(2026, 12, 4, 16), deadlines.FinalAnswerDueUtc);
        Assert.True(deadlines.FinalAnswerWarnAtUtc > deadlines.FirstAnswerDueUtc && deadlines.FinalAnswerWarnAtUtc < deadlines.FinalAnswerDueUtc);
    }

    [Fact]
    public void Compute_NotUrgentOnMondayMorning_FirstAnswerOneWorkingDayLater()
    {
        var calendar = DefaultCalendars.For("DK", Copenhagen);
        var deadlines = DeadlinePolicy.Default.Compute(calendar, Local(2026, 11, 23, 10), urgent: false);
        Assert.Equal(Local(2026, 11, 24, 10), deadlines.FirstAnswerDueUtc);
        Assert.Equal(Local(2026, 11, 23, 16), deadlines.WarnAtUtc);
    }

    [Fact]
    public void Compute_WarningAcrossSpringForwardWeekend_IsSeventyFivePercentOfWorkingTime()
    {
        var calendar = DefaultCalendars.For("DK", Copenhagen);
        var received = Local(2026, 3, 27, 14);
        var deadlines = DeadlinePolicy.Default.Compute(calendar, received, urgent: false);
        Assert.Equal(TimeSpan.FromHours(6), calendar.WorkingTimeBetween(received, deadlines.WarnAtUtc));
        Assert.Equal(Local(2026, 3, 30, 14), deadlines.FirstAnswerDueUtc);
    }

    [Fact]
    public void Compute_FirstAnswerLongerThanFinalDeadline_FinalNeverBeforeFirst()
    {
        var calendar = DefaultCalendars.For("DK", Copenhagen);
        var policy = new DeadlinePolicy(TimeSpan.FromHours(40), TimeSpan.FromHours(4), 1, 75);
        var deadlines = policy.Compute(calendar, Local(2026, 11, 23, 10), urgent: false);
        Assert.Equal(deadlines.FirstAnswerDueUtc, deadlines.FinalAnswerDueUtc);
    }

    [Fact]
    public void ForCountry_Turkey_TightensFirstAnswerToFourHours()
    {
        Assert.Equal(TimeSpan.FromHours(4), DeadlinePolicy.ForCountry("TR").FirstAnswer);
        Assert.Equal(DeadlinePolicy.Default, DeadlinePolicy.ForCountry("FI"));
        Assert.Equal(TimeSpan.FromHours(4), DeadlinePolicy.Default.UrgentFirstAnswer);
    }

    public static TheoryData<DeadlinePolicy> InvalidPolicies => new()
    {
        new DeadlinePolicy(TimeSpan.Zero, TimeSpan.FromHours(4), 10, 75),
        new DeadlinePolicy(TimeSpan.FromHours(8), TimeSpan.FromHours(-1), 10, 75),
        new DeadlinePolicy(TimeSpan.FromHours(2), TimeSpan.FromHours(4), 10, 75),
        new DeadlinePolicy(TimeSpan.FromHours(8), TimeSpan.FromHours(4), 0, 75),
        new DeadlinePolicy(TimeSpan.FromHours(8), TimeSpan.FromHours(4), 10, 100),
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public void Validate_InvalidSetting_Throws(DeadlinePolicy policy) =>
        Assert.Throws<ArgumentException>(policy.Validate);
}
