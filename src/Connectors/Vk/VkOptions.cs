namespace CareDialog.Connectors.Vk;

/// <summary>
/// VK settings beyond <see cref="Common.PlatformOptions"/>, bound from the same section (<c>Connectors:Vk</c>). The waits are
/// settings because VK documents no numbers for them (platform-apis.md §7.2, §11 item 8).
/// </summary>
public sealed class VkOptions
{
    /// <summary>The <c>v</c> parameter sent with every call (§7.1).</summary>
    public string ApiVersion { get; set; } = "5.199";

    /// <summary>Wait after error 6 "Too many requests per second".</summary>
    public TimeSpan TooManyRequestsWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait after error 9 "Flood control" or 29 "Rate limit reached": anti-spam and daily quotas, not a per-second limit.</summary>
    public TimeSpan FloodControlWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wait after error 14 "Captcha needed": CareDialog cannot answer a captcha, so it backs off and hopes VK stops asking.</summary>
    public TimeSpan CaptchaWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far before the attempt a found post may be dated (clock skew between us and VK).</summary>
    public TimeSpan FindClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Public site root for post links: <c>{WebBaseUrl}wall-{group}_{post}</c>.</summary>
    public Uri WebBaseUrl { get; set; } = new("https://vk.com/");
}
