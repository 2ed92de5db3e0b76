using CareDialog.Core.Features.Posts;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Tests.Features.Publishing;

/// <summary>The Quartz job itself, on PostgreSQL's clustered ADO store: due posts are published without a test calling the sweep.</summary>
public sealed class ClusteredSchedulerTests(ClusteredPostgresAppFixture app) : AppTests<ClusteredPostgresAppFixture>(app)
{
    [Fact]
    public async Task QuartzOnPostgres_PublishesADuePostByItself_AndRegistersTheNodeInTheCluster()
    {
        var scenario = new Scenario(App);
        var channel = await scenario.ChannelAsync();
        // Scheduled by wall clock a few seconds ahead: nothing but the Quartz job can publish it.
        var post = await scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromSeconds(3));

        var status = PostStatus.Scheduled;
        for (var i = 0; i < 60 && status != PostStatus.Published; i++)
        {
            await Task.Delay(500);
            status = await Db(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.Status).SingleAsync());
        }

        Assert.Equal(PostStatus.Published, status);
        var nodes = await Db(db => db.Database.SqlQueryRaw<string>("SELECT instance_name AS \"Value\" FROM qrtz_scheduler_state").ToListAsync());
        Assert.NotEmpty(nodes);
    }
}
