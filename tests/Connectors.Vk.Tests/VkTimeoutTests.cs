using System.Globalization;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Vk.Tests;

/// <summary>Calls that outlive the attempt timeout: the fake holds its answer longer than the connector waits.</summary>
public sealed class VkTimeoutTests : VkTestBase
{
    private const string Text = "Прививочный кабинет работает с 8:00.\nЗапись: https://example.ru/zapis";

    protected override TimeSpan AttemptTimeout => TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Publish_WhenTimeoutAfterProcessing_ReturnsUnknownThenFindFindsThePostAndTheSameGuidReturnsIt()
    {
        var attempt = Now;
        Fake.EnqueueFault(Fault.TimeoutAfterProcessing);

        var first = await Connector.PublishAsync(Publish(Text, "idem-7"), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(first);
        var post = Assert.Single(Fake.Posts);
        var found = await Connector.FindAsync(new FindRequest(Access, "idem-7", Text, attempt), CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(post.Id.ToString(CultureInfo.InvariantCulture), found.RemoteId);
        Assert.Equal($"https://vk.com/wall-{Group}_{post.Id}", found.Url);
        var get = Form(Assert.Single(Calls("wall.get")));
        Assert.Equal("-" + Group, get["owner_id"]);
        Assert.Equal("owner", get["filter"]);
        Assert.Equal("20", get["count"]);

        var again = await Connector.PublishAsync(Publish(Text, "idem-7"), CancellationToken.None);
        Assert.Equal(found.RemoteId, Assert.IsType<PublishOutcome.Published>(again).Post.RemoteId);
        Assert.Single(Fake.Posts);
    }

    [Fact]
    public async Task Publish_WhenTimeoutBeforeProcessing_ReturnsUnknownAndFindReturnsNull()
    {
        var attempt = Now;
        Fake.EnqueueFault(Fault.TimeoutBeforeProcessing);

        var outcome = await Connector.PublishAsync(Publish(Text), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        Assert.Null(await Connector.FindAsync(new FindRequest(Access, "post-key-1", Text, attempt), CancellationToken.None));
    }

    [Fact]
    public async Task CheckToken_WhenVkDoesNotAnswerInTime_ReturnsUnreachable()
    {
        Fake.EnqueueFault(Fault.TimeoutBeforeProcessing);

        Assert.IsType<TokenCheck.Unreachable>(await Connector.CheckTokenAsync(Access, TimeSpan.FromDays(1), CancellationToken.None));
    }
}
