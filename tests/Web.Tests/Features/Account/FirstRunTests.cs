using System.Net;
using System.Net.Http.Json;
using CareDialog.Core.Features.Organisations;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Tests.Features.Account;

/// <summary>Production mode: no demo accounts; the first visitor creates the first organisation and its Admin, once.</summary>
public abstract class FirstRunTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    private static async Task<HttpResponseMessage> PostSetupAsync(HttpClient client, string email, string zone)
    {
        var token = await AntiforgeryTokenAsync(client);
        return await client.PostAsync("/account/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["orgName"] = "Sundhedshuset Ærø",
            ["country"] = "DK",
            ["timeZone"] = zone,
            ["language"] = "da",
            ["displayName"] = "Første Admin",
            ["email"] = email,
            ["password"] = "a long enough passphrase",
            ["__RequestVerificationToken"] = token,
        }));
    }

    [Fact]
    public async Task FirstRun_CreatesAdminAndOrganisation_ThenSetupIsClosed()
    {
        Assert.Equal(0, await Db(db => db.Users.CountAsync()));
        var home = await Anonymous().GetAsync("/");
        Assert.EndsWith("/setup", home.Headers.Location!.OriginalString);

        // A bad time zone is refused and creates nothing.
        var bad = await PostSetupAsync(Anonymous(), "first@clinic.test", "Europe/Atlantis");
        Assert.Contains("error=", bad.Headers.Location!.OriginalString);
        Assert.Equal(0, await Db(db => db.Users.CountAsync()));

        var client = Anonymous();
        var ok = await PostSetupAsync(client, "first@clinic.test", "Europe/Copenhagen");
        Assert.Equal("/", ok.Headers.Location!.OriginalString);
        var orgs = await client.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/v1/orgs");
        var org = Assert.Single(orgs!);
        Assert.Equal("sundhedshuset-aero", org["slug"].ToString());
        var roles = await Db(db => db.Memberships.Select(m => m.Roles).SingleAsync());
        Assert.Equal(OrgRole.Admin | OrgRole.Manager, roles);

        var again = await PostSetupAsync(Anonymous(), "intruder@evil.test", "Europe/Copenhagen");
        Assert.Contains("already set up", WebUtility.UrlDecode(again.Headers.Location!.OriginalString));
        Assert.Equal(1, await Db(db => db.Users.CountAsync()));
        Assert.DoesNotContain("Demo accounts", await Anonymous().GetStringAsync("/account/login"));
    }
}

public sealed class FirstRunTests_Sqlite(EmptySqliteAppFixture app) : FirstRunTests<EmptySqliteAppFixture>(app);

public sealed class FirstRunTests_Postgres(EmptyPostgresAppFixture app) : FirstRunTests<EmptyPostgresAppFixture>(app);
