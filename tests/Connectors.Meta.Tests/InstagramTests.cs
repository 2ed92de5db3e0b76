using CareDialog.Connectors.Meta.Instagram;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta.Tests;

public sealed class InstagramTests : MetaTestBase
{
    private static readonly Uri PublicImage = new("https://media.caredialog.example/m/abc123.jpg");

    [Fact]
    public async Task CompleteOAuth_ListsTheInstagramAccountsOfThePagesWithThePageToken()
    {
        Fake.AddPage("100200300", "Pharmacy without Instagram");
        Fake.AddUser("10160000000000002", "Sam Admin", PageId, "100200300");
        var code = Fake.IssueCode("10160000000000002", RedirectUri);

        var accounts = await Instagram.CompleteOAuthAsync(new OAuthCallback(code, "v3rifier", new Uri(RedirectUri)), CancellationToken.None);

        var account = Assert.Single(accounts);
        Assert.Equal(IgUserId, account.AccountId);
        Assert.Equal("riverside.clinic", account.Handle);
        Assert.Equal(Page.Token, account.Credentials.AccessToken);
        Assert.Equal(IgUserId, account.Credentials.AccountId);
        Assert.Equal(PageId, account.Credentials.Extra[InstagramConnector.PageIdKey]);
        Assert.Contains("instagram_business_account", Query(Assert.Single(RequestsTo("GET", "/me/accounts")))["fields"], StringComparison.Ordinal);
    }

    [Fact]
    public void BuildAuthorizeUrl_AsksForInstagramPublishingAndCommentScopes()
    {
        var url = Instagram.BuildAuthorizeUrl(new OAuthStart("s", "c", new Uri(RedirectUri)));

        var scopes = Query(url.Query)["scope"].Split(',');
        Assert.Contains("instagram_basic", scopes);
        Assert.Contains("instagram_content_publish", scopes);
        Assert.Contains("instagram_manage_comments", scopes);
        Assert.Contains("pages_show_list", scopes);
    }

    [Fact]
    public async Task Publish_Image_CreatesContainerWithImageUrlAndCaptionThenPublishesIt()
    {
        const string caption = "New #flu clinic hours 🗓️ & more";

        var outcome = await Instagram.PublishAsync(Publish(InstagramAccess, caption, TempImage([1, 2], publicUrl: PublicImage)), CancellationToken.None);

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        var media = Assert.Single(Fake.MediaOf(IgUserId));
        Assert.Equal(media.Id, published.Post.RemoteId);
        Assert.Equal(media.Permalink, published.Post.Url);
        Assert.Equal(caption, media.Caption);
        var containerRequest = Form(Assert.Single(RequestsTo("POST", $"/v25.0/{IgUserId}/media")));
        Assert.Equal(PublicImage.AbsoluteUri, containerRequest["image_url"]);
        Assert.Equal(caption, containerRequest["caption"]);
        Assert.False(containerRequest.ContainsKey("media_type"));
        var publishRequest = Form(Assert.Single(RequestsTo("POST", $"/v25.0/{IgUserId}/media_publish")));
        Assert.Equal(Assert.Single(Fake.ContainersOf(IgUserId)).Id, publishRequest["creation_id"]);
        Assert.Equal(Page.Token, publishRequest["access_token"]);
    }

