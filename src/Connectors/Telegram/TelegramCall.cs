using System.Globalization;
using System.Net;
using System.Runtime.ExceptionServices;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Telegram.Bot.Exceptions;

namespace CareDialog.Connectors.Telegram;

/// <summary>Whether repeating a call could create something twice; decides what a server error means.</summary>
internal enum TelegramCallKind
{
    /// <summary>Reads and idempotent settings (getMe, getChat, setWebhook): a server error created nothing.</summary>
    Safe,
    /// <summary>Sends a message: after a server error the message may exist all the same.</summary>
    Creates,
}

/// <summary>
/// Turns Telegram.Bot's exceptions into <see cref="ConnectorException"/>. The library wraps transport failures in a
/// RequestException; those are rethrown as the original exception so <see cref="PublishGuard"/> can still tell a refused
/// connection (nothing sent) from a timeout (outcome unknown).
/// </summary>
internal static class TelegramCall
{
    public const string PlatformName = "Telegram";

    public const string TokenRevoked =
        "Telegram no longer accepts the bot token: it was revoked or replaced. Create a new token with @BotFather (/mybots → API Token) and reconnect the channel.";

    public static async Task<T> RunAsync<T>(ILogger logger, string method, TelegramCallKind kind, Func<Task<T>> call, bool forbiddenNeedsReconnect = true)
    {
        try
        {
            return await call();
        }
        catch (ApiRequestException ex)
        {
            // The description is Telegram's own fixed wording (never our text or token), so it is safe to log and show.
            logger.LogWarning("Telegram {Method} failed with {ErrorCode}: {Description}", method, ex.ErrorCode, ex.Message);
            throw FromApiError(ex.ErrorCode, ex.Message, ex.Parameters?.RetryAfter, ex.Parameters?.MigrateToChatId, kind, forbiddenNeedsReconnect, ex);
        }
        catch (RequestException ex) when (TransportFailure(ex) is { } transport)
        {
            logger.LogWarning("Telegram {Method} got no answer ({Failure})", method, transport.GetType().Name);
            ExceptionDispatchInfo.Capture(transport).Throw();
            throw;
        }
        catch (RequestException ex)
        {
            // A non-JSON error page (a proxy's 502) or an answer the library could not read.
            logger.LogWarning("Telegram {Method} answered unreadably (HTTP {Status})", method, (int?)ex.HttpStatusCode);
            throw FromUnreadableAnswer(ex, kind);
        }
    }

    internal static ConnectorException FromApiError(
        int code, string description, int? retryAfter, long? migrateTo, TelegramCallKind kind, bool forbiddenNeedsReconnect, Exception? inner = null)
    {
        var platformCode = code.ToString(CultureInfo.InvariantCulture);
        var said = description.Trim();
        switch (code)
        {
            case 429:
                var wait = retryAfter is > 0 ? RateLimits.Clamp(TimeSpan.FromSeconds(retryAfter.Value)) : RateLimits.DefaultWait;
                return new ConnectorException(ConnectorErrorKind.RetryLater,
                    $"Telegram asks to wait {wait.TotalSeconds:0} seconds before sending more (too many requests); nothing was sent.", platformCode, wait, inner);
            case 401:
                return new ConnectorException(ConnectorErrorKind.NeedsReconnect, TokenRevoked, platformCode, null, inner);
            case 403:
                return Forbidden(said, platformCode, forbiddenNeedsReconnect, inner);
            case 400 when migrateTo is { } newId:
                return new ConnectorException(ConnectorErrorKind.NeedsReconnect,
                    $"The Telegram group was upgraded to a supergroup with the id {newId.ToString(CultureInfo.InvariantCulture)}; reconnect the channel with that id.",
                    platformCode, null, inner);
            case 400 when forbiddenNeedsReconnect && LacksRights(said):
                // The bot was demoted after connecting: the channel is what needs fixing, and the post can wait for it.
                return new ConnectorException(ConnectorErrorKind.NeedsReconnect,
                    $"The bot lost a right it needs in the Telegram chat ({said}). Give it the \"Post messages\" right again under Administrators, then reconnect.",
                    platformCode, null, inner);
            case 400:
                return new ConnectorException(ConnectorErrorKind.Rejected, BadRequest(said), platformCode, null, inner);
            case >= 500 when kind == TelegramCallKind.Creates:
                return new ConnectorException(ConnectorErrorKind.Unknown,
                    $"Telegram answered with a server error ({said}); the message may have been sent all the same.", platformCode, null, inner);
            case >= 500:
                return new ConnectorException(ConnectorErrorKind.RetryLater,
                    $"Telegram is having trouble ({said}); try again shortly.", platformCode, RateLimits.DefaultWait, inner);
            default:
                return new ConnectorException(ConnectorErrorKind.Rejected, $"Telegram refused the request: {said}", platformCode, null, inner);
        }
    }

