using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CareDialog.Connectors.YouTube;

public static class YouTubeConnectorSetup
{
    public const string Section = "YouTube";

    /// <summary>
    /// The HttpClient that sends video bytes: no resilience pipeline, because a repeated upload would be a second video, and its
    /// own timeout (HttpClient.Timeout), because the API timeout is far too short for a large file.
    /// </summary>
    internal static readonly string UploadClientName = ConnectorRegistration.ClientName(Platform.YouTube) + ":upload";

    /// <summary>Registers the YouTube connector with its settings from <c>Connectors:YouTube</c>.</summary>
    public static IServiceCollection AddYouTubeConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<YouTubeOptions>().Bind(configuration.GetSection($"Connectors:{Section}"));
        services.AddHttpClient(UploadClientName, (sp, http) => http.Timeout = sp.GetRequiredService<IOptions<YouTubeOptions>>().Value.UploadTimeout);

        return services.AddConnector<YouTubeConnector>(configuration, Platform.YouTube, Section, new PlatformOptions
        {
            ApiBaseUrl = new Uri("https://www.googleapis.com/youtube/v3/"),
            AuthorizeUrl = new Uri("https://accounts.google.com/o/oauth2/v2/auth"),
            TokenUrl = new Uri("https://oauth2.googleapis.com/token"),
        });
    }
}
