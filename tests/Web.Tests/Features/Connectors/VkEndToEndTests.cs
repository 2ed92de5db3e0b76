using System.Net;
using System.Net.Http.Json;
using System.Text;
using CareDialog.Connectors.Vk.Tests;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Inbox;
using CareDialog.Web.Features.Channels;
using CareDialog.Web.Features.Inbox;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Connectors;

/// <summary>VK through the product against the fake API: community token, publish, Callback API (confirmation, secret, "ok"), answer.</summary>
public sealed class VkEndToEndTests(PlatformsAppFixture app) : AppTests<PlatformsAppFixture>(app)
{
    private const string Token = "vk1.a.e2e-community-token";
    private const string Secret = "e2e-callback-secret";
    private readonly Scenario _scenario = new(app, "RU");

    private static StringContent Body(string body) => new(body, Encoding.UTF8, "application/json");

    private static string ReplyEvent(long postId, long commentId, string text, string eventId, string secret) =>
        "{\"type\":\"wall_reply_new\",\"object\":{\"id\":" + commentId + ",\"from_id\":123456,\"post_id\":" + postId
        + ",\"owner_id\":-" + FakeVkServer.GroupId + ",\"post_owner_id\":-" + FakeVkServer.GroupId + ",\"parents_stack\":[],\"date\":1774000000,\"text\":\""
        + text + "\",\"thread\":{\"count\":0}},\"group_id\":" + FakeVkServer.GroupId + ",\"event_id\":\"" + eventId + "\",\"v\":\"5.199\",\"secret\":\"" + secret + "\"}";

    [Fact]
    public async Task Vk_ConnectPublishCallbackAndAnswer_EndToEnd()
    {
        App.Vk.AddCommunityToken(Token);
        App.Vk.AddUser(123456, "Ольга", "Смирнова");
        var (_, slug, _) = await OrgAsync("RU");
        var admin = await SignInAsync("admin@caredialog.demo");

        var connect = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/channels/token", new TokenConnectRequest("vk", Token, FakeVkServer.GroupId.ToString(),
            new Dictionary<string, string> { [ChannelSettingKeys.VkCallbackConfirmation] = "a1b2c3d4", [ChannelSettingKeys.VkCallbackSecret] = Secret }));
        Assert.True(connect.StatusCode == HttpStatusCode.Created, await connect.Content.ReadAsStringAsync());
        var channel = await ReadAsync<ChannelDto>(connect);

        const string text = "Прививочный кабинет работает по субботам с 9 до 13. Запись не нужна.";
        var target = await OAuthFlow.PublishAsync(App, _scenario, channel.Id, text);
        var post = App.Vk.Posts.Single(p => p.Text == text);
        Assert.Equal(target.IdempotencyKey, post.Guid);

        // Callback API: confirmation answered with the stored string; a wrong secret is refused; a repeat is stored once.
        var anon = Anonymous();
        var url = $"/webhooks/vk/{channel.Id}";
        Assert.Equal("a1b2c3d4", await (await anon.PostAsync(url, Body($$"""{"type":"confirmation","group_id":{{FakeVkServer.GroupId}}}"""))).Content.ReadAsStringAsync());
        var comment = App.Vk.AddComment(post.Id, 123456, "Во сколько открывается прививочный кабинет?", App.Clock.GetUtcNow().UtcDateTime);
        var body = ReplyEvent(post.Id, comment.Id, comment.Text, "evt-0001", Secret);
        Assert.Equal(HttpStatusCode.Forbidden, (await anon.PostAsync(url, Body(ReplyEvent(post.Id, comment.Id, comment.Text, "evt-0001", "wrong")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anon.PostAsync(url, Body("{\"type\":"))).StatusCode);
        Assert.Equal("ok", await (await anon.PostAsync(url, Body(body))).Content.ReadAsStringAsync());
        Assert.Equal("ok", await (await anon.PostAsync(url, Body(body))).Content.ReadAsStringAsync());
        Assert.Equal(1, await Db(db => db.InboundEvents.CountAsync(e => e.ChannelId == channel.Id)));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProcessInboundEvents>().RunAsync(default);
        }

        var item = await Db(db => db.InboxItems.AsNoTracking().SingleAsync(i => i.ChannelId == channel.Id));
        Assert.Equal("Во сколько открывается прививочный кабинет?", item.Text);

        var reply = await ReadAsync<InboxReplyDto>(await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("С 9 утра, по субботам до 13.")));
        Assert.True(reply.State == "Sent", reply.Error);
        Assert.Contains(App.Vk.Comments, c => c.ReplyToComment == comment.Id && c.Text == "С 9 утра, по субботам до 13.");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/hide", new HideRequestDto("spam"))).StatusCode);
    }
}
