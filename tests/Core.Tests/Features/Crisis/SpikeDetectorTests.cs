using CareDialog.Core.Features.Crisis;
using CareDialog.Core.Features.Inbox;
using CareDialog.Triage;

namespace CareDialog.Core.Tests.Features.Crisis;

public class SpikeDetectorTests
{
    private static readonly DateTime Now = new(2026, 3, 20, 14, 0, 0, DateTimeKind.Utc);
    private static readonly CrisisOptions Defaults = new();
    private static readonly DateTime LongAgo = Now.AddDays(-60);

    /// <summary><paramref name="count"/> signals inside the current hour, each from its own author unless <paramref name="authors"/> says fewer.</summary>
    private static IEnumerable<Signal> InWindow(int count, int? authors = null) =>
        Enumerable.Range(0, count).Select(i => new Signal(Now.AddMinutes(-1 - i % 50), $"author-{i % (authors ?? count)}"));

    /// <summary>The given count in every hourly bucket of the 14-day baseline, cycling through <paramref name="perHour"/>.</summary>
    private static IEnumerable<Signal> Baseline(params int[] perHour)
    {
        var windowStart = Now - Defaults.Window;
        for (var bucket = 0; bucket < Defaults.BaselineDays * 24; bucket++)
        {
            var n = perHour[bucket % perHour.Length];
            for (var i = 0; i < n; i++)
            {
                yield return new Signal(windowStart.AddHours(-bucket).AddMinutes(-1 - i % 59), $"past-{bucket}-{i}");
            }
        }
    }

    private static SpikeAssessment Assess(IEnumerable<Signal> signals, DateTime? observedSince) =>
        SpikeDetector.Assess(Now, signals.ToList(), observedSince, Defaults);

    [Fact]
    public void QuietChannel_ThreeComplaintsInAnHour_IsNoSpike()
    {
        var result = Assess(InWindow(3), LongAgo);

        Assert.False(result.IsSpike);
        Assert.Equal(3, result.WindowCount);
        Assert.Equal(0, result.BaselineMean);
        Assert.Equal(Defaults.MinimumCount, result.Threshold);
        Assert.False(result.NewChannel);
    }

    [Fact]
    public void QuietChannel_ReachingTheMinimumCount_IsASpike_AndOneBelowIsNot()
    {
        var below = Assess(InWindow(Defaults.MinimumCount - 1), LongAgo);
        var at = Assess(InWindow(Defaults.MinimumCount), LongAgo);

        Assert.False(below.IsSpike);
        Assert.True(at.IsSpike);
        Assert.Equal(Defaults.MinimumCount, at.Threshold);
        Assert.Equal(Defaults.BaselineDays * 24, at.BaselineBuckets);
    }

    [Fact]
    public void BusyChannel_CountWithinItsUsualSpread_IsNoSpike()
    {
        // 8 and 12 an hour in turn: mean 10, standard deviation 2, so the threshold is ⌊10 + 3·2⌋ + 1 = 17.
        var result = Assess(Baseline(8, 12).Concat(InWindow(16)), LongAgo);

        Assert.False(result.IsSpike);
        Assert.Equal(10, result.BaselineMean, 3);
        Assert.Equal(2, result.BaselineStdDev, 3);
        Assert.Equal(17, result.Threshold);
    }

    [Fact]
    public void BusyChannel_CountFarAboveItsOwnBaseline_IsASpike_AndExplainsItsNumbers()
    {
        var result = Assess(Baseline(8, 12).Concat(InWindow(17)), LongAgo);

        Assert.True(result.IsSpike);
        Assert.Equal(17, result.WindowCount);
        Assert.Equal(17, result.DistinctAuthors);
        Assert.Equal(336, result.BaselineBuckets);
        var why = result.Explain(Defaults);
        Assert.Contains("17 negative or complaint item(s) from 17 author(s) in the last 1 h", why);
        Assert.Contains("usually 10 ± 2 per 1 h over 336 bucket(s)", why);
        Assert.Contains("alert from 17 item(s)", why);
    }

    [Fact]
    public void SameCount_IsASpikeOnAQuietChannel_ButNotOnABusyOne()
    {
        var quiet = Assess(InWindow(8), LongAgo);
        var busy = Assess(Baseline(5, 7).Concat(InWindow(8)), LongAgo);

        Assert.True(quiet.IsSpike);
        Assert.False(busy.IsSpike);
    }

    [Fact]
    public void OnePersonPostingManyComplaints_IsNoSpike()
    {
        var result = Assess(InWindow(12, authors: 1), LongAgo);

        Assert.False(result.IsSpike);
        Assert.Equal(12, result.WindowCount);
        Assert.Equal(1, result.DistinctAuthors);
    }

    [Fact]
    public void SpikeNeedsTheMinimumNumberOfAuthors()
    {
        var two = Assess(InWindow(8, authors: Defaults.MinimumAuthors - 1), LongAgo);
        var enough = Assess(InWindow(8, authors: Defaults.MinimumAuthors), LongAgo);

        Assert.False(two.IsSpike);
        Assert.True(enough.IsSpike);
    }

