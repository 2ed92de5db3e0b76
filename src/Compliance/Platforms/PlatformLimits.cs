using System.Text.Json;

namespace CareDialog.Compliance.Platforms;

/// <summary>
/// Platform text limits and length counting. The numbers live in the embedded <c>platform-limits.json</c>
/// so that a changed platform limit is a data edit with its source next to it, not a code change.
/// </summary>
public static class PlatformLimits
{
    internal const string ResourceName = "CareDialog.Compliance.Platforms.platform-limits.json";

    private static readonly LimitTable Table = LimitTable.Load();

    /// <summary>The limit of <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not a defined <see cref="Platform"/>.</exception>
    public static PlatformLimit For(Platform p) => Table.Entry(p).Limit;

    /// <summary>All limits, one per platform, in <see cref="Platform"/> order.</summary>
    public static IReadOnlyList<PlatformLimit> All => Table.Limits;

    /// <summary>
    /// Measures <paramref name="text"/> the way <paramref name="p"/> counts it.
    /// </summary>
    /// <param name="p">Platform whose counting rule (and, without an override, limit) applies.</param>
    /// <param name="text">The text to publish.</param>
    /// <param name="maxLengthOverride">
    /// A channel-specific limit, e.g. a Sandbox channel that configures its own; null means the platform limit.
    /// The platform's counting rule still applies.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLengthOverride"/> is zero or negative, or <paramref name="p"/> is undefined.</exception>
    public static TextMeasure Measure(Platform p, string text, int? maxLengthOverride = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxLengthOverride is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLengthOverride), maxLengthOverride, "A text limit must be positive.");
        }

        var entry = Table.Entry(p);
        var length = entry.Counter switch
        {
            TextCounter.TwitterTextV3 => XTextCounter.WeightedLength(text),
            TextCounter.UnicodeScalarsNfc => UnicodeText.CountScalars(UnicodeText.ToNfc(text)),
            TextCounter.Utf16CodeUnits => text.Length,
            TextCounter.Utf8Bytes => UnicodeText.CountUtf8Bytes(text),
            _ => throw new InvalidOperationException($"No counter for {entry.Counter}."),
        };

        return new TextMeasure(p, length, maxLengthOverride ?? entry.Limit.MaxLength, entry.Limit.Unit, UnicodeText.IsBlank(text));
    }
}

/// <summary>The counting algorithms a limit can name in the data file.</summary>
internal enum TextCounter
{
    TwitterTextV3,
    UnicodeScalarsNfc,
    Utf16CodeUnits,
    Utf8Bytes,
}

internal sealed record LimitEntry(PlatformLimit Limit, TextCounter Counter);

/// <summary>The parsed and validated data file.</summary>
internal sealed class LimitTable
{
    private static readonly Dictionary<string, TextCounter> CounterNames = new(StringComparer.Ordinal)
    {
        ["twitter-text-v3"] = TextCounter.TwitterTextV3,
        ["unicode-scalars-nfc"] = TextCounter.UnicodeScalarsNfc,
        ["utf16-code-units"] = TextCounter.Utf16CodeUnits,
        ["utf8-bytes"] = TextCounter.Utf8Bytes,
    };

    private readonly LimitEntry[] _byPlatform;

    private LimitTable(LimitEntry[] byPlatform)
    {
        _byPlatform = byPlatform;
        Limits = Array.AsReadOnly(byPlatform.Select(e => e.Limit).ToArray());
    }

    public IReadOnlyList<PlatformLimit> Limits { get; }

    public LimitEntry Entry(Platform p) =>
        (uint)p < (uint)_byPlatform.Length
            ? _byPlatform[(int)p]
            : throw new ArgumentOutOfRangeException(nameof(p), p, "Unknown platform.");

    public static LimitTable Load()
    {
        using var stream = typeof(LimitTable).Assembly.GetManifestResourceStream(PlatformLimits.ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {PlatformLimits.ResourceName} is missing from the build.");
        return Parse(stream);
    }

    /// <summary>
    /// Parses and validates the data file. A broken file must fail loudly at startup rather than
    /// let the editor show a wrong limit, so every platform must appear exactly once with complete fields.
    /// </summary>
    internal static LimitTable Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<LimitsFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw Invalid("the file is empty");
        if (file.Platforms is null)
        {
            throw Invalid("'platforms' is missing");
        }

        var platforms = Enum.GetValues<Platform>();
        var entries = new LimitEntry?[platforms.Length];
        foreach (var row in file.Platforms)
        {
            if (!PlatformNames.TryParse(row.Platform, out var platform))
            {
                throw Invalid($"unknown platform '{row.Platform}'");
            }

            var name = PlatformNames.ToWire(platform);
            if (entries[(int)platform] is not null)
            {
                throw Invalid($"{name} appears twice");
            }

            if (row.MaxLength is not > 0)
            {
                throw Invalid($"{name}: maxLength must be a positive number");
            }

            if (row.Counter is null || !CounterNames.TryGetValue(row.Counter, out var counter))
            {
                throw Invalid($"{name}: counter '{row.Counter}' is not one of {string.Join(", ", CounterNames.Keys)}");
            }

            var limit = new PlatformLimit(
                platform,
                row.MaxLength.Value,
                Required(row.Unit, name, "unit"),
                Required(row.CountingRule, name, "countingRule"),
                Required(row.Source, name, "source"),
                string.IsNullOrWhiteSpace(row.Note) ? null : row.Note);
            entries[(int)platform] = new LimitEntry(limit, counter);
        }

        var missing = platforms.Where(p => entries[(int)p] is null).Select(PlatformNames.ToWire).ToArray();
        if (missing.Length > 0)
        {
            throw Invalid($"no entry for {string.Join(", ", missing)}");
        }

        return new LimitTable(entries.Select(e => e!).ToArray());
    }

    private static string Required(string? value, string platform, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid($"{platform}: '{field}' is required") : value;

    private static InvalidOperationException Invalid(string problem) =>
        new($"platform-limits.json is invalid: {problem}.");

    private sealed class LimitsFile
    {
        public List<LimitRow>? Platforms { get; set; }
    }

    private sealed class LimitRow
    {
        public string? Platform { get; set; }
        public int? MaxLength { get; set; }
        public string? Unit { get; set; }
        public string? Counter { get; set; }
        public string? CountingRule { get; set; }
        public string? Source { get; set; }
        public string? Note { get; set; }
    }
}
