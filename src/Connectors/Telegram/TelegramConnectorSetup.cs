using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Connectors.Telegram;

public static class TelegramConnectorSetup
{
    public static readonly Uri DefaultApiBaseUrl = new("https://api.telegram.org/");

    /// <summary>Registers <see cref="TelegramConnector"/> with its settings from <c>Connectors:Telegram</c>.</summary>
    public static IServiceCollection AddTelegramConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnector<TelegramConnector>(configuration, Platform.Telegram, "Telegram", new PlatformOptions { ApiBaseUrl = DefaultApiBaseUrl });

        // The Bot API puts the bot token in every request path, and the client's request logging writes the full URL.
        services.AddHttpClient(ConnectorRegistration.ClientName(Platform.Telegram)).RemoveAllLoggers();
        return services;
    }
}
