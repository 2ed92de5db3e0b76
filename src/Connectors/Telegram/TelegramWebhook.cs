using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Telegram;

/// <summary>
/// The receiving side of Telegram's webhook. Telegram signs nothing: it sends back the secret_token given to setWebhook in
/// the X-Telegram-Bot-Api-Secret-Token header, and that header is the only proof a delivery came from Telegram.
/// </summary>
public static class TelegramWebhook
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A new secret_token: 43 characters of A-Z a-z 0-9 - _ (256 random bits), within Telegram's 1-256 character limit.
    /// </summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>True only when the header carries exactly the expected secret; a missing header or an unset secret never passes.</summary>
    public static bool IsSecretValid(string? headerValue, string expected)
    {
        if (string.IsNullOrEmpty(headerValue) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        // Hashing first makes the comparison constant-time in the length too, so a probe learns nothing about the secret.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(headerValue)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    /// <summary>
    /// Reads one delivery (one Update). AccountId is the chat the update happened in: the channel for channel posts, the
    /// discussion group for comments, the person's private chat for direct messages, "" for updates tied to no chat.
    /// The endpoint routes by the channel in its URL; AccountId is for checks and logs.
    /// </summary>
    /// <exception cref="WebhookFormatException">The body is not UTF-8 JSON, or has no update_id.</exception>
    public static WebhookEnvelope Parse(ReadOnlySpan<byte> rawBody)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(rawBody);
        }
        catch (DecoderFallbackException)
        {
            throw new WebhookFormatException("The Telegram update is not valid UTF-8.");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookFormatException("The Telegram update is not a JSON object.");
            }

            if (!root.TryGetProperty("update_id", out var updateId) || updateId.ValueKind != JsonValueKind.Number
                || !updateId.TryGetInt64(out var id) || id < 0)
            {
                throw new WebhookFormatException("The Telegram update has no update_id.");
            }

            return new WebhookEnvelope(ChatIdOf(root) ?? "", id.ToString(CultureInfo.InvariantCulture), text);
        }
        catch (JsonException)
        {
            throw new WebhookFormatException("The Telegram update is not valid JSON.");
        }
    }

    /// <summary>
    /// An Update carries one field besides update_id; whatever its type, the chat sits at .chat or, for callback queries,
    /// at .message.chat. Looking generically keeps new update types working without a change here.
    /// </summary>
    private static string? ChatIdOf(JsonElement update)
    {
        foreach (var field in update.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (ChatId(field.Value) is { } direct)
            {
                return direct;
            }

            if (field.Value.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.Object && ChatId(inner) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private static string? ChatId(JsonElement holder) =>
        holder.TryGetProperty("chat", out var chat) && chat.ValueKind == JsonValueKind.Object
        && chat.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var value)
            ? value.ToString(CultureInfo.InvariantCulture)
            : null;
}
