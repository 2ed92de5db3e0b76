using System.Net;
using CareDialog.Connectors.Common;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace CareDialog.Connectors.X.Tests;

public sealed class XMetricsAndTokenTests
{
    [Fact]
    public async Task PostMetrics_WhenAllAreAvailable_ReturnsPublicMetricsAndLinkClicks()
    {
        await using var x = await XTestContext.StartAsync();
        var post = x.Fake.AddTweet(XTestContext.UserId, "Metrics please");
        post.Impressions = 900;
        post.Likes = 31;
        post.Retweets = 4;
        post.Quotes = 2;
        post.Bookmarks = 7;
        post.LinkClicks = 12;

        var result = await x.Connector.GetPostMetricsAsync(x.Access(), post.Id, CancellationToken.None);

        Assert.Empty(result.Problems);
        Assert.Equal(900, result.Values[MetricNames.Impressions]);
        Assert.Equal(31, result.Values[MetricNames.Reactions]);
        Assert.Equal(0, result.Values[MetricNames.Comments]);
        Assert.Equal(4, result.Values[MetricNames.Shares]);
        Assert.Equal(7, result.Values[MetricNames.Saves]);
        Assert.Equal(2, result.Values[XConnector.QuotesMetric]);
        Assert.Equal(12, result.Values[MetricNames.Clicks]);
        Assert.Equal(x.Now, result.AtUtc);
    }