    private static ConnectorException Forbidden(string said, string platformCode, bool needsReconnect, Exception? inner)
    {
        // A person who blocked the bot, or a chat other than the channel, says nothing about the channel's connection.
        if (Has(said, "blocked by the user") || Has(said, "user is deactivated") || Has(said, "can't initiate conversation"))
        {
            return new ConnectorException(ConnectorErrorKind.Rejected,
                $"Telegram will not deliver this message: the person blocked the bot or closed the conversation ({said}).", platformCode, null, inner);
        }

        string reason;
        if (Has(said, "kicked"))
        {
            reason = "The bot was removed from the Telegram chat. Add it back as an administrator with the \"Post messages\" right, then reconnect.";
        }
        else if (Has(said, "not a member"))
        {
            reason = "The bot is not a member of the Telegram chat. Add it as an administrator with the \"Post messages\" right, then reconnect.";
        }
        else
        {
            reason = $"Telegram does not let the bot post there ({said}). Make the bot an administrator with the \"Post messages\" right, then reconnect.";
        }

        return new ConnectorException(needsReconnect ? ConnectorErrorKind.NeedsReconnect : ConnectorErrorKind.Rejected, reason, platformCode, null, inner);
    }

    private static string BadRequest(string said)
    {
        if (Has(said, "chat not found"))
        {
            return "Telegram cannot find the chat: it was deleted, or the bot cannot see it (add the bot to it as an administrator).";
        }

        if (Has(said, "message is too long") || Has(said, "caption is too long"))
        {
            return $"The text is longer than Telegram allows (4,096 characters for a message, 1,024 for the caption of a photo or video): {said}";
        }

        if (LacksRights(said))
        {
            return $"The bot lacks a right it needs in the Telegram chat; give it the \"Post messages\" right ({said}).";
        }

        if (Has(said, "replied not found"))
        {
            return "The Telegram message being answered no longer exists.";
        }

        return $"Telegram refused the request: {said}";
    }

    private static ConnectorException FromUnreadableAnswer(RequestException ex, TelegramCallKind kind)
    {
        var status = ex.HttpStatusCode is { } s ? (int)s : 0;
        return status switch
        {
            (int)HttpStatusCode.Unauthorized => new ConnectorException(ConnectorErrorKind.NeedsReconnect, TokenRevoked, "401", null, ex),
            (int)HttpStatusCode.TooManyRequests => new ConnectorException(ConnectorErrorKind.RetryLater,
                "Telegram asks to slow down (too many requests); nothing was sent.", "429", RateLimits.DefaultWait, ex),
            >= 500 or 200 when kind == TelegramCallKind.Creates => new ConnectorException(ConnectorErrorKind.Unknown,
                $"Telegram's answer could not be read (HTTP {status}); the message may have been sent all the same.", status.ToString(CultureInfo.InvariantCulture), null, ex),
            >= 500 => new ConnectorException(ConnectorErrorKind.RetryLater,
                $"Telegram is having trouble (HTTP {status}); try again shortly.", status.ToString(CultureInfo.InvariantCulture), RateLimits.DefaultWait, ex),
            _ => new ConnectorException(ConnectorErrorKind.Rejected,
                $"Telegram gave an answer CareDialog cannot read (HTTP {status}).", status.ToString(CultureInfo.InvariantCulture), null, ex),
        };
    }

    private static Exception? TransportFailure(RequestException ex) =>
        ex.InnerException is HttpRequestException or TimeoutRejectedException or TimeoutException or OperationCanceledException or BrokenCircuitException
            ? ex.InnerException
            : null;

    private static bool LacksRights(string said) => Has(said, "need administrator rights") || Has(said, "not enough rights");

    private static bool Has(string said, string phrase) => said.Contains(phrase, StringComparison.OrdinalIgnoreCase);
}
