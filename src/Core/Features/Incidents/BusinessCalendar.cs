using System.Collections.Frozen;
using System.Globalization;
using CareDialog.Core.Features.Organisations;

namespace CareDialog.Core.Features.Incidents;

/// <summary>A span of local wall-clock time within one day; End may be 24:00 so a shift can run to midnight.</summary>
public readonly record struct WorkingInterval
{
    public WorkingInterval(TimeSpan start, TimeSpan end)
    {
        if (start < TimeSpan.Zero || end > TimeSpan.FromHours(24))
        {
            throw new ArgumentException($"Working interval {Describe(start, end)} must lie within 00:00-24:00.");
        }

        if (end <= start)
        {
            throw new ArgumentException($"Working interval {Describe(start, end)} ends before it starts.");
        }

        Start = start;
        End = end;
    }

    public TimeSpan Start { get; }
    public TimeSpan End { get; }
    public TimeSpan Length => End - Start;

    /// <summary>Parses "08:00-16:00"; "24:00" is accepted as an end.</summary>
    public static WorkingInterval Parse(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new ArgumentException($"Working interval '{text}' must look like 08:00-16:00.", nameof(text));
        }

        return new WorkingInterval(ParseClock(parts[0], text), ParseClock(parts[1], text));
    }

    public override string ToString() => Describe(Start, End);

    private static TimeSpan ParseClock(string clock, string whole)
    {
        if (clock == "24:00")
        {
            return TimeSpan.FromHours(24);
        }

        return TimeSpan.TryParseExact(clock, @"hh\:mm", CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"Working interval '{whole}' has an invalid time '{clock}'; use HH:mm.", nameof(whole));
    }

    private static string Describe(TimeSpan start, TimeSpan end) =>
        $"{(int)start.TotalHours:00}:{start.Minutes:00}-{(int)end.TotalHours:00}:{end.Minutes:00}";
}

/// <summary>
/// A public holiday or shortened day. ClosesAt null: closed all day. ClosesAt set: the normal hours of that weekday apply
/// but stop at ClosesAt (e.g. Turkish eves of national and religious holidays, closed from 13:00).
/// </summary>
public sealed record Holiday(DateOnly Date, string Name, TimeSpan? ClosesAt = null)
{
    public bool IsShortenedDay => ClosesAt is not null;
}

