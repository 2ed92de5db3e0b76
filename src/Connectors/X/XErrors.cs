using System.Globalization;
using System.Net;
using System.Text.Json;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.X;

/// <summary>
/// One X error answer, read from either shape X sends: the v2 problem (<c>{"type","title","detail","status"}</c>, optionally
/// with <c>errors[]</c>) or the v1.1 shape some limits still use (<c>{"errors":[{"code":88,"message":"…"}]}</c>).
/// </summary>
internal sealed record XProblem(string? Type, string? Title, string? Detail, int? LegacyCode, string? FirstErrorMessage, string? Period, string? Scope)
{
    public static XProblem Parse(string body)
    {
        using var doc = JsonReading.TryParse(body);
        if (doc is null || doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new XProblem(null, null, null, null, null, null, null);
        }

        var root = doc.RootElement;
        var first = root.Array("errors").FirstOrDefault();
        var legacyCode = first.ValueKind == JsonValueKind.Object ? (int?)first.Long("code") : null;
        var firstMessage = first.ValueKind == JsonValueKind.Object ? first.Str("message") ?? first.Str("detail") : null;
        return new XProblem(root.Str("type"), root.Str("title"), root.Str("detail"), legacyCode, firstMessage, root.Str("period"), root.Str("scope"));
    }

    /// <summary>What X said, for people: the detail, else the title, else the first error's message; never a request value.</summary>
    public string Says => Clip(Detail ?? Title ?? FirstErrorMessage ?? "no details given");

    public bool Mentions(string words) =>
        (Detail?.Contains(words, StringComparison.OrdinalIgnoreCase) ?? false)
        || (FirstErrorMessage?.Contains(words, StringComparison.OrdinalIgnoreCase) ?? false);

    public string? Code => Type ?? (LegacyCode is { } c ? c.ToString(CultureInfo.InvariantCulture) : Title);

    private static string Clip(string s) => s.Length <= 300 ? s : s[..300] + "…";
}

internal static class XErrors
{
    /// <summary>v1.1 codes still seen on v2 endpoints: 88 rate limit; 89/32/215 bad token; 187 duplicate; 186 too long.</summary>
    private const int LegacyRateLimit = 88, LegacyInvalidToken = 89, LegacyCouldNotAuthenticate = 32, LegacyBadAuthentication = 215, LegacyDuplicate = 187, LegacyTooLong = 186;

    /// <summary>
    /// Maps a failed X answer to a <see cref="ConnectorException"/>. <paramref name="creates"/> marks calls that may have created
    /// something (a post, a reply): for them a 5xx leaves the outcome unknown, for reads it only means "try again later".
    /// </summary>
    public static ConnectorException From(HttpResponseMessage response, string body, TimeProvider clock, bool creates)
    {
        var status = (int)response.StatusCode;
        var p = XProblem.Parse(body);

        if (response.StatusCode == HttpStatusCode.TooManyRequests || p.LegacyCode == LegacyRateLimit)
        {
            return RateLimited(response, p, clock);
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized || p.LegacyCode is LegacyInvalidToken or LegacyCouldNotAuthenticate or LegacyBadAuthentication)
        {
            return new ConnectorException(ConnectorErrorKind.NeedsReconnect,
                $"X no longer accepts this channel's sign-in (HTTP {status}: {p.Says}). Connect the X account again.", p.Code ?? "401");
        }

        if (p.LegacyCode == LegacyDuplicate || p.Mentions("duplicate content"))
        {
            return new ConnectorException(ConnectorErrorKind.Rejected,
                "X refused the post as a duplicate: this account has already posted exactly this text. Change the text before publishing again.", p.Code ?? "duplicate");
        }

        if (p.LegacyCode == LegacyTooLong)
        {
            return new ConnectorException(ConnectorErrorKind.Rejected, "X refused the post because the text is too long for this account.", p.Code);
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            if (p.Mentions("not permitted"))
            {
                return new ConnectorException(ConnectorErrorKind.Rejected,
                    "X refused with \"You are not permitted to perform this action.\" X answers this when the text is longer than the account may post, "
                    + "when the account is locked or restricted, or when the app lacks write permission.", p.Code ?? "403");
            }

            if (p.Type?.Contains("client-forbidden", StringComparison.OrdinalIgnoreCase) == true)
            {
                return new ConnectorException(ConnectorErrorKind.Rejected,
                    $"X refused CareDialog's app ({p.Says}). In the X developer portal the app must belong to a Project with access to the v2 API.", p.Code);
            }

            return new ConnectorException(ConnectorErrorKind.Rejected, $"X refused the request (HTTP 403): {p.Says}", p.Code ?? "403");
        }

        if (status >= 500)
        {
            return creates
                ? new ConnectorException(ConnectorErrorKind.Unknown,
                    $"X answered with a server error (HTTP {status}); the post may or may not exist, so CareDialog checks before trying again.", p.Code ?? status.ToString(CultureInfo.InvariantCulture))
                : new ConnectorException(ConnectorErrorKind.RetryLater,
                    $"X is having trouble (HTTP {status}); CareDialog tries again shortly.", p.Code ?? status.ToString(CultureInfo.InvariantCulture), RateLimits.DefaultWait);
        }

        return response.StatusCode switch
        {
            HttpStatusCode.BadRequest => new ConnectorException(ConnectorErrorKind.Rejected,
                $"X refused the request as invalid: {p.Says}" + (p.FirstErrorMessage is { } m && p.Detail is not null ? $" ({Clip(m)})" : ""), p.Code ?? "400"),
            HttpStatusCode.NotFound => new ConnectorException(ConnectorErrorKind.Rejected,
                $"X has no such post or account (it may have been deleted): {p.Says}", p.Code ?? "404"),
            _ => new ConnectorException(ConnectorErrorKind.Rejected, $"X refused the request (HTTP {status}): {p.Says}", p.Code ?? status.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>
    /// X says when a window resets in x-rate-limit-reset (epoch seconds); a spent 24-hour cap (x-user-limit-24hour-*,
    /// x-app-limit-24hour-*) resets later and wins. There is no Retry-After guarantee, but it is honoured when present.
    /// </summary>
    internal static TimeSpan RateLimitWait(HttpResponseMessage response, TimeProvider clock)
    {
        foreach (var cap in new[] { "x-user-limit-24hour", "x-app-limit-24hour" })
        {
            if (Header(response, cap + "-remaining") == "0" && RateLimits.EpochReset(response, cap + "-reset", clock) is { } daily)
            {
                return daily;
            }
        }

        return RateLimits.EpochReset(response, "x-rate-limit-reset", clock)
               ?? RateLimits.RetryAfter(response, clock)
               ?? RateLimits.DefaultWait;
    }

    private static ConnectorException RateLimited(HttpResponseMessage response, XProblem p, TimeProvider clock)
    {
        var wait = RateLimitWait(response, clock);
        var resetsAt = clock.GetUtcNow().UtcDateTime + wait;
        var what = p.Type?.Contains("usage-capped", StringComparison.OrdinalIgnoreCase) == true
            ? $"X's {(p.Period ?? "usage").ToLowerInvariant()} usage cap for {(p.Scope == "Account" ? "this account" : "CareDialog's app")} is used up"
            : "X's rate limit for this account is used up";
        return new ConnectorException(ConnectorErrorKind.RetryLater,
            $"{what} (HTTP 429); nothing was posted. CareDialog tries again after {resetsAt:yyyy-MM-dd HH:mm} UTC.", p.Code ?? "429", wait);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    private static string Clip(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
