using System.Net;
using System.Net.Http.Json;
using System.Text;
using CareDialog.Connectors.Telegram.Tests;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing;
using CareDialog.Web.Features.Channels;
using CareDialog.Web.Features.Inbox;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Connectors;

/// <summary>Telegram through the product against the fake Bot API: connect with a token, publish, receive by webhook, answer.</summary>
public sealed class TelegramEndToEndTests(PlatformsAppFixture app) : AppTests<PlatformsAppFixture>(app)
{
    private readonly Scenario _scenario = new(app, "RU");

    private async Task<ChannelDto> ConnectAsync(HttpClient admin, string slug)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/channels/token",
            new TokenConnectRequest("telegram", FakeTelegramServer.BotToken, "@" + FakeTelegramServer.ChannelUsername));
        Assert.True(response.StatusCode is HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await ReadAsync<ChannelDto>(response);
    }

    private HttpRequestMessage Webhook(Guid channelId, string body, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/telegram/{channelId}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        return request;
    }

    [Fact]
    public async Task Telegram_ConnectPublishReceiveAndAnswer_EndToEnd()
    {
        var (_, slug, _) = await OrgAsync("RU");
        var admin = await SignInAsync("admin@caredialog.demo");

        // Connect: token checked with getMe/getChat/getChatMember, webhook registered at our public URL with a secret.
        var channel = await ConnectAsync(admin, slug);
        Assert.Equal("Connected", channel.Health);
        Assert.Equal($"{PlatformsAppFixture.PublicBaseUrl}/webhooks/telegram/{channel.Id}", App.Telegram.Webhook!.Url);
        var secret = App.Telegram.Webhook.SecretToken!;

        // Publish through the scheduler's sweep.
        const string text = "Поликлиника работает в субботу с 9 до 14 часов. Запись по телефону регистратуры.";
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1), text);
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
        }

        var target = await Db(db => db.PostTargets.AsNoTracking().SingleAsync(t => t.PostId == post.Id));
        Assert.Equal(PublicationState.Published, target.State);
        Assert.Contains(App.Telegram.MessagesIn(FakeTelegramServer.ChannelId), m => m.Text == text);
        Assert.StartsWith($"https://t.me/{FakeTelegramServer.ChannelUsername}/", target.RemoteUrl);

        // Receive: a citizen writes to the bot; the delivery is verified, stored once, then processed into the inbox.
        const string question = "Можно ли записаться на прививку от гриппа в субботу? 🙏";
        var messageId = App.Telegram.Seed(FakeTelegramServer.PatientChatId, question);
        var update = SampleUpdates.DirectMessageWith(question).Replace("\"message_id\":7", $"\"message_id\":{messageId}", StringComparison.Ordinal);
        var anon = Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.SendAsync(Webhook(channel.Id, update, "wrong-secret"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.SendAsync(Webhook(channel.Id, update, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anon.SendAsync(Webhook(channel.Id, "{\"update_id\":", secret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.SendAsync(Webhook(channel.Id, update, secret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.SendAsync(Webhook(channel.Id, update, secret))).StatusCode);
        Assert.Equal(1, await Db(db => db.InboundEvents.CountAsync(e => e.ChannelId == channel.Id)));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProcessInboundEvents>().RunAsync(default);
        }

        var item = await Db(db => db.InboxItems.AsNoTracking().SingleAsync(i => i.ChannelId == channel.Id));
        Assert.Equal(question, item.Text);

        // Answer from the inbox: sent as a reply in the same private chat.
        var reply = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Да, в субботу с 9 до 14, без записи."));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var sent = await ReadAsync<InboxReplyDto>(reply);
        Assert.True(sent.State == "Sent", sent.Error);
        Assert.Contains(App.Telegram.MessagesIn(FakeTelegramServer.PatientChatId), m => m.Text == "Да, в субботу с 9 до 14, без записи." && m.ReplyToMessageId is not null);
    }

    [Fact]
    public async Task TelegramWebhook_ForAnUnknownChannel_IsRejectedAndNothingIsStored()
    {
        var before = await Db(db => db.InboundEvents.CountAsync());

        var response = await Anonymous().SendAsync(Webhook(Guid.NewGuid(), SampleUpdates.DirectMessageWith("hi"), "anything"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await Db(db => db.InboundEvents.CountAsync()));
    }
}
