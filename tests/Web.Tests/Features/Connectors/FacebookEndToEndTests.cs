using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Web;
using CareDialog.Connectors.Meta.Tests;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing;
using CareDialog.Web.Features.Inbox;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Connectors;

/// <summary>Facebook through the product against the fake Graph API: Facebook Login, publish, signed webhook, answer, hide.</summary>
public sealed class FacebookEndToEndTests(PlatformsAppFixture app) : AppTests<PlatformsAppFixture>(app)
{
    private const string PageId = "900000000000001";
    private const string UserId = "10160000000000077";
    private readonly Scenario _scenario = new(app, "DK");

    private HttpRequestMessage Webhook(byte[] body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/meta") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return request;
    }

    private static string CommentPayload(string pageId, string postId, string commentId, string text) =>
        "{\"object\":\"page\",\"entry\":[{\"id\":\"" + pageId + "\",\"time\":1774000000,\"changes\":[{\"field\":\"feed\",\"value\":{"
        + "\"from\":{\"id\":\"5550001\",\"name\":\"Zoë Ångström\"},\"post_id\":\"" + postId + "\",\"comment_id\":\"" + commentId
        + "\",\"created_time\":1774000000,\"item\":\"comment\",\"parent_id\":\"" + postId + "\",\"verb\":\"add\",\"message\":"
        + WebhookPayloads.JsonString(text) + "}}]}]}";

