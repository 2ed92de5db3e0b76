using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.X.Tests;

/// <summary>A fake X with one connected account (the clinic) and the connector wired as in the product against it.</summary>
internal sealed class XTestContext : IAsyncDisposable
{
    public const string UserId = "1500000000000000001";
    public const string Username = "CityClinic";
    public static readonly Uri RedirectUri = new("https://caredialog.example/channels/connect/callback");

    private XTestContext(FakeXServer fake, ConnectorHarness harness)
    {
        Fake = fake;
        Harness = harness;
    }

    public FakeXServer Fake { get; }

    public ConnectorHarness Harness { get; }

    public XConnector Connector => Harness.Get<XConnector>();

    public DateTime Now => Harness.Clock.GetUtcNow().UtcDateTime;

    public static async Task<XTestContext> StartAsync(IDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        var fake = await FakePlatformServer.StartedAsync(new FakeXServer());
        var values = new Dictionary<string, string?>
        {
            ["ApiBaseUrl"] = fake.BaseUrl.ToString(),
            ["TokenUrl"] = new Uri(fake.BaseUrl, "2/oauth2/token").ToString(),
            ["ClientId"] = FakeXServer.ClientId,
            ["ClientSecret"] = FakeXServer.ClientSecret,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        var harness = ConnectorHarness.Create((s, c) => s.AddXConnector(c), XConnectorSetup.Section, values, now);
        fake.Now = () => harness.Clock.GetUtcNow();
        fake.AddUser(UserId, Username, "City Clinic", followers: 1200);
        return new XTestContext(fake, harness);
    }

    /// <summary>The clinic's channel with a fresh two-hour token and a refresh token, as after connecting.</summary>
    public ChannelAccess Access(TimeSpan? tokenLifetime = null, bool withRefreshToken = true)
    {
        var lifetime = tokenLifetime ?? FakeXServer.AccessTokenLifetime;
        return ConnectorHarness.Access(Platform.X, new ChannelCredentials
        {
            AccessToken = Fake.IssueAccessToken(UserId, lifetime),
            RefreshToken = withRefreshToken ? Fake.IssueRefreshToken(UserId) : null,
            AccessTokenExpiresAtUtc = Now + lifetime,
            AccountId = UserId,
        });
    }

    public PublishRequest Publish(ChannelAccess access, string text, IReadOnlyList<PublishMedia>? media = null) =>
        new(access, "key-" + Guid.NewGuid().ToString("N"), text, media ?? []);

    /// <summary>Starts a call that the fake holds until it times out on the real clock (3 s in the harness); moving the fake clock keeps token expiry consistent.</summary>
    public async Task<T> TimedOutAsync<T>(Task<T> call)
    {
        await Fake.WaitUntilHoldingAsync();
        Harness.Clock.Advance(TimeSpan.FromSeconds(2));
        return await call;
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
