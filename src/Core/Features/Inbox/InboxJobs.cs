using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.DependencyInjection;
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

/// <summary>Stored webhook deliveries → inbox items.</summary>
public sealed class ProcessInboundEventsJob(IServiceScopeFactory scopes) : SweepJob(scopes)
{
    public static readonly JobKey Key = new("process-inbound-events", "inbox");

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<ProcessInboundEvents>().RunAsync(ct);
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
