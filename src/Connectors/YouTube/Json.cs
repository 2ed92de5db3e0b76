using System.Globalization;
using System.Text.Json;

namespace CareDialog.Connectors.YouTube;

/// <summary>
/// Defensive reads: YouTube omits fields it does not show (a hidden like count, a comment's parentId) and encodes
/// 64-bit counters as strings, so every field may be missing or of either type.
/// </summary>
internal static class Json
{
    public static JsonElement? Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? v : null;

    public static JsonElement? Path(JsonElement e, params string[] names)
    {
        JsonElement? current = e;
        foreach (var name in names)
        {
            current = current is { } c ? Get(c, name) : null;
        }

        return current;
    }

    public static string? String(JsonElement e, string name) => Get(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static long? Long(JsonElement e, string name) => Get(e, name) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var n) => n,
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    public static bool Bool(JsonElement e, string name) => Get(e, name) is { ValueKind: JsonValueKind.True };

    public static DateTime? Time(JsonElement e, string name) =>
        String(e, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.UtcDateTime : null;

    public static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];
}
