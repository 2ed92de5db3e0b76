using CareDialog.Core.Data;
using CareDialog.Core.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDialog.Web.BrowserTests;

/// <summary>The responder's day on the Danish hospital's Sandbox channels: complaints tracked to closure, emergencies first, unsafe replies stopped.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class IncidentJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Dk = "rh-nordkysten";

    /// <summary>A citizen comments under one of the hospital's published Sandbox posts (the platform's public page).</summary>
    private async Task CommentAsync(string author, string text)
    {
        string remoteId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var orgId = await db.Organisations.Where(o => o.Slug == Dk).Select(o => o.Id).SingleAsync();
            remoteId = await db.SandboxRemotePosts.Where(p => db.Channels.Any(c => c.Id == p.ChannelId && c.OrganisationId == orgId) && p.Live)
                .OrderBy(p => p.Id).Select(p => p.RemoteId).FirstAsync();
        }

        using var http = new HttpClient();
        var response = await http.PostAsync($"{app.BaseUrl}/sandbox/p/{remoteId}/comments",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["author"] = author, ["text"] = text }));
        Assert.True((int)response.StatusCode < 400, $"comment answered {(int)response.StatusCode}");
    }

    private async Task<IPage> ResponderInboxAsync()
    {
        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1100 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await new LoginPage(page, app.BaseUrl).SignInAsync("responder@caredialog.demo");
        await page.WaitForURLAsync("**/o/**");
        await page.GotoAsync($"{app.BaseUrl}/o/{Dk}/inbox");
        await WaitInteractiveAsync(page);
        await page.Locator("button[name='inbox-poll']").ClickAsync();
        await Expect(page.Locator("#inbox-notice")).ToContainTextAsync("new item", new() { Timeout = 15000 });
        return page;
    }

    private static async Task<ILocator> OpenItemAsync(IPage page, string text)
    {
        var item = page.Locator(".cd-inbox-item", new() { HasText = text });
        await Expect(item).ToBeVisibleAsync(new() { Timeout = 10000 });
        await InboxItems.OpenForReplyAsync(page, item);
        return item;
    }

    [Fact]
    public async Task Responder_OpensAnIncidentForAComplaint_AnswersIt_AndTracksItToClosure_WithTheDeadlineShown()
    {
        const string complaint = "Vi ventede fire timer i akutmodtagelsen i går, og ingen fortalte os noget. Det er ikke i orden.";
        await CommentAsync("Birgitte S.", complaint);
        var page = await ResponderInboxAsync();
        var item = await OpenItemAsync(page, "Vi ventede fire timer");

        // By hand from the inbox, unless the complaint rule was quicker.
        var link = item.Locator("a[data-incident-link]");
        if (await link.CountAsync() == 0)
        {
            await item.Locator("button[name='open-incident']").ClickAsync();
            await Expect(page.Locator("#inbox-notice")).ToContainTextAsync("first answer due", new() { Timeout = 15000 });
        }

        await page.Locator(".cd-inbox-item", new() { HasText = "Vi ventede fire timer" }).Locator("a[data-incident-link]").ClickAsync();
        await page.WaitForURLAsync("**/incidents/*");
        await WaitInteractiveAsync(page);
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("New");
        // Received Friday 10:00 in Copenhagen: 8 working hours (08:00-16:00) run to Monday 10:00.
        await Expect(page.Locator("#first-deadline [data-deadline-state]")).ToHaveAttributeAsync("data-deadline-state", "on-track");
        await Expect(page.Locator("#first-deadline")).ToContainTextAsync("Mon 2026-03-23");
        await Expect(page.Locator("#final-deadline")).ToContainTextAsync("2026-04");

        await FillAsync(page, "textarea[name='answer-text']", "Tak fordi du skriver. Vi undersøger ventetiden i akutmodtagelsen og vender tilbage her.");
        await page.Locator("button[name='send-interim']").ClickAsync();
        await Expect(page.Locator("#incident-notice")).ToContainTextAsync("Interim answer sent", new() { Timeout = 15000 });
        await Expect(page.Locator("#first-deadline [data-deadline-state]")).ToHaveAttributeAsync("data-deadline-state", "met");
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("Acknowledged");

        await page.Locator("button[name='to-InProgress']").ClickAsync();
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("InProgress", new() { Timeout = 10000 });
        await FillAsync(page, "textarea[name='outcome-text']", "Akutmodtagelsen giver nu besked om forventet ventetid hver time.");
        await page.Locator(".rz-chkbox:has(input[name='outcome-changed']) .rz-chkbox-box").ClickAsync();
        await page.Locator("button[name='to-Resolved']").ClickAsync();
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("Resolved", new() { Timeout = 10000 });
        await Expect(page.Locator("#incident-outcome")).ToContainTextAsync("You asked, we did");

        await page.Locator("button[name='to-Closed']").ClickAsync();
        await Expect(page.Locator("#incident-error")).ToContainTextAsync("final public answer", new() { Timeout = 10000 });
        await FillAsync(page, "textarea[name='answer-text']", "Fra i dag giver akutmodtagelsen besked om ventetiden hver time. Tak fordi du sagde til.");
        await page.Locator("button[name='send-final']").ClickAsync();
        await Expect(page.Locator("#incident-notice")).ToContainTextAsync("Final answer sent", new() { Timeout = 15000 });
        await page.Locator("button[name='to-Closed']").ClickAsync();
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("Closed", new() { Timeout = 10000 });
        await Expect(page.Locator("#final-deadline [data-deadline-state]")).ToHaveAttributeAsync("data-deadline-state", "met");
        await Expect(page.Locator("#incident-timeline li[data-kind='FinalAnswer']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "incident-closed.png"), FullPage = true });

        using var scope = app.Services.CreateScope();
        var incident = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Incidents.AsNoTracking()
            .SingleAsync(i => i.Messages.Any(m => m.InboxItem!.Text == complaint));
        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.True(incident.OutcomeChangedSomething);
    }

    [Fact]
    public async Task EmergencyComment_IsListedFirst_WithTheEmergencyReplyOffered()
    {
        await CommentAsync("Henrik J.", "Min kone har voldsomme brystsmerter og kan ikke trække vejret, hvad gør vi?");
        await CommentAsync("Anne K.", "Hvornår har apoteket i forhallen åbent i weekenden?");
        var page = await ResponderInboxAsync();

        var first = page.Locator(".cd-inbox-item").First;
        await Expect(first).ToContainTextAsync("brystsmerter");
        await Expect(first).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cd-inbox-emergency"));
        await Expect(first.Locator(".cd-emergency-flag")).ToBeVisibleAsync();
        var item = await OpenItemAsync(page, "brystsmerter");
        await item.Locator("button[name='emergency-reply']").ClickAsync();
        await Expect(item.Locator("textarea[name='reply-text']")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("112"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "inbox-emergency.png"), FullPage = true });
    }

    [Fact]
    public async Task Reply_ThatWouldExposePatientData_IsBlocked_AndNotSent()
    {
        await CommentAsync("Ole R.", "Hvorfor er min fars prøvesvar ikke kommet endnu?");
        var page = await ResponderInboxAsync();
        var item = await OpenItemAsync(page, "min fars prøvesvar");

        await FillAsync(page, ".cd-inbox-item:has-text('min fars prøvesvar') textarea[name='reply-text']",
            "Din far med CPR 070761-4285 har fået taget blodprøver, svaret kommer i morgen.");
        await item.Locator("button[name='send-reply']").ClickAsync();

        await Expect(page.Locator("#inbox-error")).ToContainTextAsync("cannot be sent", new() { Timeout = 10000 });
        await Expect(item.Locator(".cd-inbox-reply")).ToHaveCountAsync(0);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().InboxReplies.AnyAsync(r => r.Text.Contains("070761")));
    }

    [Fact]
    public async Task Admin_TurnsOnReplyApprovalAndARoutingRule_OnTheDeskSettingsPage()
    {
        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1100 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await new LoginPage(page, app.BaseUrl).SignInAsync("admin@caredialog.demo");
        await page.WaitForURLAsync("**/o/**");
        await page.GotoAsync($"{app.BaseUrl}/o/koivuranta-neuvola/settings/incidents");
        await WaitInteractiveAsync(page);

        await Expect(page.Locator("input[name='weekday-hours']")).ToHaveValueAsync("08:00-16:00");
        await page.Locator(".rz-chkbox:has(input[name='replies-need-approval']) .rz-chkbox-box").ClickAsync();
        await page.Locator("button[name='add-rule']").ClickAsync();
        var unit = page.Locator("#routing-rules tbody tr").Last.Locator("input").Last;
        await unit.FillAsync("Neuvolan johto");
        await unit.PressAsync("Tab");
        await page.Locator("button[name='save-incident-settings']").ClickAsync();
        await Expect(page.Locator("#settings-notice")).ToContainTextAsync("Saved", new() { Timeout = 10000 });

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var orgId = await db.Organisations.Where(o => o.Slug == "koivuranta-neuvola").Select(o => o.Id).SingleAsync();
        Assert.True(await db.InboxSettings.Where(s => s.OrganisationId == orgId).Select(s => s.RepliesNeedApproval).SingleAsync());
        Assert.Equal("Neuvolan johto", await db.IncidentRoutingRules.Where(r => r.OrganisationId == orgId).Select(r => r.Unit).SingleAsync());
    }

    private static async Task FillAsync(IPage page, string selector, string text)
    {
        var box = page.Locator(selector);
        await box.FillAsync(text);
        await box.PressAsync("Tab");
    }

    private static async Task WaitInteractiveAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.WaitForTimeoutAsync(700);
    }
}
