using System.Linq.Expressions;
using CareDialog.Core.Features.Inbox;
using CareDialog.Triage;

namespace CareDialog.Core.Features.Crisis;

/// <summary>One negative or complaint item as the detector sees it: when it was written and by whom (never its text).</summary>
public readonly record struct Signal(DateTime CreatedAtUtc, string Author);

/// <summary>
/// The detector's verdict on one channel, with every number behind it so an alert can say why it fired.
/// <see cref="Threshold"/> is the smallest window count that counts as a spike.
/// </summary>
public sealed record SpikeAssessment(
    bool IsSpike,
    int WindowCount,
    int DistinctAuthors,
    double BaselineMean,
    double BaselineStdDev,
    int BaselineBuckets,
    bool NewChannel,
    int Threshold)
{
    /// <summary>The reasoning in one English sentence (numbers only: safe to log and to show).</summary>
    public string Explain(CrisisOptions options)
    {
        var window = WindowText(options.Window);
        var baseline = NewChannel
            ? Invariant($"the channel is new ({BaselineBuckets} bucket(s) of history, under {options.MinimumHistory.TotalDays:0.#} days), so the new-channel floor applies")
            : Invariant($"usually {BaselineMean:0.##} ± {BaselineStdDev:0.##} per {window} over {BaselineBuckets} bucket(s)");
        return Invariant($"{WindowCount} negative or complaint item(s) from {DistinctAuthors} author(s) in the last {window}; {baseline}; ") +
               Invariant($"alert from {Threshold} item(s) and {options.MinimumAuthors} author(s).");
    }

    internal static string WindowText(TimeSpan window) =>
        window.TotalMinutes % 60 == 0 ? Invariant($"{window.TotalHours:0} h") : Invariant($"{window.TotalMinutes:0} min");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

/// <summary>
/// Negative-spike detection, pure: the window count of negative or complaint items on one channel against that channel's own
/// history, bucketed in window-sized slices over the baseline period. A spike needs all of: at least the threshold
/// max(minimum, ⌊mean + k·σ⌋ + 1) items (the fixed new-channel floor while the history is short), and enough different authors.
/// </summary>
public static class SpikeDetector
{
    /// <summary>
    /// What counts as a negative signal: a comment or message from someone else, labelled negative or a complaint by triage.
    /// Spam is left out even when its tone is negative — a bot wave is moderation work, not a reputational crisis.
    /// Untriaged items (no labels yet) do not count until triage has run.
    /// </summary>
    public static readonly Expression<Func<InboxItem, bool>> IsNegativeSignal = i =>
        !i.FromOwnAccount
        && (i.Sentiment == Sentiment.Negative || i.Intent == Intent.Complaint)
        && i.Intent != Intent.Spam;

    private static readonly Func<InboxItem, bool> IsNegativeSignalCompiled = IsNegativeSignal.Compile();

    /// <summary>Who wrote it, for counting distinct authors: the platform's id when there is one, else the display name.</summary>
    public static string AuthorKey(string? authorId, string authorName) => authorId is { Length: > 0 } id ? "id:" + id : "name:" + authorName;

    /// <summary>The negative signals among <paramref name="items"/> (the same filter the database query applies).</summary>
    public static IEnumerable<Signal> SignalsOf(IEnumerable<InboxItem> items) =>
        items.Where(IsNegativeSignalCompiled).Select(i => new Signal(i.CreatedAtUtc, AuthorKey(i.AuthorId, i.AuthorName)));

    /// <summary>
    /// Assesses one channel at <paramref name="nowUtc"/>. <paramref name="signals"/> should cover at least the window and the
    /// baseline period before it (anything else is ignored). <paramref name="observedSinceUtc"/> is when the channel's history
    /// starts (connected, or its first item); only whole buckets after it form the baseline, so a young channel is not compared
    /// with days it did not exist. Null means no history at all.
    /// </summary>
    public static SpikeAssessment Assess(DateTime nowUtc, IReadOnlyCollection<Signal> signals, DateTime? observedSinceUtc, CrisisOptions options)
    {
        var window = options.Window;
        var windowStart = nowUtc - window;
        var inWindow = signals.Where(s => s.CreatedAtUtc > windowStart && s.CreatedAtUtc <= nowUtc).ToList();
        var windowCount = inWindow.Count;
        var authors = inWindow.Select(s => s.Author).Distinct(StringComparer.Ordinal).Count();

        var buckets = BaselineBuckets(windowStart, signals, observedSinceUtc, options);
        var (mean, stdDev) = MeanAndStdDev(buckets);
        var history = buckets.Length * window;
        var isNew = history < options.MinimumHistory;

        var statistical = buckets.Length == 0 ? 0 : (int)Math.Floor(mean + options.StdDevs * stdDev) + 1;
        var floor = isNew ? options.NewChannelMinimumCount : options.MinimumCount;
        var threshold = Math.Max(floor, statistical);
        var isSpike = windowCount >= threshold && authors >= options.MinimumAuthors;
        return new SpikeAssessment(isSpike, windowCount, authors, Math.Round(mean, 3), Math.Round(stdDev, 3), buckets.Length, isNew, threshold);
    }

    /// <summary>
    /// Counts per window-sized bucket, counted backwards from the window's start: bucket i is (start − (i+1)·w, start − i·w].
    /// Only buckets wholly after <paramref name="observedSinceUtc"/> count, up to <see cref="CrisisOptions.BaselineDays"/> back.
    /// </summary>
    internal static int[] BaselineBuckets(DateTime windowStart, IEnumerable<Signal> signals, DateTime? observedSinceUtc, CrisisOptions options)
    {
        if (observedSinceUtc is not { } since || since >= windowStart)
        {
            return [];
        }

        var window = options.Window;
        var maxBuckets = (int)(TimeSpan.FromDays(options.BaselineDays).Ticks / window.Ticks);
        var observedBuckets = (int)((windowStart - since).Ticks / window.Ticks);
        var count = Math.Min(maxBuckets, observedBuckets);
        var buckets = new int[count];
        var baselineStart = windowStart - count * window;
        foreach (var s in signals)
        {
            if (s.CreatedAtUtc <= baselineStart || s.CreatedAtUtc > windowStart)
            {
                continue;
            }

            buckets[(int)((windowStart - s.CreatedAtUtc).Ticks / window.Ticks)]++;
        }

        return buckets;
    }

    /// <summary>Population mean and standard deviation: the buckets are the whole observed history, not a sample of it.</summary>
    internal static (double Mean, double StdDev) MeanAndStdDev(IReadOnlyCollection<int> values)
    {
        if (values.Count == 0)
        {
            return (0, 0);
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return (mean, Math.Sqrt(variance));
    }
}
