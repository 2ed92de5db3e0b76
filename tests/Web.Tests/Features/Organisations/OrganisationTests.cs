using System.Net;
using System.Net.Http.Json;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Tests.Features.Organisations;

public abstract class OrganisationTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("+03:00")]
    [InlineData("")]
    public async Task Update_InvalidTimeZone_IsRefusedAndKeepsTheOldZone(string zone)
    {
        var (id, slug, _) = await OrgAsync("FI");
        var admin = await SignInAsync("admin@caredialog.demo");

        var response = await admin.PutAsJsonAsync($"/api/v1/orgs/{slug}", new { name = "Neuvola", country = "FI", timeZone = zone, language = "fi" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("IANA", (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal("Europe/Helsinki", await Db(db => db.Organisations.Where(o => o.Id == id).Select(o => o.TimeZone).SingleAsync()));
    }

    [Fact]
    public async Task Update_ByAManager_IsForbidden()
    {
        var (_, slug, _) = await OrgAsync("FI");
        var manager = await SignInAsync("manager@caredialog.demo");
        var response = await manager.PutAsJsonAsync($"/api/v1/orgs/{slug}", new { name = "X", country = "FI", timeZone = "Europe/Helsinki", language = "fi" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task DemoData_HasFourOrganisationsInTheirOwnZonesWithAMonthOfPosts()
    {
        var orgs = await Db(db => db.Organisations.OrderBy(o => o.Country).Select(o => new { o.Country, o.TimeZone, o.Language, Posts = db.Posts.Count(p => p.OrganisationId == o.Id) }).ToListAsync());
        Assert.Equal(["DK", "FI", "RU", "TR"], orgs.Select(o => o.Country));
        Assert.Equal(["Europe/Copenhagen", "Europe/Helsinki", "Europe/Moscow", "Europe/Istanbul"], orgs.Select(o => o.TimeZone));
        Assert.Equal(["da", "fi", "ru", "tr"], orgs.Select(o => o.Language));
        Assert.All(orgs, o => Assert.True(o.Posts >= 12, $"{o.Country} has {o.Posts} posts"));
        var statuses = await Db(db => db.Posts.Select(p => p.Status).Distinct().ToListAsync());
        Assert.Contains(Core.Features.Posts.PostStatus.Published, statuses);
        Assert.Contains(Core.Features.Posts.PostStatus.Scheduled, statuses);
        Assert.Contains(Core.Features.Posts.PostStatus.Draft, statuses);
    }
}

public sealed class OrganisationTests_Sqlite(SqliteAppFixture app) : OrganisationTests<SqliteAppFixture>(app);

public sealed class OrganisationTests_Postgres(PostgresAppFixture app) : OrganisationTests<PostgresAppFixture>(app);
