using System.Net;
using CareDialog.Connectors.Telegram.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace CareDialog.Web.BrowserTests;

/// <summary>
/// The real app on Kestrel (loopback, random port) with SQLite, demo data, a fake clock and the Quartz publisher
/// sweeping every second, driven by Debian's Chromium through Playwright. No browser is ever downloaded.
/// </summary>
public sealed class BrowserFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Friday 20 March 2026, 09:00 UTC (10:00 in Copenhagen).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "caredialog-browser", Guid.NewGuid().ToString("N"));
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    /// <summary>A fake Telegram Bot API, so a real connector can be connected and answered through the UI.</summary>
    public FakeTelegramServer Telegram { get; } = new();
    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "browser-artifacts");

    private IPlaywright? _playwright;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(DataDirectory, "browser.db")}");
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Media:Root", Path.Combine(DataDirectory, "media"));
        builder.UseSetting("CareDialog:DemoMode", "true");
        builder.UseSetting("CareDialog:PrintDemoAccounts", "false");
        builder.UseSetting("Publishing:RunScheduler", "true");
        builder.UseSetting("Publishing:SweepInterval", "00:00:01");
        builder.UseSetting("Publishing:SchedulerName", "browser-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Inbox:ProcessInterval", "00:00:01");
        builder.UseSetting("PublicBaseUrl", "https://caredialog.test");
        builder.UseSetting("Connectors:Telegram:ApiBaseUrl", Telegram.BaseUrl.AbsoluteUri.TrimEnd('/'));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public async Task InitializeAsync()
    {
        await Telegram.StartAsync();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        Directory.CreateDirectory(ArtifactsDirectory);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        await Telegram.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder; nothing to keep.
        }
    }
}

/// <summary>Browser journeys run one after another: two Chromiums and two apps at once starve a two-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser journeys";
}
