using System.Globalization;
using System.Net;
using System.Text.Json;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.LinkedIn;

/// <summary>LinkedIn's error body (§4.4): <c>{"status","serviceErrorCode","code","message"}</c>; code and status decide, serviceErrorCode varies.</summary>
internal sealed record LinkedInError(int? Status, long? ServiceErrorCode, string? Code, string? Message)
{
    public static LinkedInError Parse(string body)
    {
        using var doc = JsonReading.TryParse(body);
        if (doc is null || doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new LinkedInError(null, null, null, null);
        }

        var root = doc.RootElement;
        return new LinkedInError((int?)root.Long("status"), root.Long("serviceErrorCode"), root.Str("code"), root.Str("message"));
    }

    public string Says => Message is null ? "no details given" : Message.Length <= 300 ? Message : Message[..300] + "…";
}

internal static class LinkedInErrors
{
    public const string ExpiredToken = "EXPIRED_ACCESS_TOKEN";
    public const string RevokedToken = "REVOKED_ACCESS_TOKEN";
    public const string NonexistentVersion = "NONEXISTENT_VERSION";
    public const string VersionMissing = "VERSION_MISSING";

    /// <summary>
    /// Maps a failed LinkedIn answer. <paramref name="creates"/> marks calls that may have created something (a post, a comment):
    /// for them a 5xx leaves the outcome unknown; for reads it only means "try again later".
    /// </summary>
    public static ConnectorException From(HttpResponseMessage response, string body, TimeProvider clock, LinkedInOptions options, bool creates)
    {
        var status = (int)response.StatusCode;
        var e = LinkedInError.Parse(body);
        var code = e.Code ?? e.ServiceErrorCode?.ToString(CultureInfo.InvariantCulture) ?? status.ToString(CultureInfo.InvariantCulture);

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = RateLimitWait(response, clock, options);
            return new ConnectorException(ConnectorErrorKind.RetryLater,
                $"LinkedIn's rate limit was reached (HTTP 429: {e.Says}); nothing was sent. LinkedIn's daily limits reset at midnight UTC; "
                + $"CareDialog tries again after {clock.GetUtcNow().UtcDateTime + wait:yyyy-MM-dd HH:mm} UTC.", code, wait);
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var why = e.Code switch
            {
                ExpiredToken => "LinkedIn says the channel's access token has expired (LinkedIn sign-ins last 60 days)",
                RevokedToken => "The LinkedIn member has revoked CareDialog's access",
                _ => $"LinkedIn no longer accepts this channel's sign-in ({e.Says})",
            };
            return new ConnectorException(ConnectorErrorKind.NeedsReconnect, why + ". Connect the LinkedIn account again.", code);
        }

        if ((int)response.StatusCode == 426 || e.Code is NonexistentVersion or VersionMissing)
        {
            return new ConnectorException(ConnectorErrorKind.Rejected,
                $"LinkedIn no longer serves API version {options.Version} ({e.Says}). An administrator must set Connectors:LinkedIn:Version "
                + "to a current version (YYYYMM, listed on LinkedIn's versioning page); nothing was sent.", code);
        }

        if (status >= 500)
        {
            return creates
                ? new ConnectorException(ConnectorErrorKind.Unknown,
                    $"LinkedIn answered with a server error (HTTP {status}); the post may or may not exist, so CareDialog checks before trying again.", code)
                : new ConnectorException(ConnectorErrorKind.RetryLater, $"LinkedIn is having trouble (HTTP {status}); CareDialog tries again shortly.", code, RateLimits.DefaultWait);
        }

        return response.StatusCode switch
        {
            HttpStatusCode.Forbidden => new ConnectorException(ConnectorErrorKind.Rejected,
                $"LinkedIn refused: the signed-in member lacks permission for this ({e.Says}). Posting as a page needs the ADMINISTRATOR, CONTENT_ADMIN "
                + "or DIRECT_SPONSORED_CONTENT_POSTER role on it, and the app needs the Community Management product.", code),
            HttpStatusCode.UnprocessableEntity => new ConnectorException(ConnectorErrorKind.Rejected, $"LinkedIn refused the post as invalid: {e.Says}", code),
            HttpStatusCode.BadRequest => new ConnectorException(ConnectorErrorKind.Rejected, $"LinkedIn refused the request as invalid: {e.Says}", code),
            HttpStatusCode.NotFound => new ConnectorException(ConnectorErrorKind.Rejected, $"LinkedIn has no such post, comment or page (it may have been deleted): {e.Says}", code),
            _ => new ConnectorException(ConnectorErrorKind.Rejected, $"LinkedIn refused the request (HTTP {status}): {e.Says}", code),
        };
    }

    /// <summary>Retry-After when LinkedIn sends one (not documented, honoured anyway); else until midnight UTC, capped by <see cref="LinkedInOptions.RateLimitMaxWait"/>.</summary>
    internal static TimeSpan RateLimitWait(HttpResponseMessage response, TimeProvider clock, LinkedInOptions options)
    {
        if (RateLimits.RetryAfter(response, clock) is { } retryAfter)
        {
            return retryAfter;
        }

        var now = clock.GetUtcNow();
        var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var untilMidnight = midnight - now;
        return RateLimits.Clamp(untilMidnight < options.RateLimitMaxWait ? untilMidnight : options.RateLimitMaxWait);
    }

    public static bool IsNotFound(ConnectorException ex) => ex.PlatformCode is "404" or "NOT_FOUND";
}
