using System.Net;
using System.Text.Json;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.YouTube;

/// <summary>What failed, in Google's error JSON (§5.5): <c>{"error":{"code","message","errors":[{"domain","reason"}]}}</c>.</summary>
internal sealed record GoogleError(int Status, string? Reason, string? Domain)
{
    public static GoogleError Read(HttpStatusCode status, string body)
    {
        string? reason = null, domain = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in errors.EnumerateArray())
                {
                    reason ??= Json.String(e, "reason");
                    domain ??= Json.String(e, "domain");
                }
            }
        }
        catch (JsonException)
        {
            // A proxy's HTML page or an empty body: the status code decides.
        }

        return new GoogleError((int)status, reason, domain);
    }

    public string Code => Reason is null ? Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Status} {Reason}";
}

/// <summary>Maps a Google error response to what CareDialog does next (§5.5).</summary>
internal sealed class GoogleErrors(TimeProvider clock, YouTubeOptions options)
{
    private const string Platform = "YouTube";

    /// <param name="serverErrorIsUnknown">True when the request may have changed something before the 5xx (an upload, a reply): the outcome is then unknown, not "try again".</param>
    public ConnectorException ToException(HttpResponseMessage response, string body, bool serverErrorIsUnknown)
    {
        var error = GoogleError.Read(response.StatusCode, body);
        var status = error.Status;
        if (error.Reason is "quotaExceeded" or "dailyLimitExceeded")
        {
            return new ConnectorException(ConnectorErrorKind.RetryLater,
                "The YouTube API quota of CareDialog's Google project is used up for today; it resets at midnight Pacific Time.", error.Code, UntilQuotaReset());
        }

        if (status == 429 || error.Reason is "rateLimitExceeded" or "userRateLimitExceeded")
        {
            return new ConnectorException(ConnectorErrorKind.RetryLater, "YouTube asks CareDialog to slow down; it will try again shortly.", error.Code,
                RateLimits.RetryAfter(response, clock) ?? RateLimits.DefaultWait);
        }

        if (status == 401)
        {
            return new ConnectorException(ConnectorErrorKind.NeedsReconnect,
                "YouTube no longer accepts this channel's sign-in; connect the channel again if the token check cannot refresh it.", error.Code);
        }

        if (status >= 500)
        {
            return serverErrorIsUnknown
                ? new ConnectorException(ConnectorErrorKind.Unknown, $"YouTube failed (HTTP {status}) after receiving the request; CareDialog checks what exists before trying again.", error.Code)
                : new ConnectorException(ConnectorErrorKind.RetryLater, $"YouTube is having problems (HTTP {status}); CareDialog will try again shortly.", error.Code, RateLimits.DefaultWait);
        }

        var message = error.Reason switch
        {
            "insufficientPermissions" or "forbidden" => "YouTube refused: the connected Google account lacks permission for this channel or action.",
            "commentsDisabled" => "YouTube refused: comments are disabled on this video.",
            "videoNotFound" => "YouTube has no such video (deleted, or not visible to this channel).",
            "commentNotFound" => "YouTube has no such comment (deleted, or held for review).",
            "commentTextTooLong" => "YouTube refused the reply: the text is too long.",
            "commentTextRequired" => "YouTube refused the reply: the text is empty.",
            "invalidTitle" => "YouTube refused the video title (empty, too long, or with < or >).",
            "invalidDescription" => "YouTube refused the video description (too long, or with < or >).",
            "uploadLimitExceeded" => "YouTube refused the upload: the channel has reached its upload limit for now.",
            _ => status == 404 ? "YouTube could not find what CareDialog asked for." : $"YouTube refused the request (HTTP {status}).",
        };
        return new ConnectorException(ConnectorErrorKind.Rejected, message, error.Code);
    }

    /// <summary>The wait until the next midnight in the quota zone, from the injected clock (DST is applied by the zone rules).</summary>
    public TimeSpan UntilQuotaReset()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.QuotaResetTimeZone);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var local = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone);
        var nextMidnight = DateTime.SpecifyKind(local.Date.AddDays(1), DateTimeKind.Unspecified);
        return RateLimits.Clamp(TimeZoneInfo.ConvertTimeToUtc(nextMidnight, zone) - nowUtc);
    }
}
