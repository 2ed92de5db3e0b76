using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Meta.Facebook;
using CareDialog.Connectors.Meta.Instagram;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta.Tests;

/// <summary>
/// A started <see cref="FakeGraphServer"/> with one user managing the "Riverside Clinic" Page, which has an Instagram
/// account, and both connectors wired as in the product against it (Graph version in the path, as configured in production).
/// </summary>
public abstract class MetaTestBase : IAsyncLifetime
{
    public const string UserId = "10160000000000001";
    public const string PageId = "448242228374517";
    public const string IgUserId = "17841405309211844";
    public const string RedirectUri = "https://caredialog.example/connect/callback";

    private ConnectorHarness? _facebookHarness;
    private ConnectorHarness? _instagramHarness;

    protected FakeGraphServer Fake { get; } = new();

    protected ConnectorHarness FacebookHarness => _facebookHarness ?? throw new InvalidOperationException("Not started.");

    protected ConnectorHarness InstagramHarness => _instagramHarness ?? throw new InvalidOperationException("Not started.");

    protected FacebookConnector Facebook => FacebookHarness.Get<FacebookConnector>();

    protected InstagramConnector Instagram => InstagramHarness.Get<InstagramConnector>();

    protected DateTime Now => FacebookHarness.Clock.GetUtcNow().UtcDateTime;

    protected FakePage Page { get; private set; } = null!;

    protected ChannelAccess FacebookAccess => ConnectorHarness.Access(Platform.Facebook, new ChannelCredentials { AccessToken = Page.Token, AccountId = PageId }, "Riverside Clinic");

    protected ChannelAccess InstagramAccess => ConnectorHarness.Access(
        Platform.Instagram,
        new ChannelCredentials
        {
            AccessToken = Page.Token,
            AccountId = IgUserId,
            Extra = new Dictionary<string, string> { [InstagramConnector.PageIdKey] = PageId },
        },
        "riverside.clinic");

    public async Task InitializeAsync()
    {
        await Fake.StartAsync();
        Fake.TimeoutDelay = TimeSpan.FromSeconds(20);
        Page = Fake.AddPage(PageId, "Riverside Clinic", "riversideclinic");
        Fake.AddInstagram(PageId, IgUserId, "riverside.clinic");
        Fake.AddUser(UserId, "Dana Admin", PageId);
        _facebookHarness = ConnectorHarness.Create((s, c) => s.AddFacebookConnector(c), MetaConnectorSetup.FacebookSection, Settings());
        _instagramHarness = ConnectorHarness.Create((s, c) => s.AddInstagramConnector(c), MetaConnectorSetup.InstagramSection, Settings());
        Fake.Clock = FacebookHarness.Clock;
    }

    public async Task DisposeAsync()
    {
        if (_facebookHarness is not null)
        {
            await _facebookHarness.DisposeAsync();
        }

        if (_instagramHarness is not null)
        {
            await _instagramHarness.DisposeAsync();
        }

        await Fake.DisposeAsync();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["ApiBaseUrl"] = new Uri(Fake.BaseUrl, "v25.0/").AbsoluteUri,
        ["TokenUrl"] = new Uri(Fake.BaseUrl, "v25.0/oauth/access_token").AbsoluteUri,
        ["ClientId"] = Fake.AppId,
        ["ClientSecret"] = Fake.AppSecret,
        ["AppSecret"] = Fake.AppSecret,
        ["WebhookVerifyToken"] = "verify-me",
        ["VideoPollInterval"] = "00:00:00.100",
    };

    /// <summary>
    /// Runs a call whose request the fake holds (a timeout fault). The attempt timeout (1 s) runs on the pipeline's clock,
    /// which may be the harness's fake clock, so once the fake holds the request that clock is moved past it; on the
    /// system clock the timeout fires on its own, long before the fake's 3 s hold ends. The wait guards against a hang and
    /// asserts nothing about time.
    /// </summary>
    protected async Task<T> TimingOutAsync<T>(ConnectorHarness harness, Func<Task<T>> call)
    {
        var task = call();
        if (!await Fake.Holding.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("The fake never received the request it was told to hold.");
        }

        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        return await task;
    }

    /// <summary>
    /// Runs a call that may wait on the harness clock (Instagram's video status polling; the pipeline's retry delay when it
    /// runs on that clock) by moving the clock on until it completes. The fake clock never runs ahead of real time, so a
    /// request in flight is never cut off by the attempt timeout.
    /// </summary>
    protected static async Task<T> AdvancingClockAsync<T>(ConnectorHarness harness, Func<Task<T>> call)
    {
        var task = call();
        for (var i = 0; i < 6000 && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Task.Delay(10));
            harness.Clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        return await task;
    }

    /// <summary>A file on disk as the media store would hand it over.</summary>
    protected static PublishMedia TempImage(byte[] bytes, string fileName = "clinic.jpg", string contentType = "image/jpeg", Uri? publicUrl = null)
    {
        var path = Path.Combine(Path.GetTempPath(), "caredialog-meta-tests", Guid.NewGuid().ToString("N"), fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return new PublishMedia(fileName, contentType, path, publicUrl);
    }

    protected static PublishRequest Publish(ChannelAccess access, string text, params PublishMedia[] media) =>
        new(access, "key-" + Guid.NewGuid().ToString("N"), text, media);

    protected IReadOnlyList<RecordedRequest> RequestsTo(string method, string pathEnd) =>
        Fake.Requests.Where(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal)).ToList();

    protected static Dictionary<string, string> Form(RecordedRequest request) =>
        request.Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");

    protected static Dictionary<string, string> Query(RecordedRequest request) => Query(request.Query);

    protected static Dictionary<string, string> Query(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "");
}
