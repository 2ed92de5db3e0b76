using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDialog.Web.BrowserTests;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed partial class PublishingJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Dk = "rh-nordkysten";

    private async Task<IPage> NewPageAsync()
    {
        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, Locale = "en-GB" });
        return await context.NewPageAsync();
    }

    private async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"), FullPage = true });

    [Fact]
    public async Task Post_WrittenByEditor_ApprovedByManager_Scheduled_ShowsPublishedInCalendar()
    {
        var page = await NewPageAsync();
        var login = new LoginPage(page, app.BaseUrl);
        var editor = new EditorPage(page);

        // The editor writes a post for the Danish hospital's Facebook channel and submits it.
        await login.SignInAsync("editor@caredialog.demo");
        await page.WaitForURLAsync("**/calendar");
        await page.GotoAsync($"{app.BaseUrl}/o/{Dk}/posts/new");
        await editor.ToggleChannelAsync($"{Dk}-fb");
        await editor.WriteAsync("Ny parkeringsplads", "Fra mandag åbner den nye parkeringsplads ved indgang 3. Følg skiltene fra Ringvejen.");
        await Expect(page.Locator($".cd-preview[data-channel='{Dk}-fb'] .cd-preview-text")).ToContainTextAsync("parkeringsplads ved indgang 3");
        await page.Locator("#save").ClickAsync();
        await page.WaitForURLAsync(PostUrl());
        var postUrl = page.Url;
        await Expect(editor.Status).ToHaveAttributeAsync("data-status", "Draft", new() { Timeout = 15000 });
        await editor.WaitInteractiveAsync();
        await editor.ClickAndExpectStatusAsync("submit", "InReview");
        await Expect(page.Locator("#approve")).ToHaveCountAsync(0); // an editor cannot approve
        await login.SignOutAsync();

        // Another person, the manager, approves it.
        await login.SignInAsync("manager@caredialog.demo");
        await page.WaitForURLAsync("**/calendar");
        await page.GotoAsync(postUrl);
        await editor.WaitInteractiveAsync();
        await editor.ClickAndExpectStatusAsync("approve", "Approved");
        await login.SignOutAsync();

        // The editor schedules it for 10:30 Copenhagen time; the fake clock then moves past it.
        await login.SignInAsync("editor@caredialog.demo");
        await page.WaitForURLAsync("**/calendar");
        await page.GotoAsync(postUrl);
        await editor.WaitInteractiveAsync();
        var input = page.Locator("#schedule-at input").First;
        await input.FillAsync("2026-03-20 10:30");
        await input.PressAsync("Tab");
        await editor.ClickAndExpectStatusAsync("schedule", "Scheduled");
        await Expect(page.Locator("#editor-notice")).ToContainTextAsync("Europe/Copenhagen");

        app.Clock.Advance(TimeSpan.FromMinutes(35));

        // The Quartz sweep (every second) publishes it; the calendar shows it as Published on the 20th.
        var postId = postUrl.Split('/').Last();
        var published = page.Locator($".cd-appt[data-post-id='{postId}'][data-status='Published']");
        for (var i = 0; i < 30 && await published.CountAsync() == 0; i++)
        {
            // The scheduler runs on the app's (fake) clock: a little time passing wakes it for the next sweep.
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await page.GotoAsync($"{app.BaseUrl}/o/{Dk}/calendar");
            await page.WaitForTimeoutAsync(1000);
        }

        await Expect(published).ToBeVisibleAsync(new() { Timeout = 10000 });
        await ShotAsync(page, "calendar-month");

        await published.ClickAsync();
        await page.WaitForURLAsync(PostUrl());
        await Expect(editor.Status).ToHaveAttributeAsync("data-status", "Published");
        await Expect(page.Locator("a.remote-link")).ToHaveTextAsync(SandboxId());
        await ShotAsync(page, "post-published");
    }

    [Fact]
    public async Task Preview_XChannelOverTheLimit_ShowsWeightedCountInRed()
    {
        var page = await NewPageAsync();
        await new LoginPage(page, app.BaseUrl).SignInAsync("klinik@caredialog.demo");
        await page.WaitForURLAsync("**/calendar");
        await page.GotoAsync($"{app.BaseUrl}/o/tesvikiye-dis/posts/new");
        var editor = new EditorPage(page);
        await editor.ToggleChannelAsync("tesvikiye-dis-x");

        await page.Locator("textarea#text").FillAsync(new string('ı', 270) + " https://example.com/a/very/long/path/that/counts/as/23");

        var counter = page.Locator(".cd-preview[data-channel='tesvikiye-dis-x'] .cd-preview-count");
        await Expect(counter).ToHaveAttributeAsync("data-length", "294");
        await Expect(counter).ToHaveClassAsync(new Regex("over"));

        // An image is attached and shown in the preview; a text file pretending to be a PNG is refused with a reason.
        await page.Locator("#media-upload").SetInputFilesAsync(new FilePayload
        {
            Name = "poster.png",
            MimeType = "image/png",
            Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
        });
        await Expect(page.Locator(".cd-media-item", new() { HasText = "poster.png" })).ToBeVisibleAsync();
        await Expect(page.Locator(".cd-preview-img")).ToBeVisibleAsync();
        await page.Locator("#media-upload").SetInputFilesAsync(new FilePayload { Name = "fake.png", MimeType = "image/png", Buffer = "not an image"u8.ToArray() });
        await Expect(page.Locator("#editor-error")).ToContainTextAsync("JPEG, PNG, GIF, WebP");
        await ShotAsync(page, "editor-preview");
    }

    [Fact]
    public async Task Editor_TextBreakingAdvertisingLaw_ShowsFindingsLiveAndHighlightsTheWords()
    {
        var page = await NewPageAsync();
        await new LoginPage(page, app.BaseUrl).SignInAsync("klinik@caredialog.demo");
        await page.WaitForURLAsync("**/calendar");
        await page.GotoAsync($"{app.BaseUrl}/o/tesvikiye-dis/posts/new");
        var editor = new EditorPage(page);
        await editor.ToggleChannelAsync("tesvikiye-dis-ig");
        await Expect(page.Locator("#compliance")).ToHaveAttributeAsync("data-verdict", "Pass");

        await page.Locator("textarea#text").FillAsync("İstanbul'un EN İYİ diş kliniği! Bu ay tüm implantlarda %20 indirim.");

        await Expect(page.Locator("#compliance")).ToHaveAttributeAsync("data-verdict", "Block");
        await Expect(page.Locator(".cd-finding-block").First).ToBeVisibleAsync();
        await Expect(page.Locator(".cd-finding .cd-finding-words").First).ToContainTextAsync(new Regex("İYİ|İNDİRİM|indirim", RegexOptions.IgnoreCase));
        await Expect(page.Locator($".cd-preview[data-channel='tesvikiye-dis-ig'] mark.cd-mark-block").First).ToBeVisibleAsync();
        await ShotAsync(page, "editor-compliance");

        // Saving is allowed (drafts may be wrong); submitting is not.
        await page.Locator("input#title").FillAsync("Kampanya taslağı");
        await page.Locator("input#title").PressAsync("Tab");
        await page.Locator("#save").ClickAsync();
        await page.WaitForURLAsync(PostUrl());
        await editor.WaitInteractiveAsync();
        await page.Locator("#submit").ClickAsync();
        await Expect(page.Locator("#editor-error")).ToContainTextAsync("Blocked by compliance");
        await Expect(editor.Status).ToHaveAttributeAsync("data-status", "Draft");
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndStaysOnLogin()
    {
        var page = await NewPageAsync();
        await new LoginPage(page, app.BaseUrl).SignInAsync("editor@caredialog.demo", "not-the-password");
        await Expect(page.Locator("#login-error")).ToContainTextAsync("not right");
        Assert.Contains("/account/login", page.Url);
    }

    [Fact]
    public async Task OrgSwitcher_ChangesOrganisationAndItsTimeZone()
    {
        var page = await NewPageAsync();
        await new LoginPage(page, app.BaseUrl).SignInAsync("manager@caredialog.demo");
        await page.WaitForURLAsync("**/calendar");
        await page.GotoAsync($"{app.BaseUrl}/o/{Dk}/calendar");
        await Expect(page.Locator("#calendar-zone")).ToContainTextAsync("Europe/Copenhagen");
        await Expect(page.Locator(".cd-appt").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Week" }).ClickAsync();
        await Expect(page.Locator(".rz-week-view")).ToBeVisibleAsync();
        await ShotAsync(page, "calendar-week");
        await page.GetByRole(AriaRole.Button, new() { Name = "Month" }).ClickAsync();

        await page.Locator("div#org-switcher").ClickAsync();
        await page.Locator(".rz-dropdown-item", new() { HasText = "(RU)" }).ClickAsync();
        await page.WaitForURLAsync("**/o/uslon-crb/calendar");
        await Expect(page.Locator("#calendar-zone")).ToContainTextAsync("Europe/Moscow");
        await Expect(page.Locator(".cd-appt").First).ToBeVisibleAsync(new() { Timeout = 15000 });
    }

    [GeneratedRegex("/posts/[0-9a-f-]{36}$")]
    private static partial Regex PostUrl();

    [GeneratedRegex("^sbx_[0-9a-f]{16}$")]
    private static partial Regex SandboxId();
}
