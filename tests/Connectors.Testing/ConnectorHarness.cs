using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CareDialog.Connectors.Testing;

/// <summary>
/// One connector wired as in the product (options, HttpClient with its resilience pipeline) against a fake server,
/// with a fake clock. Settings are the <c>Connectors:&lt;section&gt;:*</c> keys without the prefix.
/// </summary>
public sealed class ConnectorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ConnectorHarness(ServiceProvider services, FakeTimeProvider clock)
    {
        _services = services;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <param name="register">e.g. <c>(s, c) => s.AddXConnector(c)</c>.</param>
    /// <param name="section">The configuration section name, e.g. "X".</param>
    /// <param name="settings">Keys below the section, e.g. ["ApiBaseUrl"] = fake.BaseUrl.</param>
    public static ConnectorHarness Create(Action<IServiceCollection, IConfiguration> register, string section, IDictionary<string, string?> settings, DateTimeOffset? now = null)
    {
        var values = new Dictionary<string, string?>
        {
            // Long enough that a busy machine never times out a healthy call; timeout tests hold the response longer (TimeoutDelay).
            [$"Connectors:{section}:Timeout"] = "00:00:03",
            [$"Connectors:{section}:RetryDelay"] = "00:00:00.010",
            [$"Connectors:{section}:MaxRetries"] = "2",
        };
        foreach (var (k, v) in settings)
        {
            values[$"Connectors:{section}:{k}"] = v;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging();
        register(services, configuration);
        return new ConnectorHarness(services.BuildServiceProvider(), clock);
    }

    /// <summary>A channel of this platform with the given credentials, as the product would hand it to the connector.</summary>
    public static ChannelAccess Access(Platform platform, ChannelCredentials credentials, string name = "Test channel") =>
        new(new Channel { Name = name, Platform = platform, Handle = credentials.AccountId, RemoteAccountId = credentials.AccountId }, credentials);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