    [Fact]
    public void NewChannel_WithoutHistory_UsesTheHigherNewChannelFloor()
    {
        var nine = Assess(InWindow(Defaults.NewChannelMinimumCount - 1), observedSince: null);
        var ten = Assess(InWindow(Defaults.NewChannelMinimumCount), observedSince: null);

        Assert.False(nine.IsSpike);
        Assert.True(ten.IsSpike);
        Assert.True(ten.NewChannel);
        Assert.Equal(0, ten.BaselineBuckets);
        Assert.Equal(Defaults.NewChannelMinimumCount, ten.Threshold);
        Assert.Contains("the channel is new", ten.Explain(Defaults));
    }

    [Fact]
    public void NewChannel_TwoDaysOld_IsStillNew_AndOnlyItsObservedHoursFormTheBaseline()
    {
        var result = Assess(InWindow(7), Now.AddDays(-2));

        Assert.False(result.IsSpike);
        Assert.True(result.NewChannel);
        Assert.Equal(47, result.BaselineBuckets); // 48 hours before now, minus the current window
    }

    [Fact]
    public void ChannelObservedForFourDays_HasABaselineOfFourDays()
    {
        var result = Assess(InWindow(5), Now.AddDays(-4));

        Assert.True(result.IsSpike);
        Assert.False(result.NewChannel);
        Assert.Equal(4 * 24 - 1, result.BaselineBuckets);
    }

    [Fact]
    public void PositivePraiseOwnPostsAndSpam_DoNotCount_ButANeutralComplaintDoes()
    {
        static InboxItem Item(int n, Sentiment? sentiment, Intent? intent, bool own = false) => new()
        {
            RemoteId = $"r{n}",
            Text = "untrusted",
            AuthorName = $"Author {n}",
            CreatedAtUtc = Now.AddMinutes(-5 - n % 50),
            Sentiment = sentiment,
            Intent = intent,
            FromOwnAccount = own,
        };

        var items = new List<InboxItem>();
        for (var n = 0; n < 10; n++)
        {
            items.Add(Item(n, Sentiment.Positive, Intent.Praise));
            items.Add(Item(100 + n, Sentiment.Negative, Intent.Spam));
            items.Add(Item(200 + n, Sentiment.Negative, Intent.Complaint, own: true));
            items.Add(Item(300 + n, null, null));
        }

        items.Add(Item(400, Sentiment.Neutral, Intent.Complaint));
        items.Add(Item(401, Sentiment.Negative, Intent.Question));

        var signals = SpikeDetector.SignalsOf(items).ToList();
        var result = Assess(signals, LongAgo);

        Assert.Equal(2, signals.Count);
        Assert.False(result.IsSpike);
        Assert.Equal(2, result.WindowCount);
    }

    [Fact]
    public void AuthorsAreCountedByPlatformIdFirst_ThenByName()
    {
        Assert.Equal(SpikeDetector.AuthorKey("42", "Anna"), SpikeDetector.AuthorKey("42", "Anna B."));
        Assert.NotEqual(SpikeDetector.AuthorKey(null, "Anna"), SpikeDetector.AuthorKey("Anna", "Anna"));
    }

    [Fact]
    public void ItemsOlderThanTheBaseline_OrInTheFuture_AreIgnored()
    {
        var signals = new List<Signal>
        {
            new(Now.AddDays(-Defaults.BaselineDays - 1), "old"),
            new(Now.AddMinutes(5), "future"),
        };

        var result = Assess(signals, LongAgo);

        Assert.Equal(0, result.WindowCount);
        Assert.Equal(0, result.BaselineMean);
    }

    [Fact]
    public void ItemExactlyAtTheWindowStart_BelongsToTheBaseline()
    {
        var windowStart = Now - Defaults.Window;
        var buckets = SpikeDetector.BaselineBuckets(windowStart, [new Signal(windowStart, "a"), new Signal(windowStart.AddHours(-1), "b")], LongAgo, Defaults);

        Assert.Equal(1, buckets[0]);
        Assert.Equal(1, buckets[1]);
        Assert.Equal(0, SpikeDetector.Assess(Now, [new Signal(windowStart, "a")], LongAgo, Defaults).WindowCount);
    }

    [Fact]
    public void DefaultOptions_AreValid_AndNonsenseIsRefused()
    {
        Assert.Null(new CrisisOptions().Problem());
        Assert.NotNull(new CrisisOptions { StdDevs = -1 }.Problem());
        Assert.NotNull(new CrisisOptions { MinimumCount = 0 }.Problem());
        Assert.NotNull(new CrisisOptions { NewChannelMinimumCount = 2 }.Problem());
        Assert.NotNull(new CrisisOptions { Window = TimeSpan.FromSeconds(30) }.Problem());
    }
}
