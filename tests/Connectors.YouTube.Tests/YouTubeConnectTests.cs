using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;

namespace CareDialog.Connectors.YouTube.Tests;

public sealed class YouTubeConnectTests : YouTubeTestBase
{
    private static readonly Uri Redirect = new("https://care.example/channels/connect/callback");

    [Fact]
    public void BuildAuthorizeUrl_AsksForOfflineAccessWithPkceStateAndScopes()
    {
        var url = Connector.BuildAuthorizeUrl(new OAuthStart("state-123", "challenge-abc", Redirect));

        Assert.Equal("https://accounts.google.com/o/oauth2/v2/auth", url.GetLeftPart(UriPartial.Path));
        var q = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("code", q["response_type"]);
        Assert.Equal(FakeYouTubeServer.ClientId, q["client_id"]);
        Assert.Equal(Redirect.ToString(), q["redirect_uri"]);
        Assert.Equal("state-123", q["state"]);
        Assert.Equal("challenge-abc", q["code_challenge"]);
        Assert.Equal("S256", q["code_challenge_method"]);
        Assert.Equal("offline", q["access_type"]);
        Assert.Equal("consent", q["prompt"]);
        Assert.Equal(
            ["https://www.googleapis.com/auth/youtube.force-ssl", "https://www.googleapis.com/auth/youtube.upload"],
            q["scope"].ToString().Split(' '));
    }

    [Fact]
    public async Task CompleteOAuth_WhenCodeIsValid_ReturnsTheChannelWithBothTokens()
    {
        Fake.GrantCode("4/0Aean-code", "verifier-xyz");

        var accounts = await Connector.CompleteOAuthAsync(new OAuthCallback("4/0Aean-code", "verifier-xyz", Redirect), CancellationToken.None);

        var account = Assert.Single(accounts);
        Assert.Equal(FakeYouTubeServer.ChannelId, account.AccountId);
        Assert.Equal(FakeYouTubeServer.ChannelTitle, account.Name);
        Assert.Equal(FakeYouTubeServer.ChannelHandle, account.Handle);
        Assert.Equal(FakeYouTubeServer.ChannelId, account.Credentials.AccountId);
        Assert.StartsWith("ya29.", account.Credentials.AccessToken, StringComparison.Ordinal);
        Assert.StartsWith("1//", account.Credentials.RefreshToken, StringComparison.Ordinal);
        Assert.Equal(Now.AddSeconds(3599), account.Credentials.AccessTokenExpiresAtUtc);

        var token = Assert.Single(RequestsTo("/token"));
        Assert.Equal("POST", token.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", token.ContentType, StringComparison.Ordinal);
        var form = QueryHelpers.ParseQuery(token.Body);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("4/0Aean-code", form["code"]);
        Assert.Equal("verifier-xyz", form["code_verifier"]);
        Assert.Equal(Redirect.ToString(), form["redirect_uri"]);
        Assert.Equal(FakeYouTubeServer.ClientSecret, form["client_secret"]);

        var channels = Assert.Single(RequestsTo("/youtube/v3/channels"));
        Assert.Equal("GET", channels.Method);
        Assert.Equal("true", QueryHelpers.ParseQuery(channels.Query)["mine"]);
        Assert.Equal("Bearer " + account.Credentials.AccessToken, channels.Headers["Authorization"]);
    }

    [Fact]
    public async Task CompleteOAuth_WhenGoogleSendsNoRefreshToken_RejectsWithAReconnectHint()
    {
        Fake.CodeExchangeOmitsRefreshToken = true;
        Fake.GrantCode("4/code", "v");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.CompleteOAuthAsync(new OAuthCallback("4/code", "v", Redirect), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("refresh token", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteOAuth_WhenCodeIsUnknown_RejectsAsReconnect()
    {
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.CompleteOAuthAsync(new OAuthCallback("4/stale", "v", Redirect), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NeedsReconnect, ex.Kind);
        Assert.Equal("invalid_grant", ex.PlatformCode);
    }

    [Fact]
    public async Task ConnectWithToken_IsNotSupported()
    {
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.ConnectWithTokenAsync(new TokenConnect("t", "UC1"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NotSupported, ex.Kind);
        Assert.Equal(ConnectMethod.OAuth, Connector.ConnectMethod);
    }

    [Fact]
    public void ParseWebhookEvent_IsNotSupported()
    {
        var ex = Assert.Throws<ConnectorException>(() => Connector.ParseWebhookEvent("{}"));

        Assert.Equal(ConnectorErrorKind.NotSupported, ex.Kind);
        Assert.False(Connector.Features.HasFlag(ConnectorFeatures.Webhooks));
    }
}
