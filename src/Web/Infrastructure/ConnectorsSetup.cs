using CareDialog.Connectors.LinkedIn;
using CareDialog.Connectors.Meta;
using CareDialog.Connectors.Telegram;
using CareDialog.Connectors.Vk;
using CareDialog.Connectors.X;
using CareDialog.Connectors.YouTube;

namespace CareDialog.Web.Infrastructure;

public static class ConnectorsSetup
{
    /// <summary>
    /// Every platform connector (the Sandbox comes with Core). Settings per platform under <c>Connectors:&lt;Platform&gt;</c>;
    /// an OAuth platform without a ClientId is listed but cannot be connected until it is configured (README).
    /// </summary>
    public static IServiceCollection AddCareDialogConnectors(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddFacebookConnector(configuration)
            .AddInstagramConnector(configuration)
            .AddXConnector(configuration)
            .AddLinkedInConnector(configuration)
            .AddYouTubeConnector(configuration)
            .AddTelegramConnector(configuration)
            .AddVkConnector(configuration);
}
