using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareDialog.Connectors.Vk;

public static class VkConnectorSetup
{
    public const string Section = "Vk";

    /// <summary>Registers the VK connector with its settings from <c>Connectors:Vk</c>.</summary>
    public static IServiceCollection AddVkConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<VkOptions>().Bind(configuration.GetSection($"Connectors:{Section}"));
        return services.AddConnector<VkConnector>(configuration, Platform.Vk, Section, new PlatformOptions
        {
            ApiBaseUrl = new Uri("https://api.vk.com/"),
        });
    }
}
