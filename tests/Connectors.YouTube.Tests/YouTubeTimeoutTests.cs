using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;

namespace CareDialog.Connectors.YouTube.Tests;

/// <summary>Calls that outlive the attempt timeout: the fake holds its answer longer than the connector waits.</summary>
public sealed class YouTubeTimeoutTests : YouTubeTestBase
{
    private const string Text = "Flu vaccination 2026\nWalk in Monday to Friday, 8–16.\nBring your health card.";

    protected override TimeSpan AttemptTimeout => TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Publish_WhenTimeoutAfterProcessing_ReturnsUnknownAndFindFindsTheVideo()
    {
        var attempt = Now;
        Fake.EnqueueFault(Fault.TimeoutAfterProcessing);

        var outcome = await Connector.PublishAsync(Publish(Text, Video()), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        var stored = Assert.Single(Fake.Videos);
        var found = await Connector.FindAsync(Find(Text, attempt), CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(stored.Id, found.RemoteId);
        Assert.Equal($"https://www.youtube.com/watch?v={stored.Id}", found.Url);
        var list = Assert.Single(RequestsTo("/youtube/v3/playlistItems"));
        Assert.Equal(Fake.UploadsPlaylistId, QueryHelpers.ParseQuery(list.Query)["playlistId"]);
    }

    [Fact]
    public async Task Publish_WhenTimeoutBeforeProcessing_ReturnsUnknownAndFindReturnsNull()
    {
        var attempt = Now;
        Fake.EnqueueFault(Fault.TimeoutBeforeProcessing);

        var outcome = await Connector.PublishAsync(Publish(Text, Video()), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        Assert.Null(await Connector.FindAsync(Find(Text, attempt), CancellationToken.None));
    }

    [Fact]
    public async Task Reply_WhenTimeoutAfterProcessing_ThrowsUnknown()
    {
        var video = Fake.AddVideo("Clinic tour", "", Now.AddDays(-1));
        var question = Fake.AddComment(video.Id, "Jane", "Open?", Now.AddHours(-1));
        Fake.EnqueueFault(Fault.TimeoutAfterProcessing);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.ReplyAsync(
            new ReplyRequest(Access, new InboundItem(question.Id, InboundKind.Comment, "Open?", "Jane", null, Now, video.Id), "Yes.", "k"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Unknown, ex.Kind);
        Assert.Single(RequestsTo("/youtube/v3/comments"));
    }

    [Fact]
    public async Task CheckToken_WhenTokenEndpointTimesOut_ReturnsUnreachable()
    {
        Fake.EnqueueFault(Fault.TimeoutBeforeProcessing);

        var check = await Connector.CheckTokenAsync(Access, TimeSpan.FromHours(1), CancellationToken.None);

        Assert.IsType<TokenCheck.Unreachable>(check);
    }
}
