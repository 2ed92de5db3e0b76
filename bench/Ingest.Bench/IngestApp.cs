using System.Collections.Immutable;
using System.Net;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Telegram;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Organisations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Ingest.Bench;

/// <summary>
/// The real product — its own Program.cs, configuration, DI, migrations and Quartz jobs — on Kestrel on a loopback port, in
/// production mode (no demo data). WebApplicationFactory is used only to start that Program in this process with settings
/// of ours; requests go over real sockets, not through the in-memory test server. (The type argument only names the Web
/// assembly, whose entry point is started; this program's own top-level Program would clash with the Web's.)
/// </summary>
public sealed class IngestApp(DatabaseProvider provider, string connectionString, string dataDirectory, string appLogLevel,
    IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Web.Components.App>
{
    private static readonly (string Country, string Zone, string Language)[] Countries =
        [("TR", "Europe/Istanbul", "tr"), ("DK", "Europe/Copenhagen", "da"), ("FI", "Europe/Helsinki", "fi"), ("RU", "Europe/Moscow", "ru")];

    private readonly Dictionary<string, Guid> _organisations = [];
    private long _nextChatId = 1_000_000;

    public DatabaseProvider Provider => provider;
    public Uri BaseUrl { get; private set; } = default!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(dataDirectory);
        // The factory finds the content root from a manifest in the working directory, which `dotnet run --project` does not set.
        builder.UseContentRoot(Path.Combine(Payloads.FindRepoRoot(), "src", "Web"));
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("DataDirectory", dataDirectory);
        builder.UseSetting("Media:Root", Path.Combine(dataDirectory, "media"));
        builder.UseSetting("CareDialog:DemoMode", "false");
        builder.UseSetting("Publishing:RunScheduler", "true");
        builder.UseSetting("Publishing:SchedulerName", "ingest-bench-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("PublicBaseUrl", "https://caredialog.bench");
        builder.UseSetting("Logging:LogLevel:Default", appLogLevel);
        builder.UseSetting("Logging:LogLevel:Microsoft", "Warning");
        // The benchmark's channels are not real bots: token checks and polling must not call out (connection refused at once).
        builder.UseSetting("Connectors:Telegram:ApiBaseUrl", "http://127.0.0.1:9");
        builder.UseSetting("Channels:TokenCheckInterval", "1.00:00:00");
        builder.UseSetting("Inbox:PollInterval", "1.00:00:00");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public Task StartAsync()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        return Task.CompletedTask;
    }

    /// <summary>
    /// One Telegram channel per organisation (TR, DK, FI, RU) for a phase, stored as connecting it would store it: the bot
    /// token and the webhook secret encrypted with the app's Data Protection keys.
    /// </summary>
    public async Task<IReadOnlyList<BenchChannel>> ConnectChannelsAsync(string phase)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<ChannelSecrets>();
        var now = DateTime.UtcNow;
        var result = new List<BenchChannel>();
        foreach (var (country, zone, language) in Countries)
        {
            if (!_organisations.TryGetValue(country, out var orgId))
            {
                var org = new Organisation
                {
                    Name = "Bench clinic " + country,
                    Slug = "bench-" + country.ToLowerInvariant(),
                    Country = country,
                    TimeZone = zone,
                    Language = language,
                    CreatedAtUtc = now,
                };
                db.Organisations.Add(org);
                _organisations[country] = orgId = org.Id;
            }

            var channelChat = -1_001_000_000_000 - _nextChatId++;
            var discussionChat = -1_002_000_000_000 - _nextChatId++;
            var secret = TelegramWebhook.NewSecret();
            var channel = new Channel
            {
                OrganisationId = orgId,
                Name = $"Clinic News {country} ({phase})",
                Handle = "@clinic_news_" + country.ToLowerInvariant(),
                Platform = Platform.Telegram,
                Health = ChannelHealth.Connected,
                ConnectedAtUtc = now,
            };
            secrets.Store(channel, new ChannelCredentials
            {
                AccessToken = "123456:bench-bot-token",
                AccountId = channelChat.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Extra = ImmutableDictionary<string, string>.Empty.Add(ChannelSettingKeys.WebhookSecret, secret),
            });
            db.Channels.Add(channel);
            result.Add(new BenchChannel(channel.Id, country, channelChat, discussionChat, secret));
        }

        await db.SaveChangesAsync();
        return result;
    }

    public async Task<int> CountItemsAsync(IReadOnlyCollection<Guid> channels)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.InboxItems.CountAsync(i => channels.Contains(i.ChannelId));
    }

    public sealed record Check(int Events, int Unprocessed, int Failed, int Items, int Missing, int Unexpected, int Untriaged, double[] ItemLatenciesMs);

    /// <summary>What the database holds for a phase, against what was sent: the loss and duplicate check.</summary>
    public async Task<Check> CheckAsync(IReadOnlyCollection<Guid> channels, IReadOnlyList<Delivery> deliveries, long[] firstSentUtcTicks)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = await db.InboundEvents.CountAsync(e => channels.Contains(e.ChannelId));
        var unprocessed = await db.InboundEvents.CountAsync(e => channels.Contains(e.ChannelId) && e.ProcessedAtUtc == null);
        var failed = await db.InboundEvents.CountAsync(e => channels.Contains(e.ChannelId) && e.LastError != null);
        var items = await db.InboxItems.AsNoTracking().Where(i => channels.Contains(i.ChannelId))
            .Select(i => new { i.RemoteId, i.ReceivedAtUtc, i.Intent, i.Language }).ToListAsync();
        var expected = deliveries.ToDictionary(d => d.RemoteId, d => d.Item);
        var found = items.Select(i => i.RemoteId).ToHashSet(StringComparer.Ordinal);
        var latencies = items.Where(i => expected.ContainsKey(i.RemoteId))
            .Select(i => TimeSpan.FromTicks(i.ReceivedAtUtc.Ticks - firstSentUtcTicks[expected[i.RemoteId]]).TotalMilliseconds)
            .Order().ToArray();
        return new Check(
            events,
            unprocessed,
            failed,
            items.Count,
            expected.Keys.Count(k => !found.Contains(k)),
            items.Count(i => !expected.ContainsKey(i.RemoteId)),
            items.Count(i => i.Intent is null || i.Language is null),
            latencies);
    }
}
