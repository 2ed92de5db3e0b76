using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CareDialog.Connectors.Common;

public static class ConnectorRegistration
{
    /// <summary>The name of a platform's HttpClient and of its <see cref="PlatformOptions"/>.</summary>
    public static string ClientName(Platform platform) => "connector:" + PlatformNames.ToWire(platform);

    /// <summary>
    /// Registers a connector with its options (section <c>Connectors:&lt;section&gt;</c>) and its HttpClient. The client retries
    /// only safe requests (GET) after a 5xx or a lost connection; a POST is never repeated by the pipeline, because a repeated
    /// publish could create a second post. 429 is never retried here: the connector reports it and the caller waits.
    /// </summary>
    public static IServiceCollection AddConnector<TConnector>(this IServiceCollection services, IConfiguration configuration, Platform platform, string section, PlatformOptions defaults)
        where TConnector : class, IChannelConnector
    {
        var name = ClientName(platform);
        services.AddOptions<PlatformOptions>(name)
            .Configure(o =>
            {
                o.ApiBaseUrl = defaults.ApiBaseUrl;
                o.AuthorizeUrl = defaults.AuthorizeUrl;
                o.TokenUrl = defaults.TokenUrl;
            })
            .Bind(configuration.GetSection($"Connectors:{section}"))
            // Binding appends configured array items to existing ones, so default scopes are applied only when none are configured.
            .PostConfigure(o => o.Scopes = o.Scopes.Length > 0 ? o.Scopes : defaults.Scopes);

        services.AddHttpClient(name, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<PlatformOptions>>().Get(name);
                http.BaseAddress = options.ApiBaseUrl;
                // The resilience pipeline enforces the per-attempt timeout; HttpClient's own must not cut in first.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler("connector", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<PlatformOptions>>().Get(name);
                // Network timeouts and back-off are physical seconds, not the app's (possibly simulated) business time.
                pipeline.TimeProvider = TimeProvider.System;
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(0, options.MaxRetries),
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
                        || args.Outcome.Result is { StatusCode: >= System.Net.HttpStatusCode.InternalServerError }),
                };
                retry.DisableForUnsafeHttpMethods();
                if (options.MaxRetries > 0)
                {
                    // Polly refuses a retry strategy with zero attempts; zero means "no retry strategy".
                    pipeline.AddRetry(retry);
                }

                pipeline.AddTimeout(options.Timeout);
            });

        services.AddSingleton<TConnector>();
        services.AddSingleton<IChannelConnector>(sp => sp.GetRequiredService<TConnector>());
        return services;
    }

    /// <summary>For a connector's constructor: its HttpClient and options.</summary>
    public static (HttpClient Http, PlatformOptions Options) Resolve(IHttpClientFactory factory, IOptionsMonitor<PlatformOptions> options, Platform platform) =>
        (factory.CreateClient(ClientName(platform)), options.Get(ClientName(platform)));
}
