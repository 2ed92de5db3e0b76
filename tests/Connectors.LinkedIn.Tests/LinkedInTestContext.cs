using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.LinkedIn.Tests;

/// <summary>
/// A fake LinkedIn with one member (Dana) who administers the hospital's page, plus pages she only analyses, has only requested,
/// or co-manages as content admin; and the connector wired as in the product against it.
/// </summary>
internal sealed class LinkedInTestContext : IAsyncDisposable
{
    public const string MemberId = "Ab3xYz9Q";
    public const string Person = "urn:li:person:" + MemberId;
    public const string HospitalId = "5515715";
    public const string Hospital = "urn:li:organization:" + HospitalId;
    public const string ClinicId = "90210";
    public const string Clinic = "urn:li:organization:" + ClinicId;
    public static readonly Uri RedirectUri = new("https://caredialog.example/channels/connect/callback");

    private LinkedInTestContext(FakeLinkedInServer fake, ConnectorHarness harness)
    {
        Fake = fake;
        Harness = harness;
    }

    public FakeLinkedInServer Fake { get; }

    public ConnectorHarness Harness { get; }

    public LinkedInConnector Connector => Harness.Get<LinkedInConnector>();

    public DateTime Now => Harness.Clock.GetUtcNow().UtcDateTime;

    public static async Task<LinkedInTestContext> StartAsync(IDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        var fake = await FakePlatformServer.StartedAsync(new FakeLinkedInServer());
        var values = new Dictionary<string, string?>
        {
            ["ApiBaseUrl"] = fake.BaseUrl.ToString(),
            ["TokenUrl"] = new Uri(fake.BaseUrl, "oauth/v2/accessToken").ToString(),
            ["ClientId"] = FakeLinkedInServer.ClientId,
            ["ClientSecret"] = FakeLinkedInServer.ClientSecret,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        var harness = ConnectorHarness.Create((s, c) => s.AddLinkedInConnector(c), LinkedInConnectorSetup.Section, values, now);
        fake.Now = () => harness.Clock.GetUtcNow();
        fake.AddMember(MemberId, "Dana", "Doe", "dana-doe");
        fake.AddOrganization(HospitalId, "Regional Hospital", "regional-hospital", followers: 4200);
        fake.AddOrganization(ClinicId, "Harbour Clinic", "harbour-clinic");
        fake.AddOrganization("777", "Research Unit", "research-unit");
        fake.AddOrganization("888", "Dental Care", "dental-care");
        fake.Grant(MemberId, HospitalId, "ADMINISTRATOR");
        fake.Grant(MemberId, ClinicId, "CONTENT_ADMIN");
        fake.Grant(MemberId, "777", "ANALYST");
        fake.Grant(MemberId, "888", "ADMINISTRATOR", "REQUESTED");
        return new LinkedInTestContext(fake, harness);
    }

    /// <summary>The hospital page's channel (or another account) with a fresh 60-day token and, optionally, a refresh token.</summary>
    public ChannelAccess Access(string account = Hospital, TimeSpan? tokenLifetime = null, bool withRefreshToken = true)
    {
        var lifetime = tokenLifetime ?? FakeLinkedInServer.AccessTokenLifetime;
        return ConnectorHarness.Access(Platform.LinkedIn, new ChannelCredentials
        {
            AccessToken = Fake.IssueAccessToken(MemberId, lifetime),
            RefreshToken = withRefreshToken ? Fake.IssueRefreshToken(MemberId) : null,
            AccessTokenExpiresAtUtc = Now + lifetime,
            RefreshTokenExpiresAtUtc = withRefreshToken ? Now + FakeLinkedInServer.RefreshTokenLifetime : null,
            AccountId = account,
        }, "Regional Hospital");
    }

    public PublishRequest Publish(ChannelAccess access, string text, IReadOnlyList<PublishMedia>? media = null) =>
        new(access, "key-" + Guid.NewGuid().ToString("N"), text, media ?? []);

    /// <summary>Waits until the fake holds the call (which then times out on the real clock, 3 s in the harness); moving the fake clock keeps token expiry consistent.</summary>
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
