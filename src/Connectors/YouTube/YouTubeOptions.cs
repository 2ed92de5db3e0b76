namespace CareDialog.Connectors.YouTube;

/// <summary>
/// YouTube settings beyond <see cref="Common.PlatformOptions"/>, bound from the same section (<c>Connectors:YouTube</c>).
/// Values the reference could not confirm (platform-apis.md §11) are settings rather than constants.
/// </summary>
public sealed class YouTubeOptions
{
    /// <summary>Root of Google's media upload host; uploads go to <c>{UploadBaseUrl}upload/youtube/v3/videos</c>.</summary>
    public Uri UploadBaseUrl { get; set; } = new("https://www.googleapis.com/");

    /// <summary>
    /// Timeout of the request that sends the video bytes. Separate from the API timeout because a large file over a slow
    /// line takes minutes; a timeout here leaves the outcome unknown and is reconciled like any publish timeout.
    /// </summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>status.privacyStatus of uploaded videos. Unverified API projects can only publish private videos until Google audits them.</summary>
    public string PrivacyStatus { get; set; } = "public";

    /// <summary>snippet.categoryId of uploaded videos (22 = People &amp; Blogs, the category Google's own upload samples use); empty to omit.</summary>
    public string? CategoryId { get; set; } = "22";

    /// <summary>The zone whose midnight resets the daily quota (§5.4: "midnight Pacific Time").</summary>
    public string QuotaResetTimeZone { get; set; } = "America/Los_Angeles";

    /// <summary>How far before the attempt a found upload may be dated (clock skew between us and Google).</summary>
    public TimeSpan FindClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound on list pages read per call, because every page costs quota again (§5.4).</summary>
    public int MaxPages { get; set; } = 5;

    /// <summary>Public link of a video; {0} is the video id.</summary>
    public string WatchUrlFormat { get; set; } = "https://www.youtube.com/watch?v={0}";
}
