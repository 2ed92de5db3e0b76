using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace CareDialog.Core.Features.Inbox;

/// <summary>A Quartz job that runs one sweep in its own DI scope; one at a time per job key, across the cluster on PostgreSQL.</summary>
[DisallowConcurrentExecution]
public abstract class SweepJob(IServiceScopeFactory scopes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        await RunAsync(scope.ServiceProvider, cancellationToken);
    }

    protected abstract Task RunAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>
/// Stored webhook deliveries → inbox items: the safety net behind <see cref="ProcessInboundEventsOnArrival"/>. It retries
/// failed events and picks up what no nudge reached (a node that stopped between storing and processing).
/// </summary>
public sealed class ProcessInboundEventsJob(IServiceScopeFactory scopes) : SweepJob(scopes)
{
    public static readonly JobKey Key = new("process-inbound-events", "inbox");

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<InboundEventsSignal>().ExclusiveAsync(() => services.GetRequiredService<ProcessInboundEvents>().DrainAsync(ct), ct);
}

/// <summary>
/// Processes new deliveries as soon as <see cref="StoreInboundEvent"/> signals one, instead of at the next sweep. After each
/// drain it rests for <see cref="Pause"/>: a lone delivery is processed at once, while under load the deliveries of the pause
/// form one batch (one commit for many items) instead of a commit for every few. Failed events are left to the sweep,
/// which spaces their retries.
/// </summary>
public sealed class ProcessInboundEventsOnArrival(IServiceScopeFactory scopes, InboundEventsSignal signal, ILogger<ProcessInboundEventsOnArrival> logger,
    TimeSpan pause) : BackgroundService
{
    public TimeSpan Pause => pause;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await signal.WaitAsync(stoppingToken))
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var processor = scope.ServiceProvider.GetRequiredService<ProcessInboundEvents>();
                    await signal.ExclusiveAsync(() => processor.DrainAsync(stoppingToken, newOnly: true), stoppingToken);
                    if (pause > TimeSpan.Zero)
                    {
                        await Task.Delay(pause, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The events stay stored and the sweep takes them; a database outage must not end this worker.
                    logger.LogWarning("Processing inbound events on arrival failed ({Reason}); the sweep will pick them up", ex.GetType().Name);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}

/// <summary>Comments read by polling, for platforms without webhooks.</summary>
public sealed class PollInboundJob(IServiceScopeFactory scopes) : SweepJob(scopes)
{
    public static readonly JobKey Key = new("poll-inbound", "inbox");

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<PollInbound>().RunAsync(ct);
}

/// <summary>Token health of every connected channel.</summary>
public sealed class CheckChannelTokensJob(IServiceScopeFactory scopes) : SweepJob(scopes)
{
    public static readonly JobKey Key = new("check-channel-tokens", "channels");

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<CheckChannelTokens>().RunAsync(ct);
}
