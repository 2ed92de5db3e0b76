using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace CareDialog.Core.Features.Publishing;

/// <summary>
/// The Quartz entry point. DisallowConcurrentExecution keeps one sweep at a time per job key, across the cluster on
/// PostgreSQL; the conditional claim inside <see cref="PublishDuePosts"/> is the second lock that makes it exactly once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PublishDuePostsJob(IServiceScopeFactory scopes, ILogger<PublishDuePostsJob> logger) : IJob
{
    public static readonly JobKey Key = new("publish-due-posts", "publishing");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var summary = await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(cancellationToken);
        if (summary.Claimed > 0)
        {
            logger.LogInformation("Publishing sweep: {Claimed} claimed, {Published} published, {Failed} failed, {Waiting} waiting",
                summary.Claimed, summary.Published, summary.Failed, summary.Waiting);
        }
    }
}
