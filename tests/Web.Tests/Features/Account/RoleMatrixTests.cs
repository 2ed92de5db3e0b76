using System.Net;
using System.Net.Http.Json;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Demo;
using CareDialog.Core.Features.Organisations;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Account;

/// <summary>
/// One member per single role in the Danish organisation, and for each endpoint the roles that may use it, written out here
/// (not derived from the permission table, so a change to the table has to be made twice on purpose). A role that may not
/// gets 403; one that may gets past authorisation (the target ids do not exist, so 404 or 400 follows). Issue #6 extends
/// this matrix to every endpoint and to the UI.
/// </summary>
public abstract class RoleMatrixTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    private static readonly OrgRole[] Roles =
    [
        OrgRole.Admin, OrgRole.Manager, OrgRole.Editor, OrgRole.Designer, OrgRole.MedicalReviewer,
        OrgRole.ComplianceOfficer, OrgRole.Responder, OrgRole.Analyst, OrgRole.Viewer,
    ];

    private const OrgRole All = OrgRole.Admin | OrgRole.Manager | OrgRole.Editor | OrgRole.Designer | OrgRole.MedicalReviewer
                                | OrgRole.ComplianceOfficer | OrgRole.Responder | OrgRole.Analyst | OrgRole.Viewer;

    private const OrgRole ReadInbox = OrgRole.Admin | OrgRole.Manager | OrgRole.Editor | OrgRole.ComplianceOfficer | OrgRole.Responder;
    private const OrgRole Answer = OrgRole.Admin | OrgRole.Manager | OrgRole.Responder;

    public sealed record Row(string Method, string Path, object? Body, OrgRole Allowed);

    private static readonly string Missing = Guid.NewGuid().ToString();

    private static readonly Row[] Matrix =
    [
        new("GET", "inbox", null, ReadInbox),
        new("GET", "inbox/export.csv", null, ReadInbox),
        new("POST", $"inbox/{Missing}/open", null, ReadInbox),
        new("POST", $"inbox/{Missing}/reply", new { text = "Tak." }, Answer),
        new("POST", $"inbox/{Missing}/done", null, Answer),
        new("POST", $"inbox/{Missing}/assign", new { userId = (string?)null }, Answer),
        new("POST", $"inbox/{Missing}/hide", new { reason = "spam" }, Answer),
        new("POST", "inbox/duty", new { hours = 48 }, Answer),
        new("POST", $"inbox/replies/{Missing}/approve", new { reason = (string?)null }, OrgRole.Manager | OrgRole.ComplianceOfficer),
        new("POST", "inbox/templates", new { language = "da", intent = "praise", title = "", text = "" }, OrgRole.Admin | OrgRole.Manager),
        new("PUT", "inbox/settings", new { repliesNeedApproval = false, claimMinutes = 0 }, OrgRole.Admin | OrgRole.Manager),
        new("GET", "incidents", null, OrgRole.Admin | OrgRole.Manager | OrgRole.ComplianceOfficer | OrgRole.Responder | OrgRole.Analyst),
        new("GET", "incidents/settings", null, OrgRole.Admin | OrgRole.Manager | OrgRole.ComplianceOfficer | OrgRole.Responder | OrgRole.Analyst),
        new("POST", "incidents", new { inboxItemId = Missing }, Answer),
        new("POST", "incidents/999999/notes", new { text = "x" }, Answer),
        new("POST", "incidents/999999/status", new { to = "Acknowledged" }, Answer),
        new("PUT", "incidents/settings", new
        {
            firstAnswerMinutes = 0, urgentFirstAnswerMinutes = 0, finalAnswerWorkingDays = 0, warnAtPercent = 0, weekdayHours = "", saturdayHours = "",
            sundayHours = "", useNationalHolidays = true, extraClosedDays = "", defaultUnit = "", autoOpenComplaints = true, rules = Array.Empty<object>(),
        }, OrgRole.Admin | OrgRole.Manager),
        new("GET", "crisis", null, All),
        new("POST", "crisis/pause", new { reason = "" }, OrgRole.Manager),
        new("POST", "crisis/resume", new { note = (string?)null }, OrgRole.Manager),
        new("GET", "audit", null, OrgRole.Admin | OrgRole.Manager | OrgRole.ComplianceOfficer),
        new("POST", "channels/token", new { platform = "telegram", token = "", accountId = "" }, OrgRole.Admin),
        new("POST", $"posts/{Missing}/approve", null, OrgRole.Manager),
        new("POST", $"posts/{Missing}/submit", null, OrgRole.Admin | OrgRole.Manager | OrgRole.Editor),
        new("PUT", "", new { name = "", country = "DK", timeZone = "Europe/Copenhagen", language = "da" }, OrgRole.Admin),
    ];

    private async Task<HttpClient> MemberAsync(OrgRole role)
    {
        var email = $"matrix-{role.ToString().ToLowerInvariant()}@test.caredialog";
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Matrix {role}" };
                Assert.True((await users.CreateAsync(user, DemoSeeder.Password)).Succeeded);
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var org = await db.Organisations.SingleAsync(o => o.Country == "DK");
                db.Memberships.Add(new Membership { OrganisationId = org.Id, UserId = user.Id, Roles = role });
                await db.SaveChangesAsync();
            }
        }

        return await SignInAsync(email);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string slug, Row row)
    {
        var url = $"/api/v1/orgs/{slug}" + (row.Path.Length == 0 ? "" : "/" + row.Path);
        var request = new HttpRequestMessage(new HttpMethod(row.Method), url);
        if (row.Method != "GET")
        {
            request.Content = JsonContent.Create(row.Body ?? new { });
        }

        return client.SendAsync(request);
    }

    [Fact]
    public async Task EveryRole_GetsExactlyTheEndpointsTheRoleTableGivesIt_AndNothingInAnotherOrganisation()
    {
        var (_, dk, _) = await OrgAsync("DK");
        var (_, tr, _) = await OrgAsync("TR");
        var wrong = new List<string>();
        foreach (var role in Roles)
        {
            var client = await MemberAsync(role);
            foreach (var row in Matrix)
            {
                var status = (await SendAsync(client, dk, row)).StatusCode;
                var allowed = row.Allowed.HasFlag(role);
                if (allowed == (status == HttpStatusCode.Forbidden) || status is HttpStatusCode.Unauthorized or HttpStatusCode.InternalServerError)
                {
                    wrong.Add($"{role,-18} {row.Method,-4} {row.Path,-40} → {(int)status} (expected {(allowed ? "allowed" : "403")})");
                }

                // The same request in an organisation the member does not belong to is not found, whatever the role.
                var elsewhere = (await SendAsync(client, tr, row)).StatusCode;
                if (elsewhere != HttpStatusCode.NotFound)
                {
                    wrong.Add($"{role,-18} {row.Method,-4} TR/{row.Path,-37} → {(int)elsewhere} (expected 404)");
                }
            }
        }

        Assert.True(wrong.Count == 0, "Role matrix mismatches:\n" + string.Join("\n", wrong));
    }
}

public sealed class RoleMatrixTests_Sqlite(SqliteAppFixture app) : RoleMatrixTests<SqliteAppFixture>(app);

public sealed class RoleMatrixTests_Postgres(PostgresAppFixture app) : RoleMatrixTests<PostgresAppFixture>(app);
