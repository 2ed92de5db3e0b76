using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Posts;

namespace CareDialog.Web.Components.Shared;

/// <summary>One palette for statuses and platforms, used by the calendar, badges and legends alike.</summary>
public static class PostColours
{
    public static string Status(PostStatus status) => status switch
    {
        PostStatus.Draft => "#78909c",
        PostStatus.InReview => "#f59e0b",
        PostStatus.Approved => "#0ea5e9",
        PostStatus.Rejected => "#a855f7",
        PostStatus.Scheduled => "#2563eb",
        PostStatus.Publishing => "#0d9488",
        PostStatus.Published => "#16a34a",
        PostStatus.Failed => "#dc2626",
        _ => "#555",
    };

    public static string Platform(Platform platform) => platform switch
    {
        Compliance.Platforms.Platform.Facebook => "#1877f2",
        Compliance.Platforms.Platform.Instagram => "#d62976",
        Compliance.Platforms.Platform.X => "#111111",
        Compliance.Platforms.Platform.LinkedIn => "#0a66c2",
        Compliance.Platforms.Platform.YouTube => "#ff0000",
        Compliance.Platforms.Platform.Telegram => "#229ed9",
        Compliance.Platforms.Platform.Vk => "#0077ff",
        _ => "#6b7280",
    };

    public static string Short(Platform platform) => platform switch
    {
        Compliance.Platforms.Platform.Facebook => "FB",
        Compliance.Platforms.Platform.Instagram => "IG",
        Compliance.Platforms.Platform.X => "X",
        Compliance.Platforms.Platform.LinkedIn => "IN",
        Compliance.Platforms.Platform.YouTube => "YT",
        Compliance.Platforms.Platform.Telegram => "TG",
        Compliance.Platforms.Platform.Vk => "VK",
        _ => "SB",
    };
}
