using System.Net;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace CareDialog.Connectors.LinkedIn.Tests;

public sealed class LinkedInMetricsAndTokenTests
{
    [Fact]
    public async Task PostMetrics_ForAPagePost_ReturnsItsLifetimeShareStatistics()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var post = li.Fake.AddPost(LinkedInTestContext.Hospital, "Metrics please");
        post.Impressions = 1500;
        post.UniqueImpressions = 900;
        post.Likes = 40;
        post.Shares = 3;
        post.Clicks = 25;
        li.Fake.AddComment(post, "urn:li:person:p1", "Nice");

        var result = await li.Connector.GetPostMetricsAsync(li.Access(), post.Urn, CancellationToken.None);

        Assert.Empty(result.Problems);
        Assert.Equal(1500, result.Values[MetricNames.Impressions]);
        Assert.Equal(900, result.Values[MetricNames.Reach]);
        Assert.Equal(40, result.Values[MetricNames.Reactions]);
        Assert.Equal(1, result.Values[MetricNames.Comments]);
        Assert.Equal(3, result.Values[MetricNames.Shares]);
        Assert.Equal(25, result.Values[MetricNames.Clicks]);
        Assert.Equal(li.Now, result.AtUtc);
        var request = li.Fake.Requests.Single(r => r.Path == "/rest/organizationalEntityShareStatistics");
        var query = QueryHelpers.ParseQuery(request.Query);
        Assert.Equal("organizationalEntity", query["q"]);
        Assert.Equal(LinkedInTestContext.Hospital, query["organizationalEntity"]);
        Assert.Equal($"List({post.Urn})", query["shares"]);
    }

    [Fact]
    public async Task PostMetrics_WhenOneStatisticIsRetired_ReturnsTheRestAndAProblem()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var post = li.Fake.AddPost(LinkedInTestContext.Hospital, "Metrics please");
        post.Impressions = 10;
        li.Fake.RetiredShareStatistics.Add("uniqueImpressionsCount");

        var result = await li.Connector.GetPostMetricsAsync(li.Access(), post.Urn, CancellationToken.None);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(MetricNames.Reach, problem.Metric);
        Assert.Contains("uniqueImpressionsCount", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(10, result.Values[MetricNames.Impressions]);
        Assert.Equal(5, result.Values.Count);
    }

    [Fact]
    public async Task PostMetrics_WhenTheMemberMayNotSeePageStatistics_ReportsProblemsInsteadOfFailing()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var post = li.Fake.AddPost(LinkedInTestContext.Clinic, "Content admins cannot read statistics");

        var result = await li.Connector.GetPostMetricsAsync(li.Access(LinkedInTestContext.Clinic), post.Urn, CancellationToken.None);

        Assert.Empty(result.Values);
        Assert.Equal(6, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.Contains("Not enough permissions", p.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostMetrics_ForAMembersOwnPost_ReportsThatOnlyPagesHaveStatistics()
    {
        await using var li = await LinkedInTestContext.StartAsync();

        var result = await li.Connector.GetPostMetricsAsync(li.Access(LinkedInTestContext.Person), "urn:li:share:1", CancellationToken.None);

        Assert.Empty(result.Values);
        Assert.Contains(result.Problems, p => p.Metric == MetricNames.Impressions);
        Assert.Empty(li.Fake.Requests);
    }

    [Fact]
    public async Task AccountMetrics_ForAPage_ReturnsItsFollowers()
    {
        await using var li = await LinkedInTestContext.StartAsync();

        var result = await li.Connector.GetAccountMetricsAsync(li.Access(), CancellationToken.None);

        Assert.Equal(4200, result.Values[MetricNames.Followers]);
        var request = li.Fake.Requests.Single();
        Assert.Equal($"/rest/networkSizes/{LinkedInTestContext.Hospital}", request.Path);
        Assert.Equal("COMPANY_FOLLOWED_BY_MEMBER", QueryHelpers.ParseQuery(request.Query)["edgeType"]);
    }

    [Fact]
    public async Task AccountMetrics_ForAMember_ReportsAProblem()
    {
        await using var li = await LinkedInTestContext.StartAsync();

        var result = await li.Connector.GetAccountMetricsAsync(li.Access(LinkedInTestContext.Person), CancellationToken.None);

        Assert.Equal(MetricNames.Followers, Assert.Single(result.Problems).Metric);
    }

    [Fact]
    public async Task CheckToken_WhenFarFromExpiry_AsksLinkedInAndReturnsValid()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access();

        var check = await li.Connector.CheckTokenAsync(access, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Equal(access.Credentials.AccessTokenExpiresAtUtc, Assert.IsType<TokenCheck.Valid>(check).ExpiresAtUtc);
        Assert.Equal("/rest/me", Assert.Single(li.Fake.Requests).Path);
    }

    [Fact]
    public async Task CheckToken_WhenDue_RefreshesWithoutExtendingTheRefreshTokensLife()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access();
        var refreshExpiry = access.Credentials.RefreshTokenExpiresAtUtc;
        li.Harness.Clock.Advance(TimeSpan.FromDays(55));

        var check = await li.Connector.CheckTokenAsync(access, TimeSpan.FromDays(7), CancellationToken.None);

        var renewed = Assert.IsType<TokenCheck.Refreshed>(check).Credentials;
        Assert.NotEqual(access.Credentials.AccessToken, renewed.AccessToken);
        Assert.Equal(li.Now + FakeLinkedInServer.AccessTokenLifetime, renewed.AccessTokenExpiresAtUtc);
        Assert.Equal(access.Credentials.RefreshToken, renewed.RefreshToken);
        Assert.Equal(refreshExpiry, renewed.RefreshTokenExpiresAtUtc);
        var form = QueryHelpers.ParseQuery("?" + li.Fake.Requests.Single().Body);
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal(access.Credentials.RefreshToken, form["refresh_token"]);
        Assert.Equal(FakeLinkedInServer.ClientId, form["client_id"]);
        Assert.Equal(FakeLinkedInServer.ClientSecret, form["client_secret"]);
    }

    [Fact]
    public async Task CheckToken_WhenTheRefreshTokenRotates_ReturnsTheNewOne()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        li.Fake.RotateRefreshTokens = true;
        var access = li.Access(tokenLifetime: TimeSpan.FromDays(2));

        var check = await li.Connector.CheckTokenAsync(access, TimeSpan.FromDays(7), CancellationToken.None);

        var renewed = Assert.IsType<TokenCheck.Refreshed>(check).Credentials;
        Assert.NotEqual(access.Credentials.RefreshToken, renewed.RefreshToken);
        Assert.True(li.Fake.IsRefreshTokenLive(renewed.RefreshToken!));
        Assert.False(li.Fake.IsRefreshTokenLive(access.Credentials.RefreshToken!));
        Assert.Equal(access.Credentials.RefreshTokenExpiresAtUtc, renewed.RefreshTokenExpiresAtUtc);
    }

    [Fact]
    public async Task CheckToken_WhenTheRefreshAnswerHasNoRefreshToken_KeepsTheStoredOne()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        li.Fake.OmitRefreshTokenOnRefresh = true;
        var access = li.Access(tokenLifetime: TimeSpan.FromDays(2));

        var check = await li.Connector.CheckTokenAsync(access, TimeSpan.FromDays(7), CancellationToken.None);

        var renewed = Assert.IsType<TokenCheck.Refreshed>(check).Credentials;
        Assert.Equal(access.Credentials.RefreshToken, renewed.RefreshToken);
        Assert.Equal(access.Credentials.RefreshTokenExpiresAtUtc, renewed.RefreshTokenExpiresAtUtc);
        Assert.NotEqual(access.Credentials.AccessToken, renewed.AccessToken);
    }

    [Fact]
    public async Task CheckToken_WhenTheRefreshTokenIsRefused_ReturnsInvalid()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access(tokenLifetime: TimeSpan.FromDays(2));
        access = access with { Credentials = access.Credentials with { RefreshToken = "lrt-unknown" } };

        var check = await li.Connector.CheckTokenAsync(access, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Contains("connect the account again", Assert.IsType<TokenCheck.Invalid>(check).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckToken_WhenTheMemberRevokedAccess_ReturnsInvalid()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access();
        li.Fake.RevokeAll(LinkedInTestContext.MemberId);

        var check = await li.Connector.CheckTokenAsync(access, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.IsType<TokenCheck.Invalid>(check);
        Assert.Equal(["/rest/me", "/oauth/v2/accessToken"], li.Fake.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task CheckToken_WhenExpiredWithoutARefreshToken_ReturnsInvalidWithoutAskingLinkedIn()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access(withRefreshToken: false);
        li.Harness.Clock.Advance(TimeSpan.FromDays(61));

        var check = await li.Connector.CheckTokenAsync(access, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Contains("60 days", Assert.IsType<TokenCheck.Invalid>(check).Reason, StringComparison.Ordinal);
        Assert.Empty(li.Fake.Requests);
    }

    [Fact]
    public async Task CheckToken_WhenTheRefreshTokenItselfHasExpired_ReturnsInvalidWithoutAskingLinkedIn()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access(tokenLifetime: TimeSpan.FromDays(1));
        access = access with { Credentials = access.Credentials with { RefreshTokenExpiresAtUtc = li.Now.AddHours(-1) } };
        li.Harness.Clock.Advance(TimeSpan.FromDays(2));

        var check = await li.Connector.CheckTokenAsync(access, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.IsType<TokenCheck.Invalid>(check);
        Assert.Empty(li.Fake.Requests);
    }

    [Fact]
    public async Task CheckToken_WhenDueWithoutARefreshToken_ReturnsValidUntilExpirySoPeopleCanReconsent()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access(tokenLifetime: TimeSpan.FromDays(3), withRefreshToken: false);

        var check = await li.Connector.CheckTokenAsync(access, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Equal(access.Credentials.AccessTokenExpiresAtUtc, Assert.IsType<TokenCheck.Valid>(check).ExpiresAtUtc);
        Assert.Empty(li.Fake.Requests);
    }

    [Theory]
    [InlineData(Fault.ServerError)]
    [InlineData(Fault.RateLimited)]
    public async Task CheckToken_WhenTheTokenEndpointFails_ReturnsUnreachable(Fault fault)
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var access = li.Access(tokenLifetime: TimeSpan.FromDays(2));
        li.Fake.EnqueueFault(fault);

        var check = await li.Connector.CheckTokenAsync(access, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.IsType<TokenCheck.Unreachable>(check);
    }

    [Fact]
    public async Task CheckToken_WhenTheVersionIsSunset_IsUnreachableNamingTheSetting()
    {
        await using var li = await LinkedInTestContext.StartAsync(new Dictionary<string, string?> { ["Version"] = "202301" });

        var check = await li.Connector.CheckTokenAsync(li.Access(), TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Contains("Connectors:LinkedIn:Version", Assert.IsType<TokenCheck.Unreachable>(check).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_ValidationAnswer_IsRejectedWithLinkedInsWords()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.UnprocessableEntity);

        var ex = LinkedInErrors.From(response, """{"status":422,"message":"ERROR :: /commentary :: field is required but not found and has no default value\n"}""",
            new FakeTimeProvider(), new LinkedInOptions(), creates: true);

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("/commentary :: field is required", ex.UserMessage, StringComparison.Ordinal);
        Assert.Equal("422", ex.PlatformCode);
    }

    [Fact]
    public void Errors_IllegalArgument_IsRejected()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);

        var ex = LinkedInErrors.From(response, """{"status":400,"code":"ILLEGAL_ARGUMENT","message":"Request body could not be converted to data map"}""",
            new FakeTimeProvider(), new LinkedInOptions(), creates: true);

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Equal("ILLEGAL_ARGUMENT", ex.PlatformCode);
    }

    [Fact]
    public void Errors_RateLimitWithRetryAfter_HonoursIt()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new(TimeSpan.FromSeconds(90));

        var ex = LinkedInErrors.From(response, "", new FakeTimeProvider(), new LinkedInOptions(), creates: true);

        Assert.Equal(TimeSpan.FromSeconds(90), ex.RetryAfter);
    }
}