    [Fact]
    public async Task PostMetrics_WhenOneMetricIsRetiredAndClicksAreRefused_ReturnsTheRestWithProblems()
    {
        await using var x = await XTestContext.StartAsync();
        var post = x.Fake.AddTweet(XTestContext.UserId, "Metrics please");
        post.Likes = 5;
        x.Fake.RetiredPublicMetrics.Add("impression_count");
        x.Fake.RefuseNonPublicMetrics = true;

        var result = await x.Connector.GetPostMetricsAsync(x.Access(), post.Id, CancellationToken.None);

        Assert.Equal(5, result.Values[MetricNames.Reactions]);
        Assert.False(result.Values.ContainsKey(MetricNames.Impressions));
        Assert.False(result.Values.ContainsKey(MetricNames.Clicks));
        Assert.Equal([MetricNames.Impressions, MetricNames.Clicks], result.Problems.Select(p => p.Metric));
        Assert.Contains("impression_count", result.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not authorized to access 'non_public_metrics'", result.Problems[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMetrics_ForADeletedPost_IsRejected()
    {
        await using var x = await XTestContext.StartAsync();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => x.Connector.GetPostMetricsAsync(x.Access(), "1234567890", CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("Could not find tweet", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountMetrics_ReturnsFollowersAndPostCountFromTheUser()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.AddTweet(XTestContext.UserId, "One");

        var result = await x.Connector.GetAccountMetricsAsync(x.Access(), CancellationToken.None);

        Assert.Equal(1200, result.Values[MetricNames.Followers]);
        Assert.Equal(1, result.Values[XConnector.PostsMetric]);
        Assert.Empty(result.Problems);
        var request = x.Fake.Requests.Single();
        Assert.Equal($"/2/users/{XTestContext.UserId}", request.Path);
        Assert.Equal("public_metrics", QueryHelpers.ParseQuery(request.Query)["user.fields"]);
    }

    [Fact]
    public async Task CheckToken_WhenFarFromExpiry_AsksXAndReturnsValid()
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access();

        var check = await x.Connector.CheckTokenAsync(access, TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.Equal(access.Credentials.AccessTokenExpiresAtUtc, Assert.IsType<TokenCheck.Valid>(check).ExpiresAtUtc);
        Assert.Equal("/2/users/me", Assert.Single(x.Fake.Requests).Path);
    }

    [Fact]
    public async Task CheckToken_WhenDue_RefreshesAndReturnsTheRotatedRefreshToken()
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access(tokenLifetime: TimeSpan.FromMinutes(10));
        var oldRefreshToken = access.Credentials.RefreshToken!;

        var check = await x.Connector.CheckTokenAsync(access, TimeSpan.FromMinutes(15), CancellationToken.None);

        var renewed = Assert.IsType<TokenCheck.Refreshed>(check).Credentials;
        Assert.NotEqual(access.Credentials.AccessToken, renewed.AccessToken);
        Assert.NotEqual(oldRefreshToken, renewed.RefreshToken);
        Assert.True(x.Fake.IsRefreshTokenLive(renewed.RefreshToken!));
        Assert.False(x.Fake.IsRefreshTokenLive(oldRefreshToken));
        Assert.Equal(x.Now + FakeXServer.AccessTokenLifetime, renewed.AccessTokenExpiresAtUtc);
        Assert.Equal(XTestContext.UserId, renewed.AccountId);

        var refresh = x.Fake.Requests.Single(r => r.Path == "/2/oauth2/token");
        Assert.StartsWith("Basic ", refresh.Headers["Authorization"], StringComparison.Ordinal);
        var form = QueryHelpers.ParseQuery("?" + refresh.Body);
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal(oldRefreshToken, form["refresh_token"]);
        Assert.Equal(FakeXServer.ClientId, form["client_id"]);

        var published = await x.Connector.PublishAsync(x.Publish(access with { Credentials = renewed }, "After refresh"), CancellationToken.None);
        Assert.IsType<PublishOutcome.Published>(published);
    }

    [Fact]
    public async Task CheckToken_WhenTheRefreshAnswerHasNoRefreshToken_KeepsTheStoredOne()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.OmitRefreshTokenOnRefresh = true;
        var access = x.Access(tokenLifetime: TimeSpan.FromMinutes(5));
        access = access with { Credentials = access.Credentials with { RefreshTokenExpiresAtUtc = x.Now.AddDays(30) } };

        var check = await x.Connector.CheckTokenAsync(access, TimeSpan.FromMinutes(15), CancellationToken.None);

        var renewed = Assert.IsType<TokenCheck.Refreshed>(check).Credentials;
        Assert.Equal(access.Credentials.RefreshToken, renewed.RefreshToken);
        Assert.Equal(access.Credentials.RefreshTokenExpiresAtUtc, renewed.RefreshTokenExpiresAtUtc);
        Assert.NotEqual(access.Credentials.AccessToken, renewed.AccessToken);
    }

    [Theory]
    [InlineData("invalid_grant")]
    [InlineData("invalid_request")]
    public async Task CheckToken_WhenTheRefreshTokenIsDead_ReturnsInvalid(string error)
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.DeadRefreshTokenError = error;
        var access = x.Access(tokenLifetime: TimeSpan.FromMinutes(5));
        access = access with { Credentials = access.Credentials with { RefreshToken = "xrt-rotated-away" } };

        var check = await x.Connector.CheckTokenAsync(access, TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.Contains("Value passed for the token was invalid.", Assert.IsType<TokenCheck.Invalid>(check).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckToken_WhenTheUserRevokedTheApp_ReturnsInvalid()
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access();
        x.Fake.RevokeAll(XTestContext.UserId);

        var check = await x.Connector.CheckTokenAsync(access, TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.IsType<TokenCheck.Invalid>(check);
        Assert.Equal(["/2/users/me", "/2/oauth2/token"], x.Fake.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task CheckToken_WhenExpiredWithoutARefreshToken_ReturnsInvalidWithoutAskingX()
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access(withRefreshToken: false);
        x.Harness.Clock.Advance(TimeSpan.FromHours(3));

        var check = await x.Connector.CheckTokenAsync(access, TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.Contains("offline.access", Assert.IsType<TokenCheck.Invalid>(check).Reason, StringComparison.Ordinal);
        Assert.Empty(x.Fake.Requests);
    }

    [Fact]
    public async Task CheckToken_WhenDueWithoutARefreshTokenButNotExpired_ReturnsValidUntilExpiry()
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access(tokenLifetime: TimeSpan.FromMinutes(5), withRefreshToken: false);

        var check = await x.Connector.CheckTokenAsync(access, TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.Equal(access.Credentials.AccessTokenExpiresAtUtc, Assert.IsType<TokenCheck.Valid>(check).ExpiresAtUtc);
    }

    [Theory]
    [InlineData(Fault.ServerError)]
    [InlineData(Fault.RateLimited)]
    public async Task CheckToken_WhenTheTokenEndpointFails_ReturnsUnreachable(Fault fault)
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access(tokenLifetime: TimeSpan.FromMinutes(5));
        x.Fake.EnqueueFault(fault);

        var check = await x.Connector.CheckTokenAsync(access, TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.IsType<TokenCheck.Unreachable>(check);
        Assert.True(x.Fake.IsRefreshTokenLive(access.Credentials.RefreshToken!));
    }

    [Fact]
    public async Task CheckToken_WhenTheRefreshTimesOut_ReturnsUnreachable()
    {
        await using var x = await XTestContext.StartAsync();
        var access = x.Access(tokenLifetime: TimeSpan.FromMinutes(5));
        x.Fake.EnqueueFault(Fault.TimeoutBeforeProcessing);

        var check = await x.TimedOutAsync(x.Connector.CheckTokenAsync(access, TimeSpan.FromMinutes(15), CancellationToken.None));

        Assert.IsType<TokenCheck.Unreachable>(check);
    }

    [Fact]
    public void Errors_LegacyRateLimitBodyWithoutHeaders_IsRetryLaterWithTheDefaultWait()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        var ex = XErrors.From(response, """{"errors":[{"code":88,"message":"Rate limit exceeded"}]}""", clock, creates: true);

        Assert.Equal(ConnectorErrorKind.RetryLater, ex.Kind);
        Assert.Equal(RateLimits.DefaultWait, ex.RetryAfter);
        Assert.Equal("88", ex.PlatformCode);
    }

    [Fact]
    public void Errors_UsageCapExceeded_IsRetryLaterNamingTheCap()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("x-rate-limit-reset", clock.GetUtcNow().AddHours(2).ToUnixTimeSeconds().ToString());

        var ex = XErrors.From(response,
            """{"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap","type":"https://api.twitter.com/2/problems/usage-capped","period":"Monthly","scope":"Product"}""",
            clock, creates: true);

        Assert.Equal(ConnectorErrorKind.RetryLater, ex.Kind);
        Assert.Equal(TimeSpan.FromHours(2), ex.RetryAfter);
        Assert.Contains("monthly usage cap for CareDialog's app", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_InvalidRequest_IsRejectedWithXsExplanation()
    {
        var clock = new FakeTimeProvider();
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);

        var ex = XErrors.From(response,
            """{"errors":[{"parameters":{"max_results":["0"]},"message":"The `max_results` query parameter value [0] is not between 5 and 100"}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request"}""",
            clock, creates: false);

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("One or more parameters to your request was invalid.", ex.UserMessage, StringComparison.Ordinal);
        Assert.Equal("https://api.twitter.com/2/problems/invalid-request", ex.PlatformCode);
    }

    [Fact]
    public void Errors_ServerErrorOnARead_IsRetryLaterNotUnknown()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        var ex = XErrors.From(response, "", new FakeTimeProvider(), creates: false);

        Assert.Equal(ConnectorErrorKind.RetryLater, ex.Kind);
    }
}
