using CareDialog.Compliance;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Compliance;
using CareDialog.Core.Features.Consents;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Crisis;
using CareDialog.Core.Features.Demo;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Incidents;
using CareDialog.Core.Features.Media;
using CareDialog.Core.Features.Notifications;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing;
using CareDialog.Core.Features.Publishing.Sandbox;
using CareDialog.Core.Features.Setup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Every use case of Core, registered per feature.</summary>
    public static IServiceCollection AddCareDialogCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<Notifier>();
        services.AddSingleton<ChannelSecrets>();

        services.AddScoped<UpdateOrganisation>();
        services.AddScoped<CreateFirstAdmin>();
        services.AddScoped<DemoSeeder>();

        services.AddScoped<CreatePost>();
        services.AddScoped<UpdatePost>();
        services.AddScoped<SubmitPost>();
        services.AddScoped<ReviewPost>();
        services.AddScoped<SchedulePost>();

        services.AddSingleton<IComplianceChecker>(_ => ComplianceEngine.Default);
        services.AddSingleton<PostComplianceCheck>();
        services.AddScoped<OverrideFinding>();
        services.AddScoped<RecordConsent>();
        services.AddScoped<WithdrawConsent>();

        services.Configure<MediaOptions>(configuration.GetSection("Media"));
        services.AddSingleton<MediaStore>();
        services.AddSingleton<PublicMediaLinks>();
        services.AddScoped<UploadMedia>();

        services.Configure<PublishingOptions>(configuration.GetSection("Publishing"));
        services.AddScoped<PublishDuePosts>();
        services.AddSingleton<SandboxConnector>();
        services.AddSingleton<IChannelConnector>(sp => sp.GetRequiredService<SandboxConnector>());

        services.Configure<ChannelOptions>(configuration.GetSection("Channels"));
        services.AddScoped<ChannelHealthChanges>();
        services.AddScoped<ConnectChannel>();
        services.AddScoped<CheckChannelTokens>();

        services.AddSingleton<InboundEventsSignal>();
        services.AddScoped<StoreInboundEvent>();
        services.AddScoped<InboxWriter>();
        services.AddScoped<ProcessInboundEvents>();
        services.AddScoped<PollInbound>();
        services.AddScoped<ReplyToInboxItem>();
        services.AddScoped<HideInboxItem>();
        services.AddScoped<ApproveInboxReply>();
        services.AddScoped<WorkInboxItem>();
        services.AddScoped<OnDuty>();
        services.AddScoped<ReplyTemplates>();
        services.AddScoped<ConfigureInbox>();
        services.AddScoped<ConfigureIncidents>();
        services.AddScoped<OpenIncident>();
        services.AddScoped<OpenIncidentsForComplaints>();
        services.AddScoped<WorkIncident>();
        services.AddScoped<AnswerIncident>();
        services.AddScoped<WatchIncidentDeadlines>();
        services.AddSingleton<ConnectorRegistry>();

        services.AddOptions<CrisisOptions>().Bind(configuration.GetSection("Crisis"))
            .Validate(o => o.Problem() is null, "Crisis options are out of range (see CrisisOptions).").ValidateOnStart();
        services.AddScoped<DetectNegativeSpikes>();
        services.AddScoped<PausePublishing>();
        services.AddScoped<ResumePublishing>();
        services.AddScoped<AcknowledgeCrisisAlert>();
        services.AddScoped<DismissCrisisAlert>();
        services.AddScoped<CreateHoldingDraft>();
        return services;
    }
}