    [Fact]
    public async Task Publish_TextOnly_IsRejectedBecauseInstagramNeedsMedia()
    {
        var outcome = await Instagram.PublishAsync(Publish(InstagramAccess, "Just words"), CancellationToken.None);

        Assert.Contains("Instagram needs an image or video", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(Fake.Requests);
        Assert.False(Instagram.Features.HasFlag(ConnectorFeatures.Text));
    }

    [Fact]
    public async Task Publish_ImageWithoutPublicUrl_IsRejectedWithTheReason()
    {
        var outcome = await Instagram.PublishAsync(Publish(InstagramAccess, "Photo", TempImage([1], "team.jpg")), CancellationToken.None);

        var rejected = Assert.IsType<PublishOutcome.Rejected>(outcome);
        Assert.Contains("public", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("team.jpg", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task Publish_PngImage_IsRejectedBecauseInstagramTakesJpegOnly()
    {
        var png = TempImage([0x89, 0x50], "chart.png", "image/png", new Uri("https://media.caredialog.example/chart.png"));

        var outcome = await Instagram.PublishAsync(Publish(InstagramAccess, "Chart", png), CancellationToken.None);

        Assert.Contains("JPEG", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_TwoImages_CreatesCarouselItemsThenACarouselContainer()
    {
        var first = TempImage([1], "a.jpg", publicUrl: new Uri("https://media.caredialog.example/a.jpg"));
        var second = TempImage([2], "b.jpg", publicUrl: new Uri("https://media.caredialog.example/b.jpg"));

        var outcome = await Instagram.PublishAsync(Publish(InstagramAccess, "Two views", first, second), CancellationToken.None);

        Assert.IsType<PublishOutcome.Published>(outcome);
        var requests = RequestsTo("POST", $"/{IgUserId}/media").Select(Form).ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests.Take(2), r => Assert.Equal("true", r["is_carousel_item"]));
        Assert.Equal("CAROUSEL", requests[2]["media_type"]);
        Assert.Equal("Two views", requests[2]["caption"]);
        Assert.Equal(2, requests[2]["children"].Split(',').Length);
        Assert.Equal("CAROUSEL_ALBUM", Assert.Single(Fake.MediaOf(IgUserId)).MediaType);
    }

    [Fact]
    public async Task Publish_Video_CreatesReelsContainerAndWaitsUntilFinishedBeforePublishing()
    {
        Fake.VideoPollsBeforeFinished = 2;
        var video = TempImage([0, 0, 0, 0x18], "tour.mp4", "video/mp4", new Uri("https://media.caredialog.example/tour.mp4"));

        var outcome = await AdvancingClockAsync(InstagramHarness, () => Instagram.PublishAsync(Publish(InstagramAccess, "Tour", video), CancellationToken.None));

        Assert.IsType<PublishOutcome.Published>(outcome);
        var container = Form(Assert.Single(RequestsTo("POST", $"/{IgUserId}/media")));
        Assert.Equal("REELS", container["media_type"]);
        Assert.Equal("https://media.caredialog.example/tour.mp4", container["video_url"]);
        Assert.Equal(3, Fake.Requests.Count(r => r.Method == "GET" && Query(r).GetValueOrDefault("fields") == "status_code,status"));
    }

    [Fact]
    public async Task Publish_WhenVideoProcessingFails_ReturnsRejectedWithoutPublishing()
    {
        Fake.VideoProcessingFails = true;
        var video = TempImage([0, 0, 0, 0x18], "tour.mp4", "video/mp4", new Uri("https://media.caredialog.example/tour.mp4"));

        var outcome = await Instagram.PublishAsync(Publish(InstagramAccess, "Tour", video), CancellationToken.None);

        Assert.Contains("2207026", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(RequestsTo("POST", "/media_publish"));
        Assert.Empty(Fake.MediaOf(IgUserId));
    }

    [Fact]
    public async Task Publish_WhenContainerCreationIsRateLimited_ReturnsRetryLaterAndPublishesNothing()
    {
        Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await Instagram.PublishAsync(Publish(InstagramAccess, "Photo", TempImage([1], publicUrl: PublicImage)), CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(7), Assert.IsType<PublishOutcome.RetryLater>(outcome).After);
        Assert.Empty(Fake.MediaOf(IgUserId));
    }

    [Fact]
    public async Task Publish_WhenTokenExpired_ReturnsNeedsReconnect()
    {
        Fake.ExpireToken(Page.Token);

        var outcome = await Instagram.PublishAsync(Publish(InstagramAccess, "Photo", TempImage([1], publicUrl: PublicImage)), CancellationToken.None);

        Assert.IsType<PublishOutcome.NeedsReconnect>(outcome);
    }

    [Fact]
    public async Task Publish_WhenMediaPublishTimesOutAfterProcessing_ReturnsUnknownAndFindReturnsTheMedia()
    {
        const string caption = "Walk-in hours Ünïcödé ✓";
        var request = Publish(InstagramAccess, caption, TempImage([1], publicUrl: PublicImage));
        var attemptStarted = Now;
        Fake.FaultWhen = (_, path) => path.EndsWith("/media_publish", StringComparison.Ordinal);
        Fake.EnqueueFault(Fault.TimeoutAfterProcessing);

        var outcome = await TimingOutAsync(InstagramHarness, () => Instagram.PublishAsync(request, CancellationToken.None));

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        var found = await Instagram.FindAsync(new FindRequest(InstagramAccess, request.IdempotencyKey, caption, attemptStarted), CancellationToken.None);
        var media = Assert.Single(Fake.MediaOf(IgUserId));
        Assert.Equal(media.Id, found?.RemoteId);
        Assert.Equal(media.Permalink, found?.Url);
        Assert.Single(RequestsTo("POST", "/media_publish"));
    }

    [Fact]
    public async Task Publish_WhenMediaPublishTimesOutBeforeProcessing_ReturnsUnknownAndFindReturnsNull()
    {
        var request = Publish(InstagramAccess, "Caption", TempImage([1], publicUrl: PublicImage));
        Fake.FaultWhen = (_, path) => path.EndsWith("/media_publish", StringComparison.Ordinal);
        Fake.EnqueueFault(Fault.TimeoutBeforeProcessing);

        var outcome = await TimingOutAsync(InstagramHarness, () => Instagram.PublishAsync(request, CancellationToken.None));

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        Assert.Null(await Instagram.FindAsync(new FindRequest(InstagramAccess, request.IdempotencyKey, "Caption", Now), CancellationToken.None));
    }

    [Fact]
    public async Task ReadInbound_ReturnsCommentsWithInlinedRepliesAndOwnReplies()
    {
        var media = Fake.AddMedia(IgUserId, "Post", Now.AddDays(-1));
        var question = Fake.AddComment(media.Id, "1234567890", "patient_jane", "Do you take walk-ins? 🙏", Now.AddMinutes(-30));
        var answer = Fake.AddComment(media.Id, IgUserId, "riverside.clinic", "Yes!", Now.AddMinutes(-20), parentId: question.Id);
        Fake.AddComment(media.Id, "1234567891", "old_one", "Old", Now.AddDays(-2));

        var items = await Instagram.ReadInboundAsync(InstagramAccess, new InboundQuery([media.Id], Now.AddHours(-1)), CancellationToken.None);

        Assert.Equal(2, items.Count);
        Assert.Equal(new InboundItem(question.Id, InboundKind.Comment, "Do you take walk-ins? 🙏", "patient_jane", "1234567890", question.CreatedAtUtc, media.Id), items[0]);
        Assert.Equal(new InboundItem(answer.Id, InboundKind.Reply, "Yes!", "riverside.clinic", IgUserId, answer.CreatedAtUtc, media.Id, question.Id, FromOwnAccount: true), items[1]);
    }

    [Fact]
    public async Task Reply_ToAReply_RepliesToItsTopLevelComment()
    {
        var media = Fake.AddMedia(IgUserId, "Post", Now.AddDays(-1));
        var top = Fake.AddComment(media.Id, "1", "jane", "Q", Now.AddMinutes(-30));
        var follow = Fake.AddComment(media.Id, "2", "ali", "Q too", Now.AddMinutes(-20), parentId: top.Id);
        var to = new InboundItem(follow.Id, InboundKind.Reply, "Q too", "ali", "2", follow.CreatedAtUtc, media.Id, top.Id);

        var reply = await Instagram.ReplyAsync(new ReplyRequest(InstagramAccess, to, "Answer ✓", "r"), CancellationToken.None);

        Assert.Contains(Fake.RepliesTo(top.Id), c => c.Id == reply.RemoteId && c.Message == "Answer ✓" && c.FromId == IgUserId);
        Assert.Equal("Answer ✓", Form(Assert.Single(RequestsTo("POST", $"/v25.0/{top.Id}/replies")))["message"]);
    }

    [Fact]
    public async Task SetHidden_HidesAndUnhidesTheCommentWithHide()
    {
        var media = Fake.AddMedia(IgUserId, "Post", Now.AddDays(-1));
        var comment = Fake.AddComment(media.Id, "1", "spam", "Spam", Now);
        var item = new InboundItem(comment.Id, InboundKind.Comment, "Spam", "spam", "1", comment.CreatedAtUtc, media.Id);

        await Instagram.SetHiddenAsync(InstagramAccess, item, true, CancellationToken.None);
        Assert.True(Fake.Comment(comment.Id).Hidden);

        await Instagram.SetHiddenAsync(InstagramAccess, item, false, CancellationToken.None);
        Assert.False(Fake.Comment(comment.Id).Hidden);
        Assert.Equal(["true", "false"], RequestsTo("POST", $"/{comment.Id}").Select(r => Form(r)["hide"]));
    }

    [Fact]
    public async Task GetPostMetrics_WhenViewsIsRetired_ReportsTheProblemAndReturnsTheOtherInsights()
    {
        var media = Fake.AddMedia(IgUserId, "Post", Now.AddDays(-1));
        Fake.SetInsight(media.Id, "reach", 500);
        Fake.SetInsight(media.Id, "likes", 40);
        Fake.SetInsight(media.Id, "saved", 6);
        Fake.RetiredMetrics.Add("views");

        var metrics = await Instagram.GetPostMetricsAsync(InstagramAccess, media.Id, CancellationToken.None);

        Assert.Equal(500, metrics.Values[MetricNames.Reach]);
        Assert.Equal(40, metrics.Values[MetricNames.Reactions]);
        Assert.Equal(6, metrics.Values[MetricNames.Saves]);
        Assert.Equal(0, metrics.Values[MetricNames.Comments]);
        Assert.Equal(MetricNames.Impressions, Assert.Single(metrics.Problems).Metric);
    }

    [Fact]
    public async Task GetAccountMetrics_ReturnsFollowersAndReach()
    {
        Fake.InstagramUser(IgUserId).Followers = 870;
        Fake.SetInsight(IgUserId, "reach", 1200);

        var metrics = await Instagram.GetAccountMetricsAsync(InstagramAccess, CancellationToken.None);

        Assert.Equal(870, metrics.Values[MetricNames.Followers]);
        Assert.Equal(1200, metrics.Values[MetricNames.Reach]);
        Assert.Empty(metrics.Problems);
    }

    [Fact]
    public async Task CheckToken_WhenTokenExpired_ReturnsInvalid()
    {
        Fake.ExpireToken(Page.Token);

        var check = await Instagram.CheckTokenAsync(InstagramAccess, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.IsType<TokenCheck.Invalid>(check);
    }

    [Fact]
    public async Task SubscribeWebhooks_InstallsTheAppOnTheLinkedPage()
    {
        await Instagram.SubscribeWebhooksAsync(InstagramAccess, CancellationToken.None);

        Assert.Equal("feed", Fake.Page(PageId).SubscribedFields);
    }
}
