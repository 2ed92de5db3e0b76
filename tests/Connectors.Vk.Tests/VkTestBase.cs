using System.Globalization;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace CareDialog.Connectors.Vk.Tests;

/// <summary>A fresh fake VK and a connector wired as in the product, per test.</summary>
public abstract class VkTestBase : IAsyncLifetime
{
    protected const string Token = "vk1.a.community-token";

    protected FakeVkServer Fake { get; } = new();

    protected ConnectorHarness Harness { get; private set; } = null!;

    protected VkConnector Connector => Harness.Get<VkConnector>();

    protected DateTime Now => Harness.Clock.GetUtcNow().UtcDateTime;

    protected ChannelAccess Access { get; private set; } = null!;

    protected static string Group => FakeVkServer.GroupId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The per-attempt timeout. The resilience pipeline measures it in real time (not on the harness's fake clock), so a short
    /// one makes fault-free tests fail on a loaded machine; only the timeout tests use a short one, with the fake holding longer.
    /// </summary>
    protected virtual TimeSpan AttemptTimeout => TimeSpan.FromSeconds(15);

    public async Task InitializeAsync()
    {
        await Fake.StartAsync();
        Harness = ConnectorHarness.Create((s, c) => s.AddVkConnector(c), "Vk", new Dictionary<string, string?>
        {
            ["ApiBaseUrl"] = Fake.BaseUrl.ToString(),
            ["FloodControlWait"] = "00:30:00",
            ["Timeout"] = AttemptTimeout.ToString("c", CultureInfo.InvariantCulture),
        });
        Fake.TimeoutDelay = AttemptTimeout + TimeSpan.FromSeconds(30);
        Fake.Clock = Harness.Clock;
        Fake.AddCommunityToken(Token);
        Access = ConnectorHarness.Access(Platform.Vk, new ChannelCredentials { AccessToken = Token, AccountId = Group });
    }

    public async Task DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Fake.DisposeAsync();
    }

    protected PublishRequest Publish(string text, string key = "post-key-1") => new(Access, key, text, []);

    protected IReadOnlyList<RecordedRequest> Calls(string method) => [.. Fake.Requests.Where(r => r.Path == "/method/" + method)];

    protected static Dictionary<string, StringValues> Form(RecordedRequest request) => QueryHelpers.ParseQuery(request.Body);
}
