using System.Text.Json;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;

namespace CareDialog.Connectors.LinkedIn.Tests;

public sealed class LinkedInPublishTests
{
    private const string Reserved = @"Flu vaccine clinic (9-12) at Main St. #FluSeason — bring ID & *card_number* ~ ask @reception | {walk-in} [free] <no appointment> C# a\b";
    private const string ReservedEscaped = @"Flu vaccine clinic \(9-12\) at Main St. {hashtag|\#|FluSeason} — bring ID & \*card\_number\* \~ ask \@reception \| \{walk-in\} \[free\] \<no appointment\> C\# a\\b";

    [Fact]
    public async Task Publish_SendsThePostsApiRequestWithBothHeadersAndEscapedCommentary()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access();

        var outcome = await li.Connector.PublishAsync(li.Publish(access, Reserved), CancellationToken.None);

        var post = Assert.IsType<PublishOutcome.Published>(outcome).Post;
        var stored = Assert.Single(li.Fake.Posts);
        Assert.Equal(stored.Urn, post.RemoteId);
        Assert.Equal($"https://www.linkedin.com/feed/update/{stored.Urn}/", post.Url);
        Assert.Equal(li.Now, post.CreatedAtUtc);
        Assert.Equal(Reserved, stored.RenderedText);

        var request = li.Fake.Requests.Single(r => r.Path == "/rest/posts");
        Assert.Equal("POST", request.Method);
        Assert.Equal("Bearer " + access.Credentials.AccessToken, request.Headers["Authorization"]);
        Assert.Equal("202606", request.Headers["LinkedIn-Version"]);
        Assert.Equal("2.0.0", request.Headers["X-Restli-Protocol-Version"]);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(["author", "commentary", "visibility", "distribution", "lifecycleState", "isReshareDisabledByAuthor"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(LinkedInTestContext.Hospital, root.GetProperty("author").GetString());
        Assert.Equal(ReservedEscaped, root.GetProperty("commentary").GetString());
        Assert.Equal("PUBLIC", root.GetProperty("visibility").GetString());
        Assert.Equal("MAIN_FEED", root.GetProperty("distribution").GetProperty("feedDistribution").GetString());
        Assert.Equal(0, root.GetProperty("distribution").GetProperty("targetEntities").GetArrayLength());
        Assert.Equal(0, root.GetProperty("distribution").GetProperty("thirdPartyDistributionChannels").GetArrayLength());
        Assert.Equal("PUBLISHED", root.GetProperty("lifecycleState").GetString());
        Assert.False(root.GetProperty("isReshareDisabledByAuthor").GetBoolean());
    }

    [Theory]
    [InlineData("Family day 👨‍👩‍👧‍👦 with 🩺 check-ups 🏳️‍🌈")]
    [InlineData("שעות פתיחה חדשות — مرحبا بكم في العيادة")]
    [InlineData("Cafe\u0301 cre\u0300me Z\u0351\u0332algo and Vietnamese Tiê\u0301ng Viê\u0323t")]
    [InlineData("Line one\nLine two\u00a0with a non-breaking space & \"quotes\"")]
    public async Task Publish_OddUnicode_ArrivesExactlyAndReadsBackTheSame(string text)
    {
        await using var li = await LinkedInTestContext.StartAsync();

        var outcome = await li.Connector.PublishAsync(li.Publish(li.Access(), text), CancellationToken.None);

        Assert.IsType<PublishOutcome.Published>(outcome);
        var stored = Assert.Single(li.Fake.Posts);
        Assert.Equal(text, stored.Commentary, StringComparer.Ordinal);
        Assert.Equal(text, stored.RenderedText, StringComparer.Ordinal);
    }

    [Fact]
    public async Task Publish_WithAConfiguredVersion_SendsThatVersion()
    {
        await using var li = await LinkedInTestContext.StartAsync(new Dictionary<string, string?> { ["Version"] = "202608" });

        await li.Connector.PublishAsync(li.Publish(li.Access(), "Hello"), CancellationToken.None);

        Assert.Equal("202608", li.Fake.Requests.Single(r => r.Path == "/rest/posts").Headers["LinkedIn-Version"]);
    }

    [Fact]
    public async Task Publish_WhenTheVersionIsSunset_IsRejectedAskingToUpdateTheSetting()
    {
        await using var li = await LinkedInTestContext.StartAsync(new Dictionary<string, string?> { ["Version"] = "202301" });

        var outcome = await li.Connector.PublishAsync(li.Publish(li.Access(), "Hello"), CancellationToken.None);

        var reason = Assert.IsType<PublishOutcome.Rejected>(outcome).Reason;
        Assert.Contains("202301", reason, StringComparison.Ordinal);
        Assert.Contains("Connectors:LinkedIn:Version", reason, StringComparison.Ordinal);
        Assert.Empty(li.Fake.Posts);
    }

    [Theory]
    [InlineData(9, 0, 60)]
    [InlineData(23, 30, 30)]
    public async Task Publish_WhenRateLimited_ReturnsRetryLaterUntilMidnightUtcOrTheConfiguredMaximum(int hour, int minute, int expectedMinutes)
    {
        await using var li = await LinkedInTestContext.StartAsync(now: new DateTimeOffset(2026, 3, 20, hour, minute, 0, TimeSpan.Zero));
        li.Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await li.Connector.PublishAsync(li.Publish(li.Access(), "Hello"), CancellationToken.None);

        var retry = Assert.IsType<PublishOutcome.RetryLater>(outcome);
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), retry.After);
        Assert.Contains("midnight UTC", retry.Reason, StringComparison.Ordinal);
        Assert.Empty(li.Fake.Posts);
    }

    [Fact]
    public async Task Publish_WhenLinkedInSaysTheTokenExpired_ReturnsNeedsReconnect()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        li.Fake.EnqueueFault(Fault.ExpiredToken);

        var outcome = await li.Connector.PublishAsync(li.Publish(li.Access(), "Hello"), CancellationToken.None);

        Assert.Contains("expired", Assert.IsType<PublishOutcome.NeedsReconnect>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WithATokenPastItsSixtyDays_ReturnsNeedsReconnect()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access();
        li.Harness.Clock.Advance(TimeSpan.FromDays(61));

        var outcome = await li.Connector.PublishAsync(li.Publish(access, "Hello"), CancellationToken.None);

        Assert.Contains("60 days", Assert.IsType<PublishOutcome.NeedsReconnect>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_AfterTheMemberRevokedAccess_ReturnsNeedsReconnect()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access();
        li.Fake.RevokeAll(LinkedInTestContext.MemberId);

        var outcome = await li.Connector.PublishAsync(li.Publish(access, "Hello"), CancellationToken.None);

        Assert.Contains("revoked", Assert.IsType<PublishOutcome.NeedsReconnect>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenPermissionIsDenied_IsRejectedNamingTheRolesNeeded()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        li.Fake.EnqueueFault(Fault.PermissionDenied);

        var outcome = await li.Connector.PublishAsync(li.Publish(li.Access(), "Hello"), CancellationToken.None);

        var reason = Assert.IsType<PublishOutcome.Rejected>(outcome).Reason;
        Assert.Contains("Not enough permissions to access: POST /rest/posts", reason, StringComparison.Ordinal);
        Assert.Contains("CONTENT_ADMIN", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_AsAPageTheMemberOnlyAnalyses_IsRejected()
    {
        await using var li = await LinkedInTestContext.StartAsync();

        var outcome = await li.Connector.PublishAsync(li.Publish(li.Access("urn:li:organization:777"), "Hello"), CancellationToken.None);

        Assert.IsType<PublishOutcome.Rejected>(outcome);
        Assert.Empty(li.Fake.Posts);
    }

    [Fact]
    public async Task Publish_SameTextTwice_IsRejectedAsADuplicate()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access();
        await li.Connector.PublishAsync(li.Publish(access, "Visiting hours change on Monday."), CancellationToken.None);

        var outcome = await li.Connector.PublishAsync(li.Publish(access, "Visiting hours change on Monday."), CancellationToken.None);

        Assert.Contains("Content is a duplicate of", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Single(li.Fake.Posts);
    }

    [Fact]
    public async Task Publish_TextOverThreeThousandCharacters_IsRejectedWithoutCallingLinkedIn()
    {
        await using var li = await LinkedInTestContext.StartAsync();

        var outcome = await li.Connector.PublishAsync(li.Publish(li.Access(), new string('a', 3001)), CancellationToken.None);

        Assert.Contains("3000", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(li.Fake.Requests);
    }

    [Fact]
    public async Task Publish_WhenLinkedInHasAServerError_ReturnsUnknown()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        li.Fake.EnqueueFault(Fault.ServerError);

        var outcome = await li.Connector.PublishAsync(li.Publish(li.Access(), "Hello"), CancellationToken.None);

        Assert.Contains("HTTP 500", Assert.IsType<PublishOutcome.Unknown>(outcome).Reason, StringComparison.Ordinal);
        Assert.Single(li.Fake.Requests, r => r.Path == "/rest/posts");
    }

    [Fact]
    public async Task Publish_WhenTheAnswerIsLostAfterLinkedInCreatedThePost_ReturnsUnknownAndFindFindsIt()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access();
        var attemptStarted = li.Now;
        li.Fake.EnqueueFault(Fault.TimeoutAfterProcessing);

        var outcome = await li.TimedOutAsync(li.Connector.PublishAsync(li.Publish(access, Reserved), CancellationToken.None));
        var found = await li.Connector.FindAsync(new FindRequest(access, "key", Reserved, attemptStarted), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        var created = Assert.Single(li.Fake.Posts);
        Assert.Equal(ReservedEscaped, created.Commentary);
        Assert.NotNull(found);
        Assert.Equal(created.Urn, found.RemoteId);
        Assert.Equal(attemptStarted, found.CreatedAtUtc);
    }

    [Fact]
    public async Task Publish_WhenLinkedInTimesOutBeforeCreatingThePost_ReturnsUnknownAndFindReturnsNull()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access();
        var attemptStarted = li.Now;
        li.Fake.EnqueueFault(Fault.TimeoutBeforeProcessing);

        var outcome = await li.TimedOutAsync(li.Connector.PublishAsync(li.Publish(access, "Hello"), CancellationToken.None));
        var found = await li.Connector.FindAsync(new FindRequest(access, "key", "Hello", attemptStarted), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        Assert.Null(found);
        Assert.Empty(li.Fake.Posts);
    }

    [Fact]
    public async Task Publish_WithAnImage_UploadsItFirstAndAttachesItToThePost()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access();
        var file = Path.GetTempFileName();
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4];
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            var outcome = await li.Connector.PublishAsync(
                li.Publish(access, "Our new MRI wing", [new PublishMedia("wing.png", "image/png", file)]), CancellationToken.None);

            Assert.IsType<PublishOutcome.Published>(outcome);
            var post = Assert.Single(li.Fake.Posts);
            Assert.NotNull(post.Image);
            Assert.Equal(bytes, li.Fake.UploadedImage(post.Image));

            var init = li.Fake.Requests.Single(r => r.Path == "/rest/images");
            Assert.Equal("initializeUpload", QueryHelpers.ParseQuery(init.Query)["action"]);
            Assert.Equal("202606", init.Headers["LinkedIn-Version"]);
            using var initBody = JsonDocument.Parse(init.Body);
            Assert.Equal(LinkedInTestContext.Hospital, initBody.RootElement.GetProperty("initializeUploadRequest").GetProperty("owner").GetString());

            var upload = li.Fake.Requests.Single(r => r.Method == "PUT");
            Assert.False(upload.Headers.ContainsKey("Authorization"));

            using var postBody = JsonDocument.Parse(li.Fake.Requests.Single(r => r.Path == "/rest/posts").Body);
            Assert.Equal(post.Image, postBody.RootElement.GetProperty("content").GetProperty("media").GetProperty("id").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Publish_WhenTheImageUploadCannotStart_ReturnsRetryLaterAndPostsNothing()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        li.Fake.EnqueueFault(Fault.ServerError);

        var outcome = await li.Connector.PublishAsync(
            li.Publish(li.Access(), "Our new MRI wing", [new PublishMedia("wing.png", "image/png", "/nonexistent/wing.png")]), CancellationToken.None);

        Assert.IsType<PublishOutcome.RetryLater>(outcome);
        Assert.DoesNotContain(li.Fake.Requests, r => r.Path == "/rest/posts");
    }

    [Fact]
    public async Task Publish_WithAVideo_IsRejectedWithoutCallingLinkedIn()
    {
        await using var li = await LinkedInTestContext.StartAsync();

        var outcome = await li.Connector.PublishAsync(
            li.Publish(li.Access(), "Tour", [new PublishMedia("tour.mp4", "video/mp4", "/tmp/tour.mp4")]), CancellationToken.None);

        Assert.IsType<PublishOutcome.Rejected>(outcome);
        Assert.Empty(li.Fake.Requests);
    }

    [Fact]
    public async Task Find_AsksForTheAuthorsPostsNewestFirstAndIgnoresOnesBeforeTheAttempt()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        li.Fake.AddPost(LinkedInTestContext.Hospital, "Hello", li.Harness.Clock.GetUtcNow() - TimeSpan.FromMinutes(10));

        var found = await li.Connector.FindAsync(new FindRequest(li.Access(), "key", "Hello", li.Now), CancellationToken.None);

        Assert.Null(found);
        var request = li.Fake.Requests.Single(r => r.Path == "/rest/posts");
        var query = QueryHelpers.ParseQuery(request.Query);
        Assert.Equal("author", query["q"]);
        Assert.Equal(LinkedInTestContext.Hospital, query["author"]);
        Assert.Equal("CREATED", query["sortBy"]);
        Assert.Contains("author=urn%3Ali%3Aorganization%3A5515715", request.Query, StringComparison.Ordinal);
        Assert.Equal("FINDER", request.Headers["X-RestLi-Method"]);
        Assert.Equal("2.0.0", request.Headers["X-Restli-Protocol-Version"]);
    }

    [Fact]
    public async Task Find_WhenAnotherTextWasPostedInTheWindow_ReturnsNull()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        li.Fake.AddPost(LinkedInTestContext.Hospital, "Something else");

        var found = await li.Connector.FindAsync(new FindRequest(li.Access(), "key", "Hello", li.Now), CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public async Task FakeLinkedIn_WithoutTheRequiredHeaders_AnswersLikeLinkedIn()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var token = li.Fake.IssueAccessToken(LinkedInTestContext.MemberId);
        using var http = new HttpClient { BaseAddress = li.Fake.BaseUrl };

        using var noVersion = new HttpRequestMessage(HttpMethod.Get, "rest/me");
        noVersion.Headers.Authorization = new("Bearer", token);
        using var noVersionAnswer = await http.SendAsync(noVersion);
        using var noProtocol = new HttpRequestMessage(HttpMethod.Get, "rest/me");
        noProtocol.Headers.Authorization = new("Bearer", token);
        noProtocol.Headers.Add("LinkedIn-Version", "202606");
        using var noProtocolAnswer = await http.SendAsync(noProtocol);
        using var noToken = await http.GetAsync("rest/me");

        Assert.Equal(400, (int)noVersionAnswer.StatusCode);
        Assert.Contains("VERSION_MISSING", await noVersionAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(400, (int)noProtocolAnswer.StatusCode);
        Assert.Equal(401, (int)noToken.StatusCode);
        Assert.Contains("Empty oauth2_access_token", await noToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
