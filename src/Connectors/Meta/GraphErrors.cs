using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta;

/// <summary>
/// What a Graph call does. The same failure means different things: a 5xx on a read can simply be retried later, on a
/// create it may have created the object anyway, so the caller must look before sending again.
/// </summary>
internal enum GraphCall
{
    Read,
    Create,
    Update,
}

/// <summary>Graph's error object (platform-apis.md §1.8): <c>{"error":{"message","type","code","error_subcode","error_user_msg","is_transient","fbtrace_id"}}</c>.</summary>
internal sealed record GraphError(int? Code, int? Subcode, string? Type, string? Message, string? UserTitle, string? UserMessage, bool IsTransient, string? TraceId)
{
    public string PlatformCode => Code is null
        ? "unknown"
        : Subcode is { } s ? $"{Code.Value.ToString(CultureInfo.InvariantCulture)}/{s.ToString(CultureInfo.InvariantCulture)}" : Code.Value.ToString(CultureInfo.InvariantCulture);

    public static GraphError? Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return From(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static GraphError? From(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var e) || e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new GraphError(
            Json.Int(e, "code"),
            Json.Int(e, "error_subcode"),
            Json.Str(e, "type"),
            Json.Str(e, "message"),
            Json.Str(e, "error_user_title"),
            Json.Str(e, "error_user_msg"),
            e.TryGetProperty("is_transient", out var t) && t.ValueKind == JsonValueKind.True,
            Json.Str(e, "fbtrace_id"));
    }
}

/// <summary>
/// Maps Graph errors to <see cref="ConnectorException"/> by <c>error.code</c>, not by HTTP status, because Graph's status
/// codes are not reliable (§1.8). The user-facing text never repeats Graph's raw <c>message</c> for token errors, since
/// Graph echoes malformed tokens in it.
/// </summary>
internal static partial class GraphErrors
{
    /// <summary>Usage headers that may carry <c>estimated_time_to_regain_access</c> (minutes, §1.9).</summary>
    private static readonly string[] UsageHeaders = ["X-Business-Use-Case-Usage", "X-App-Usage", "X-Page-Usage"];

    public static bool IsTokenError(int code) => code is 190 or 102;

    /// <summary>4 app, 17 user, 32 Page, 613 custom; 80000–80014 the business use-case family (80001 Pages, 80002 Instagram).</summary>
    public static bool IsRateLimit(int code) => code is 4 or 17 or 32 or 613 or >= 80000 and <= 80014;

    public static bool IsPermission(int code) => code is 10 or >= 200 and <= 299;

    /// <summary>Error 100 with subcode 33: the object does not exist, or this token cannot see it.</summary>
    public static bool IsMissingObject(ConnectorException ex) => ex.PlatformCode is "100/33";

    public static ConnectorException ToException(string platform, HttpResponseMessage response, GraphError? error, GraphCall call, TimeProvider clock)
    {
        var status = (int)response.StatusCode;
        var code = error?.Code;
        var platformCode = error?.Code is null ? $"HTTP {status}" : error.PlatformCode;

        if (code is { } tokenCode && IsTokenError(tokenCode) || (code is null && response.StatusCode == HttpStatusCode.Unauthorized))
        {
            return new ConnectorException(
                ConnectorErrorKind.NeedsReconnect,
                $"{platform} no longer accepts this channel's access token ({TokenReason(error?.Subcode)}, error {platformCode}). Reconnect the channel to continue.",
                platformCode);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests || code is { } limitCode && IsRateLimit(limitCode))
        {
            var wait = RateLimitWait(response, clock);
            return new ConnectorException(
                ConnectorErrorKind.RetryLater,
                $"{platform} is limiting how often CareDialog may call it ({RateLimitName(code)}, error {platformCode}); CareDialog tries again in {Describe(wait)}.",
                platformCode,
                wait);
        }

        if (code is { } permissionCode && IsPermission(permissionCode))
        {
            return new ConnectorException(
                ConnectorErrorKind.Rejected,
                $"{platform} refused because the channel lacks a permission for this (error {platformCode}){Detail(error)}. Reconnect the channel and grant every permission CareDialog asks for.",
                platformCode);
        }

        if (code == 368)
        {
            return new ConnectorException(
                ConnectorErrorKind.Rejected,
                $"{platform} has temporarily blocked this account from doing this because of its policies against spam or misuse (error {platformCode}){Detail(error)}. Check the account on {platform} before trying again.",
                platformCode);
        }

        if (code == 9007)
        {
            // Instagram's "media not ready": media_publish refused before publishing anything, so a later attempt is safe.
            return new ConnectorException(
                ConnectorErrorKind.RetryLater,
                $"{platform} has not finished processing the media yet (error {platformCode}); nothing was published, CareDialog tries again shortly.",
                platformCode,
                RateLimits.DefaultWait);
        }

        if (code == 100)
        {
            var what = error?.Subcode == 33
                ? "the post or comment does not exist any more, or this channel cannot see it"
                : "one of the values sent was not accepted";
            return new ConnectorException(ConnectorErrorKind.Rejected, $"{platform} rejected the request: {what} (error {platformCode}){Detail(error)}.", platformCode);
        }

        if (status >= 500 || code is 1 or 2 || error?.IsTransient == true)
        {
            return call == GraphCall.Create
                ? new ConnectorException(
                    ConnectorErrorKind.Unknown,
                    $"{platform} had a temporary problem (error {platformCode}) and may or may not have done it; CareDialog checks before trying again.",
                    platformCode)
                : new ConnectorException(
                    ConnectorErrorKind.RetryLater,
                    $"{platform} had a temporary problem (error {platformCode}); CareDialog tries again shortly.",
                    platformCode,
                    RateLimits.DefaultWait);
        }

        return new ConnectorException(ConnectorErrorKind.Rejected, $"{platform} refused the request (error {platformCode}){Detail(error)}.", platformCode);
    }

