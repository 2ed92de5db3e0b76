using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareDialog.Connectors.LinkedIn.Tests;

public sealed class LinkedInConnectTests
{
    [Fact]
    public async Task BuildAuthorizeUrl_ByDefault_AsksForStateRedirectPkceAndTheCommunityManagementScopes()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var verifier = Pkce.CreateVerifier();

        var url = li.Connector.BuildAuthorizeUrl(new OAuthStart("state-456", Pkce.Challenge(verifier), LinkedInTestContext.RedirectUri));

        Assert.Equal("https://www.linkedin.com/oauth/v2/authorization", url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(FakeLinkedInServer.ClientId, query["client_id"]);
        Assert.Equal(LinkedInTestContext.RedirectUri.ToString(), query["redirect_uri"]);
        Assert.Equal("state-456", query["state"]);
        Assert.Equal("r_basicprofile w_member_social r_organization_social w_organization_social rw_organization_admin", query["scope"]);
        Assert.Equal(Pkce.Challenge(verifier), query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
    }

    [Fact]
    public void AddLinkedInConnector_WithoutSettings_UsesTheDocumentedEndpointsAndVersion()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLinkedInConnector(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<PlatformOptions>>().Get(ConnectorRegistration.ClientName(Platform.LinkedIn));
        var linkedIn = provider.GetRequiredService<IOptions<LinkedInOptions>>().Value;

        Assert.Equal(new Uri("https://api.linkedin.com/"), options.ApiBaseUrl);
        Assert.Equal(new Uri("https://www.linkedin.com/oauth/v2/authorization"), options.AuthorizeUrl);
        Assert.Equal(new Uri("https://www.linkedin.com/oauth/v2/accessToken"), options.TokenUrl);
        Assert.Equal(LinkedInOptions.DefaultVersion, linkedIn.Version);
        Assert.Same(provider.GetRequiredService<LinkedInConnector>(), provider.GetServices<IChannelConnector>().Single(c => c.Platform == Platform.LinkedIn));
    }

    [Fact]
    public void AddLinkedInConnector_WithAVersionSetting_BindsIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:LinkedIn:Version"] = "202608",
            ["Connectors:LinkedIn:RateLimitMaxWait"] = "00:20:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddLinkedInConnector(configuration);
        using var provider = services.BuildServiceProvider();

        var linkedIn = provider.GetRequiredService<IOptions<LinkedInOptions>>().Value;

        Assert.Equal("202608", linkedIn.Version);
        Assert.Equal(TimeSpan.FromMinutes(20), linkedIn.RateLimitMaxWait);
    }

    [Fact]
    public async Task CompleteOAuth_ExchangesTheCodeAndListsThePagesTheMemberMayPostAsAndTheMember()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var code = li.Fake.IssueAuthorizationCode(LinkedInTestContext.MemberId, LinkedInTestContext.RedirectUri);

        var accounts = await li.Connector.CompleteOAuthAsync(new OAuthCallback(code, Pkce.CreateVerifier(), LinkedInTestContext.RedirectUri), CancellationToken.None);

        Assert.Equal([LinkedInTestContext.Hospital, LinkedInTestContext.Clinic, LinkedInTestContext.Person], accounts.Select(a => a.AccountId));
        Assert.Equal(["Regional Hospital", "Harbour Clinic", "Dana Doe"], accounts.Select(a => a.Name));
        Assert.Equal(["regional-hospital", "harbour-clinic", "dana-doe"], accounts.Select(a => a.Handle));
        Assert.All(accounts, a =>
        {
            Assert.Equal(a.AccountId, a.Credentials.AccountId);
            Assert.Equal(li.Now + FakeLinkedInServer.AccessTokenLifetime, a.Credentials.AccessTokenExpiresAtUtc);
            Assert.Equal(li.Now + FakeLinkedInServer.RefreshTokenLifetime, a.Credentials.RefreshTokenExpiresAtUtc);
            Assert.True(li.Fake.IsRefreshTokenLive(a.Credentials.RefreshToken!));
        });

        var exchange = li.Fake.Requests.Single(r => r.Path == "/oauth/v2/accessToken");
        Assert.False(exchange.Headers.ContainsKey("Authorization"));
        var form = QueryHelpers.ParseQuery("?" + exchange.Body);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal(code, form["code"]);
        Assert.Equal(LinkedInTestContext.RedirectUri.ToString(), form["redirect_uri"]);
        Assert.Equal(FakeLinkedInServer.ClientId, form["client_id"]);
        Assert.Equal(FakeLinkedInServer.ClientSecret, form["client_secret"]);

        var acls = li.Fake.Requests.Single(r => r.Path == "/rest/organizationAcls");
        Assert.Equal("roleAssignee", QueryHelpers.ParseQuery(acls.Query)["q"]);
        Assert.Equal(LinkedInOptions.DefaultVersion, acls.Headers["LinkedIn-Version"]);
        Assert.Equal("2.0.0", acls.Headers["X-Restli-Protocol-Version"]);
        Assert.Equal("FINDER", acls.Headers["X-RestLi-Method"]);
    }

    [Fact]
    public async Task CompleteOAuth_WithAnUnknownCode_AsksForANewSignIn()
    {
        await using var li = await LinkedInTestContext.StartAsync();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            li.Connector.CompleteOAuthAsync(new OAuthCallback("used-code", Pkce.CreateVerifier(), LinkedInTestContext.RedirectUri), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NeedsReconnect, ex.Kind);
        Assert.DoesNotContain(li.Fake.Requests, r => r.Path.StartsWith("/rest/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompleteOAuth_WhenTheVersionIsSunset_SaysWhichSettingToUpdate()
    {
        await using var li = await LinkedInTestContext.StartAsync(new Dictionary<string, string?> { ["Version"] = "202301" });
        var code = li.Fake.IssueAuthorizationCode(LinkedInTestContext.MemberId, LinkedInTestContext.RedirectUri);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            li.Connector.CompleteOAuthAsync(new OAuthCallback(code, Pkce.CreateVerifier(), LinkedInTestContext.RedirectUri), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("Connectors:LinkedIn:Version", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedOperations_ThrowNotSupported()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var item = new InboundItem("urn:li:comment:(urn:li:activity:1,2)", InboundKind.Comment, "x", "LinkedIn member", null, DateTime.UtcNow, "urn:li:share:1");

        var hide = await Assert.ThrowsAsync<ConnectorException>(() => li.Connector.SetHiddenAsync(li.Access(), item, true, CancellationToken.None));
        var token = await Assert.ThrowsAsync<ConnectorException>(() => li.Connector.ConnectWithTokenAsync(new TokenConnect("t", "a"), CancellationToken.None));
        var webhook = Assert.Throws<ConnectorException>(() => li.Connector.ParseWebhookEvent("{}"));

        Assert.Equal(ConnectorErrorKind.NotSupported, hide.Kind);
        Assert.Equal(ConnectorErrorKind.NotSupported, token.Kind);
        Assert.Equal(ConnectorErrorKind.NotSupported, webhook.Kind);
        Assert.False(li.Connector.Features.HasFlag(ConnectorFeatures.Hide));
        Assert.True(li.Connector.Features.HasFlag(ConnectorFeatures.Image));
        Assert.Empty(li.Fake.Requests);
    }
}
