using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta;

/// <summary>
/// The Meta webhook endpoint's building blocks (platform-apis.md §1.5–1.7, §2.4): the subscription handshake, the
/// X-Hub-Signature-256 check, and splitting a delivery into one stored envelope per entry. Facebook and Instagram share one
/// callback URL and one app secret; the envelope's <c>object</c> tells them apart (<see cref="PlatformOf(string)"/>).
/// </summary>
public static class MetaWebhook
{
    public const string SignatureHeader = "X-Hub-Signature-256";

    private const string SignaturePrefix = "sha256=";

    /// <summary>
    /// The <c>hub.challenge</c> to echo (HTTP 200, plain text) when <c>hub.mode</c> is <c>subscribe</c> and
    /// <c>hub.verify_token</c> equals the configured token; null means answer 403. The challenge is only echoed when it looks
    /// like one (Meta sends an integer), so the endpoint cannot be used to reflect arbitrary text.
    /// </summary>
    public static string? VerifyHandshake(string? mode, string? verifyToken, string? challenge, string expectedVerifyToken)
    {
        if (!string.Equals(mode, "subscribe", StringComparison.Ordinal) || verifyToken is null || string.IsNullOrEmpty(expectedVerifyToken)
            || string.IsNullOrEmpty(challenge) || challenge.Length > 256 || !challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return null;
        }

        // Hashing first makes the comparison constant-time in the length too.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(verifyToken));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(expectedVerifyToken));
        return CryptographicOperations.FixedTimeEquals(given, expected) ? challenge : null;
    }

    /// <summary>
    /// True when <paramref name="signatureHeader"/> is <c>sha256=&lt;hex&gt;</c> of HMAC-SHA256 over the raw body with the app
    /// secret. Meta signs the exact bytes it sends (with \u-escaped Unicode), so this must see the body before any parsing.
    /// </summary>
    public static bool IsSignatureValid(ReadOnlySpan<byte> rawBody, string? signatureHeader, string appSecret)
    {
        if (string.IsNullOrEmpty(appSecret) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            return false;
        }

        var header = signatureHeader.AsSpan().Trim();
        if (!header.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hex = header[SignaturePrefix.Length..];
        Span<byte> claimed = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (hex.Length != claimed.Length * 2
            || Convert.FromHexString(hex, claimed, out _, out var written) != OperationStatus.Done
            || written != claimed.Length)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), rawBody, actual);
        return CryptographicOperations.FixedTimeEquals(actual, claimed);
    }

    /// <summary>
    /// One envelope per <c>entry</c>: AccountId is the entry's id (Page id or Instagram user id), DedupeKey the lowercase hex
    /// SHA-256 of the entry's JSON exactly as received (a redelivery repeats it byte for byte), Payload
    /// <c>{"object":…,"entry":…}</c> with the entry text unchanged.
    /// </summary>
    /// <exception cref="WebhookFormatException">The body is not JSON, or lacks <c>object</c> or <c>entry</c>.</exception>
    public static IReadOnlyList<WebhookEnvelope> Split(ReadOnlySpan<byte> rawBody)
    {
        using var doc = ParseDocument(rawBody.ToArray());
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookFormatException("The webhook body is not a JSON object.");
        }

        if (!root.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(obj.GetString()))
        {
            throw new WebhookFormatException("The webhook body has no \"object\".");
        }

        if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            throw new WebhookFormatException("The webhook body has no \"entry\" list.");
        }

        var objectJson = JsonSerializer.Serialize(obj.GetString());
        var envelopes = new List<WebhookEnvelope>();
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || Json.Str(entry, "id") is not { Length: > 0 } accountId)
            {
                throw new WebhookFormatException("A webhook entry has no \"id\".");
            }

            var raw = entry.GetRawText();
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));
            envelopes.Add(new WebhookEnvelope(accountId, key, "{\"object\":" + objectJson + ",\"entry\":" + raw + "}"));
        }

        return envelopes;
    }

    /// <summary>The platform whose channels an envelope's payload is for: <c>page</c> → Facebook, <c>instagram</c> → Instagram.</summary>
    public static Platform? PlatformOf(WebhookEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return PlatformOf(Payload.Read(envelope.Payload).Object);
    }

    /// <summary>The platform for a webhook <c>object</c> value; null for objects CareDialog does not handle.</summary>
    public static Platform? PlatformOf(string objectValue) => objectValue switch
    {
        "page" => Platform.Facebook,
        "instagram" => Platform.Instagram,
        _ => null,
    };

    private static JsonDocument ParseDocument(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new WebhookFormatException("The webhook body is not valid JSON.");
        }
    }

    /// <summary>A stored envelope payload as written by <see cref="Split"/>.</summary>
    internal sealed record Payload(string Object, JsonElement Entry)
    {
        public static Payload Read(string payload)
        {
            using var doc = ParseDocument(Encoding.UTF8.GetBytes(payload));
            var root = doc.RootElement;
            if (Json.Str(root, "object") is not { } obj || Json.Obj(root, "entry") is not { } entry)
            {
                throw new WebhookFormatException("The stored webhook payload has no \"object\" or \"entry\".");
            }

            return new Payload(obj, entry.Clone());
        }

        /// <summary>The entry's changes; Instagram-Login style entries carry one field/value pair without the changes list (§2.4).</summary>
        public IEnumerable<(string Field, JsonElement Value)> Changes()
        {
            if (Entry.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Array)
            {
                foreach (var change in changes.EnumerateArray())
                {
                    if (Json.Str(change, "field") is { } field && Json.Obj(change, "value") is { } value)
                    {
                        yield return (field, value);
                    }
                }
            }
            else if (Json.Str(Entry, "field") is { } field && Json.Obj(Entry, "value") is { } value)
            {
                yield return (field, value);
            }
        }

        /// <summary>The entry's <c>time</c> (Unix seconds), for events that carry no time of their own.</summary>
        public DateTime? Time => Json.Long(Entry, "time") is { } t ? Json.FromUnix(t) : null;
    }
}