    /// <summary>
    /// The longest <c>estimated_time_to_regain_access</c> (minutes) in Graph's usage headers, else Retry-After, else the
    /// default: usage headers without that field only say how close to the limit the app is, not when it ends.
    /// </summary>
    public static TimeSpan RateLimitWait(HttpResponseMessage response, TimeProvider clock)
    {
        double minutes = 0;
        foreach (var header in UsageHeaders)
        {
            if (response.Headers.TryGetValues(header, out var values))
            {
                foreach (var value in values)
                {
                    minutes = Math.Max(minutes, RegainMinutes(value));
                }
            }
        }

        if (minutes > 0)
        {
            return RateLimits.Clamp(TimeSpan.FromMinutes(minutes));
        }

        return RateLimits.RetryAfter(response, clock) ?? RateLimits.DefaultWait;
    }

    private static double RegainMinutes(string header)
    {
        try
        {
            using var doc = JsonDocument.Parse(header);
            return Walk(doc.RootElement);
        }
        catch (JsonException)
        {
            return 0;
        }

        static double Walk(JsonElement e)
        {
            double max = 0;
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        var v = p.NameEquals("estimated_time_to_regain_access") && p.Value.TryGetDouble(out var d) ? d : Walk(p.Value);
                        max = Math.Max(max, v);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        max = Math.Max(max, Walk(item));
                    }

                    break;
            }

            return max;
        }
    }

    private static string TokenReason(int? subcode) => subcode switch
    {
        458 => "the CareDialog app was removed from the account",
        459 => "the account owner must first pass a security checkpoint on facebook.com",
        460 => "the password of the account that connected the channel was changed",
        463 => "the token has expired",
        464 => "the account that connected the channel is not confirmed",
        467 => "the token is no longer valid; the user logged out or revoked access",
        _ => "the token has expired or was revoked",
    };

    private static string RateLimitName(int? code) => code switch
    {
        4 => "the app's call limit",
        17 => "the user's call limit",
        32 => "the Page's call limit",
        613 => "a call-rate limit",
        80001 => "the Page's business use-case limit",
        80002 => "the Instagram account's business use-case limit",
        >= 80000 and <= 80014 => "a business use-case limit",
        _ => "too many requests",
    };

    private static string Describe(TimeSpan wait) =>
        wait >= TimeSpan.FromMinutes(2)
            ? $"about {Math.Ceiling(wait.TotalMinutes).ToString(CultureInfo.InvariantCulture)} minutes"
            : $"{Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} seconds";

    /// <summary>The text Graph meant for people, else its technical message; anything token-like is cut out.</summary>
    private static string Detail(GraphError? error)
    {
        var text = error?.UserMessage ?? error?.Message;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        text = TokenLike().Replace(text, "[redacted]").Trim();
        if (text.Length > 300)
        {
            text = text[..300] + "…";
        }

        return ": " + text;
    }

    [GeneratedRegex(@"[A-Za-z0-9_\-|]{40,}")]
    private static partial Regex TokenLike();
}
