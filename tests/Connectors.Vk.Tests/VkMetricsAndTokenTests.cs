using System.Globalization;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Vk.Tests;

public sealed class VkMetricsAndTokenTests : VkTestBase
{
    [Fact]
    public async Task PostMetrics_WhenViewsAreMissing_ReturnsTheOtherCountersAndAProblem()
    {
        var post = Fake.AddPost("Прививки", Now.AddDays(-1));
        post.Views = null;
        post.Likes = 42;
        post.Reposts = 3;
        Fake.AddComment(post.Id, 1, "Спасибо", Now.AddHours(-1));
        var id = post.Id.ToString(CultureInfo.InvariantCulture);

        var metrics = await Connector.GetPostMetricsAsync(Access, id, CancellationToken.None);

        Assert.Equal(42, metrics.Values[MetricNames.Reactions]);
        Assert.Equal(3, metrics.Values[MetricNames.Shares]);
        Assert.Equal(1, metrics.Values[MetricNames.Comments]);
        Assert.Equal(MetricNames.Impressions, Assert.Single(metrics.Problems).Metric);
        Assert.Equal(Now, metrics.AtUtc);
        Assert.Equal($"-{Group}_{id}", Form(Assert.Single(Calls("wall.getById")))["posts"]);
    }

    [Fact]
    public async Task PostMetrics_WithViews_ReportsThemAsImpressions()
    {
        var post = Fake.AddPost("Прививки", Now.AddDays(-1));
        post.Views = 1500;

        var metrics = await Connector.GetPostMetricsAsync(Access, post.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.Equal(1500, metrics.Values[MetricNames.Impressions]);
        Assert.Empty(metrics.Problems);
    }

    [Fact]
    public async Task PostMetrics_WhenPostIsGone_ThrowsRejected()
    {
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.GetPostMetricsAsync(Access, "9999", CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
    }

    [Fact]
    public async Task AccountMetrics_ReturnsMembersAsFollowers()
    {
        Fake.Members = 8125;

        var metrics = await Connector.GetAccountMetricsAsync(Access, CancellationToken.None);

        Assert.Equal(8125, metrics.Values[MetricNames.Followers]);
        var form = Form(Assert.Single(Calls("groups.getById")));
        Assert.Equal(Group, form["group_id"]);
        Assert.Equal("members_count", form["fields"]);
    }

    [Fact]
    public async Task AccountMetrics_WhenMembersAreHidden_ReportsAProblem()
    {
        Fake.HideMembers = true;

        var metrics = await Connector.GetAccountMetricsAsync(Access, CancellationToken.None);

        Assert.Empty(metrics.Values);
        Assert.Equal(MetricNames.Followers, Assert.Single(metrics.Problems).Metric);
    }

    [Fact]
    public async Task CheckToken_WhenVkAcceptsIt_ReturnsValidWithoutExpiry()
    {
        var check = await Connector.CheckTokenAsync(Access, TimeSpan.FromDays(1), CancellationToken.None);

        Assert.Null(Assert.IsType<TokenCheck.Valid>(check).ExpiresAtUtc);
        Assert.Equal(Group, Form(Assert.Single(Calls("groups.getById")))["group_id"]);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(27)]
    [InlineData(28)]
    public async Task CheckToken_WhenVkRefusesTheToken_ReturnsInvalid(int code)
    {
        Fake.EnqueueVkError(code);

        var check = await Connector.CheckTokenAsync(Access, TimeSpan.FromDays(1), CancellationToken.None);

        Assert.Contains($"error {code}", Assert.IsType<TokenCheck.Invalid>(check).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckToken_WhenTokenWasRevoked_ReturnsInvalid()
    {
        Fake.RevokeToken(Token);

        Assert.IsType<TokenCheck.Invalid>(await Connector.CheckTokenAsync(Access, TimeSpan.FromDays(1), CancellationToken.None));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(9)]
    [InlineData(10)]
    public async Task CheckToken_WhenVkIsBusyOrFailing_ReturnsUnreachable(int code)
    {
        Fake.EnqueueVkError(code);

        Assert.IsType<TokenCheck.Unreachable>(await Connector.CheckTokenAsync(Access, TimeSpan.FromDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task CheckToken_WhenVkAnswersWithHttp500_ReturnsUnreachable()
    {
        Fake.EnqueueFault(Fault.ServerError);

        Assert.IsType<TokenCheck.Unreachable>(await Connector.CheckTokenAsync(Access, TimeSpan.FromDays(1), CancellationToken.None));
    }
}
