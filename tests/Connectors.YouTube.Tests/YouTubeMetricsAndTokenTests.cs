using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;

namespace CareDialog.Connectors.YouTube.Tests;

public sealed class YouTubeMetricsAndTokenTests : YouTubeTestBase
{
    [Fact]
    public async Task PostMetrics_WhenLikeCountIsHidden_ReturnsTheOthersAndAProblem()
    {
        var video = Fake.AddVideo("Clinic tour", "", Now.AddDays(-1));
        video.Views = 1234;
        video.Likes = null;
        Fake.AddComment(video.Id, "Jane", "Nice", Now.AddHours(-1));

        var metrics = await Connector.GetPostMetricsAsync(Access, video.Id, CancellationToken.None);

        Assert.Equal(1234, metrics.Values[MetricNames.VideoViews]);
        Assert.Equal(1, metrics.Values[MetricNames.Comments]);
        Assert.False(metrics.Values.ContainsKey(MetricNames.Reactions));
        var problem = Assert.Single(metrics.Problems);
        Assert.Equal(MetricNames.Reactions, problem.Metric);
        Assert.Equal(Now, metrics.AtUtc);
        var q = QueryHelpers.ParseQuery(Assert.Single(RequestsTo("/youtube/v3/videos")).Query);
        Assert.Equal("statistics", q["part"]);
        Assert.Equal(video.Id, q["id"]);
    }

    [Fact]
    public async Task PostMetrics_WhenCommentsAreDisabled_ReportsTheCommentCountAsAProblem()
    {
        var video = Fake.AddVideo("Clinic tour", "", Now.AddDays(-1));
        video.Likes = 7;
        video.CommentsEnabled = false;

        var metrics = await Connector.GetPostMetricsAsync(Access, video.Id, CancellationToken.None);

        Assert.Equal(7, metrics.Values[MetricNames.Reactions]);
        Assert.Equal(MetricNames.Comments, Assert.Single(metrics.Problems).Metric);
    }

    [Fact]
    public async Task PostMetrics_WhenVideoIsGone_ThrowsRejected()
    {
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.GetPostMetricsAsync(Access, "missing", CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
    }

    [Fact]
    public async Task AccountMetrics_ReturnsSubscribersAsFollowers()
    {
        Fake.Subscribers = 98765;

        var metrics = await Connector.GetAccountMetricsAsync(Access, CancellationToken.None);

        Assert.Equal(98765, metrics.Values[MetricNames.Followers]);
        Assert.Empty(metrics.Problems);
        var q = QueryHelpers.ParseQuery(Assert.Single(RequestsTo("/youtube/v3/channels")).Query);
        Assert.Equal("statistics", q["part"]);
        Assert.Equal(FakeYouTubeServer.ChannelId, q["id"]);
    }

    [Fact]
    public async Task AccountMetrics_WhenSubscriberCountIsHidden_ReportsAProblem()
    {
        Fake.HiddenSubscriberCount = true;

        var metrics = await Connector.GetAccountMetricsAsync(Access, CancellationToken.None);

        Assert.Empty(metrics.Values);
        Assert.Equal(MetricNames.Followers, Assert.Single(metrics.Problems).Metric);
    }

    [Fact]
    public async Task CheckToken_WhenTokenIsFreshAndAccepted_ReturnsValid()
    {
        var check = await Connector.CheckTokenAsync(Access, TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.Equal(Access.Credentials.AccessTokenExpiresAtUtc, Assert.IsType<TokenCheck.Valid>(check).ExpiresAtUtc);
        Assert.Empty(RequestsTo("/token"));
    }

    [Fact]
    public async Task CheckToken_WhenExpiringSoon_RefreshesAndKeepsTheStoredRefreshToken()
    {
        var check = await Connector.CheckTokenAsync(Access, TimeSpan.FromHours(1), CancellationToken.None);

        var refreshed = Assert.IsType<TokenCheck.Refreshed>(check).Credentials;
        Assert.NotEqual(AccessToken, refreshed.AccessToken);
        Assert.Equal(RefreshToken, refreshed.RefreshToken);
        Assert.Equal(Now.AddSeconds(3599), refreshed.AccessTokenExpiresAtUtc);
        Assert.Equal(FakeYouTubeServer.ChannelId, refreshed.AccountId);
        var form = QueryHelpers.ParseQuery(Assert.Single(RequestsTo("/token")).Body);
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal(RefreshToken, form["refresh_token"]);
        Assert.Equal(FakeYouTubeServer.ClientId, form["client_id"]);
        Assert.Equal(FakeYouTubeServer.ClientSecret, form["client_secret"]);
    }

    [Fact]
    public async Task CheckToken_WhenGoogleRotatesTheRefreshToken_StoresTheNewOne()
    {
        Fake.RefreshReturnsRefreshToken = true;

        var check = await Connector.CheckTokenAsync(Access, TimeSpan.FromHours(1), CancellationToken.None);

        var refreshed = Assert.IsType<TokenCheck.Refreshed>(check).Credentials;
        Assert.NotEqual(RefreshToken, refreshed.RefreshToken);
        Assert.StartsWith("1//", refreshed.RefreshToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckToken_WhenAccessTokenIsRefused_RefreshesIt()
    {
        Fake.ExpireAccessToken(AccessToken);

        var check = await Connector.CheckTokenAsync(Access, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal(RefreshToken, Assert.IsType<TokenCheck.Refreshed>(check).Credentials.RefreshToken);
    }

    [Fact]
    public async Task CheckToken_WhenRefreshTokenIsRevoked_ReturnsInvalid()
    {
        Fake.RevokeRefreshToken(RefreshToken);

        var check = await Connector.CheckTokenAsync(Access, TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Contains("7 days", Assert.IsType<TokenCheck.Invalid>(check).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckToken_WhenTokenEndpointFails_ReturnsUnreachable()
    {
        Fake.EnqueueFault(Fault.ServerError);

        var check = await Connector.CheckTokenAsync(Access, TimeSpan.FromHours(1), CancellationToken.None);

        Assert.IsType<TokenCheck.Unreachable>(check);
    }

    [Fact]
    public async Task CheckToken_WhenApiIsDown_ReturnsUnreachable()
    {
        Fake.EnqueueFault(Fault.ServerError, times: 3);

        var check = await Connector.CheckTokenAsync(Access, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.IsType<TokenCheck.Unreachable>(check);
    }
}
