using System.Net;
using System.Net.Http.Json;
using CareDialog.Compliance.Platforms;
using CareDialog.Web.Features.Inbox;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Tests.Features.Connectors;

/// <summary>X and LinkedIn through the product against their fakes: OAuth with PKCE, publish, replies read by polling, answer.</summary>
public sealed class XAndLinkedInEndToEndTests(PlatformsAppFixture app) : AppTests<PlatformsAppFixture>(app)
{
    private readonly Scenario _scenario = new(app, "DK");

    [Fact]
    public async Task X_ConnectPublishReadAnswerAndHide_EndToEnd()
    {
        const string clinic = "1500000000000000777";
        const string citizen = "1500000000000000888";
        App.X.AddUser(clinic, "RHNordkysten", "Regionshospitalet Nordkysten", followers: 3100);
        App.X.AddUser(citizen, "mette_l", "Mette L.");
        var (_, slug, _) = await OrgAsync("DK");
        var admin = await SignInAsync("admin@caredialog.demo");

        var consent = await OAuthFlow.StartAsync(admin, slug, Platform.X);
        Assert.Contains("offline.access", consent["scope"]);
        var code = App.X.IssueAuthorizationCode(clinic, consent["code_challenge"]!, new Uri(consent["redirect_uri"]!), consent["scope"]!);
        var channel = await OAuthFlow.FinishAsync(App, admin, _scenario, consent["state"]!, code, clinic);

        var target = await OAuthFlow.PublishAsync(App, _scenario, channel.Id, "Influenzavaccination for alle over 65 fra 1. oktober. Book tid hos egen læge.");
        Assert.Contains(App.X.Tweets, t => t.Id == target.RemoteId && t.AuthorId == clinic);

        var question = App.X.AddTweet(citizen, "@RHNordkysten Gælder det også for pårørende? 🤔", App.Clock.GetUtcNow(), inReplyTo: target.RemoteId);
        await OAuthFlow.PollAsync(App, channel.Id);
        var item = await Db(db => db.InboxItems.AsNoTracking().SingleAsync(i => i.ChannelId == channel.Id && i.RemoteId == question.Id));

        var reply = await ReadAsync<InboxReplyDto>(await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Nej, kun for borgere over 65 og risikogrupper.")));
        Assert.True(reply.State == "Sent", reply.Error);
        Assert.Contains(App.X.Tweets, t => t.InReplyToTweetId == question.Id && t.AuthorId == clinic);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/hide", new HideRequestDto("Test of moderation"))).StatusCode);
        Assert.True(App.X.Tweets.Single(t => t.Id == question.Id).Hidden);
    }

    [Fact]
    public async Task LinkedIn_ConnectPublishReadAndAnswer_EndToEnd_AndHideIsRefusedBecauseLinkedInHasNone()
    {
        const string member = "mem-e2e-1";
        const string org = "91000001";
        App.LinkedIn.AddMember(member, "Dana", "Admin", "dana-admin");
        App.LinkedIn.AddOrganization(org, "Regionshospitalet Nordkysten", "rh-nordkysten", followers: 5200);
        App.LinkedIn.Grant(member, org, "ADMINISTRATOR");
        var (_, slug, _) = await OrgAsync("DK");
        var admin = await SignInAsync("admin@caredialog.demo");

        var consent = await OAuthFlow.StartAsync(admin, slug, Platform.LinkedIn);
        var code = App.LinkedIn.IssueAuthorizationCode(member, new Uri(consent["redirect_uri"]!));
        var channel = await OAuthFlow.FinishAsync(App, admin, _scenario, consent["state"]!, code, "urn:li:organization:" + org);

        var target = await OAuthFlow.PublishAsync(App, _scenario, channel.Id, "Vi søger frivillige til vores nye besøgsvenneordning (læs mere på rh.dk).");
        var post = App.LinkedIn.Posts.Single(p => p.Urn == target.RemoteId);
        Assert.Equal("urn:li:organization:" + org, post.Author);

        var comment = App.LinkedIn.AddComment(post, "urn:li:person:citizen-1", "Hvordan melder man sig?", at: App.Clock.GetUtcNow());
        await OAuthFlow.PollAsync(App, channel.Id);
        var item = await Db(db => db.InboxItems.AsNoTracking().SingleAsync(i => i.ChannelId == channel.Id));
        Assert.Equal("Hvordan melder man sig?", item.Text);

        var reply = await ReadAsync<InboxReplyDto>(await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Skriv til frivillig@rh.dk, så ringer vi dig op.")));
        Assert.True(reply.State == "Sent", reply.Error);
        Assert.Contains(App.LinkedIn.Comments, c => c.Parent?.Urn == comment.Urn && c.Actor == "urn:li:organization:" + org);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/hide", new HideRequestDto("spam"))).StatusCode);
    }
}
