using CareDialog.Connectors.Meta.Facebook;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta.Tests;

public sealed class FacebookConnectTests : MetaTestBase
{
    [Fact]
    public void BuildAuthorizeUrl_ContainsClientStateRedirectCommaSeparatedScopesAndPkce()
    {
        var url = Facebook.BuildAuthorizeUrl(new OAuthStart("st4te", "ch4llenge", new Uri(RedirectUri)));

        Assert.Equal("https://www.facebook.com/v25.0/dialog/oauth", url.GetLeftPart(UriPartial.Path));
        var query = Query(url.Query);
        Assert.Equal(Fake.AppId, query["client_id"]);
        Assert.Equal(RedirectUri, query["redirect_uri"]);
        Assert.Equal("st4te", query["state"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("ch4llenge", query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(string.Join(",", FacebookConnector.DefaultScopes), query["scope"]);
        Assert.Contains("pages_manage_posts", query["scope"].Split(','));
        Assert.Contains("pages_manage_engagement", query["scope"].Split(','));
    }

    [Fact]
    public async Task CompleteOAuth_ExchangesCodeForLongLivedTokenAndListsEveryPageWithItsPageToken()
    {
        var second = Fake.AddPage("100200300", "Riverside Pharmacy");
        Fake.AddUser("10160000000000002", "Sam Admin", PageId, second.Id);
        var code = Fake.IssueCode("10160000000000002", RedirectUri);

        var accounts = await Facebook.CompleteOAuthAsync(new OAuthCallback(code, "v3rifier", new Uri(RedirectUri)), CancellationToken.None);

        Assert.Equal(2, accounts.Count);
        var clinic = accounts.Single(a => a.AccountId == PageId);
        Assert.Equal("Riverside Clinic", clinic.Name);
        Assert.Equal("riversideclinic", clinic.Handle);
        Assert.Equal(Page.Token, clinic.Credentials.AccessToken);
        Assert.Equal(PageId, clinic.Credentials.AccountId);
        Assert.Null(clinic.Credentials.AccessTokenExpiresAtUtc);
        var pharmacy = accounts.Single(a => a.AccountId == second.Id);
        Assert.Equal(second.Token, pharmacy.Credentials.AccessToken);
        Assert.Equal(second.Id, pharmacy.Handle);

        var exchange = Assert.Single(RequestsTo("POST", "/v25.0/oauth/access_token"));
        var form = Form(exchange);
        Assert.Equal(code, form["code"]);
        Assert.Equal(RedirectUri, form["redirect_uri"]);
        Assert.Equal("v3rifier", form["code_verifier"]);
        Assert.Equal(Fake.AppSecret, form["client_secret"]);
        var longLived = Query(Assert.Single(RequestsTo("GET", "/v25.0/oauth/access_token")));
        Assert.Equal("fb_exchange_token", longLived["grant_type"]);
        var accountsRequest = Query(Assert.Single(RequestsTo("GET", "/v25.0/me/accounts")));
        Assert.True(Fake.Token(accountsRequest["access_token"])?.LongLived, "Pages must be listed with the long-lived user token so their tokens never expire.");
    }

    [Fact]
    public async Task CompleteOAuth_WhenCodeIsInvalid_ThrowsRejected()
    {
        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Facebook.CompleteOAuthAsync(new OAuthCallback("not-a-code", "v", new Uri(RedirectUri)), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
    }

    [Fact]
    public async Task ConnectWithToken_IsNotSupported()
    {
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Facebook.ConnectWithTokenAsync(new TokenConnect("t", PageId), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NotSupported, ex.Kind);
        Assert.Equal(ConnectMethod.OAuth, Facebook.ConnectMethod);
    }

    [Fact]
    public async Task SubscribeWebhooks_InstallsTheAppOnThePageForFeed()
    {
        await Facebook.SubscribeWebhooksAsync(FacebookAccess, CancellationToken.None);

        Assert.Equal("feed", Fake.Page(PageId).SubscribedFields);
    }

    [Fact]
    public async Task CheckToken_WhenPageTokenWorks_ReturnsValidWithoutExpiry()
    {
        var check = await Facebook.CheckTokenAsync(FacebookAccess, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Equal(new TokenCheck.Valid(null), check);
        Assert.Equal("id", Query(Assert.Single(RequestsTo("GET", $"/{PageId}")))["fields"]);
    }

    [Fact]
    public async Task CheckToken_WhenTokenExpired_ReturnsInvalid()
    {
        Fake.EnqueueFault(Fault.ExpiredToken);

        var check = await Facebook.CheckTokenAsync(FacebookAccess, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.IsType<TokenCheck.Invalid>(check);
    }

    [Fact]
    public async Task CheckToken_WhenRateLimited_ReturnsUnreachable()
    {
        Fake.EnqueueFault(Fault.RateLimited);

        var check = await Facebook.CheckTokenAsync(FacebookAccess, TimeSpan.FromDays(7), CancellationToken.None);

        Assert.IsType<TokenCheck.Unreachable>(check);
    }

    [Fact]
    public async Task CheckToken_WhenGraphKeepsFailing_ReturnsUnreachableAfterTheSafeRetries()
    {
        Fake.EnqueueFault(Fault.ServerError, 3);

        var check = await AdvancingClockAsync(FacebookHarness, () => Facebook.CheckTokenAsync(FacebookAccess, TimeSpan.FromDays(7), CancellationToken.None));

        Assert.IsType<TokenCheck.Unreachable>(check);
        Assert.Equal(3, RequestsTo("GET", $"/{PageId}").Count);
    }
}
