using System.Net.Sockets;
using CareDialog.Core.Features.Channels;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CareDialog.Connectors.Common;

/// <summary>
/// Turns transport failures around a publish call into outcomes. Only a failure that proves nothing was sent (connection
/// refused, an open circuit) may be retried; a timeout or a connection lost mid-request means the outcome is unknown.
/// </summary>
public static class PublishGuard
{
    public static async Task<PublishOutcome> RunAsync(string platform, Func<Task<PublishOutcome>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (ConnectorException ex)
        {
            return ex.Kind switch
            {
                ConnectorErrorKind.NeedsReconnect => new PublishOutcome.NeedsReconnect(ex.UserMessage),
                ConnectorErrorKind.RetryLater => new PublishOutcome.RetryLater(ex.UserMessage, ex.RetryAfter ?? RateLimits.DefaultWait),
                ConnectorErrorKind.Unknown => new PublishOutcome.Unknown(ex.UserMessage),
                _ => new PublishOutcome.Rejected(ex.UserMessage),
            };
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return new PublishOutcome.RetryLater($"{platform} could not be reached (connection refused); nothing was sent.", RateLimits.DefaultWait);
        }
        catch (BrokenCircuitException)
        {
            return new PublishOutcome.RetryLater($"{platform} failed repeatedly just now; CareDialog pauses calls to it for a moment.", RateLimits.DefaultWait);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or TimeoutException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new PublishOutcome.Unknown($"{platform} did not answer in time; CareDialog will check whether the post exists before trying again.");
        }
    }

    /// <summary>The same mapping for calls other than publishing: transport failures become <see cref="ConnectorException"/>.</summary>
    public static async Task<T> CallAsync<T>(string platform, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (BrokenCircuitException ex)
        {
            throw new ConnectorException(ConnectorErrorKind.RetryLater, $"{platform} failed repeatedly just now; try again in a minute.", null, RateLimits.DefaultWait, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or TimeoutException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new ConnectorException(ConnectorErrorKind.Unknown, $"{platform} did not answer in time.", null, null, ex);
        }
    }
}
