using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareDialog.Connectors.LinkedIn;

public static class LinkedInConnectorSetup
{
    public const string Section = "LinkedIn";

    /// <summary>
    /// Registers the LinkedIn connector with its settings from <c>Connectors:LinkedIn</c> (including <c>Version</c>, see
    /// <see cref="LinkedInOptions"/>). Defaults are LinkedIn's documented endpoints (platform-apis.md §4.1, §4.6); scopes default
    /// to <see cref="LinkedInConnector.DefaultScopes"/> when <c>Connectors:LinkedIn:Scopes</c> is empty.
    /// </summary>
    public static IServiceCollection AddLinkedInConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LinkedInOptions>().Bind(configuration.GetSection($"Connectors:{Section}"));
        return services.AddConnector<LinkedInConnector>(configuration, Platform.LinkedIn, Section, new PlatformOptions
        {
            // /rest for the versioned Posts, Comments and Organization APIs; the root so one client reaches all of them.
            ApiBaseUrl = new Uri("https://api.linkedin.com/"),
            AuthorizeUrl = new Uri("https://www.linkedin.com/oauth/v2/authorization"),
            TokenUrl = new Uri("https://www.linkedin.com/oauth/v2/accessToken"),
        });
    }
}
