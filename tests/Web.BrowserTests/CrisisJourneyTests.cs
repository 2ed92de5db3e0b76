using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDialog.Web.BrowserTests;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class CrisisJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Dk = "rh-nordkysten";
    private const string Reason = "Mange klager efter TV-indslag om ventetider; ingen planlagte opslag før vi har svaret.";

    [Fact]
    public async Task Manager_PausesPublishingWithAReason_DraftsAHoldingStatement_AndResumes()
    {
        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1100 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await new LoginPage(page, app.BaseUrl).SignInAsync("manager@caredialog.demo");
        await page.WaitForURLAsync("**/calendar");

        await page.GotoAsync($"{app.BaseUrl}/o/{Dk}/crisis");
        await Expect(page.Locator(".cd-holding[data-statement='da/aware']")).ToBeVisibleAsync();
        await WaitInteractiveAsync(page);

        // Pause: a reason is required; the page and every planning page show the pause until it is resumed.
        var publishing = page.Locator("#crisis-publishing");
        for (var i = 0; i < 20 && await publishing.GetAttributeAsync("data-paused") != "true"; i++)
        {
            // The box goes away once the pause has rendered; a slow render must not be mistaken for a lost click.
            if (await page.Locator("textarea[name='pause-reason']").CountAsync() == 0)
            {
                await page.WaitForTimeoutAsync(300);
                continue;
            }

            await page.Locator("textarea[name='pause-reason']").FillAsync(Reason);
            await page.Locator("textarea[name='pause-reason']").PressAsync("Tab");
            await page.Locator("button[name='pause-publishing']").ClickAsync();
            await page.WaitForTimeoutAsync(300);
        }

        await Expect(publishing).ToHaveAttributeAsync("data-paused", "true");
        await Expect(page.Locator("#publishing-paused-banner")).ToContainTextAsync(Reason);
        await Expect(page.Locator("#crisis-notice")).ToContainTextAsync("Publishing is paused");

        // One click from a pre-approved holding statement to a draft, which then goes through approval as usual.
        await page.Locator("button[name='draft-da-aware']").ClickAsync();
        await Expect(page.Locator("#crisis-notice")).ToContainTextAsync("Draft created", new() { Timeout = 15000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "crisis-paused.png"), FullPage = true });
        await page.Locator("#crisis-draft-link").ClickAsync();
        await Expect(page.Locator("#post-status")).ToHaveAttributeAsync("data-status", "Draft", new() { Timeout = 15000 });
        await Expect(page.Locator("#publishing-paused-banner")).ToBeVisibleAsync();

        await page.GotoAsync($"{app.BaseUrl}/o/{Dk}/calendar");
        await Expect(page.Locator("#publishing-paused-banner")).ToContainTextAsync(Reason);

        // Resume with a note; the pause stays in the history.
        await page.GotoAsync($"{app.BaseUrl}/o/{Dk}/crisis");
        await Expect(publishing).ToHaveAttributeAsync("data-paused", "true");
        await WaitInteractiveAsync(page);
        for (var i = 0; i < 20 && await publishing.GetAttributeAsync("data-paused") != "false"; i++)
        {
            if (await page.Locator("textarea[name='resume-note']").CountAsync() == 0)
            {
                await page.WaitForTimeoutAsync(300);
                continue;
            }

            await page.Locator("textarea[name='resume-note']").FillAsync("Holding statement published; calm again.");
            await page.Locator("textarea[name='resume-note']").PressAsync("Tab");
            await page.Locator("button[name='resume-publishing']").ClickAsync();
            await page.WaitForTimeoutAsync(300);
        }

        await Expect(publishing).ToHaveAttributeAsync("data-paused", "false");
        await Expect(page.Locator("#publishing-paused-banner")).ToHaveCountAsync(0);
        await Expect(page.Locator("#pause-history")).ToContainTextAsync("Holding statement published; calm again.");
    }

    private static async Task WaitInteractiveAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.WaitForTimeoutAsync(700);
    }
}
