using System.Text.Json;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;

namespace CareDialog.Connectors.X.Tests;

public sealed class XPublishTests
{
    [Fact]
    public async Task Publish_Text_SendsExactlyTheTextWithTheBearerTokenAndReturnsThePost()
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access();

        var outcome = await x.Connector.PublishAsync(x.Publish(access, "Flu clinic open Saturday 9-12."), CancellationToken.None);

        var post = Assert.IsType<PublishOutcome.Published>(outcome).Post;
        var stored = Assert.Single(x.Fake.Tweets);
        Assert.Equal(stored.Id, post.RemoteId);
        Assert.Equal($"https://x.com/i/web/status/{stored.Id}", post.Url);
        Assert.Equal(x.Now, post.CreatedAtUtc);

        var request = x.Fake.Requests.Single(r => r.Path == "/2/tweets");
        Assert.Equal("POST", request.Method);
        Assert.Equal("Bearer " + access.Credentials.AccessToken, request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        var property = Assert.Single(body.RootElement.EnumerateObject());
        Assert.Equal("text", property.Name);
        Assert.Equal("Flu clinic open Saturday 9-12.", property.Value.GetString());
    }

    [Theory]
    [InlineData("Family day 👨‍👩‍👧‍👦 with 🩺 check-ups 🏳️‍🌈")]
    [InlineData("שעות פתיחה חדשות — مرحبا بكم في العيادة")]
    [InlineData("Cafe\u0301 cre\u0300me Z\u0351\u0332algo")]
    [InlineData("Tab\there, CR\r\nLF and a non-breaking\u00a0space & <angle> \"quotes\"")]
    public async Task Publish_OddUnicode_ArrivesAtXExactlyAsWritten(string text)
    {
        await using var x = await XTestContext.StartAsync();

        var outcome = await x.Connector.PublishAsync(x.Publish(x.Access(), text), CancellationToken.None);

        Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal(text, Assert.Single(x.Fake.Tweets).ReceivedText, StringComparer.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenRateLimited_ReturnsRetryLaterUntilTheReset()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await x.Connector.PublishAsync(x.Publish(x.Access(), "Hello"), CancellationToken.None);

        var retry = Assert.IsType<PublishOutcome.RetryLater>(outcome);
        Assert.Equal(FakeXServer.RateLimitWindow, retry.After);
        Assert.Contains("rate limit", retry.Reason, StringComparison.Ordinal);
        Assert.Contains((x.Now + FakeXServer.RateLimitWindow).ToString("HH:mm"), retry.Reason, StringComparison.Ordinal);
        Assert.Empty(x.Fake.Tweets);
    }

    [Fact]
    public async Task Publish_WhenTheDailyCapIsSpent_ReturnsRetryLaterUntilTheDailyReset()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.DailyCapSpent = true;
        x.Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await x.Connector.PublishAsync(x.Publish(x.Access(), "Hello"), CancellationToken.None);

        Assert.Equal(FakeXServer.DailyCapReset, Assert.IsType<PublishOutcome.RetryLater>(outcome).After);
    }

    [Fact]
    public async Task Publish_WhenXAnswersExpiredToken_ReturnsNeedsReconnect()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.EnqueueFault(Fault.ExpiredToken);

        var outcome = await x.Connector.PublishAsync(x.Publish(x.Access(), "Hello"), CancellationToken.None);

