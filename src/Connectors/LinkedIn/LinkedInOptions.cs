namespace CareDialog.Connectors.LinkedIn;

/// <summary>LinkedIn settings beyond <see cref="Common.PlatformOptions"/>, bound from the same section <c>Connectors:LinkedIn</c>.</summary>
public sealed class LinkedInOptions
{
    /// <summary>The version this connector was written against (platform-apis.md §4.1).</summary>
    public const string DefaultVersion = "202606";

    /// <summary>
    /// The <c>LinkedIn-Version</c> header (YYYYMM) sent on every /rest call. LinkedIn serves each monthly version for at least
    /// a year and then answers 426 NONEXISTENT_VERSION, so this is a setting (<c>Connectors:LinkedIn:Version</c>), not a constant.
    /// </summary>
    public string Version { get; set; } = DefaultVersion;

    /// <summary>
    /// The longest wait after a 429 without Retry-After. LinkedIn's daily limits reset at midnight UTC (§4.5), but a 429 can also
    /// be short-lived infrastructure protection, so CareDialog waits until midnight or this long, whichever comes first.
    /// </summary>
    public TimeSpan RateLimitMaxWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The commentary limit (§4.2), checked on the text as written, before escaping.</summary>
    public int MaxCommentaryLength { get; set; } = 3000;
}
