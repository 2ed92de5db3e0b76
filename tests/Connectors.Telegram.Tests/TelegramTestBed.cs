using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareDialog.Connectors.Telegram.Tests;

/// <summary>The connector wired as in the product against a started <see cref="FakeTelegramServer"/>, with every log line kept.</summary>
public sealed class TelegramTestBed : IAsyncDisposable
{
    private readonly Lazy<DirectoryInfo> _media = new(() => Directory.CreateTempSubdirectory("caredialog-telegram-"));

    private TelegramTestBed(FakeTelegramServer fake, ConnectorHarness harness, CapturingLoggerProvider logs)
    {
        Fake = fake;
        Harness = harness;
        Logs = logs;
    }

    public FakeTelegramServer Fake { get; }

    public ConnectorHarness Harness { get; }

    public CapturingLoggerProvider Logs { get; }

    public TelegramConnector Connector => Harness.Get<TelegramConnector>();

    public static async Task<TelegramTestBed> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var fake = await FakePlatformServer.StartedAsync(new FakeTelegramServer());
        return On(fake, fake.BaseUrl, settings);
    }

    /// <summary>The connector pointed at <paramref name="apiBaseUrl"/>, which need not be the fake (a closed port, say).</summary>
    public static TelegramTestBed On(FakeTelegramServer fake, Uri apiBaseUrl, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["ApiBaseUrl"] = apiBaseUrl.ToString() };
        var logs = new CapturingLoggerProvider();
        var harness = ConnectorHarness.Create((services, configuration) =>
        {
            services.AddTelegramConnector(configuration);
            services.AddSingleton<ILoggerProvider>(logs);
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Trace);
        }, "Telegram", values);
        return new TelegramTestBed(fake, harness, logs);
    }

    /// <summary>The channel as connecting it would have stored it.</summary>
    public static ChannelAccess Access(string token = FakeTelegramServer.BotToken, long chatId = FakeTelegramServer.ChannelId, string? secret = "s3cret_-Value") =>
        ConnectorHarness.Access(Platform.Telegram, new ChannelCredentials
        {
            AccessToken = token,
            AccountId = chatId.ToString(CultureInfo.InvariantCulture),
            Extra = secret is null ? ImmutableDictionary<string, string>.Empty : ImmutableDictionary<string, string>.Empty.Add(TelegramConnector.WebhookSecretKey, secret),
        }, "Clinic News");

    /// <summary>
    /// Lets a call run into a timeout fault: once the fake holds the request, the harness clock (which drives the
    /// resilience pipeline's per-attempt timeout) is moved past the timeout.
    /// </summary>
    public async Task<T> TimingOutAsync<T>(Func<Task<T>> call)
    {
        var running = call();
        await Task.WhenAny(Fake.Holding, running).WaitAsync(TimeSpan.FromSeconds(30));
        Harness.Clock.Advance(TimeSpan.FromSeconds(5));
        return await running;
    }

    /// <summary>An attachment as the media store would hand it to the connector: a file on disk.</summary>
    public PublishMedia Media(string fileName, string contentType, byte[] content)
    {
        var path = Path.Combine(_media.Value.FullName, Guid.NewGuid().ToString("N") + Path.GetExtension(fileName));
        File.WriteAllBytes(path, content);
        return new PublishMedia(fileName, contentType, path);
    }

    public static PublishRequest Post(string text, params PublishMedia[] media) => new(Access(), "key-1", text, media);

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Fake.DisposeAsync();
        if (_media.IsValueCreated)
        {
            _media.Value.Delete(recursive: true);
        }
    }
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
