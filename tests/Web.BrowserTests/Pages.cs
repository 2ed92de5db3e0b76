using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDialog.Web.BrowserTests;

/// <summary>Page objects: tests say what a person does, these know where on the page it happens.</summary>
public sealed class LoginPage(IPage page, string baseUrl)
{
    public async Task SignInAsync(string email, string password = "CareDialog-demo-2026")
    {
        await page.GotoAsync($"{baseUrl}/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
    }

    public async Task SignOutAsync()
    {
        await page.Locator("#logout").ClickAsync();
        await page.WaitForURLAsync("**/account/login**");
    }
}

public sealed class EditorPage(IPage page)
{
    public ILocator Status => page.Locator("#post-status");

    /// <summary>
    /// A click on prerendered HTML before the Blazor circuit connects is lost; retry until the interactive page reacts.
    /// </summary>
    public async Task ToggleChannelAsync(string handle)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Locator($"#channel-{handle}").ClickAsync();
            try
            {
                await Expect(page.Locator($".cd-preview[data-channel='{handle}']")).ToBeVisibleAsync(new() { Timeout = 500 });
                return;
            }
            catch (PlaywrightException)
            {
                // not interactive yet
            }
        }

        throw new InvalidOperationException("The editor never became interactive.");
    }

    public async Task WriteAsync(string title, string text)
    {
        await page.Locator("input#title").FillAsync(title);
        await page.Locator("input#title").PressAsync("Tab");
        await page.Locator("textarea#text").FillAsync(text);
    }

    public async Task ClickAndExpectStatusAsync(string button, string status)
    {
        await page.Locator($"#{button}").ClickAsync();
        await Expect(Status).ToHaveAttributeAsync("data-status", status, new() { Timeout = 15000 });
    }

    public async Task WaitInteractiveAsync()
    {
        // The status badge is prerendered too; an interactive round trip is proved by the history list rendering after load.
        await Expect(Status).ToBeVisibleAsync(new() { Timeout = 15000 });
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.WaitForTimeoutAsync(300);
    }
}

/// <summary>The inbox list: opening an item for answering.</summary>
public static class InboxItems
{
    /// <summary>
    /// Clicks the item's Open button until its reply box shows (the first click can land before the circuit is interactive),
    /// and returns the reply box. The button is gone once the item has rendered open, so a vanished button is never waited on.
    /// </summary>
    public static async Task<ILocator> OpenForReplyAsync(IPage page, ILocator item)
    {
        var reply = item.Locator("textarea[name='reply-text']");
        for (var i = 0; i < 20 && await reply.CountAsync() == 0; i++)
        {
            var openButton = item.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true });
            if (await openButton.CountAsync() > 0)
            {
                try
                {
                    await openButton.ClickAsync(new() { Timeout = 2000 });
                }
                catch (TimeoutException)
                {
                }
            }

            await page.WaitForTimeoutAsync(300);
        }

        await Expect(reply).ToBeVisibleAsync();
        return reply;
    }
}
