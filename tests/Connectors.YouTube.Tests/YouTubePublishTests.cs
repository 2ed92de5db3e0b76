using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;

namespace CareDialog.Connectors.YouTube.Tests;

public sealed class YouTubePublishTests : YouTubeTestBase
{
    private const string Text = "Flu vaccination 2026\nWalk in Monday to Friday, 8–16.\nBring your health card.";

    [Fact]
    public async Task Publish_WithVideo_SendsResumableUploadAndReturnsTheVideo()
    {
        var video = Video(bytes: 5000);

        var outcome = await Connector.PublishAsync(Publish(Text, video), CancellationToken.None);

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        var stored = Assert.Single(Fake.Videos);
        Assert.Equal(stored.Id, published.Post.RemoteId);
        Assert.Equal($"https://www.youtube.com/watch?v={stored.Id}", published.Post.Url);
        Assert.Equal(Now, published.Post.CreatedAtUtc);

        var uploads = RequestsTo("/upload/youtube/v3/videos");
        Assert.Equal(2, uploads.Count);
        var start = uploads[0];
        Assert.Equal("POST", start.Method);
        var q = QueryHelpers.ParseQuery(start.Query);
        Assert.Equal("resumable", q["uploadType"]);
        Assert.Equal("snippet,status", q["part"]);
        Assert.Equal("Bearer " + AccessToken, start.Headers["Authorization"]);
        Assert.Equal("5000", start.Headers["X-Upload-Content-Length"]);
        Assert.Equal("video/mp4", start.Headers["X-Upload-Content-Type"]);
        Assert.Equal("application/json; charset=UTF-8", start.ContentType);
        var metadata = Body(start);
        Assert.Equal("Flu vaccination 2026", metadata.GetProperty("snippet").GetProperty("title").GetString());
        Assert.Equal("Walk in Monday to Friday, 8–16.\nBring your health card.", metadata.GetProperty("snippet").GetProperty("description").GetString());
        Assert.Equal("22", metadata.GetProperty("snippet").GetProperty("categoryId").GetString());
        Assert.Equal("public", metadata.GetProperty("status").GetProperty("privacyStatus").GetString());

        var put = uploads[1];
        Assert.Equal("PUT", put.Method);
        Assert.False(string.IsNullOrEmpty(QueryHelpers.ParseQuery(put.Query)["upload_id"]));
        Assert.Equal("video/mp4", put.ContentType);
        Assert.Equal("5000", put.Headers["Content-Length"]);
        Assert.Equal(5000, stored.Length);
    }

    [Fact]
    public async Task Publish_WithOddUnicode_SendsTitleAndDescriptionExactly()
    {
        const string title = "Прививка: всё ясно 💉 👩🏽‍⚕️";
        const string description = "Cafe\u0301 ëë — ё Ё\nZalgo: a\u0300\u0301\u0302 🇫🇮";

        var outcome = await Connector.PublishAsync(Publish(title + "\n" + description, Video()), CancellationToken.None);

        Assert.IsType<PublishOutcome.Published>(outcome);
        var stored = Assert.Single(Fake.Videos);
        Assert.Equal(title, stored.Title);
        Assert.Equal(description, stored.Description);
    }

    [Fact]
    public async Task Publish_WithoutMedia_ReturnsRejectedWithoutCallingYouTube()
    {
        var outcome = await Connector.PublishAsync(Publish(Text), CancellationToken.None);

        var rejected = Assert.IsType<PublishOutcome.Rejected>(outcome);
        Assert.Equal("YouTube publishes videos; attach a video.", rejected.Reason);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task Publish_WithImagesOnly_ReturnsRejected()
    {
        var image = new PublishMedia("poster.jpg", "image/jpeg", "/nonexistent/poster.jpg");

        var outcome = await Connector.PublishAsync(Publish(Text, image), CancellationToken.None);

        Assert.Equal("YouTube publishes videos; attach a video.", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task Publish_WithBlankText_ReturnsRejectedForMissingTitle()
    {
        var outcome = await Connector.PublishAsync(Publish(" \n \n", Video()), CancellationToken.None);

        Assert.Contains("title", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task Publish_WhenQuotaExceeded_ReturnsRetryLaterUntilPacificMidnight()
    {
        Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await Connector.PublishAsync(Publish(Text, Video()), CancellationToken.None);

        // 2026-03-20 09:00 UTC is 02:00 PDT (UTC-7); the quota resets at 2026-03-21 00:00 PDT = 07:00 UTC.
        var retry = Assert.IsType<PublishOutcome.RetryLater>(outcome);
        Assert.Equal(TimeSpan.FromHours(22), retry.After);
        Assert.Contains("quota", retry.Reason, StringComparison.Ordinal);
        Assert.Empty(Fake.Videos);
    }

    [Fact]
    public async Task Publish_WhenShortTermRateLimited_ReturnsRetryLater()
    {
        Fake.RateLimitAs = GoogleRateLimit.RateLimitExceeded;
        Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await Connector.PublishAsync(Publish(Text, Video()), CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(1), Assert.IsType<PublishOutcome.RetryLater>(outcome).After);
    }

    [Fact]
    public async Task Publish_WhenTokenExpired_ReturnsNeedsReconnect()
    {
        Fake.EnqueueFault(Fault.ExpiredToken);

        var outcome = await Connector.PublishAsync(Publish(Text, Video()), CancellationToken.None);

        Assert.IsType<PublishOutcome.NeedsReconnect>(outcome);
        Assert.Empty(Fake.Videos);
    }

    [Fact]
    public async Task Publish_WhenPermissionDenied_ReturnsRejected()
    {
        Fake.EnqueueFault(Fault.PermissionDenied);

        var outcome = await Connector.PublishAsync(Publish(Text, Video()), CancellationToken.None);

        Assert.Contains("permission", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenSessionStartFailsWith5xx_ReturnsRetryLaterBecauseNoVideoExists()
    {
        Fake.EnqueueFault(Fault.ServerError);

        var outcome = await Connector.PublishAsync(Publish(Text, Video()), CancellationToken.None);

        Assert.IsType<PublishOutcome.RetryLater>(outcome);
        Assert.Single(RequestsTo("/upload/youtube/v3/videos"));
    }

    [Fact]
    public async Task Publish_WhenByteUploadFailsWith5xx_ReturnsUnknown()
    {
        Fake.FailByteUpload(Fault.ServerError);

        var outcome = await Connector.PublishAsync(Publish(Text, Video()), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
    }

    [Fact]
    public async Task Find_WhenMatchingVideoIsOlderThanTheAttempt_ReturnsNull()
    {
        Fake.AddVideo("Flu vaccination 2026", "Walk in Monday to Friday, 8–16.\nBring your health card.", Now.AddHours(-2));

        Assert.Null(await Connector.FindAsync(Find(Text, Now), CancellationToken.None));
    }

    [Fact]
    public async Task Find_WhenVideoIsWithinClockSkewAndTextDiffersOnlyInWhitespace_ReturnsIt()
    {
        var video = Fake.AddVideo("Flu vaccination 2026", "Walk in Monday to Friday, 8–16.\r\nBring your health card.  ", Now.AddMinutes(-3));
        Fake.AddVideo("Another video", "", Now);

        var found = await Connector.FindAsync(Find(Text, Now), CancellationToken.None);

        Assert.Equal(video.Id, found?.RemoteId);
    }
}
