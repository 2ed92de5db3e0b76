using CareDialog.Core.Features.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CareDialog.Core.Features.Crisis;

/// <summary>Negative-spike detection across every channel (<see cref="DetectNegativeSpikes"/>).</summary>
public sealed class DetectNegativeSpikesJob(IServiceScopeFactory scopes) : SweepJob(scopes)
{
    public static readonly JobKey Key = new("detect-negative-spikes", "crisis");

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<DetectNegativeSpikes>().RunAsync(ct);
}
