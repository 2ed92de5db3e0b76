using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;

namespace CareDialog.Connectors.YouTube.Tests;

public sealed class YouTubeCommentTests : YouTubeTestBase
{
    [Fact]
    public async Task ReadInbound_ForAVideo_ReturnsCommentsAndEveryReplyIncludingOnesNotEmbedded()
    {
        var video = Fake.AddVideo("Clinic tour", "", Now.AddDays(-1));
        var question = Fake.AddComment(video.Id, "Jane", "Is the clinic open on Sunday? <3 & more", Now.AddHours(-3));
        var first = Fake.AddComment(video.Id, "Ola", "Same question!", Now.AddHours(-2), question.Id);
        var second = Fake.AddComment(video.Id, FakeYouTubeServer.ChannelTitle, "Sundays 10–14.", Now.AddHours(-1), question.Id, FakeYouTubeServer.ChannelId);

        var items = await Connector.ReadInboundAsync(Access, new InboundQuery([video.Id], null), CancellationToken.None);

        Assert.Equal([question.Id, first.Id, second.Id], items.Select(i => i.RemoteId));
        var top = items[0];
        Assert.Equal(InboundKind.Comment, top.Kind);
        Assert.Equal("Is the clinic open on Sunday? <3 & more", top.Text);
        Assert.Equal("Jane", top.AuthorName);
        Assert.Equal(question.AuthorChannelId, top.AuthorId);
        Assert.Equal(video.Id, top.RemotePostId);
        Assert.Null(top.RemoteParentId);
        Assert.Equal(question.PublishedAtUtc, top.CreatedAtUtc);
        Assert.False(top.FromOwnAccount);
        Assert.All(items.Skip(1), r =>
        {
            Assert.Equal(InboundKind.Reply, r.Kind);
            Assert.Equal(question.Id, r.RemoteParentId);
            Assert.Equal(video.Id, r.RemotePostId);
        });
        Assert.True(items[2].FromOwnAccount);

        var threads = Assert.Single(RequestsTo("/youtube/v3/commentThreads"));
        var q = QueryHelpers.ParseQuery(threads.Query);
        Assert.Equal(video.Id, q["videoId"]);
        Assert.Equal("snippet,replies", q["part"]);
        Assert.Equal("plainText", q["textFormat"]);
        // One reply was embedded in the thread; the other needed comments.list (§5.2).
        var replies = Assert.Single(RequestsTo("/youtube/v3/comments"));
        Assert.Equal(question.Id, QueryHelpers.ParseQuery(replies.Query)["parentId"]);
    }

    [Fact]
    public async Task ReadInbound_WithoutPosts_ReadsAllThreadsOfTheChannelSinceTheGivenTime()
    {
        var v1 = Fake.AddVideo("One", "", Now.AddDays(-3));
        var v2 = Fake.AddVideo("Two", "", Now.AddDays(-2));
        Fake.AddComment(v1.Id, "Old", "Old comment", Now.AddDays(-2));
        var recent = Fake.AddComment(v2.Id, "Kari", "Спасибо! Всё понятно 🙏 e\u0301", Now.AddMinutes(-30));

        var items = await Connector.ReadInboundAsync(Access, new InboundQuery([], Now.AddHours(-1)), CancellationToken.None);

        var item = Assert.Single(items);
        Assert.Equal(recent.Id, item.RemoteId);
        Assert.Equal("Спасибо! Всё понятно 🙏 e\u0301", item.Text);
        Assert.Equal(v2.Id, item.RemotePostId);
        Assert.Equal(FakeYouTubeServer.ChannelId, QueryHelpers.ParseQuery(Assert.Single(RequestsTo("/youtube/v3/commentThreads")).Query)["allThreadsRelatedToChannelId"]);
    }

    [Fact]
    public async Task ReadInbound_WhenManyThreads_FollowsPagesUpToMax()
    {
        var video = Fake.AddVideo("Busy", "", Now.AddDays(-1));
        for (var i = 0; i < 130; i++)
        {
            Fake.AddComment(video.Id, $"User {i}", $"Comment {i}", Now.AddMinutes(-200 + i));
        }

        var items = await Connector.ReadInboundAsync(Access, new InboundQuery([video.Id], null, Max: 120), CancellationToken.None);

        Assert.Equal(120, items.Count);
        Assert.Equal("Comment 0", items[0].Text);
        Assert.Equal(2, RequestsTo("/youtube/v3/commentThreads").Count);
    }

    [Fact]
    public async Task ReadInbound_WhenOneVideoHasCommentsDisabled_StillReadsTheOthers()
    {
        var closed = Fake.AddVideo("Closed", "", Now.AddDays(-1));
        closed.CommentsEnabled = false;
        var open = Fake.AddVideo("Open", "", Now.AddDays(-1));
        var comment = Fake.AddComment(open.Id, "Jane", "Hello", Now.AddHours(-1));

        var items = await Connector.ReadInboundAsync(Access, new InboundQuery([closed.Id, open.Id], null), CancellationToken.None);

        Assert.Equal(comment.Id, Assert.Single(items).RemoteId);
    }

