using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using CareDialog.Connectors.Meta.Facebook;
using CareDialog.Connectors.Meta.Instagram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareDialog.Connectors.Meta;

public static class MetaConnectorSetup
{
    public const string FacebookSection = "Facebook";
    public const string InstagramSection = "Instagram";

    /// <summary>The Graph version is part of the URL (§1.1); change it with <c>Connectors:&lt;section&gt;:ApiBaseUrl</c>, AuthorizeUrl and TokenUrl together.</summary>
    public const string DefaultApiBaseUrl = "https://graph.facebook.com/v25.0/";
    public const string DefaultAuthorizeUrl = "https://www.facebook.com/v25.0/dialog/oauth";
    public const string DefaultTokenUrl = "https://graph.facebook.com/v25.0/oauth/access_token";

    /// <summary>Registers the Facebook Pages connector with its settings from <c>Connectors:Facebook</c>; scopes default to <see cref="FacebookConnector.DefaultScopes"/>.</summary>
    public static IServiceCollection AddFacebookConnector(this IServiceCollection services, IConfiguration configuration)
    {
        AddMetaOptions(services, configuration, Platform.Facebook, FacebookSection, FacebookConnector.DefaultPostMetrics, FacebookConnector.DefaultAccountMetrics, "days_28");
        return services.AddConnector<FacebookConnector>(configuration, Platform.Facebook, FacebookSection, Defaults());
    }

    /// <summary>Registers the Instagram connector (Instagram API with Facebook Login) with its settings from <c>Connectors:Instagram</c>.</summary>
    public static IServiceCollection AddInstagramConnector(this IServiceCollection services, IConfiguration configuration)
    {
        AddMetaOptions(services, configuration, Platform.Instagram, InstagramSection, InstagramConnector.DefaultPostMetrics, InstagramConnector.DefaultAccountMetrics, "day");
        return services.AddConnector<InstagramConnector>(configuration, Platform.Instagram, InstagramSection, Defaults());
    }

    private static PlatformOptions Defaults() => new()
    {
        ApiBaseUrl = new Uri(DefaultApiBaseUrl),
        AuthorizeUrl = new Uri(DefaultAuthorizeUrl),
        TokenUrl = new Uri(DefaultTokenUrl),
    };

    private static void AddMetaOptions(
        IServiceCollection services,
        IConfiguration configuration,
        Platform platform,
        string section,
        IReadOnlyDictionary<string, string> postMetrics,
        IReadOnlyDictionary<string, string> accountMetrics,
        string period)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MetaGraphOptions>(ConnectorRegistration.ClientName(platform))
            .Configure(o =>
            {
                foreach (var (k, v) in postMetrics)
                {
                    o.PostMetrics[k] = v;
                }

                foreach (var (k, v) in accountMetrics)
                {
                    o.AccountMetrics[k] = v;
                }

                o.AccountMetricPeriod = period;
            })
            .Bind(configuration.GetSection($"Connectors:{section}"));
    }
}
