using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareDialog.Connectors.X;

public static class XConnectorSetup
{
    public const string Section = "X";

    /// <summary>
    /// Registers the X connector with its settings from <c>Connectors:X</c>. Defaults are X's documented endpoints
    /// (platform-apis.md §3.1, §3.5); scopes default to <see cref="XConnector.DefaultScopes"/> when <c>Connectors:X:Scopes</c> is empty.
    /// </summary>
    public static IServiceCollection AddXConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services.AddConnector<XConnector>(configuration, Platform.X, Section, new PlatformOptions
        {
            ApiBaseUrl = new Uri("https://api.x.com/"),
            AuthorizeUrl = new Uri("https://x.com/i/oauth2/authorize"),
            TokenUrl = new Uri("https://api.x.com/2/oauth2/token"),
        });
    }
}
