namespace CareDialog.Connectors.Meta;

/// <summary>
/// Meta settings beyond <see cref="Common.PlatformOptions"/>, bound from the same section (<c>Connectors:Facebook</c>,
/// <c>Connectors:Instagram</c>). Meta retires and renames insights metrics often and platform-apis.md could not confirm the
/// current names (§11), so the metric names are settings: a retired one shows up as a metric problem and can be renamed here
/// without a release. An empty value switches a metric off.
/// </summary>
public sealed class MetaGraphOptions
{
    /// <summary>CareDialog metric name (see MetricNames) → Graph insights metric of one post or media.</summary>
    public Dictionary<string, string> PostMetrics { get; set; } = new(StringComparer.Ordinal);

    /// <summary>CareDialog metric name → Graph insights metric of the Page or Instagram account.</summary>
    public Dictionary<string, string> AccountMetrics { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The <c>period</c> sent with account insights; the latest value of that period is reported.</summary>
    public string AccountMetricPeriod { get; set; } = "day";

    /// <summary>Instagram video containers are processed asynchronously; how often and how long a publish waits for FINISHED.</summary>
    public TimeSpan VideoPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int VideoPollAttempts { get; set; } = 24;

    /// <summary>The Page field Instagram comment webhooks need the app subscribed to on the linked Page (unconfirmed, §11).</summary>
    public string InstagramPageSubscribedFields { get; set; } = "feed";
}
