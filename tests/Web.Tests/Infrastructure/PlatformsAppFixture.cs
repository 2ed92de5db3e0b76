using CareDialog.Connectors.LinkedIn.Tests;
using CareDialog.Connectors.Meta.Tests;
using CareDialog.Connectors.Telegram.Tests;
using CareDialog.Connectors.Vk.Tests;
using CareDialog.Connectors.X.Tests;
using CareDialog.Connectors.YouTube.Tests;
using Microsoft.AspNetCore.Hosting;

namespace CareDialog.Web.Tests.Infrastructure;

/// <summary>
/// The product (SQLite, demo data, fake clock) with every platform connector pointed at its fake server, so a test can
/// connect, publish, receive and answer on each platform end to end. The fakes follow the contracts tested in the
/// Connectors.*.Tests projects.
/// </summary>
public sealed class PlatformsAppFixture : SqliteAppFixture
{
    public const string PublicBaseUrl = "https://caredialog.test";
    public const string MetaVerifyToken = "meta-verify-token-for-tests";

    public FakeGraphServer Graph { get; } = new();
    public FakeTelegramServer Telegram { get; } = new();
    public FakeXServer X { get; } = new();
    public FakeLinkedInServer LinkedIn { get; } = new();
    public FakeYouTubeServer YouTube { get; } = new();
    public FakeVkServer Vk { get; } = new();

    public override async Task InitializeAsync()
    {
        await Graph.StartAsync();
        await Telegram.StartAsync();
        await X.StartAsync();
        await LinkedIn.StartAsync();
        await YouTube.StartAsync();
        await Vk.StartAsync();
        YouTube.Clock = Clock;
        Vk.Clock = Clock;
        // The fakes judge token expiry and "recent" by the same simulated time as the product.
        X.Now = () => Clock.GetUtcNow();
        LinkedIn.Now = () => Clock.GetUtcNow();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Media:PublicBaseUrl", PublicBaseUrl);
        foreach (var section in new[] { "Facebook", "Instagram" })
        {
            builder.UseSetting($"Connectors:{section}:ApiBaseUrl", new Uri(Graph.BaseUrl, "v25.0/").AbsoluteUri);
            builder.UseSetting($"Connectors:{section}:TokenUrl", new Uri(Graph.BaseUrl, "v25.0/oauth/access_token").AbsoluteUri);
            builder.UseSetting($"Connectors:{section}:AuthorizeUrl", new Uri(Graph.BaseUrl, "dialog/oauth").AbsoluteUri);
            builder.UseSetting($"Connectors:{section}:ClientId", Graph.AppId);
            builder.UseSetting($"Connectors:{section}:ClientSecret", Graph.AppSecret);
            builder.UseSetting($"Connectors:{section}:AppSecret", Graph.AppSecret);
            builder.UseSetting($"Connectors:{section}:WebhookVerifyToken", MetaVerifyToken);
        }

        builder.UseSetting("Connectors:Telegram:ApiBaseUrl", Telegram.BaseUrl.AbsoluteUri.TrimEnd('/'));

        builder.UseSetting("Connectors:X:ApiBaseUrl", X.BaseUrl.AbsoluteUri);
        builder.UseSetting("Connectors:X:TokenUrl", new Uri(X.BaseUrl, "2/oauth2/token").AbsoluteUri);
        builder.UseSetting("Connectors:X:AuthorizeUrl", new Uri(X.BaseUrl, "i/oauth2/authorize").AbsoluteUri);
        builder.UseSetting("Connectors:X:ClientId", FakeXServer.ClientId);
        builder.UseSetting("Connectors:X:ClientSecret", FakeXServer.ClientSecret);

        builder.UseSetting("Connectors:LinkedIn:ApiBaseUrl", LinkedIn.BaseUrl.AbsoluteUri);
        builder.UseSetting("Connectors:LinkedIn:TokenUrl", new Uri(LinkedIn.BaseUrl, "oauth/v2/accessToken").AbsoluteUri);
        builder.UseSetting("Connectors:LinkedIn:AuthorizeUrl", new Uri(LinkedIn.BaseUrl, "oauth/v2/authorization").AbsoluteUri);
        builder.UseSetting("Connectors:LinkedIn:ClientId", FakeLinkedInServer.ClientId);
        builder.UseSetting("Connectors:LinkedIn:ClientSecret", FakeLinkedInServer.ClientSecret);

        builder.UseSetting("Connectors:YouTube:ApiBaseUrl", new Uri(YouTube.BaseUrl, "youtube/v3/").AbsoluteUri);
        builder.UseSetting("Connectors:YouTube:UploadBaseUrl", YouTube.BaseUrl.AbsoluteUri);
        builder.UseSetting("Connectors:YouTube:TokenUrl", new Uri(YouTube.BaseUrl, "token").AbsoluteUri);
        builder.UseSetting("Connectors:YouTube:ClientId", FakeYouTubeServer.ClientId);
        builder.UseSetting("Connectors:YouTube:ClientSecret", FakeYouTubeServer.ClientSecret);

        builder.UseSetting("Connectors:Vk:ApiBaseUrl", Vk.BaseUrl.AbsoluteUri);
    }

    protected override async Task CleanUpAsync()
    {
        await Graph.DisposeAsync();
        await Telegram.DisposeAsync();
        await X.DisposeAsync();
        await LinkedIn.DisposeAsync();
        await YouTube.DisposeAsync();
        await Vk.DisposeAsync();
        await base.CleanUpAsync();
    }
}
