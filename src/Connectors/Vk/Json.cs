using System.Globalization;
using System.Text.Json;

namespace CareDialog.Connectors.Vk;

/// <summary>
/// Defensive reads: VK omits fields it does not show (views on old posts, counters it hides), so every field may be
/// missing, and an id may arrive as a number or a string.
/// </summary>
internal static class Json
{
    public static JsonElement? Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? v : null;

    public static string? String(JsonElement e, string name) => Get(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static long? Long(JsonElement e, string name) => Get(e, name) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var n) => n,
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    /// <summary>VK dates are Unix seconds.</summary>
    public static DateTime? UnixTime(JsonElement e, string name) => Long(e, name) is { } s ? DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime : null;

    public static long? Count(JsonElement e, string name) => Get(e, name) is { } o ? Long(o, "count") : null;

    public static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];
}
