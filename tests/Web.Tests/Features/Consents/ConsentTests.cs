using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareDialog.Compliance;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing;
using CareDialog.Web.Features.Consents;
using CareDialog.Web.Features.Posts;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Consents;

/// <summary>The consent registry: who sees names, how a consent lets a post through, and what withdrawal does.</summary>
public abstract class ConsentTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    /// <summary>Texts whose only blocking findings are ones a consent can satisfy (checked below, not assumed).</summary>
    private static readonly string[] ConsentTexts =
    [
        "Önce / sonra: 3 ayda ortodonti tedavisi.",
        "#öncesisonrası Gülüş tasarımı sonucu.",
        "Değerli hastamızla ameliyat sonrası kontrolde 📸",
        "Minik hastamız Elif taburcu oldu, ona sağlıklı günler diliyoruz 💙",
    ];

    private static (string Text, string Use) ConsentText()
    {
        foreach (var text in ConsentTexts)
        {
            // With a picture attached, as such posts always are: patient-image and before/after rules look at media.
            var blocking = ComplianceEngine.Default.Check(new CheckRequest(text, Jurisdiction.TR, Platform.Instagram, HasMedia: true))
                .Findings.Where(f => f.Severity == Severity.Block).ToList();
            if (blocking.Count > 0 && blocking.All(f => f.ConsentCanSatisfy))
            {
                return (text, ComplianceEngine.Default.Rule(blocking[0].Rule)!.ConsentUse!);
            }
        }

        throw new Xunit.Sdk.XunitException("No TR text found whose blocking findings a consent can satisfy: the pack changed.");
    }

    private static MultipartFormDataContent ConsentForm(string use, string platforms, DateOnly from, DateOnly to)
    {
        var pdf = new ByteArrayContent("%PDF-1.4\n% signed consent\n%%EOF\n"u8.ToArray());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent
        {
            { new StringContent("Zeynep Kaya"), "patientName" },
            { new StringContent(use), "uses" },
            { new StringContent(platforms), "platforms" },
            { new StringContent(from.ToString("yyyy-MM-dd")), "validFrom" },
            { new StringContent(to.ToString("yyyy-MM-dd")), "validTo" },
            { pdf, "form", "consent.pdf" },
        };
    }

    private DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);

    private async Task<(string Slug, Guid Instagram, HttpClient Officer, HttpClient Editor, HttpClient Manager)> TeamAsync()
    {
        var (orgId, slug, _) = await OrgAsync("TR");
        var instagram = await Db(db => db.Channels.Where(c => c.OrganisationId == orgId && c.Handle.EndsWith("-ig")).Select(c => c.Id).SingleAsync());
        return (slug, instagram, await SignInAsync("compliance@caredialog.demo"), await SignInAsync("klinik@caredialog.demo"), await SignInAsync("manager@caredialog.demo"));
    }

    private static async Task<PostDto> CreatePostAsync(HttpClient editor, string slug, Guid channel, string text, Guid[] consents)
    {
        var png = new ByteArrayContent(Media.MediaTests<TFixture>.Png);
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var media = await ReadAsync<Web.Features.Media.MediaDto>(
            await editor.PostAsync($"/api/v1/orgs/{slug}/media", new MultipartFormDataContent { { png, "file", "photo.png" } }));
        var response = await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts", new
        {
            mediaIds = new[] { media.Id },
            title = "Hasta hikâyesi",
            text,
            contentType = "PatientExperience",
            pathwayStage = "After",
            targets = new[] { new { channelId = channel } },
            consentIds = consents,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadAsync<PostDto>(response);
    }

    [Fact]
    public async Task Registry_EditorsCannotRecordOrSeeNames_OfficersCan()
    {
        var (slug, _, officer, editor, _) = await TeamAsync();
        var (_, use) = ConsentText();

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsync($"/api/v1/orgs/{slug}/consents", ConsentForm(use, "", Today, Today.AddDays(30)))).StatusCode);
        var created = await officer.PostAsync($"/api/v1/orgs/{slug}/consents", ConsentForm(use, "instagram", Today, Today.AddDays(30)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var consent = await ReadAsync<ConsentDto>(created);
        Assert.Equal("Zeynep Kaya", consent.PatientName);

        var asEditor = await editor.GetFromJsonAsync<List<ConsentDto>>($"/api/v1/orgs/{slug}/consents", Json);
        Assert.All(asEditor!, c => Assert.Null(c.PatientName));
        Assert.Contains(asEditor!, c => c.Reference == consent.Reference);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"/api/v1/orgs/{slug}/consents/{consent.Id}/form")).StatusCode);
        Assert.Equal("%PDF", (await officer.GetStringAsync($"/api/v1/orgs/{slug}/consents/{consent.Id}/form"))[..4]);
        var audit = await Db(db => db.AuditEntries.Where(a => a.EntityId == consent.Id.ToString()).Select(a => a.After).SingleAsync());
        Assert.DoesNotContain("Zeynep", audit);
    }

    [Fact]
    public async Task Record_FormThatIsNotAPdfOrImage_IsRefused()
    {
        var (slug, _, officer, _, _) = await TeamAsync();
        var fake = new ByteArrayContent("hello"u8.ToArray());
        var content = new MultipartFormDataContent
        {
            { new StringContent("Zeynep Kaya"), "patientName" },
            { new StringContent(ConsentUses.Testimonial), "uses" },
            { new StringContent(Today.ToString("yyyy-MM-dd")), "validFrom" },
            { fake, "form", "consent.pdf" },
        };

        var response = await officer.PostAsync($"/api/v1/orgs/{slug}/consents", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("PDF, JPEG or PNG", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_NeedingConsent_IsBlockedWithout_PassesWithACoveringConsent_AndCannotBeScheduledPastItsEnd()
    {
        var (slug, instagram, officer, editor, manager) = await TeamAsync();
        var (text, use) = ConsentText();
        var consent = await ReadAsync<ConsentDto>(await officer.PostAsync($"/api/v1/orgs/{slug}/consents", ConsentForm(use, "instagram", Today, Today.AddDays(5))));

        var without = await CreatePostAsync(editor, slug, instagram, text, []);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{without.Id}/submit", null)).StatusCode);

        var with = await CreatePostAsync(editor, slug, instagram, text, [consent.Id]);
        var check = await editor.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{slug}/posts/{with.Id}/compliance");
        var satisfied = check.GetProperty("channels")[0].GetProperty("result").GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("consentCanSatisfy").GetBoolean()).ToList();
        Assert.NotEmpty(satisfied);
        Assert.All(satisfied, f => Assert.True(f.GetProperty("satisfied").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{with.Id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/v1/orgs/{slug}/posts/{with.Id}/approve", null)).StatusCode);

        // A blocked post cannot be scheduled: on day 10 the consent no longer covers the post.
        var tooLate = await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{with.Id}/schedule", new { scheduledLocal = new DateTime(Today.AddDays(10), new TimeOnly(10, 0)) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLate.StatusCode);
        Assert.Contains("Blocked by compliance", (await ProblemAsync(tooLate)).GetProperty("detail").GetString());
        Assert.Equal(PostStatus.Approved, await Db(db => db.Posts.Where(p => p.Id == with.Id).Select(p => p.Status).SingleAsync()));

        var inTime = await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{with.Id}/schedule", new { scheduledLocal = new DateTime(Today.AddDays(2), new TimeOnly(10, 0)) });
        Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);
    }

    [Fact]
    public async Task Withdraw_PullsUnpublishedPostsBackToDraft_AndListsPublishedOnesForTakedown()
    {
        var (slug, instagram, officer, editor, manager) = await TeamAsync();
        var (text, use) = ConsentText();
        var consent = await ReadAsync<ConsentDto>(await officer.PostAsync($"/api/v1/orgs/{slug}/consents", ConsentForm(use, "", Today, Today.AddDays(60))));
        var posts = new List<PostDto>();
        foreach (var dueInMinutes in new[] { 5, 60 * 24 * 3 })
        {
            var post = await CreatePostAsync(editor, slug, instagram, text, [consent.Id]);
            await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null);
            await manager.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/approve", null);
            var local = TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime.AddMinutes(dueInMinutes), TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul"));
            Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/schedule", new { scheduledLocal = local })).StatusCode);
            posts.Add(post);
        }

        App.Clock.Advance(TimeSpan.FromMinutes(6));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/v1/orgs/{slug}/consents/{consent.Id}/withdraw", new { reason = "" })).StatusCode);
        var response = await officer.PostAsJsonAsync($"/api/v1/orgs/{slug}/consents/{consent.Id}/withdraw", new { reason = "Patient phoned the front desk on 20 March." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await ReadAsync<WithdrawalOutcomeDto>(response);
        Assert.Equal([posts[1].Id], outcome.PulledBack);
        var takedown = Assert.Single(outcome.ToTakeDown);
        Assert.Equal(posts[0].Id, takedown.PostId);
        Assert.StartsWith("/sandbox/p/", takedown.RemoteUrl);
        Assert.Equal(PostStatus.Draft, await Db(db => db.Posts.Where(p => p.Id == posts[1].Id).Select(p => p.Status).SingleAsync()));
        Assert.Equal(PostStatus.Published, await Db(db => db.Posts.Where(p => p.Id == posts[0].Id).Select(p => p.Status).SingleAsync()));

        // A withdrawn consent cannot be attached again.
        var reuse = await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts", new
        {
            title = "x", text, contentType = "PatientExperience", pathwayStage = "After",
            targets = new[] { new { channelId = instagram } }, consentIds = new[] { consent.Id },
        });
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
    }
}

public sealed class ConsentTests_Sqlite(SqliteAppFixture app) : ConsentTests<SqliteAppFixture>(app);

public sealed class ConsentTests_Postgres(PostgresAppFixture app) : ConsentTests<PostgresAppFixture>(app);
