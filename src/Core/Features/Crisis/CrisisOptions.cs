namespace CareDialog.Core.Features.Crisis;

/// <summary>
/// Thresholds of the negative-spike detector (configuration section <c>Crisis</c>; ADR 0008 explains the statistic).
/// The defaults are chosen so that a hospital's ordinary bad day is handled in the inbox, and only a burst that is unusual
/// for that channel, from several people at once, wakes the Managers.
/// </summary>
public sealed class CrisisOptions
{
    /// <summary>
    /// How often the sweep runs. Five minutes: an alert arrives at most five minutes after the burst crosses the threshold,
    /// while the query behind it (one grouped count per sweep) stays negligible.
    /// </summary>
    public TimeSpan DetectInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The "current" window that is compared with the baseline. One hour: a comment storm builds up within an hour, and hourly
    /// buckets have enough items on an active channel for the mean and spread to mean something.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>
    /// How far back the baseline reaches, in window-sized buckets. Fourteen days: two whole weeks, so weekdays and weekends
    /// are both in it, while a channel that grows or shrinks is followed within a fortnight.
    /// </summary>
    public int BaselineDays { get; set; } = 14;

    /// <summary>
    /// k in mean + k·stddev. Three: with 336 hourly buckets a fortnight, a normal channel crosses mean + 3σ by chance about
    /// once in two weeks at most, which the minimum counts below cut further; two would alert every few days.
    /// </summary>
    public double StdDevs { get; set; } = 3.0;

    /// <summary>
    /// No alert below this many negative or complaint items in the window, whatever the baseline says. Five: on a quiet channel
    /// (baseline near zero) two or three unhappy comments are ordinary inbox work, not a crisis.
    /// </summary>
    public int MinimumCount { get; set; } = 5;

    /// <summary>
    /// ...and from at least this many different authors. Three: one upset person posting ten comments is a conversation for a
    /// Responder, not a crisis for the organisation.
    /// </summary>
    public int MinimumAuthors { get; set; } = 3;

    /// <summary>
    /// A channel observed for less than this has no trustworthy baseline (too few buckets for a stable spread). Three days:
    /// 72 hourly buckets, enough that a single busy afternoon does not define "normal".
    /// </summary>
    public TimeSpan MinimumHistory { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// The absolute floor used instead while a channel is new (less than <see cref="MinimumHistory"/>). Ten: twice the normal
    /// minimum, because without a baseline the detector cannot tell a busy new page from a crisis, and a false alarm on day one
    /// teaches people to ignore the alert.
    /// </summary>
    public int NewChannelMinimumCount { get; set; } = 10;

    /// <summary>Null when the options make sense; otherwise why not (checked at start-up).</summary>
    public string? Problem() =>
        DetectInterval <= TimeSpan.Zero ? "Crisis:DetectInterval must be positive."
        : Window < TimeSpan.FromMinutes(5) || Window > TimeSpan.FromDays(1) ? "Crisis:Window must be between 5 minutes and 1 day."
        : BaselineDays is < 1 or > 90 ? "Crisis:BaselineDays must be between 1 and 90."
        : StdDevs is < 0 or > 10 || double.IsNaN(StdDevs) ? "Crisis:StdDevs must be between 0 and 10."
        : MinimumCount < 1 ? "Crisis:MinimumCount must be at least 1."
        : MinimumAuthors < 1 ? "Crisis:MinimumAuthors must be at least 1."
        : MinimumHistory < TimeSpan.Zero ? "Crisis:MinimumHistory may not be negative."
        : NewChannelMinimumCount < MinimumCount ? "Crisis:NewChannelMinimumCount may not be below Crisis:MinimumCount."
        : null;
}
