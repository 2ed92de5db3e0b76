using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta.Tests;

public sealed class FacebookInboxTests : MetaTestBase
{
    [Fact]
    public async Task ReadInbound_ReturnsCommentsAndRepliesSinceTheGivenTimeWithAuthorsAndFlags()
    {
        var post = Fake.AddPost(PageId, "Open day", Now.AddDays(-1));
        Fake.AddComment(post.Id, "900", "Old Commenter", "Before the window", Now.AddHours(-5));
        var question = Fake.AddComment(post.Id, "901", "Jane Patient", "Is parking free? 🅿️ Ça coûte?", Now.AddMinutes(-30), hidden: true);
        var answer = Fake.AddComment(post.Id, PageId, "Riverside Clinic", "Yes, it is free.", Now.AddMinutes(-20), parentId: question.Id);

        var items = await Facebook.ReadInboundAsync(FacebookAccess, new InboundQuery([post.Id], Now.AddHours(-1)), CancellationToken.None);

        Assert.Equal(2, items.Count);
        var comment = items.Single(i => i.RemoteId == question.Id);
        Assert.Equal(new InboundItem(question.Id, InboundKind.Comment, "Is parking free? 🅿️ Ça coûte?", "Jane Patient", "901", question.CreatedAtUtc, post.Id, Hidden: true), comment);
        var reply = items.Single(i => i.RemoteId == answer.Id);
        Assert.Equal(InboundKind.Reply, reply.Kind);
        Assert.Equal(question.Id, reply.RemoteParentId);
        Assert.True(reply.FromOwnAccount);
        var query = Query(Assert.Single(RequestsTo("GET", $"/v25.0/{post.Id}/comments")));
        Assert.Equal("stream", query["filter"]);
        Assert.Equal("reverse_chronological", query["order"]);
        Assert.Contains("is_hidden", query["fields"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-195, 125, 2)]
    [InlineData(-150, 80, 1)]
    public async Task ReadInbound_FollowsPagingOnlyWhileCommentsAreNewerThanSince(int sinceMinutes, int expectedItems, int expectedRequests)
    {
        var post = Fake.AddPost(PageId, "Busy post", Now.AddDays(-1));
        for (var i = 0; i < 130; i++)
        {
            Fake.AddComment(post.Id, "9" + i, "Person " + i, "Comment " + i, Now.AddMinutes(-200 + i));
        }

        var items = await Facebook.ReadInboundAsync(FacebookAccess, new InboundQuery([post.Id], Now.AddMinutes(sinceMinutes), Max: 500), CancellationToken.None);

        Assert.Equal(expectedItems, items.Count);
        Assert.Equal(expectedRequests, RequestsTo("GET", "/comments").Count);
    }

    [Fact]
    public async Task ReadInbound_WhenAPostWasDeleted_SkipsItAndReadsTheOthers()
    {
        var post = Fake.AddPost(PageId, "Still here", Now.AddDays(-1));
        var comment = Fake.AddComment(post.Id, "901", "Jane", "Hello", Now.AddMinutes(-5));

        var items = await Facebook.ReadInboundAsync(FacebookAccess, new InboundQuery([PageId + "_999", post.Id], null), CancellationToken.None);

        Assert.Equal(comment.Id, Assert.Single(items).RemoteId);
    }

    [Fact]
    public async Task ReadInbound_WhenTokenExpired_ThrowsNeedsReconnect()
    {
        var post = Fake.AddPost(PageId, "Post", Now);
        Fake.ExpireToken(Page.Token);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Facebook.ReadInboundAsync(FacebookAccess, new InboundQuery([post.Id], null), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NeedsReconnect, ex.Kind);
        Assert.Equal("190/463", ex.PlatformCode);
    }

    [Fact]
    public async Task ReadInbound_WhenRateLimited_ThrowsRetryLaterWithThePlatformsWait()
    {
        var post = Fake.AddPost(PageId, "Post", Now);
        Fake.RateLimitCode = 80001;
        Fake.RegainAccessMinutes = 12;
        Fake.EnqueueFault(Connectors.Testing.Fault.RateLimited);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Facebook.ReadInboundAsync(FacebookAccess, new InboundQuery([post.Id], null), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.RetryLater, ex.Kind);
        Assert.Equal(TimeSpan.FromMinutes(12), ex.RetryAfter);
    }

    [Fact]
    public async Task Reply_ToComment_PostsMessageUnderTheComment()
    {
        var post = Fake.AddPost(PageId, "Post", Now.AddHours(-1));
        var question = Fake.AddComment(post.Id, "901", "Jane", "When do you open?", Now.AddMinutes(-10));
        var to = new InboundItem(question.Id, InboundKind.Comment, question.Message, "Jane", "901", question.CreatedAtUtc, post.Id);

        var reply = await Facebook.ReplyAsync(new ReplyRequest(FacebookAccess, to, "We open at 8:00.", "r1"), CancellationToken.None);

        var stored = Assert.Single(Fake.RepliesTo(question.Id));
        Assert.Equal(stored.Id, reply.RemoteId);
        Assert.Equal("We open at 8:00.", stored.Message);
        Assert.Equal(PageId, stored.FromId);
        Assert.Equal("We open at 8:00.", Form(Assert.Single(RequestsTo("POST", $"/v25.0/{question.Id}/comments")))["message"]);
    }

    [Fact]
    public async Task Reply_ToAReply_AnswersInTheSameThreadUnderTheTopLevelComment()
    {
        var post = Fake.AddPost(PageId, "Post", Now.AddHours(-1));
        var top = Fake.AddComment(post.Id, "901", "Jane", "Question", Now.AddMinutes(-10));
        var follow = Fake.AddComment(post.Id, "902", "Ali", "Same question", Now.AddMinutes(-5), parentId: top.Id);
        var to = new InboundItem(follow.Id, InboundKind.Reply, follow.Message, "Ali", "902", follow.CreatedAtUtc, post.Id, top.Id);

        await Facebook.ReplyAsync(new ReplyRequest(FacebookAccess, to, "Answer", "r2"), CancellationToken.None);

        Assert.Equal(2, Fake.RepliesTo(top.Id).Count);
        Assert.Empty(Fake.RepliesTo(follow.Id));
    }

    [Fact]
    public async Task Reply_ToDirectMessage_IsNotSupported()
    {
        var to = new InboundItem("m1", InboundKind.DirectMessage, "Hi", "Jane", "901", Now, ConversationId: "c1");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Facebook.ReplyAsync(new ReplyRequest(FacebookAccess, to, "Hi", "r3"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NotSupported, ex.Kind);
        Assert.False(Facebook.Features.HasFlag(ConnectorFeatures.DirectMessages));
    }

    [Fact]
    public async Task SetHidden_HidesAndUnhidesTheCommentWithIsHidden()
    {
        var post = Fake.AddPost(PageId, "Post", Now.AddHours(-1));
        var comment = Fake.AddComment(post.Id, "901", "Spammer", "Buy pills", Now);
        var item = new InboundItem(comment.Id, InboundKind.Comment, comment.Message, "Spammer", "901", comment.CreatedAtUtc, post.Id);

        await Facebook.SetHiddenAsync(FacebookAccess, item, true, CancellationToken.None);
        Assert.True(Fake.Comment(comment.Id).Hidden);

        await Facebook.SetHiddenAsync(FacebookAccess, item, false, CancellationToken.None);
        Assert.False(Fake.Comment(comment.Id).Hidden);

        var requests = RequestsTo("POST", $"/v25.0/{comment.Id}");
        Assert.Equal(["true", "false"], requests.Select(r => Form(r)["is_hidden"]));
        Assert.DoesNotContain(Fake.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task GetPostMetrics_WhenOneInsightIsRetired_ReportsItAsProblemAndReturnsTheOthers()
    {
        var post = Fake.AddPost(PageId, "Post", Now.AddDays(-1));
        post.Reactions = 12;
        post.Shares = 3;
        Fake.AddComment(post.Id, "901", "Jane", "Nice", Now);
        Fake.SetInsight(post.Id, "post_total_media_view_unique", 340);
        Fake.SetInsight(post.Id, "post_clicks", 17);
        Fake.RetiredMetrics.Add("post_media_view");

        var metrics = await Facebook.GetPostMetricsAsync(FacebookAccess, post.Id, CancellationToken.None);

        Assert.Equal(12, metrics.Values[MetricNames.Reactions]);
        Assert.Equal(1, metrics.Values[MetricNames.Comments]);
        Assert.Equal(3, metrics.Values[MetricNames.Shares]);
        Assert.Equal(340, metrics.Values[MetricNames.Reach]);
        Assert.Equal(17, metrics.Values[MetricNames.Clicks]);
        var problem = Assert.Single(metrics.Problems);
        Assert.Equal(MetricNames.Impressions, problem.Metric);
        Assert.Contains("100", problem.Reason, StringComparison.Ordinal);
        Assert.False(metrics.Values.ContainsKey(MetricNames.Impressions));
        Assert.All(RequestsTo("GET", $"/{post.Id}/insights"), r => Assert.DoesNotContain(",", Query(r)["metric"], StringComparison.Ordinal));
        Assert.Equal(Now, metrics.AtUtc);
    }

    [Fact]
    public async Task GetPostMetrics_WhenPostHasNoShares_ReportsZeroShares()
    {
        var post = Fake.AddPost(PageId, "Post", Now.AddDays(-1));

        var metrics = await Facebook.GetPostMetricsAsync(FacebookAccess, post.Id, CancellationToken.None);

        Assert.Equal(0, metrics.Values[MetricNames.Shares]);
    }

    [Fact]
    public async Task GetAccountMetrics_ReturnsFollowersAndPageInsights()
    {
        Page.Followers = 1520;
        Fake.SetInsight(PageId, "page_total_media_view_unique", 9000);
        Fake.RetiredMetrics.Add("page_media_view");

        var metrics = await Facebook.GetAccountMetricsAsync(FacebookAccess, CancellationToken.None);

        Assert.Equal(1520, metrics.Values[MetricNames.Followers]);
        Assert.Equal(9000, metrics.Values[MetricNames.Reach]);
        Assert.Equal(MetricNames.Impressions, Assert.Single(metrics.Problems).Metric);
        Assert.All(RequestsTo("GET", $"/{PageId}/insights"), r => Assert.Equal("days_28", Query(r)["period"]));
    }

    [Fact]
    public async Task GetPostMetrics_WhenTokenExpired_ThrowsNeedsReconnectInsteadOfListingProblems()
    {
        var post = Fake.AddPost(PageId, "Post", Now);
        Fake.ExpireToken(Page.Token);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Facebook.GetPostMetricsAsync(FacebookAccess, post.Id, CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NeedsReconnect, ex.Kind);
    }
}
