using System.Text;
using CareDialog.Connectors.Telegram.Tests;
using CareDialog.Core.Data;
using CareDialog.Compliance.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDialog.Web.BrowserTests;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class InboxJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Ru = "uslon-crb";

    [Fact]
    public async Task Admin_ConnectsTelegramWithAToken_SeesItsHealth_AndAnswersAMessageFromTheInbox()
    {
        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await new LoginPage(page, app.BaseUrl).SignInAsync("admin@caredialog.demo");
        await page.WaitForURLAsync("**/calendar");

        // Connect: paste the bot token and the channel; the page shows the channel as connected.
        await page.GotoAsync($"{app.BaseUrl}/o/{Ru}/settings/channels");
        await WaitInteractiveAsync(page);
        await page.Locator("input[name='token-value']").FillAsync(FakeTelegramServer.BotToken);
        await page.Locator("input[name='token-value']").PressAsync("Tab");
        await page.Locator("input[name='token-account']").FillAsync("@" + FakeTelegramServer.ChannelUsername);
        await page.Locator("input[name='token-account']").PressAsync("Tab");
        await page.Locator("button[name='token-connect-button']").ClickAsync();
        await Expect(page.Locator("#channels-notice")).ToContainTextAsync("Connected", new() { Timeout = 15000 });
        var row = page.Locator("#channel-table tr", new() { HasText = "@" + FakeTelegramServer.ChannelUsername });
        await Expect(row).ToHaveAttributeAsync("data-health", "Connected");
        await Expect(row.Locator(".channel-health")).ToContainTextAsync("connected");
        await Expect(row.Locator(".webhook-url")).ToContainTextAsync("https://caredialog.test/webhooks/telegram/");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "channels-token-health.png"), FullPage = true });

        // A citizen writes to the bot: Telegram delivers the update to our webhook with the channel's secret.
        Guid channelId;
        using (var scope = app.Services.CreateScope())
        {
            channelId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Channels
                .Where(c => c.Platform == Platform.Telegram).Select(c => c.Id).SingleAsync();
        }

        const string question = "Здравствуйте! Можно ли прийти на прививку без записи? <script>alert(1)</script>";
        var messageId = app.Telegram.Seed(FakeTelegramServer.PatientChatId, question);
        var update = SampleUpdates.DirectMessageWith(question).Replace("\"message_id\":7", $"\"message_id\":{messageId}", StringComparison.Ordinal);
        using var http = new HttpClient();
        var delivery = new HttpRequestMessage(HttpMethod.Post, $"{app.BaseUrl}/webhooks/telegram/{channelId}") { Content = new StringContent(update, Encoding.UTF8, "application/json") };
        delivery.Headers.Add("X-Telegram-Bot-Api-Secret-Token", app.Telegram.Webhook!.SecretToken);
        (await http.SendAsync(delivery)).EnsureSuccessStatusCode();

        // The responder finds it in the inbox (processed by the background job), opens it and answers.
        var item = page.Locator(".cd-inbox-item", new() { HasText = "прививку без записи" });
        for (var i = 0; i < 20 && await item.CountAsync() == 0; i++)
        {
            // Time passes: the scheduler (on the app's clock, frozen in tests) wakes and runs the inbox sweep.
            app.Clock.Advance(TimeSpan.FromSeconds(2));
            await page.WaitForTimeoutAsync(500);
            await page.GotoAsync($"{app.BaseUrl}/o/{Ru}/inbox");
        }

        await Expect(item).ToBeVisibleAsync(new() { Timeout = 10000 });
        await Expect(item.Locator(".cd-inbox-text")).ToContainTextAsync("<script>alert(1)</script>"); // shown as text, not run
        await WaitInteractiveAsync(page);
        var reply = await InboxItems.OpenForReplyAsync(page, item);

        await reply.FillAsync("Да, прививочный кабинет принимает без записи с 8 до 12.");
        await reply.PressAsync("Tab");
        await item.Locator("button[name='send-reply']").ClickAsync();
        await Expect(page.Locator("#inbox-notice")).ToContainTextAsync("Reply sent", new() { Timeout = 15000 });
        Assert.Contains(app.Telegram.MessagesIn(FakeTelegramServer.PatientChatId), m => m.Text == "Да, прививочный кабинет принимает без записи с 8 до 12." && m.ReplyToMessageId == messageId);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "inbox-reply.png"), FullPage = true });
    }

    private static async Task WaitInteractiveAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.WaitForTimeoutAsync(700);
    }
}
