using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Vk;

/// <summary>
/// One Callback API delivery (§7.5). <see cref="Payload"/> is what gets stored: the envelope's type, group_id, event_id, v
/// and the object exactly as VK sent it, without the secret (a stored payload must not carry the channel's secret).
/// </summary>
public sealed record VkCallbackEvent(string Type, long GroupId, string? EventId, string? Secret, string Payload)
{
    /// <summary>VK's "Confirm" handshake: answer with the confirmation string instead of <see cref="VkCallback.Ok"/>.</summary>
    public bool IsConfirmation => Type == VkCallback.ConfirmationType;

    /// <summary>event_id ("if it passed twice or more, you should ignore it"); a hash of the payload when VK sent none.</summary>
    public string DedupeKey => EventId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Payload)));

    /// <summary>What the Web layer stores for a verified delivery; the account is the group id without a minus sign.</summary>
    public WebhookEnvelope ToEnvelope() => new(GroupId.ToString(CultureInfo.InvariantCulture), DedupeKey, Payload);

    /// <summary>Never prints the secret or the payload (it carries people's messages).</summary>
    public override string ToString() => $"VkCallbackEvent {{ Type = {Type}, GroupId = {GroupId}, EventId = {EventId} }}";
}

/// <summary>
/// Parses and authenticates VK Callback API deliveries. VK signs nothing: a delivery is authentic when its <c>secret</c> field
/// equals the secret key set for the server in the community's settings (§7.5). The Web endpoint
/// (<c>POST /webhooks/vk/{channelId}</c>) answers <c>confirmation</c> with the confirmation string and everything else with
/// <see cref="Ok"/>, and dedupes on <see cref="VkCallbackEvent.DedupeKey"/>.
/// </summary>
public static class VkCallback
{
    public const string ConfirmationType = "confirmation";

    /// <summary>The body VK expects for every event other than the confirmation; anything else makes VK retry and eventually stop.</summary>
    public const string Ok = "ok";

    /// <summary>Suggested <see cref="ChannelCredentials.Extra"/> key for the callback server's secret key.</summary>
    public const string SecretKey = "vk.callback_secret";

    /// <summary>Suggested <see cref="ChannelCredentials.Extra"/> key for the confirmation string (see <see cref="VkConnector.GetCallbackConfirmationCodeAsync"/>).</summary>
    public const string ConfirmationCodeKey = "vk.confirmation_code";

    /// <exception cref="WebhookFormatException">Not JSON, not an object, or without a string type and a numeric group_id.</exception>
    public static VkCallbackEvent Parse(ReadOnlySpan<byte> rawBody)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(rawBody.ToArray());
        }
        catch (JsonException)
        {
            throw new WebhookFormatException("The VK callback body is not JSON.");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookFormatException("The VK callback body is not a JSON object.");
            }

            var type = Json.String(root, "type");
            if (string.IsNullOrEmpty(type))
            {
                throw new WebhookFormatException("The VK callback has no type.");
            }

            if (Json.Long(root, "group_id") is not { } groupId || groupId <= 0)
            {
                throw new WebhookFormatException("The VK callback has no valid group_id.");
            }

            var eventId = Json.Get(root, "event_id") switch
            {
                { ValueKind: JsonValueKind.String } s => s.GetString(),
                { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
                _ => null,
            };
            return new VkCallbackEvent(type, groupId, string.IsNullOrEmpty(eventId) ? null : eventId, Json.String(root, "secret"), StoredPayload(root, type, groupId, eventId));
        }
    }

    /// <summary>Compares in constant time; false when no secret is configured, because an unauthenticated callback URL would accept anyone's events.</summary>
    public static bool IsSecretValid(string? received, string expected)
    {
        if (received is null || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        // Hashing first makes the comparison independent of the lengths as well.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(received)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    private static string StoredPayload(JsonElement root, string type, long groupId, string? eventId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteNumber("group_id", groupId);
            if (eventId is not null)
            {
                writer.WriteString("event_id", eventId);
            }

            if (Json.String(root, "v") is { } v)
            {
                writer.WriteString("v", v);
            }

            if (Json.Get(root, "object") is { } obj)
            {
                writer.WritePropertyName("object");
                // The object's own text, byte for byte: re-serialising could change how its strings are escaped.
                writer.WriteRawValue(obj.GetRawText(), skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
