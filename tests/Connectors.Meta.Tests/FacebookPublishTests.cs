using CareDialog.Connectors.Common;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta.Tests;

public sealed class FacebookPublishTests : MetaTestBase
{
    [Fact]
    public async Task Publish_Text_PostsMessageToPageFeedAndReturnsThePost()
    {
        var outcome = await Facebook.PublishAsync(Publish(FacebookAccess, "Flu clinics open on Saturday."), CancellationToken.None);

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        var post = Assert.Single(Fake.PostsOf(PageId));
        Assert.Equal(post.Id, published.Post.RemoteId);
        Assert.Equal($"https://www.facebook.com/{post.Id}", published.Post.Url);
        Assert.Equal("Flu clinics open on Saturday.", post.Message);
        var request = Assert.Single(RequestsTo("POST", $"/v25.0/{PageId}/feed"));
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("", request.Query);
        var form = Form(request);
        Assert.Equal(new[] { "access_token", "message" }, form.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Flu clinics open on Saturday.", form["message"]);
        Assert.Equal(Page.Token, form["access_token"]);
    }

    [Fact]
    public async Task Publish_TextWithLink_SendsTheLinkParameterAndKeepsTheMessage()
    {
        const string text = "Read our new visiting hours: https://clinic.example/visiting?lang=en. Thank you!";

        var outcome = await Facebook.PublishAsync(Publish(FacebookAccess, text), CancellationToken.None);

        Assert.IsType<PublishOutcome.Published>(outcome);
        var form = Form(Assert.Single(RequestsTo("POST", $"/{PageId}/feed")));
        Assert.Equal(text, form["message"]);
        Assert.Equal("https://clinic.example/visiting?lang=en", form["link"]);
        Assert.Equal("https://clinic.example/visiting?lang=en", Assert.Single(Fake.PostsOf(PageId)).Link);
    }

    [Fact]
    public async Task Publish_Photo_UploadsTheFileAsMultipartSourceWithMessage()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 0xFF, 0xD9];
        var image = TempImage(jpeg, "waiting-room.jpg");

