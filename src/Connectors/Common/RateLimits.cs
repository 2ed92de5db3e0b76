using System.Globalization;

namespace CareDialog.Connectors.Common;

/// <summary>Reads how long a platform asks us to wait.</summary>
public static class RateLimits
{
    /// <summary>Used when a platform says "too many requests" without saying for how long.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(1);

    /// <summary>Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return Clamp(delta);
        }

        if (header?.Date is { } date)
        {
            return Clamp(date - clock.GetUtcNow());
        }

        return null;
    }

    /// <summary>A reset given as Unix epoch seconds in a header (X: x-rate-limit-reset; others: x-ratelimit-reset).</summary>
    public static TimeSpan? EpochReset(HttpResponseMessage response, string headerName, TimeProvider clock)
    {
        if (response.Headers.TryGetValues(headerName, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return Clamp(DateTimeOffset.FromUnixTimeSeconds(epoch) - clock.GetUtcNow());
        }

        return null;
    }

    /// <summary>Never negative (clock skew), never absurd (a day at most: beyond that a person should look).</summary>
    public static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : wait;
}