/// <summary>
/// An organisation's working time: IANA zone, weekly local hours and holidays. Pure and immutable; all instants in and
/// out are UTC. Local hours are converted per date, so 08:00 stays 08:00 local across daylight-saving changes and a
/// day that contains a change has its real length.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>Upper bound on calendar days one query may walk; guards against runaway loops on huge inputs.</summary>
    public const int MaxDaysScanned = 20 * 366;

    private static readonly TimeSpan MaxWorkingTime = TimeSpan.FromDays(366);
    private const int MaxWorkingDays = 3660;

    private readonly FrozenDictionary<DayOfWeek, WorkingInterval[]> _weekly;
    private readonly FrozenDictionary<DateOnly, Holiday> _holidays;

    public BusinessCalendar(
        string timeZoneId,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> weeklyHours,
        IEnumerable<Holiday>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(weeklyHours);
        if (!OrgClock.TryFindZone(timeZoneId, out var zone))
        {
            throw new ArgumentException($"Unknown time zone '{timeZoneId}': use an IANA id such as Europe/Copenhagen.", nameof(timeZoneId));
        }

        Zone = zone;
        TimeZoneId = timeZoneId;
        _weekly = weeklyHours.ToFrozenDictionary(kv => kv.Key, kv => Normalise(kv.Key, kv.Value));
        if (_weekly.Values.All(day => day.Length == 0))
        {
            // Without any weekly hours every "next opening" search would run to the scan limit; refuse up front.
            throw new ArgumentException("The weekly working hours are empty: at least one weekday needs a working interval.", nameof(weeklyHours));
        }

        var byDate = new Dictionary<DateOnly, Holiday>();
        foreach (var holiday in holidays ?? [])
        {
            if (holiday.ClosesAt is { } closes && (closes <= TimeSpan.Zero || closes >= TimeSpan.FromHours(24)))
            {
                throw new ArgumentException($"Holiday {holiday.Date:yyyy-MM-dd} ({holiday.Name}) closes at an invalid time.", nameof(holidays));
            }

            if (!byDate.TryAdd(holiday.Date, holiday))
            {
                throw new ArgumentException($"Holiday {holiday.Date:yyyy-MM-dd} is listed twice ({byDate[holiday.Date].Name}, {holiday.Name}).", nameof(holidays));
            }
        }

        _holidays = byDate.ToFrozenDictionary();
    }

    public string TimeZoneId { get; }
    public TimeZoneInfo Zone { get; }

    /// <summary>The same intervals Monday to Friday, nothing at the weekend.</summary>
    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> MondayToFriday(params string[] intervals)
    {
        IReadOnlyList<WorkingInterval> day = [.. intervals.Select(WorkingInterval.Parse)];
        return new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>>
        {
            [DayOfWeek.Monday] = day,
            [DayOfWeek.Tuesday] = day,
            [DayOfWeek.Wednesday] = day,
            [DayOfWeek.Thursday] = day,
            [DayOfWeek.Friday] = day,
        };
    }

    /// <summary>The normal local working intervals of a weekday, before holidays.</summary>
    public IReadOnlyList<WorkingInterval> WeeklyHours(DayOfWeek day) => _weekly.TryGetValue(day, out var hours) ? hours : [];

    /// <summary>The local working intervals of a date after holidays and shortened days are applied.</summary>
    public IReadOnlyList<WorkingInterval> HoursOn(DateOnly date)
    {
        var normal = _weekly.TryGetValue(date.DayOfWeek, out var hours) ? hours : [];
        if (!_holidays.TryGetValue(date, out var holiday))
        {
            return normal;
        }

        if (holiday.ClosesAt is not { } closes)
        {
            return [];
        }

        return [.. normal.Where(i => i.Start < closes).Select(i => i.End <= closes ? i : new WorkingInterval(i.Start, closes))];
    }

    public bool IsWorkingTime(DateTime utc) => FirstIntervalFrom(RequireUtc(utc)).Start == utc;

    /// <summary>utc itself when it is working time, otherwise the next moment working time begins.</summary>
    public DateTime NextOpening(DateTime utc) => FirstIntervalFrom(RequireUtc(utc)).Start;

    /// <summary>
    /// The instant at which workingTime of working time has elapsed since startUtc. Counting starts at the next opening
    /// when startUtc is outside working hours; a total that ends exactly at closing time yields the closing time.
    /// </summary>
    public DateTime AddWorkingTime(DateTime startUtc, TimeSpan workingTime)
    {
        RequireUtc(startUtc);
        if (workingTime < TimeSpan.Zero || workingTime > MaxWorkingTime)
        {
            throw new ArgumentOutOfRangeException(nameof(workingTime), workingTime, $"Working time must be between zero and {MaxWorkingTime.TotalDays} days.");
        }

        var remaining = workingTime;
        foreach (var (start, end) in IntervalsFrom(startUtc))
        {
            var length = end - start;
            if (remaining <= length)
            {
                return start + remaining;
            }

            remaining -= length;
        }

        throw NoWorkingTime(startUtc);
    }

    /// <summary>
    /// Closing time (end of the last interval, UTC) of the days-th working day after the local date of startUtc. The day
    /// of receipt never counts, whatever the time of day, as with statutory answer periods; a working day is any date with
    /// working hours after holidays, so a shortened day counts as a full working day.
    /// </summary>
    public DateTime AddWorkingDays(DateTime startUtc, int days)
    {
        RequireUtc(startUtc);
        if (days < 1 || days > MaxWorkingDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"Working days must be between 1 and {MaxWorkingDays}.");
        }

        var date = DateOnly.FromDateTime(OrgClock.ToLocal(Zone, startUtc));
        var counted = 0;
        for (var scanned = 0; scanned < MaxDaysScanned; scanned++)
        {
            date = date.AddDays(1);
            var intervals = UtcIntervalsOn(date);
            if (intervals.Count > 0 && ++counted == days)
            {
                return intervals[^1].End;
            }
        }

        throw NoWorkingTime(startUtc);
    }

    /// <summary>
    /// Working time inside [fromUtc, toUtc). Negative (the working time from toUtc to fromUtc) when toUtc is earlier, so
    /// "time left until the deadline" turns negative once a deadline is breached.
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc)
    {
        RequireUtc(fromUtc);
        RequireUtc(toUtc);
        if (toUtc < fromUtc)
        {
            return -WorkingTimeBetween(toUtc, fromUtc);
        }

        var total = TimeSpan.Zero;
        foreach (var (start, end) in IntervalsFrom(fromUtc))
        {
            if (start >= toUtc)
            {
                break;
            }

            total += (end < toUtc ? end : toUtc) - start;
        }

        return total;
    }

    private (DateTime Start, DateTime End) FirstIntervalFrom(DateTime utc)
    {
        foreach (var interval in IntervalsFrom(utc))
        {
            return interval;
        }

        throw NoWorkingTime(utc);
    }

    /// <summary>UTC working intervals from utc onwards, the first clipped to begin no earlier than utc.</summary>
    private IEnumerable<(DateTime Start, DateTime End)> IntervalsFrom(DateTime utc)
    {
        // Start one local day early: a previous day's interval can still be open at utc (e.g. one running to 24:00).
        var date = DateOnly.FromDateTime(OrgClock.ToLocal(Zone, utc)).AddDays(-1);
        for (var scanned = 0; scanned < MaxDaysScanned; scanned++, date = date.AddDays(1))
        {
            foreach (var (start, end) in UtcIntervalsOn(date))
            {
                if (end > utc)
                {
                    yield return (start > utc ? start : utc, end);
                }
            }
        }
    }

    private List<(DateTime Start, DateTime End)> UtcIntervalsOn(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        var result = new List<(DateTime, DateTime)>();
        foreach (var interval in HoursOn(date))
        {
            var start = LocalToUtc(midnight + interval.Start);
            var end = LocalToUtc(midnight + interval.End);
            // An interval lying wholly inside a spring-forward gap never happens on the wall clock.
            if (end > start)
            {
                result.Add((start, end));
            }
        }

        return result;
    }

    /// <summary>
    /// Like OrgClock.ToUtc, but total: a time in a spring-forward gap maps to the instant the clocks jump, so an interval
    /// touching the gap keeps only the time that really passes. Ambiguous autumn times take the first occurrence.
    /// </summary>
    private DateTime LocalToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            var candidate = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);
            // Gaps are whole minutes and at most a few hours; the bound only protects against a corrupt zone database.
            for (var i = 0; i < 24 * 60 && Zone.IsInvalidTime(candidate); i++)
            {
                candidate = candidate.AddMinutes(1);
            }

            local = candidate;
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    private static WorkingInterval[] Normalise(DayOfWeek day, IReadOnlyList<WorkingInterval> intervals)
    {
        var sorted = intervals.OrderBy(i => i.Start).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Start < sorted[i - 1].End)
            {
                throw new ArgumentException($"Working intervals {sorted[i - 1]} and {sorted[i]} on {day} overlap.", nameof(intervals));
            }
        }

        return sorted;
    }

    private static DateTime RequireUtc(DateTime value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null) =>
        value.Kind == DateTimeKind.Utc
            ? value
            : throw new ArgumentException($"{name} must be a UTC instant (DateTimeKind.Utc), got {value.Kind}.", name);

    private InvalidOperationException NoWorkingTime(DateTime utc) =>
        new($"No working time in {TimeZoneId} within {MaxDaysScanned} days after {utc:O}: check the holidays and weekly hours.");
}
