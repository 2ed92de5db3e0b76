using System.Globalization;
using System.Text.Json;

namespace CareDialog.Connectors.Common;

/// <summary>
/// Tolerant readers for platform responses: platforms add fields and omit empty ones, so responses are read as documents and a missing or mistyped
/// field is null instead of an exception.
/// </summary>
public static class JsonReading
{
    public static JsonDocument? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonElement? Get(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string? Str(this JsonElement e, string name) =>
        e.Get(name) is { } v ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    public static long? Long(this JsonElement e, string name) =>
        e.Get(name) is { } v
            ? v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n
            : v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s
            : null
            : null;

    public static bool? Bool(this JsonElement e, string name) =>
        e.Get(name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } v ? v.GetBoolean() : null;

    public static IEnumerable<JsonElement> Array(this JsonElement e, string name) =>
        e.Get(name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : [];

    public static DateTime? Time(this JsonElement e, string name) =>
        e.Str(name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime
            : null;
}