    [Fact]
    public async Task ReadInbound_WhenQuotaExceeded_ThrowsRetryLaterUntilPacificMidnight()
    {
        Fake.EnqueueFault(Fault.RateLimited);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.ReadInboundAsync(Access, new InboundQuery([], null), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.RetryLater, ex.Kind);
        Assert.Equal(TimeSpan.FromHours(22), ex.RetryAfter);
        Assert.Equal("403 quotaExceeded", ex.PlatformCode);
    }

    [Fact]
    public async Task ReadInbound_WhenTokenExpired_ThrowsNeedsReconnect()
    {
        Fake.EnqueueFault(Fault.ExpiredToken);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.ReadInboundAsync(Access, new InboundQuery([], null), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NeedsReconnect, ex.Kind);
    }

    [Fact]
    public async Task ReadInbound_WhenYouTubeKeepsFailing_ThrowsRetryLaterAfterTheGetRetries()
    {
        Fake.EnqueueFault(Fault.ServerError, times: 3);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.ReadInboundAsync(Access, new InboundQuery([], null), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.RetryLater, ex.Kind);
        Assert.Equal(3, RequestsTo("/youtube/v3/commentThreads").Count);
    }

    [Fact]
    public async Task Reply_ToAComment_InsertsACommentWithItsIdAsParent()
    {
        var video = Fake.AddVideo("Clinic tour", "", Now.AddDays(-1));
        var question = Fake.AddComment(video.Id, "Jane", "Open on Sunday?", Now.AddHours(-1));
        var to = new InboundItem(question.Id, InboundKind.Comment, question.Text, "Jane", question.AuthorChannelId, question.PublishedAtUtc, video.Id);
        const string text = "Yes — 10–14 on Sundays. Всё ясно? 👍";

        var reply = await Connector.ReplyAsync(new ReplyRequest(Access, to, text, "reply-key"), CancellationToken.None);

        var stored = Fake.Comment(reply.RemoteId);
        Assert.NotNull(stored);
        Assert.Equal(question.Id, stored.ParentId);
        Assert.Equal(text, stored.Text);
        Assert.Equal(Now, reply.CreatedAtUtc);
        var request = Assert.Single(RequestsTo("/youtube/v3/comments"));
        Assert.Equal("POST", request.Method);
        Assert.Equal("?part=snippet", request.Query);
        Assert.Equal("Bearer " + AccessToken, request.Headers["Authorization"]);
        var snippet = Body(request).GetProperty("snippet");
        Assert.Equal(question.Id, snippet.GetProperty("parentId").GetString());
        Assert.Equal(text, snippet.GetProperty("textOriginal").GetString());
    }

    [Fact]
    public async Task Reply_ToAReply_AnswersUnderTheThreadsTopLevelComment()
    {
        var video = Fake.AddVideo("Clinic tour", "", Now.AddDays(-1));
        var question = Fake.AddComment(video.Id, "Jane", "Open on Sunday?", Now.AddHours(-2));
        var followUp = Fake.AddComment(video.Id, "Ola", "And on holidays?", Now.AddHours(-1), question.Id);
        var to = new InboundItem(followUp.Id, InboundKind.Reply, followUp.Text, "Ola", null, followUp.PublishedAtUtc, video.Id, question.Id);

        var reply = await Connector.ReplyAsync(new ReplyRequest(Access, to, "Closed on holidays.", "k"), CancellationToken.None);

        Assert.Equal(question.Id, Fake.Comment(reply.RemoteId)?.ParentId);
    }

    [Fact]
    public async Task SetHidden_HoldsTheCommentForReviewAndShowingPublishesItAgain()
    {
        var video = Fake.AddVideo("Clinic tour", "", Now.AddDays(-1));
        var comment = Fake.AddComment(video.Id, "Troll", "My neighbour's diagnosis is …", Now.AddHours(-1));
        var item = new InboundItem(comment.Id, InboundKind.Comment, comment.Text, "Troll", null, comment.PublishedAtUtc, video.Id);

        await Connector.SetHiddenAsync(Access, item, hidden: true, CancellationToken.None);
        Assert.Equal("heldForReview", comment.ModerationStatus);
        Assert.Empty(await Connector.ReadInboundAsync(Access, new InboundQuery([video.Id], null), CancellationToken.None));

        await Connector.SetHiddenAsync(Access, item, hidden: false, CancellationToken.None);
        Assert.Equal("published", comment.ModerationStatus);

        var calls = RequestsTo("/youtube/v3/comments/setModerationStatus");
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("POST", c.Method));
        Assert.Equal($"?id={comment.Id}&moderationStatus=heldForReview", calls[0].Query);
        Assert.Equal($"?id={comment.Id}&moderationStatus=published", calls[1].Query);
        Assert.DoesNotContain(Fake.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task SetHidden_WhenPermissionDenied_ThrowsRejected()
    {
        Fake.EnqueueFault(Fault.PermissionDenied);
        var item = new InboundItem("Ugz1", InboundKind.Comment, "x", "a", null, Now, "v");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.SetHiddenAsync(Access, item, true, CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Equal("403 insufficientPermissions", ex.PlatformCode);
    }
}
