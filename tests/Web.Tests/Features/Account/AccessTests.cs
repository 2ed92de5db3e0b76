using System.Net;
using System.Net.Http.Json;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Posts;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Account;

/// <summary>Sign-in, sessions and the organisation boundary.</summary>
public abstract class AccessTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    [Fact]
    public async Task Healthz_WithDatabaseUp_Returns200() =>
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync("/healthz")).StatusCode);

    [Fact]
    public async Task Migrations_AreAllAppliedAndTheModelHasNoPendingChanges()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the last migration: run eng/add-migration.sh.");
    }

    [Fact]
    public async Task Api_WithoutSignIn_Returns401ProblemNotARedirect()
    {
        var response = await Anonymous().GetAsync("/api/v1/orgs");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Not signed in", (await ProblemAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Page_WithoutSignIn_RedirectsToLogin()
    {
        var response = await Anonymous().GetAsync("/o/anything/calendar");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_WrongPassword_RedirectsWithError()
    {
        var response = await PostLoginAsync(Anonymous(), "editor@caredialog.demo", "wrong-password-123");
        Assert.Contains("error=invalid", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { UserName = "lock@test.demo", Email = "lock@test.demo" }, "a-long-password-1")).Succeeded);
        }

        for (var i = 0; i < 5; i++)
        {
            await PostLoginAsync(Anonymous(), "lock@test.demo", "wrong-password-123");
        }

        var response = await PostLoginAsync(Anonymous(), "lock@test.demo", "a-long-password-1");
        Assert.Contains("error=locked", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Session_AfterItExpires_Returns401()
    {
        var client = await SignInAsync("editor@caredialog.demo");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/orgs")).StatusCode);

        App.Clock.Advance(TimeSpan.FromHours(9));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/orgs")).StatusCode);
    }

    [Fact]
    public async Task OrgList_ShowsOnlyTheUsersOwnOrganisations()
    {
        var klinik = await SignInAsync("klinik@caredialog.demo");
        var orgs = await klinik.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/v1/orgs");
        Assert.Single(orgs!);
        var editor = await SignInAsync("editor@caredialog.demo");
        Assert.Equal(4, (await editor.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/v1/orgs"))!.Count);
    }

    [Fact]
    public async Task OtherOrganisation_PostCannotBeReadOrChanged_ByUrlOrById()
    {
        var (dkId, dkSlug, _) = await OrgAsync("DK");
        var (_, trSlug, _) = await OrgAsync("TR");
        var dkPost = await Db(db => db.Posts.Where(p => p.OrganisationId == dkId && p.Status == PostStatus.Draft).Select(p => new { p.Id, p.Version, p.Text }).FirstAsync());
        var klinik = await SignInAsync("klinik@caredialog.demo"); // Editor in the Istanbul clinic only

        Assert.Equal(HttpStatusCode.NotFound, (await klinik.GetAsync($"/api/v1/orgs/{dkSlug}/posts/{dkPost.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await klinik.GetAsync($"/api/v1/orgs/{dkId}/posts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await klinik.GetAsync($"/api/v1/orgs/{trSlug}/posts/{dkPost.Id}")).StatusCode);
        var put = await klinik.PutAsJsonAsync($"/api/v1/orgs/{trSlug}/posts/{dkPost.Id}", new
        {
            version = dkPost.Version,
            post = new { title = "x", text = "hijacked", contentType = "Informative", pathwayStage = "General", targets = Array.Empty<object>() },
        });
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await klinik.PostAsync($"/api/v1/orgs/{trSlug}/posts/{dkPost.Id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await klinik.GetAsync($"/api/v1/orgs/{dkSlug}/audit")).StatusCode);
        Assert.Equal(dkPost.Text, await Db(db => db.Posts.Where(p => p.Id == dkPost.Id).Select(p => p.Text).SingleAsync()));
    }

    [Fact]
    public async Task OtherOrganisation_CalendarPage_ShowsNotFound()
    {
        var (_, dkSlug, _) = await OrgAsync("DK");
        var klinik = await SignInAsync("klinik@caredialog.demo");
        var html = await klinik.GetStringAsync($"/o/{dkSlug}/calendar");
        Assert.Contains("not a member", html);
        Assert.DoesNotContain("Regionshospital", html);
    }

    [Fact]
    public async Task Audit_ForAnEditor_IsForbidden_ForAManager_ListsDecisions()
    {
        var (_, slug, _) = await OrgAsync("DK");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync("editor@caredialog.demo")).GetAsync($"/api/v1/orgs/{slug}/audit")).StatusCode);
        var entries = await (await SignInAsync("manager@caredialog.demo")).GetFromJsonAsync<List<Dictionary<string, object>>>($"/api/v1/orgs/{slug}/audit");
        Assert.Contains(entries!, e => e["action"].ToString() == "demo.seeded");
    }
}

public sealed class AccessTests_Sqlite(SqliteAppFixture app) : AccessTests<SqliteAppFixture>(app);

public sealed class AccessTests_Postgres(PostgresAppFixture app) : AccessTests<PostgresAppFixture>(app);