        var outcome = await Facebook.PublishAsync(Publish(FacebookAccess, "Our renovated waiting room", image), CancellationToken.None);

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        var post = Assert.Single(Fake.PostsOf(PageId));
        Assert.Equal(post.Id, published.Post.RemoteId);
        Assert.Equal("photo", post.Type);
        Assert.Equal(jpeg, post.UploadBytes);
        Assert.Equal("waiting-room.jpg", post.UploadFileName);
        Assert.Equal("image/jpeg", post.UploadContentType);
        Assert.Equal("Our renovated waiting room", post.Message);
        var request = Assert.Single(RequestsTo("POST", $"/v25.0/{PageId}/photos"));
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        Assert.Contains("name=source; filename=waiting-room.jpg", request.Body, StringComparison.Ordinal);
        Assert.Contains("name=message", request.Body, StringComparison.Ordinal);
        Assert.Empty(RequestsTo("POST", "/feed"));
    }

    [Fact]
    public async Task Publish_WhenPageRateLimited_ReturnsRetryLaterWithTheRegainTimeFromBusinessUseCaseHeader()
    {
        Fake.RegainAccessMinutes = 7;
        Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await Facebook.PublishAsync(Publish(FacebookAccess, "Hello"), CancellationToken.None);

        var retry = Assert.IsType<PublishOutcome.RetryLater>(outcome);
        Assert.Equal(TimeSpan.FromMinutes(7), retry.After);
        Assert.Contains("32", retry.Reason, StringComparison.Ordinal);
        Assert.Empty(Fake.PostsOf(PageId));
    }

    [Fact]
    public async Task Publish_WhenAppRateLimitedWithoutEstimate_ReturnsRetryLaterWithDefaultWait()
    {
        Fake.RateLimitWithAppUsage = true;
        Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await Facebook.PublishAsync(Publish(FacebookAccess, "Hello"), CancellationToken.None);

        var retry = Assert.IsType<PublishOutcome.RetryLater>(outcome);
        Assert.Equal(RateLimits.DefaultWait, retry.After);
    }

    [Fact]
    public async Task Publish_WhenPageTokenExpired_ReturnsNeedsReconnect()
    {
        Fake.ExpireToken(Page.Token);

        var outcome = await Facebook.PublishAsync(Publish(FacebookAccess, "Hello"), CancellationToken.None);

        var reconnect = Assert.IsType<PublishOutcome.NeedsReconnect>(outcome);
        Assert.Contains("expired", reconnect.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Page.Token, reconnect.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenPermissionDenied_ReturnsRejected()
    {
        Fake.EnqueueFault(Fault.PermissionDenied);

        var outcome = await Facebook.PublishAsync(Publish(FacebookAccess, "Hello"), CancellationToken.None);

        var rejected = Assert.IsType<PublishOutcome.Rejected>(outcome);
        Assert.Contains("permission", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenServerErrors_ReturnsUnknownAndDoesNotRepeatThePost()
    {
        Fake.EnqueueFault(Fault.ServerError);

        var outcome = await Facebook.PublishAsync(Publish(FacebookAccess, "Hello"), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        Assert.Single(RequestsTo("POST", "/feed"));
    }

    [Fact]
    public async Task Publish_WhenTimeoutAfterProcessing_ReturnsUnknownAndFindReturnsThePostWithoutASecondOne()
    {
        const string text = "Vaccination drop-in 9–12 today 💉";
        Fake.EnqueueFault(Fault.TimeoutAfterProcessing);
        var request = Publish(FacebookAccess, text);
        var attemptStarted = Now;

        var outcome = await TimingOutAsync(FacebookHarness, () => Facebook.PublishAsync(request, CancellationToken.None));

        Assert.Contains("did not answer in time", Assert.IsType<PublishOutcome.Unknown>(outcome).Reason, StringComparison.Ordinal);
        var found = await Facebook.FindAsync(new FindRequest(FacebookAccess, request.IdempotencyKey, text, attemptStarted), CancellationToken.None);
        Assert.NotNull(found);
        var post = Assert.Single(Fake.PostsOf(PageId));
        Assert.Equal(post.Id, found.RemoteId);
        Assert.Single(RequestsTo("POST", "/feed"));
    }

    [Fact]
    public async Task Publish_WhenTimeoutBeforeProcessing_ReturnsUnknownAndFindReturnsNull()
    {
        Fake.EnqueueFault(Fault.TimeoutBeforeProcessing);
        var request = Publish(FacebookAccess, "Pharmacy closed on Monday");

        var outcome = await TimingOutAsync(FacebookHarness, () => Facebook.PublishAsync(request, CancellationToken.None));

        Assert.Contains("did not answer in time", Assert.IsType<PublishOutcome.Unknown>(outcome).Reason, StringComparison.Ordinal);
        var found = await Facebook.FindAsync(new FindRequest(FacebookAccess, request.IdempotencyKey, request.Text, Now), CancellationToken.None);
        Assert.Null(found);
        Assert.Empty(Fake.PostsOf(PageId));
    }

    [Fact]
    public async Task Find_WhenOnlyOlderOrDifferentPostsExist_ReturnsNull()
    {
        Fake.AddPost(PageId, "Same text", Now.AddHours(-2));
        Fake.AddPost(PageId, "Other text", Now);

        var found = await Facebook.FindAsync(new FindRequest(FacebookAccess, "k", "Same text", Now), CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public async Task Find_WhenPlatformNormalisedWhitespace_MatchesThePostWithinTheClockSkewMargin()
    {
        var post = Fake.AddPost(PageId, "Open  day\r\non Sunday ", Now.AddMinutes(-3));

        var found = await Facebook.FindAsync(new FindRequest(FacebookAccess, "k", "Open day\non Sunday", Now), CancellationToken.None);

        Assert.Equal(post.Id, found?.RemoteId);
        Assert.Equal(post.CreatedAtUtc, found?.CreatedAtUtc);
    }

    [Fact]
    public async Task Publish_WithTwoImages_IsRejectedBeforeCallingFacebook()
    {
        var outcome = await Facebook.PublishAsync(Publish(FacebookAccess, "Two", TempImage([1]), TempImage([2])), CancellationToken.None);

        Assert.Contains("one image", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task Publish_WithVideo_IsRejectedAsNotSupported()
    {
        var video = TempImage([0, 0, 0, 0x18], "tour.mp4", "video/mp4");

        var outcome = await Facebook.PublishAsync(Publish(FacebookAccess, "Tour", video), CancellationToken.None);

        Assert.IsType<PublishOutcome.Rejected>(outcome);
        Assert.False(Facebook.Features.HasFlag(ConnectorFeatures.Video));
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task Publish_WhenImageFileIsMissing_ReturnsRejectedNamingTheFile()
    {
        var missing = new PublishMedia("gone.jpg", "image/jpeg", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "gone.jpg"));

        var outcome = await Facebook.PublishAsync(Publish(FacebookAccess, "Text", missing), CancellationToken.None);

        Assert.Contains("gone.jpg", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
    }
}
