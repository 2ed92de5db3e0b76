using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.YouTube.Tests;

/// <summary>The quota reset in standard time, when Pacific Time is UTC-8 instead of UTC-7.</summary>
public sealed class YouTubeQuotaWinterTests : YouTubeTestBase
{
    protected override DateTimeOffset? StartTime => new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Publish_WhenQuotaExceededInWinter_WaitsUntilMidnightPacificStandardTime()
    {
        Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await Connector.PublishAsync(Publish("Title\nBody", Video()), CancellationToken.None);

        // 12:00 UTC is 04:00 PST; the next midnight PST is 08:00 UTC the next day.
        Assert.Equal(TimeSpan.FromHours(20), Assert.IsType<PublishOutcome.RetryLater>(outcome).After);
    }
}
