using System.Net;
using System.Net.Http.Json;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing;
using CareDialog.Web.Features.Posts;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Posts;

/// <summary>The whole life of a post through the HTTP API, as the editor and the manager of the Danish hospital.</summary>
public abstract class PostWorkflowTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    private static object Input(Guid channel, string text = "Besøgstiden på medicinsk afdeling er ændret fra mandag.", string title = "Besøgstider",
        DateTime? planned = null) =>
        new
        {
            title,
            text,
            contentType = "ServiceInfo",
            pathwayStage = "During",
            audience = "Pårørende",
            targets = new[] { new { channelId = channel, variantText = (string?)null } },
            plannedLocal = planned,
        };

    private async Task<(HttpClient Editor, HttpClient Manager, string Slug, Guid Channel)> TeamAsync()
    {
        var (_, slug, channels) = await OrgAsync("DK");
        return (await SignInAsync("editor@caredialog.demo"), await SignInAsync("manager@caredialog.demo"), slug, channels[0]);
    }

    private static async Task<PostDto> CreateAsync(HttpClient client, string slug, object input)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts", input);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadAsync<PostDto>(response);
    }

    private DateTime LocalNow(string zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById(zone));

    [Fact]
    public async Task Post_WrittenSubmittedApprovedScheduled_IsPublishedAtDueTimeExactlyOnce()
    {
        var (editor, manager, slug, channel) = await TeamAsync();
        var post = await CreateAsync(editor, slug, Input(channel));
        Assert.Equal(PostStatus.Draft, post.Status);

        var submitted = await ReadAsync<PostDto>(await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null));
        Assert.Equal(PostStatus.InReview, submitted.Status);

        var approved = await ReadAsync<PostDto>(await manager.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/approve", null));
        Assert.Equal(PostStatus.Approved, approved.Status);

        var at = LocalNow(post.TimeZone).AddMinutes(30);
        var scheduleResponse = await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/schedule", new { scheduledLocal = at });
        var scheduled = await ReadAsync<PostDto>(scheduleResponse);
        Assert.Equal(PostStatus.Scheduled, scheduled.Status);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm"), scheduled.ScheduledAtUtc!.Value.ToString("yyyy-MM-ddTHH:mm"));

        App.Clock.Advance(TimeSpan.FromMinutes(31));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
            await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
        }

        var published = await ReadAsync<PostDto>(await editor.GetAsync($"/api/v1/orgs/{slug}/posts/{post.Id}"));
        Assert.Equal(PostStatus.Published, published.Status);
        var target = Assert.Single(published.Targets);
        Assert.Equal(PublicationState.Published, target.State);
        Assert.NotNull(target.RemoteId);
        var remoteCount = await Db(db => db.SandboxRemotePosts.CountAsync(r => r.IdempotencyKey != null && r.RemoteId == target.RemoteId));
        Assert.Equal(1, remoteCount);

        // The platform's public page shows exactly the text that was approved.
        var page = await Anonymous().GetStringAsync(target.RemoteUrl);
        Assert.Contains("Besøgstiden på medicinsk afdeling", page);
    }

    [Fact]
    public async Task Approve_ByTheAuthor_IsForbiddenAndChangesNothing()
    {
        var (_, manager, slug, channel) = await TeamAsync();
        var post = await CreateAsync(manager, slug, Input(channel));
        await manager.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null);

        var response = await manager.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("four-eyes", (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(PostStatus.InReview, await Db(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Approve_ByAnEditor_IsForbidden()
    {
        var (editor, manager, slug, channel) = await TeamAsync();
        var post = await CreateAsync(manager, slug, Input(channel));
        await manager.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null);

        var response = await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Reject_WithoutReason_IsRefused_WithReason_GoesBackToDraftOnEdit()
    {
        var (editor, manager, slug, channel) = await TeamAsync();
        var post = await CreateAsync(editor, slug, Input(channel));
        await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null);

        var noReason = await manager.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/reject", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var rejected = await ReadAsync<PostDto>(await manager.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/reject", new { reason = "Tilføj telefonnummer." }));
        Assert.Equal(PostStatus.Rejected, rejected.Status);
        Assert.Equal("Tilføj telefonnummer.", rejected.RejectionReason);

        var edited = await editor.PutAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}",
            new { version = rejected.Version, post = Input(channel, "Besøgstiden er ændret. Ring 70 11 31 31 ved spørgsmål.") });
        Assert.Equal(PostStatus.Draft, (await ReadAsync<PostDto>(edited)).Status);
    }

    [Fact]
    public async Task Edit_AfterApproval_SendsPostBackToDraft()
    {
        var (editor, manager, slug, channel) = await TeamAsync();
        var post = await CreateAsync(editor, slug, Input(channel));
        await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null);
        var approved = await ReadAsync<PostDto>(await manager.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/approve", null));

        var edited = await ReadAsync<PostDto>(await editor.PutAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}",
            new { version = approved.Version, post = Input(channel, "Ny tekst efter godkendelse.") }));

        Assert.Equal(PostStatus.Draft, edited.Status);
        Assert.Null(edited.ReviewedByName);
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsConflictAndKeepsTheNewerText()
    {
        var (editor, _, slug, channel) = await TeamAsync();
        var post = await CreateAsync(editor, slug, Input(channel));
        await editor.PutAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}", new { version = post.Version, post = Input(channel, "Første rettelse.") });

        var stale = await editor.PutAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}", new { version = post.Version, post = Input(channel, "Forældet rettelse.") });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Første rettelse.", await Db(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.Text).SingleAsync()));
    }

    [Theory]
    [InlineData("", "The text is empty.")]
    [InlineData("   \n  ", "The text is empty.")]
    [InlineData("oversized", "at most 20,000")]
    [InlineData("nul\u0000char", "control character")]
    public async Task Create_BadText_IsRefusedWithClearMessageAndStoresNothing(string text, string expected)
    {
        var (editor, _, slug, channel) = await TeamAsync();
        var before = await Db(db => db.Posts.CountAsync());
        var body = Input(channel, text == "oversized" ? new string('x', 20_001) : text);

        var response = await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(before, await Db(db => db.Posts.CountAsync()));
    }

    [Fact]
    public async Task Create_JsonWithLoneSurrogateEscape_IsRefusedAndStoresNothing()
    {
        var (editor, _, slug, channel) = await TeamAsync();
        var before = await Db(db => db.Posts.CountAsync());
        // Written by hand: a JSON serializer would replace the lone surrogate before it ever reached the server.
        var json = $$"""{"title":"t","text":"broken \ud83d surrogate","contentType":"Informative","pathwayStage":"General","targets":[{"channelId":"{{channel}}"}]}""";

        var response = await editor.PostAsync($"/api/v1/orgs/{slug}/posts", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Refused either by the JSON reader (invalid UTF-16) or by PostRules: never stored.
        var detail = (await ProblemAsync(response)).GetProperty("detail").GetString();
        Assert.True(detail!.Contains("JSON") || detail.Contains("unpaired surrogate"), detail);
        Assert.Equal(before, await Db(db => db.Posts.CountAsync()));
    }

    [Fact]
    public async Task Create_MalformedJson_Is400ProblemAndStoresNothing()
    {
        var (editor, _, slug, _) = await TeamAsync();
        var before = await Db(db => db.Posts.CountAsync());

        var response = await editor.PostAsync($"/api/v1/orgs/{slug}/posts", new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(before, await Db(db => db.Posts.CountAsync()));
    }

    [Fact]
    public async Task Submit_TextOverTheChannelLimit_IsRefusedNamingTheChannel()
    {
        var scenario = new Scenario(App);
        var xLike = await scenario.ChannelAsync(mimics: CareDialog.Compliance.Platforms.Platform.X);
        var (editor, _, slug, _) = await TeamAsync();
        var post = await CreateAsync(editor, slug, Input(xLike.Id, new string('å', 281)));

        var response = await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await ProblemAsync(response)).GetProperty("detail").GetString();
        Assert.Contains(xLike.Name, detail);
        Assert.Contains("281 of 280", detail);
        Assert.Equal(PostStatus.Draft, await Db(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Schedule_InThePast_IsRefusedAndStaysApproved()
    {
        var (editor, manager, slug, channel) = await TeamAsync();
        var post = await CreateAsync(editor, slug, Input(channel));
        await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null);
        await manager.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/approve", null);

        var response = await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/schedule",
            new { scheduledLocal = LocalNow(post.TimeZone).AddMinutes(-5) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("in the past", (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(PostStatus.Approved, await Db(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Schedule_InsideTheSpringForwardGap_IsRefused()
    {
        var (editor, manager, slug, channel) = await TeamAsync();
        var post = await CreateAsync(editor, slug, Input(channel));
        await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null);
        await manager.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/approve", null);

        var response = await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/schedule",
            new { scheduledLocal = new DateTime(2026, 3, 29, 2, 30, 0) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("does not exist in Europe/Copenhagen", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Schedule_AcrossTheDaylightSavingChange_UsesTheOffsetOfThatDay()
    {
        var (editor, manager, slug, channel) = await TeamAsync();
        var post = await CreateAsync(editor, slug, Input(channel));
        await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null);
        await manager.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/approve", null);

        // Scheduled on 20 March (UTC+1) for 30 March (UTC+2): 09:00 local is 07:00 UTC, not 08:00.
        var scheduled = await ReadAsync<PostDto>(await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/schedule",
            new { scheduledLocal = new DateTime(2026, 3, 30, 9, 0, 0) }));

        Assert.Equal(new DateTime(2026, 3, 30, 7, 0, 0, DateTimeKind.Utc), scheduled.ScheduledAtUtc);
        Assert.Equal("2026-03-30T09:00", scheduled.ScheduledLocal);
    }

    [Fact]
    public async Task Sandbox_PublicPage_EncodesPostTextSoScriptsNeverRun()
    {
        var scenario = new Scenario(App);
        var channel = await scenario.ChannelAsync();
        var post = await scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1), "<script>alert('x')</script> & <b>bold</b>");
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
        }

        var url = await Db(db => db.PostTargets.Where(t => t.PostId == post.Id).Select(t => t.RemoteUrl).SingleAsync());
        var html = await Anonymous().GetStringAsync(url);

        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;", html);
    }
}

public sealed class PostWorkflowTests_Sqlite(SqliteAppFixture app) : PostWorkflowTests<SqliteAppFixture>(app);

public sealed class PostWorkflowTests_Postgres(PostgresAppFixture app) : PostWorkflowTests<PostgresAppFixture>(app);
