using CareDialog.Core.Data;
using CareDialog.Core.Features.Crisis;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Incidents;
using CareDialog.Core.Features.Publishing;
using Quartz;

namespace CareDialog.Web.Infrastructure;

public static class JobsSetup
{
    /// <summary>
    /// Quartz with an in-memory store on SQLite (one node) and the clustered ADO store on PostgreSQL, so several nodes
    /// share one schedule and a dead node's work is taken over (docs/decisions/0003-scheduler.md).
    /// </summary>
    public static WebApplicationBuilder AddCareDialogJobs(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (!config.GetValue("Publishing:RunScheduler", true))
        {
            return builder;
        }

        var database = DatabaseOptions.From(config, builder.Environment.ContentRootPath);
        var interval = config.GetValue("Publishing:SweepInterval", TimeSpan.FromSeconds(15));
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = config["Publishing:SchedulerName"] ?? "caredialog");
            // The sweeps' cadence is real seconds; what is *due* is decided by the app's TimeProvider inside each job.
            // Note for tests: a test host that replaces the container's TimeProvider with a fake clock also moves Quartz onto
            // it (the registration is replaced), so such tests advance their fake clock to let the next sweep run.
            q.UseTimeProvider(TimeProvider.System);
            if (database.Provider == DatabaseProvider.Postgres)
            {
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(database.ConnectionString);
                    // Clustering gives every node its own generated instance id; a node silent for the threshold is failed over.
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                    // Quartz 4 creates its qrtz_ tables itself, so no SQL script has to be run by hand.
                    s.ProvisionSchema();
                });
            }

            q.ScheduleJob<PublishDuePostsJob>(
                t => t.WithIdentity("publish-due-posts-sweep", "publishing").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()),
                j => j.WithIdentity(PublishDuePostsJob.Key));
            Every<ProcessInboundEventsJob>(ProcessInboundEventsJob.Key, config.GetValue("Inbox:ProcessInterval", TimeSpan.FromSeconds(5)));
            Every<PollInboundJob>(PollInboundJob.Key, config.GetValue("Inbox:PollInterval", TimeSpan.FromMinutes(2)));
            Every<OpenIncidentsForComplaintsJob>(OpenIncidentsForComplaintsJob.Key, config.GetValue("Incidents:OpenInterval", TimeSpan.FromSeconds(10)));
            Every<WatchIncidentDeadlinesJob>(WatchIncidentDeadlinesJob.Key, config.GetValue("Incidents:WatchInterval", TimeSpan.FromMinutes(1)));
            Every<CheckChannelTokensJob>(CheckChannelTokensJob.Key, config.GetValue("Channels:TokenCheckInterval", TimeSpan.FromMinutes(15)));
            Every<DetectNegativeSpikesJob>(DetectNegativeSpikesJob.Key, config.GetValue("Crisis:DetectInterval", new CrisisOptions().DetectInterval));

            void Every<TJob>(JobKey key, TimeSpan every) where TJob : IJob =>
                q.ScheduleJob<TJob>(
                    t => t.WithIdentity(key.Name + "-trigger", key.Group).StartNow().WithSimpleSchedule(s => s.WithInterval(every).RepeatForever()),
                    j => j.WithIdentity(key));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        // Webhook deliveries are processed on arrival; the sweep above stays as the retry and catch-up path.
        var pause = config.GetValue("Inbox:OnArrivalPause", TimeSpan.FromMilliseconds(10));
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ProcessInboundEventsOnArrival>(sp, pause));
        return builder;
    }

}