    [Fact]
    public async Task Facebook_LoginPublishReceiveAnswerAndHide_EndToEnd()
    {
        App.Graph.AddPage(PageId, "Regionshospitalet Nordkysten", "rhnordkysten");
        App.Graph.AddUser(UserId, "Dana Admin", PageId);
        var (_, slug, _) = await OrgAsync("DK");
        var admin = await SignInAsync("admin@caredialog.demo");

        // Facebook Login: our redirect carries state, PKCE and the registered callback; the fake plays the consent page.
        var start = await admin.GetAsync($"/o/{slug}/channels/connect/facebook");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var query = HttpUtility.ParseQueryString(start.Headers.Location!.Query);
        Assert.Equal($"{PlatformsAppFixture.PublicBaseUrl}/channels/connect/callback", query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        var code = App.Graph.IssueCode(UserId, query["redirect_uri"]!);
        var callback = await admin.GetAsync($"/channels/connect/callback?code={code}&state={Uri.EscapeDataString(query["state"]!)}");
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var pendingId = Guid.Parse(callback.Headers.Location!.ToString().Split('/').Last());
        Channel channel;
        using (var scope = App.Services.CreateScope())
        {
            var actor = await _scenario.ActorAsync("admin@caredialog.demo");
            channel = Scenario.Ok(await scope.ServiceProvider.GetRequiredService<ConnectChannel>()
                .ChooseAsync(actor, pendingId, [PageId], default, new Uri(PlatformsAppFixture.PublicBaseUrl))).Single();
        }

        Assert.Equal("Regionshospitalet Nordkysten", channel.Name);
        Assert.Contains("feed", App.Graph.Page(PageId).SubscribedFields);

        // Publish through the sweep.
        const string text = "Fra mandag åbner den nye parkeringsplads ved indgang 3. Følg skiltene fra Ringvejen.";
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1), text);
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
        }

        var target = await Db(db => db.PostTargets.AsNoTracking().SingleAsync(t => t.PostId == post.Id));
        Assert.True(target.State == PublicationState.Published, target.LastError);

        // A comment arrives by signed webhook: verified over the raw bytes, stored once, processed into the inbox.
        const string question = "Hvor mange pladser er der til handicapbiler? ♿";
        var comment = App.Graph.AddComment(target.RemoteId!, "5550001", "Zoë Ångström", question, App.Clock.GetUtcNow().UtcDateTime);
        var body = WebhookPayloads.MetaEncoded(CommentPayload(PageId, target.RemoteId!, comment.Id, question));
        var anon = Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.SendAsync(Webhook(body, WebhookPayloads.Sign(body, "wrong-secret")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.SendAsync(Webhook(body, null))).StatusCode);
        var reserialised = Encoding.UTF8.GetBytes(CommentPayload(PageId, target.RemoteId!, comment.Id, question));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.SendAsync(Webhook(reserialised, WebhookPayloads.Sign(body, App.Graph.AppSecret)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.SendAsync(Webhook(body, WebhookPayloads.Sign(body, App.Graph.AppSecret)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.SendAsync(Webhook(body, WebhookPayloads.Sign(body, App.Graph.AppSecret)))).StatusCode);
        Assert.Equal(1, await Db(db => db.InboundEvents.CountAsync(e => e.ChannelId == channel.Id)));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProcessInboundEvents>().RunAsync(default);
        }

        var item = await Db(db => db.InboxItems.AsNoTracking().SingleAsync(i => i.ChannelId == channel.Id));
        Assert.Equal(question, item.Text);
        Assert.Equal(post.Id, item.PostId);

        // Answer and hide from the inbox; the fake Graph's state shows both.
        var reply = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Der er 12 handicappladser tæt ved indgang 3."));
        var sent = await ReadAsync<InboxReplyDto>(reply);
        Assert.True(sent.State == "Sent", sent.Error);
        var hide = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/hide", new HideRequestDto("Test of moderation"));
        Assert.Equal(HttpStatusCode.NoContent, hide.StatusCode);
        Assert.True(App.Graph.Comment(comment.Id).Hidden);
    }

    [Fact]
    public async Task Facebook_ProcessKilledAfterThePlatformCall_IsReconciledByTheNextWorker_AndPostedOnce()
    {
        const string pageId = "900000000000003";
        const string userId = "10160000000000099";
        App.Graph.AddPage(pageId, "Regionshospitalet Nordkysten Akut", "rhakut");
        App.Graph.AddUser(userId, "Dana Admin", pageId);
        var (_, slug, _) = await OrgAsync("DK");
        var admin = await SignInAsync("admin@caredialog.demo");
        var consent = await OAuthFlow.StartAsync(admin, slug, CareDialog.Compliance.Platforms.Platform.Facebook);
        var channel = await OAuthFlow.FinishAsync(App, admin, _scenario, consent["state"]!, App.Graph.IssueCode(userId, consent["redirect_uri"]!), pageId);
        const string text = "Akutmodtagelsen har ny indgang fra mandag: brug indgang 7.";
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1), text);
        App.Clock.Advance(TimeSpan.FromMinutes(2));

        // The worker dies right after Facebook stored the post, before CareDialog could record the answer.
        using (var scope = App.Services.CreateScope())
        {
            var facebook = scope.ServiceProvider.GetRequiredService<ConnectorRegistry>().For(CareDialog.Compliance.Platforms.Platform.Facebook);
            var dying = ActivatorUtilities.CreateInstance<PublishDuePosts>(scope.ServiceProvider, new ConnectorRegistry([new DiesAfterCall(facebook)]));
            await Assert.ThrowsAsync<ProcessKilled>(() => dying.RunAsync(default));
        }

        // After the lease, the next worker looks the post up on Facebook instead of sending it again.
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
        }

        var target = await Db(db => db.PostTargets.AsNoTracking().SingleAsync(t => t.PostId == post.Id));
        Assert.Equal(PublicationState.Published, target.State);
        Assert.Single(App.Graph.Requests, r => r.Method == "POST" && r.Path.EndsWith($"/{pageId}/feed", StringComparison.Ordinal));
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == "post.channel_reconciled" && a.EntityId == post.Id.ToString())));
    }

    private sealed class ProcessKilled : Exception;

    private sealed class DiesAfterCall(IChannelConnector inner) : DelegatingConnector(inner)
    {
        public override async Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct)
        {
            await base.PublishAsync(request, ct);
            throw new ProcessKilled();
        }
    }

    [Fact]
    public async Task MetaWebhook_ForAPageConnectedByTwoOrganisations_IsStoredForBoth()
    {
        const string pageId = "900000000000004";
        const string userId = "10160000000000100";
        App.Graph.AddPage(pageId, "Fælles sundhedsside", "faelles");
        App.Graph.AddUser(userId, "Dana Admin", pageId);
        var admin = await SignInAsync("admin@caredialog.demo");
        var channels = new List<Guid>();
        foreach (var country in new[] { "DK", "FI" })
        {
            var (_, slug, _) = await OrgAsync(country);
            var consent = await OAuthFlow.StartAsync(admin, slug, CareDialog.Compliance.Platforms.Platform.Facebook);
            var channel = await OAuthFlow.FinishAsync(App, admin, new Scenario(App, country), consent["state"]!, App.Graph.IssueCode(userId, consent["redirect_uri"]!), pageId);
            channels.Add(channel.Id);
        }

        var body = WebhookPayloads.MetaEncoded(CommentPayload(pageId, pageId + "_1", "1_77", "Hej"));
        var response = await Anonymous().SendAsync(Webhook(body, WebhookPayloads.Sign(body, App.Graph.AppSecret)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await Db(db => db.InboundEvents.CountAsync(e => channels.Contains(e.ChannelId))));
    }

    [Fact]
    public async Task MetaHandshake_AnswersTheChallengeOnlyWithTheVerifyToken()
    {
        var anon = Anonymous();

        var ok = await anon.GetAsync($"/webhooks/meta?hub.mode=subscribe&hub.verify_token={PlatformsAppFixture.MetaVerifyToken}&hub.challenge=1158201444");
        var wrong = await anon.GetAsync("/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444");

        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task MetaWebhook_ForAnUnknownPage_OrMalformed_StoresNothing()
    {
        var before = await Db(db => db.InboundEvents.CountAsync());
        var unknown = WebhookPayloads.MetaEncoded(CommentPayload("123456789", "123456789_1", "1_2", "hej"));
        var malformed = Encoding.ASCII.GetBytes("{\"object\":\"page\",\"entry\":[");

        var a = await Anonymous().SendAsync(Webhook(unknown, WebhookPayloads.Sign(unknown, App.Graph.AppSecret)));
        var b = await Anonymous().SendAsync(Webhook(malformed, WebhookPayloads.Sign(malformed, App.Graph.AppSecret)));

        Assert.Equal(HttpStatusCode.Forbidden, a.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, b.StatusCode);
        Assert.Equal(before, await Db(db => db.InboundEvents.CountAsync()));
    }
}
