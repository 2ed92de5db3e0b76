using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Vk.Tests;

public sealed class VkConnectTests : VkTestBase
{
    [Fact]
    public async Task ConnectWithToken_WhenTokenIsTheCommunitys_ReturnsTheCommunityAsAccount()
    {
        var account = await Connector.ConnectWithTokenAsync(new TokenConnect(Token, Group), CancellationToken.None);

        Assert.Equal(Group, account.AccountId);
        Assert.Equal(FakeVkServer.GroupName, account.Name);
        Assert.Equal(FakeVkServer.ScreenName, account.Handle);
        Assert.Equal(Token, account.Credentials.AccessToken);
        Assert.Equal(Group, account.Credentials.AccountId);
        Assert.Null(account.Credentials.AccessTokenExpiresAtUtc);

        var call = Assert.Single(Fake.Requests);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/method/groups.getById", call.Path);
        Assert.Equal("", call.Query);
        Assert.StartsWith("application/x-www-form-urlencoded", call.ContentType, StringComparison.Ordinal);
        var form = Form(call);
        Assert.Equal(Token, form["access_token"]);
        Assert.Equal("5.199", form["v"]);
        Assert.False(form.ContainsKey("group_id"));
    }

    [Theory]
    [InlineData("-218765432")]
    [InlineData("club218765432")]
    [InlineData("public218765432")]
    [InlineData("https://vk.com/polyclinic1")]
    [InlineData("polyclinic1")]
    [InlineData("")]
    public async Task ConnectWithToken_AcceptsTheCommunityInItsUsualSpellings(string accountId)
    {
        var account = await Connector.ConnectWithTokenAsync(new TokenConnect(Token, accountId), CancellationToken.None);

        Assert.Equal(Group, account.AccountId);
    }

    [Fact]
    public async Task ConnectWithToken_WhenTokenBelongsToAnotherCommunity_Rejects()
    {
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.ConnectWithTokenAsync(new TokenConnect(Token, "club999"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("not to club999", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectWithToken_WhenTokenIsPersonal_RejectsAndAsksForACommunityToken()
    {
        Fake.AddUserToken("vk1.a.user-token");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.ConnectWithTokenAsync(new TokenConnect("vk1.a.user-token", Group), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("community token", ex.UserMessage, StringComparison.Ordinal);
        Assert.Equal("100", ex.PlatformCode);
    }

    [Fact]
    public async Task ConnectWithToken_WhenTokenIsRevoked_Rejects()
    {
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.ConnectWithTokenAsync(new TokenConnect("vk1.a.revoked", Group), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Equal("5", ex.PlatformCode);
        Assert.DoesNotContain("vk1.a.revoked", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OAuth_IsNotSupported()
    {
        Assert.Equal(ConnectMethod.Token, Connector.ConnectMethod);
        Assert.Equal(ConnectorErrorKind.NotSupported,
            Assert.Throws<ConnectorException>(() => Connector.BuildAuthorizeUrl(new OAuthStart("s", "c", new Uri("https://x/cb")))).Kind);
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.CompleteOAuthAsync(new OAuthCallback("c", "v", new Uri("https://x/cb")), CancellationToken.None));
        Assert.Equal(ConnectorErrorKind.NotSupported, ex.Kind);
    }

    [Fact]
    public async Task GetCallbackConfirmationCode_ReturnsTheCommunitysCode()
    {
        var code = await Connector.GetCallbackConfirmationCodeAsync(Access, CancellationToken.None);

        Assert.Equal(FakeVkServer.ConfirmationCode, code);
        Assert.Equal(Group, Form(Assert.Single(Calls("groups.getCallbackConfirmationCode")))["group_id"]);
    }
}
