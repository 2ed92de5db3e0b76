namespace CareDialog.Compliance.Platforms;

/// <summary>A social platform a channel publishes to. <see cref="Sandbox"/> is CareDialog's own fake platform for demos and tests.</summary>
public enum Platform
{
    Facebook,
    Instagram,
    X,
    LinkedIn,
    YouTube,
    Telegram,
    Vk,
    Sandbox,
}

/// <summary>
/// Stable lowercase names used on the wire (CLI arguments, HTTP payloads, the limits data file).
/// They are spelled out instead of derived from the enum so that renaming an enum member can never change a stored or published value.
/// </summary>
public static class PlatformNames
{
    private static readonly (Platform Platform, string Wire)[] Names =
    [
        (Platform.Facebook, "facebook"),
        (Platform.Instagram, "instagram"),
        (Platform.X, "x"),
        (Platform.LinkedIn, "linkedin"),
        (Platform.YouTube, "youtube"),
        (Platform.Telegram, "telegram"),
        (Platform.Vk, "vk"),
        (Platform.Sandbox, "sandbox"),
    ];

    /// <summary>The wire name of <paramref name="p"/>, e.g. <c>linkedin</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not a defined <see cref="Platform"/>.</exception>
    public static string ToWire(Platform p)
    {
        foreach (var (platform, wire) in Names)
        {
            if (platform == p)
            {
                return wire;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(p), p, "Unknown platform.");
    }

    /// <summary>
    /// Parses a wire name, ignoring case. Only the exact wire names are accepted:
    /// no surrounding whitespace, no numeric values and no enum member spellings that differ from the wire name.
    /// </summary>
    public static bool TryParse(string? value, out Platform p)
    {
        if (value is not null)
        {
            foreach (var (platform, wire) in Names)
            {
                if (string.Equals(wire, value, StringComparison.OrdinalIgnoreCase))
                {
                    p = platform;
                    return true;
                }
            }
        }

        p = default;
        return false;
    }
}
