using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareDialog.Core.Features.Posts;
using CareDialog.Web.Features.Posts;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Tests.Features.Compliance;

/// <summary>The engine inside the workflow: a blocking finding stops a post until the text is fixed or a ComplianceOfficer overrides it.</summary>
public abstract class ComplianceGateTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    private const string Superlative = "İstanbul'un EN İYİ diş kliniğinde implant tedavisi. Randevu için bize ulaşın.";

    private async Task<(HttpClient Editor, string Slug, PostDto Post)> DraftAsync(string text)
    {
        var (_, slug, channels) = await OrgAsync("TR");
        var editor = await SignInAsync("klinik@caredialog.demo");
        var response = await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts", new
        {
            title = "Kampanya",
            text,
            contentType = "ServiceInfo",
            pathwayStage = "Before",
            targets = new[] { new { channelId = channels[0] } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (editor, slug, await ReadAsync<PostDto>(response));
    }

    private static async Task<List<JsonElement>> BlockingAsync(HttpClient client, string slug, Guid postId)
    {
        var check = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{slug}/posts/{postId}/compliance");
        return check.GetProperty("channels").EnumerateArray()
            .SelectMany(c => c.GetProperty("result").GetProperty("findings").EnumerateArray())
            .Where(f => f.GetProperty("severity").GetString() == "Block" && !f.GetProperty("satisfied").GetBoolean())
            .ToList();
    }

    [Fact]
    public async Task Submit_PostWithABlockingFinding_IsRefusedAndStaysDraft()
    {
        var (editor, slug, post) = await DraftAsync(Superlative);
        Assert.NotEmpty(await BlockingAsync(editor, slug, post.Id));

        var response = await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Blocked by compliance", (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(PostStatus.Draft, await Db(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task CheckText_ReturnsFindingsWithSpansInTheOriginalText()
    {
        var (_, slug, _) = await OrgAsync("TR");
        var editor = await SignInAsync("klinik@caredialog.demo");

        var result = await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/compliance/check", new { text = Superlative, platform = "instagram" });

        var body = await result.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Block", body.GetProperty("verdict").GetString());
        var f = body.GetProperty("findings").EnumerateArray().First(x => x.GetProperty("severity").GetString() == "Block");
        var words = Superlative.Substring(f.GetProperty("start").GetInt32(), f.GetProperty("length").GetInt32());
        Assert.Contains("İYİ", words);
    }

    [Fact]
    public async Task Override_ByAnEditor_IsForbidden_ByTheComplianceOfficer_LetsThePostThroughAndIsAudited()
    {
        var (editor, slug, post) = await DraftAsync(Superlative);
        var rules = (await BlockingAsync(editor, slug, post.Id)).Select(f => f.GetProperty("rule").GetString()!).Distinct().ToList();

        var byEditor = await editor.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/overrides", new { rule = rules[0], reason = "Editor thinks it is fine." });
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);

        var officer = await SignInAsync("compliance@caredialog.demo");
        var noReason = await officer.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/overrides", new { rule = rules[0], reason = "ok" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        foreach (var rule in rules)
        {
            var ok = await officer.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/overrides",
                new { rule, reason = "Quoted from the Ministry's own campaign title; approved by legal on 20 March." });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var submitted = await editor.PostAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var audited = await Db(db => db.AuditEntries.Where(a => a.EntityId == post.Id.ToString() && a.Action == "compliance.finding_overridden").Select(a => a.Reason).ToListAsync());
        Assert.Equal(rules.Count, audited.Count);
        Assert.All(audited, r => Assert.Contains("Ministry", r));
    }

    [Fact]
    public async Task Override_ThenEditingTheText_ClearsTheOverride()
    {
        var (editor, slug, post) = await DraftAsync(Superlative);
        var rule = (await BlockingAsync(editor, slug, post.Id))[0].GetProperty("rule").GetString();
        var officer = await SignInAsync("compliance@caredialog.demo");
        await officer.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}/overrides", new { rule, reason = "Quoted from a court decision, not our claim." });
        var current = await editor.GetFromJsonAsync<PostDto>($"/api/v1/orgs/{slug}/posts/{post.Id}", Json);

        var (_, _, channels) = await OrgAsync("TR");
        await editor.PutAsJsonAsync($"/api/v1/orgs/{slug}/posts/{post.Id}", new
        {
            version = current!.Version,
            post = new { title = "Kampanya", text = Superlative + " Yeni cümle.", contentType = "ServiceInfo", pathwayStage = "Before", targets = new[] { new { channelId = channels[0] } } },
        });

        Assert.Equal(0, await Db(db => db.FindingOverrides.CountAsync(o => o.PostId == post.Id)));
        Assert.NotEmpty(await BlockingAsync(editor, slug, post.Id));
    }
}

public sealed class ComplianceGateTests_Sqlite(SqliteAppFixture app) : ComplianceGateTests<SqliteAppFixture>(app);

public sealed class ComplianceGateTests_Postgres(PostgresAppFixture app) : ComplianceGateTests<PostgresAppFixture>(app);
