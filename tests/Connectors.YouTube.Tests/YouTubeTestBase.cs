using System.Globalization;
using System.Text.Json;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.YouTube.Tests;

/// <summary>A fresh fake YouTube and a connector wired as in the product, per test.</summary>
public abstract class YouTubeTestBase : IAsyncLifetime
{
    protected const string AccessToken = "ya29.fake-access";
    protected const string RefreshToken = "1//fake-refresh";

    private readonly List<string> _files = [];

    protected FakeYouTubeServer Fake { get; } = new();

    protected ConnectorHarness Harness { get; private set; } = null!;

    protected YouTubeConnector Connector => Harness.Get<YouTubeConnector>();

    protected DateTime Now => Harness.Clock.GetUtcNow().UtcDateTime;

    protected ChannelAccess Access { get; private set; } = null!;

    /// <summary>The harness's clock start; a test class may choose another date (e.g. winter time for the quota reset).</summary>
    protected virtual DateTimeOffset? StartTime => null;

    /// <summary>
    /// The per-attempt timeout. The resilience pipeline measures it in real time (not on the harness's fake clock), so a short
    /// one makes fault-free tests fail on a loaded machine; only the timeout tests use a short one, with the fake holding longer.
    /// </summary>
    protected virtual TimeSpan AttemptTimeout => TimeSpan.FromSeconds(15);

    public async Task InitializeAsync()
    {
        await Fake.StartAsync();
        Harness = ConnectorHarness.Create((s, c) => s.AddYouTubeConnector(c), "YouTube", new Dictionary<string, string?>
        {
            ["ApiBaseUrl"] = new Uri(Fake.BaseUrl, "youtube/v3/").ToString(),
            ["UploadBaseUrl"] = Fake.BaseUrl.ToString(),
            ["TokenUrl"] = new Uri(Fake.BaseUrl, "token").ToString(),
            ["AuthorizeUrl"] = "https://accounts.google.com/o/oauth2/v2/auth",
            ["ClientId"] = FakeYouTubeServer.ClientId,
            ["ClientSecret"] = FakeYouTubeServer.ClientSecret,
            ["Timeout"] = AttemptTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["UploadTimeout"] = AttemptTimeout.ToString("c", CultureInfo.InvariantCulture),
        }, StartTime);
        Fake.TimeoutDelay = AttemptTimeout + TimeSpan.FromSeconds(30);
        Fake.Clock = Harness.Clock;
        Fake.AddAccessToken(AccessToken);
        Fake.AddRefreshToken(RefreshToken);
        Access = ConnectorHarness.Access(Platform.YouTube, new ChannelCredentials
        {
            AccessToken = AccessToken,
            RefreshToken = RefreshToken,
            AccessTokenExpiresAtUtc = Now.AddMinutes(50),
            AccountId = FakeYouTubeServer.ChannelId,
        });
    }

    public async Task DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Fake.DisposeAsync();
        foreach (var f in _files)
        {
            File.Delete(f);
        }
    }

    protected PublishMedia Video(int bytes = 4096, string contentType = "video/mp4")
    {
        var path = Path.Combine(Path.GetTempPath(), $"caredialog-yt-{Guid.NewGuid():N}.mp4");
        var data = new byte[bytes];
        new Random(bytes).NextBytes(data);
        File.WriteAllBytes(path, data);
        _files.Add(path);
        return new PublishMedia("clinic-tour.mp4", contentType, path);
    }

    protected PublishRequest Publish(string text, params PublishMedia[] media) => new(Access, "key-" + Guid.NewGuid().ToString("N"), text, media);

    protected FindRequest Find(string text, DateTime attemptStartedUtc) => new(Access, "key", text, attemptStartedUtc);

    protected IReadOnlyList<RecordedRequest> RequestsTo(string path) => [.. Fake.Requests.Where(r => r.Path == path)];

    protected static JsonElement Body(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement;
}