        Assert.Contains("Connect the X account again", Assert.IsType<PublishOutcome.NeedsReconnect>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WithATokenPastItsTwoHours_ReturnsNeedsReconnect()
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access();
        x.Harness.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));

        var outcome = await x.Connector.PublishAsync(x.Publish(access, "Hello"), CancellationToken.None);

        Assert.IsType<PublishOutcome.NeedsReconnect>(outcome);
        Assert.Empty(x.Fake.Tweets);
    }

    [Fact]
    public async Task Publish_SameTextTwice_IsRejectedAsDuplicateContent()
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access();
        await x.Connector.PublishAsync(x.Publish(access, "Vaccination week starts Monday."), CancellationToken.None);

        var outcome = await x.Connector.PublishAsync(x.Publish(access, "Vaccination week starts Monday."), CancellationToken.None);

        Assert.Contains("duplicate", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Single(x.Fake.Tweets);
    }

    [Fact]
    public async Task Publish_WhenNotPermitted_IsRejectedWithTheReason()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.EnqueueFault(Fault.PermissionDenied);

        var outcome = await x.Connector.PublishAsync(x.Publish(x.Access(), "Hello"), CancellationToken.None);

        var reason = Assert.IsType<PublishOutcome.Rejected>(outcome).Reason;
        Assert.Contains("You are not permitted to perform this action.", reason, StringComparison.Ordinal);
        Assert.Contains("longer than the account may post", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_TextOverTheWeightedLimit_IsRejected()
    {
        await using var x = await XTestContext.StartAsync();

        var outcome = await x.Connector.PublishAsync(x.Publish(x.Access(), new string('a', 281)), CancellationToken.None);

        Assert.IsType<PublishOutcome.Rejected>(outcome);
        Assert.Empty(x.Fake.Tweets);
    }

    [Fact]
    public async Task Publish_WhenXHasAServerError_ReturnsUnknown()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.EnqueueFault(Fault.ServerError);

        var outcome = await x.Connector.PublishAsync(x.Publish(x.Access(), "Hello"), CancellationToken.None);

        Assert.Contains("HTTP 503", Assert.IsType<PublishOutcome.Unknown>(outcome).Reason, StringComparison.Ordinal);
        Assert.Single(x.Fake.Requests, r => r.Path == "/2/tweets");
    }

    [Fact]
    public async Task Publish_WhenTheAnswerIsLostAfterXCreatedThePost_ReturnsUnknownAndFindFindsIt()
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access();
        var attemptStarted = x.Now;
        const string text = "Blood donation bus at the town hall today https://example.org/donate";
        x.Fake.EnqueueFault(Fault.TimeoutAfterProcessing);

        var outcome = await x.TimedOutAsync(x.Connector.PublishAsync(x.Publish(access, text), CancellationToken.None));
        var found = await x.Connector.FindAsync(new FindRequest(access, "key", text, attemptStarted), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        var created = Assert.Single(x.Fake.Tweets);
        Assert.NotEqual(text, created.Text);
        Assert.NotNull(found);
        Assert.Equal(created.Id, found.RemoteId);
        Assert.Equal(attemptStarted, found.CreatedAtUtc);
    }

    [Fact]
    public async Task Publish_WhenXTimesOutBeforeCreatingThePost_ReturnsUnknownAndFindReturnsNull()
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access();
        var attemptStarted = x.Now;
        x.Fake.EnqueueFault(Fault.TimeoutBeforeProcessing);

        var outcome = await x.TimedOutAsync(x.Connector.PublishAsync(x.Publish(access, "Hello"), CancellationToken.None));
        var found = await x.Connector.FindAsync(new FindRequest(access, "key", "Hello", attemptStarted), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        Assert.Null(found);
        Assert.Empty(x.Fake.Tweets);
    }

    [Fact]
    public async Task Publish_WithAnAttachment_IsRejectedWithoutCallingX()
    {
        await using var x = await XTestContext.StartAsync();
        var media = new[] { new PublishMedia("poster.png", "image/png", "/tmp/poster.png") };

        var outcome = await x.Connector.PublishAsync(x.Publish(x.Access(), "Hello", media), CancellationToken.None);

        Assert.Contains("text and links only", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(x.Fake.Requests);
    }

    [Fact]
    public async Task Find_AsksForTheTimelineSinceTheAttemptMinusFiveMinutes()
    {
        await using var x = await XTestContext.StartAsync();
        var attemptStarted = x.Now;

        await x.Connector.FindAsync(new FindRequest(x.Access(), "key", "Hello", attemptStarted), CancellationToken.None);

        var request = x.Fake.Requests.Single(r => r.Path == $"/2/users/{XTestContext.UserId}/tweets");
        var query = QueryHelpers.ParseQuery(request.Query);
        Assert.Equal((attemptStarted - TimeSpan.FromMinutes(5)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), query["start_time"]);
        Assert.Equal("retweets,replies", query["exclude"]);
    }

    [Fact]
    public async Task Find_WhenTheSameTextWasPostedBeforeTheAttempt_ReturnsNull()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.AddTweet(XTestContext.UserId, "Hello", x.Harness.Clock.GetUtcNow() - TimeSpan.FromMinutes(10));

        var found = await x.Connector.FindAsync(new FindRequest(x.Access(), "key", "Hello", x.Now), CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public async Task Find_WhenOnlyOtherTextsWerePosted_ReturnsNull()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.AddTweet(XTestContext.UserId, "Something else");

        var found = await x.Connector.FindAsync(new FindRequest(x.Access(), "key", "Hello", x.Now), CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public void SameText_WhenXEscapedAmpersandsAndShortenedLinks_StillMatches()
    {
        using var tweet = JsonDocument.Parse("""
            {"id":"1","text":"Q&amp;A at 5 &lt;today&gt; https://t.co/abc",
             "entities":{"urls":[{"url":"https://t.co/abc","expanded_url":"https://example.org/qa"}]}}
            """);

        Assert.True(XConnector.SameText(tweet.RootElement, "Q&A at 5 <today> https://example.org/qa"));
        Assert.False(XConnector.SameText(tweet.RootElement, "Q&A at 6 <today> https://example.org/qa"));
    }
}
