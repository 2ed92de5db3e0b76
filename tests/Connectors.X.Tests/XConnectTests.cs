using System.Text;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareDialog.Connectors.X.Tests;

public sealed class XConnectTests
{
    [Fact]
    public async Task BuildAuthorizeUrl_ByDefault_AsksForPkceS256StateRedirectAndOfflineAccess()
    {
        await using var x = await XTestContext.StartAsync();
        var verifier = Pkce.CreateVerifier();
        var start = new OAuthStart("state-123", Pkce.Challenge(verifier), XTestContext.RedirectUri);

        var url = x.Connector.BuildAuthorizeUrl(start);

        Assert.Equal("https://x.com/i/oauth2/authorize", url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(FakeXServer.ClientId, query["client_id"]);
        Assert.Equal(XTestContext.RedirectUri.ToString(), query["redirect_uri"]);
        Assert.Equal("state-123", query["state"]);
        Assert.Equal(Pkce.Challenge(verifier), query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("tweet.read tweet.write users.read tweet.moderate.write offline.access", query["scope"]);
        Assert.Contains("scope=tweet.read%20tweet.write", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAuthorizeUrl_WhenScopesConfigured_AsksForExactlyThose()
    {
        await using var x = await XTestContext.StartAsync(new Dictionary<string, string?>
        {
            ["Scopes:0"] = "tweet.read",
            ["Scopes:1"] = "tweet.write",
            ["Scopes:2"] = "users.read",
            ["Scopes:3"] = "offline.access",
        });

        var url = x.Connector.BuildAuthorizeUrl(new OAuthStart("s", "c", XTestContext.RedirectUri));

        Assert.Equal("tweet.read tweet.write users.read offline.access", QueryHelpers.ParseQuery(url.Query)["scope"]);
    }

    [Fact]
    public void AddXConnector_WithoutSettings_UsesTheDocumentedEndpoints()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddXConnector(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<PlatformOptions>>().Get(ConnectorRegistration.ClientName(Platform.X));

        Assert.Equal(new Uri("https://api.x.com/"), options.ApiBaseUrl);
        Assert.Equal(new Uri("https://x.com/i/oauth2/authorize"), options.AuthorizeUrl);
        Assert.Equal(new Uri("https://api.x.com/2/oauth2/token"), options.TokenUrl);
        Assert.Empty(options.Scopes);
        Assert.Same(provider.GetRequiredService<XConnector>(), provider.GetServices<IChannelConnector>().Single(c => c.Platform == Platform.X));
    }

    [Fact]
    public async Task CompleteOAuth_WithTheVerifier_ExchangesTheCodeAsConfidentialClientAndListsTheUser()
    {
        await using var x = await XTestContext.StartAsync();
        var verifier = Pkce.CreateVerifier();
        var code = x.Fake.IssueAuthorizationCode(XTestContext.UserId, Pkce.Challenge(verifier), XTestContext.RedirectUri, string.Join(' ', XConnector.DefaultScopes));

        var accounts = await x.Connector.CompleteOAuthAsync(new OAuthCallback(code, verifier, XTestContext.RedirectUri), CancellationToken.None);

        var account = Assert.Single(accounts);
        Assert.Equal(XTestContext.UserId, account.AccountId);
        Assert.Equal("@CityClinic", account.Handle);
        Assert.Equal("City Clinic", account.Name);
        Assert.Equal(XTestContext.UserId, account.Credentials.AccountId);
        Assert.False(string.IsNullOrEmpty(account.Credentials.AccessToken));
        Assert.True(x.Fake.IsRefreshTokenLive(account.Credentials.RefreshToken!));
        Assert.Equal(x.Now + FakeXServer.AccessTokenLifetime, account.Credentials.AccessTokenExpiresAtUtc);

        var exchange = x.Fake.Requests.Single(r => r.Path == "/2/oauth2/token");
        Assert.Equal("POST", exchange.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", exchange.ContentType, StringComparison.Ordinal);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeXServer.ClientId}:{FakeXServer.ClientSecret}"));
        Assert.Equal("Basic " + basic, exchange.Headers["Authorization"]);
        var form = QueryHelpers.ParseQuery("?" + exchange.Body);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal(code, form["code"]);
        Assert.Equal(verifier, form["code_verifier"]);
        Assert.Equal(XTestContext.RedirectUri.ToString(), form["redirect_uri"]);
        Assert.Equal(FakeXServer.ClientId, form["client_id"]);
        Assert.False(form.ContainsKey("client_secret"));

        var me = x.Fake.Requests.Single(r => r.Path == "/2/users/me");
        Assert.Equal("Bearer " + account.Credentials.AccessToken, me.Headers["Authorization"]);
    }

    [Fact]
    public async Task CompleteOAuth_WithAWrongVerifier_IsRejectedAndListsNothing()
    {
        await using var x = await XTestContext.StartAsync();
        var code = x.Fake.IssueAuthorizationCode(XTestContext.UserId, Pkce.Challenge(Pkce.CreateVerifier()), XTestContext.RedirectUri, "tweet.read");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            x.Connector.CompleteOAuthAsync(new OAuthCallback(code, Pkce.CreateVerifier(), XTestContext.RedirectUri), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.DoesNotContain(x.Fake.Requests, r => r.Path == "/2/users/me");
    }

    [Fact]
    public async Task CompleteOAuth_WithoutOfflineAccess_ConnectsWithoutARefreshToken()
    {
        await using var x = await XTestContext.StartAsync();
        var verifier = Pkce.CreateVerifier();
        var code = x.Fake.IssueAuthorizationCode(XTestContext.UserId, Pkce.Challenge(verifier), XTestContext.RedirectUri, "tweet.read tweet.write users.read");

        var account = Assert.Single(await x.Connector.CompleteOAuthAsync(new OAuthCallback(code, verifier, XTestContext.RedirectUri), CancellationToken.None));

        Assert.Null(account.Credentials.RefreshToken);
    }

    [Fact]
    public async Task UnsupportedOperations_ThrowNotSupported()
    {
        await using var x = await XTestContext.StartAsync();

        var token = await Assert.ThrowsAsync<ConnectorException>(() => x.Connector.ConnectWithTokenAsync(new TokenConnect("t", "a"), CancellationToken.None));
        var webhook = Assert.Throws<ConnectorException>(() => x.Connector.ParseWebhookEvent("{}"));

        Assert.Equal(ConnectorErrorKind.NotSupported, token.Kind);
        Assert.Equal(ConnectorErrorKind.NotSupported, webhook.Kind);
        Assert.Equal(ConnectMethod.OAuth, x.Connector.ConnectMethod);
        Assert.False(x.Connector.Features.HasFlag(ConnectorFeatures.Image));
        Assert.False(x.Connector.Features.HasFlag(ConnectorFeatures.Video));
        Assert.True(x.Connector.Features.HasFlag(ConnectorFeatures.Hide));
    }
}
