using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing;
using CareDialog.Core.Features.Publishing.Sandbox;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Publishing;

public abstract class PublishingTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    private readonly Scenario _scenario = new(app);

    private async Task<PublishDuePosts.Summary> SweepAsync(ConnectorRegistry? registry = null)
    {
        using var scope = App.Services.CreateScope();
        var publisher = registry is null
            ? scope.ServiceProvider.GetRequiredService<PublishDuePosts>()
            : ActivatorUtilities.CreateInstance<PublishDuePosts>(scope.ServiceProvider, registry);
        return await publisher.RunAsync(default);
    }

    private Task<Post> LoadAsync(Guid id) =>
        Db(db => db.Posts.AsNoTracking().Include(p => p.Targets).SingleAsync(p => p.Id == id));

    private Task<List<SandboxRemotePost>> RemoteAsync(Guid channelId) =>
        Db(db => db.SandboxRemotePosts.AsNoTracking().Where(r => r.ChannelId == channelId && r.Live).ToListAsync());

    [Fact]
    public async Task Sweep_BeforeDueTime_LeavesPostScheduled()
    {
        var channel = await _scenario.ChannelAsync();
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(30));

        await SweepAsync();

        Assert.Equal(PostStatus.Scheduled, (await LoadAsync(post.Id)).Status);
        Assert.Empty(await RemoteAsync(channel.Id));
    }

    [Fact]
    public async Task Sweep_AtDueTime_PublishesOnceWithRemoteIdAndAudit()
    {
        var channel = await _scenario.ChannelAsync();
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(5));
        App.Clock.Advance(TimeSpan.FromMinutes(6));

        await SweepAsync();
        await SweepAsync();

        var published = await LoadAsync(post.Id);
        Assert.Equal(PostStatus.Published, published.Status);
        var target = Assert.Single(published.Targets);
        Assert.StartsWith("sbx_", target.RemoteId);
        Assert.Equal($"/sandbox/p/{target.RemoteId}", target.RemoteUrl);
        Assert.Single(await RemoteAsync(channel.Id));
        var actions = await Db(db => db.AuditEntries.Where(a => a.EntityId == post.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["post.created", "post.submitted", "post.approved", "post.scheduled", "post.publishing", "post.channel_published", "post.published"],
            actions);
    }

    [Fact]
    public async Task Sweep_TwoWorkersAtOnce_PublishExactlyOnce()
    {
        var channel = await _scenario.ChannelAsync();
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1));
        App.Clock.Advance(TimeSpan.FromMinutes(2));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SweepAsync())));

        Assert.Equal(PostStatus.Published, (await LoadAsync(post.Id)).Status);
        var remote = Assert.Single(await RemoteAsync(channel.Id));
        Assert.Equal(1, remote.Calls);
        Assert.True(results.Sum(r => r.Published) >= 1);
    }

    [Fact]
    public async Task Sweep_LostResponse_ReconcilesInsteadOfPublishingTwice()
    {
        var channel = await _scenario.ChannelAsync(SandboxFailureMode.LostResponse);
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1));
        App.Clock.Advance(TimeSpan.FromMinutes(2));

        await SweepAsync();
        var afterFirst = await LoadAsync(post.Id);
        Assert.Equal(PostStatus.Publishing, afterFirst.Status);
        Assert.Equal(PublicationState.Unknown, afterFirst.Targets[0].State);

        App.Clock.Advance(TimeSpan.FromSeconds(31));
        await SweepAsync();

        var done = await LoadAsync(post.Id);
        Assert.Equal(PostStatus.Published, done.Status);
        var remote = Assert.Single(await RemoteAsync(channel.Id));
        Assert.Equal(1, remote.Calls); // the second sweep looked the post up; it never sent it again
        Assert.Equal(remote.RemoteId, done.Targets[0].RemoteId);
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.EntityId == post.Id.ToString() && a.Action == "post.channel_reconciled")));
    }

    [Fact]
    public async Task Sweep_RateLimited_WaitsForRetryAfterThenPublishes()
    {
        var channel = await _scenario.ChannelAsync(SandboxFailureMode.RateLimited);
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1));
        App.Clock.Advance(TimeSpan.FromMinutes(2));

        await SweepAsync();
        var waiting = await LoadAsync(post.Id);
        Assert.Equal(PostStatus.Publishing, waiting.Status);
        Assert.Contains("429", waiting.Targets[0].LastError);

        await SweepAsync(); // before retry-after: nothing is sent
        Assert.Equal(1, (await LoadAsync(post.Id)).Targets[0].Attempts);

        App.Clock.Advance(TimeSpan.FromSeconds(31));
        await SweepAsync();
        App.Clock.Advance(TimeSpan.FromSeconds(31));
        await SweepAsync();

        var done = await LoadAsync(post.Id);
        Assert.Equal(PostStatus.Published, done.Status);
        Assert.Equal(3, done.Targets[0].Attempts);
        Assert.Single(await RemoteAsync(channel.Id));
    }

    [Fact]
    public async Task Sweep_PlatformRefuses_FailsWithReasonAndRescheduleRetries()
    {
        var channel = await _scenario.ChannelAsync(SandboxFailureMode.RejectAll);
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1));
        App.Clock.Advance(TimeSpan.FromMinutes(2));

        await SweepAsync();

        var failed = await LoadAsync(post.Id);
        Assert.Equal(PostStatus.Failed, failed.Status);
        Assert.Contains("Permissions error", failed.LastError);
        Assert.Empty(await RemoteAsync(channel.Id));

        // The channel is fixed, then the post is rescheduled: only now does it go out.
        await Db(async db =>
        {
            var c = await db.Channels.SingleAsync(x => x.Id == channel.Id);
            c.Sandbox.FailureMode = SandboxFailureMode.None;
            return await db.SaveChangesAsync();
        });
        var editor = await _scenario.ActorAsync("editor@caredialog.demo");
        using (var scope = App.Services.CreateScope())
        {
            var zone = await Db(db => db.Organisations.Where(o => o.Id == editor.OrganisationId).Select(o => o.TimeZone).SingleAsync());
            var local = TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime.AddMinutes(10), TimeZoneInfo.FindSystemTimeZoneById(zone));
            Scenario.Ok(await scope.ServiceProvider.GetRequiredService<SchedulePost>().ScheduleAsync(editor, post.Id, local, default));
        }

        App.Clock.Advance(TimeSpan.FromMinutes(11));
        await SweepAsync();
        Assert.Equal(PostStatus.Published, (await LoadAsync(post.Id)).Status);
        Assert.Single(await RemoteAsync(channel.Id));
    }

    [Fact]
    public async Task Sweep_ProcessKilledDuringPublishCall_NextWorkerReconcilesWithoutDuplicate()
    {
        var channel = await _scenario.ChannelAsync();
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1));
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        var sandbox = App.Services.GetServices<IChannelConnector>().OfType<SandboxConnector>().Single();

        // The platform accepts the post, then the worker dies before it can record the answer.
        await Assert.ThrowsAsync<ProcessKilled>(() => SweepAsync(new ConnectorRegistry([new DiesAfterCall(sandbox)])));
        var orphan = await LoadAsync(post.Id);
        Assert.Equal(PostStatus.Publishing, orphan.Status);
        Assert.Equal(PublicationState.Attempting, orphan.Targets[0].State);

        // Another worker cannot take the post while the dead one's lease runs...
        await SweepAsync();
        Assert.Equal(PublicationState.Attempting, (await LoadAsync(post.Id)).Targets[0].State);
        // ...and after it expires, looks the post up on the platform instead of sending it again.
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        await SweepAsync();

        Assert.Equal(PostStatus.Published, (await LoadAsync(post.Id)).Status);
        var remote = Assert.Single(await RemoteAsync(channel.Id));
        Assert.Equal(1, remote.Calls);
    }

    [Fact]
    public async Task Sweep_MultiChannelWithOneFailing_PublishesTheOthersAndReportsTheFailure()
    {
        var good = await _scenario.ChannelAsync();
        var bad = await _scenario.ChannelAsync(SandboxFailureMode.RejectAll);
        var post = await _scenario.ScheduledPostAsync([good.Id, bad.Id], TimeSpan.FromMinutes(1));
        App.Clock.Advance(TimeSpan.FromMinutes(2));

        await SweepAsync();

        var result = await LoadAsync(post.Id);
        Assert.Equal(PostStatus.Failed, result.Status);
        Assert.Equal(PublicationState.Published, result.Targets.Single(t => t.ChannelId == good.Id).State);
        Assert.Equal(PublicationState.Failed, result.Targets.Single(t => t.ChannelId == bad.Id).State);
        Assert.Single(await RemoteAsync(good.Id));
    }

    private sealed class ProcessKilled : Exception;

    private sealed class DiesAfterCall(SandboxConnector inner) : DelegatingConnector(inner)
    {
        public override async Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct)
        {
            await base.PublishAsync(request, ct);
            throw new ProcessKilled();
        }
    }
}

public sealed class PublishingTests_Sqlite(SqliteAppFixture app) : PublishingTests<SqliteAppFixture>(app);

public sealed class PublishingTests_Postgres(PostgresAppFixture app) : PublishingTests<PostgresAppFixture>(app);
