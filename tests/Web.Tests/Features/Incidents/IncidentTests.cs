using System.Net;
using System.Net.Http.Json;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Incidents;
using CareDialog.Core.Features.Publishing;
using CareDialog.Triage;
using CareDialog.Web.Features.Incidents;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Incidents;

/// <summary>Complaints become incidents (by rule or by hand), are answered within working-time deadlines, warned, escalated and closed.</summary>
public abstract class IncidentTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    private readonly Scenario _scenario = new(app);

    private async Task<(Channel Channel, string RemoteId)> PublishedAsync()
    {
        var channel = await _scenario.ChannelAsync();
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1));
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
        }

        return (channel, await Db(db => db.PostTargets.Where(t => t.PostId == post.Id).Select(t => t.RemoteId!).SingleAsync()));
    }

    /// <summary>A citizen's comment on the Sandbox platform, polled into the inbox; returns the item.</summary>
    private async Task<InboxItem> CommentAsync(Channel channel, string remoteId, string author, string text)
    {
        await Anonymous().PostAsync($"/sandbox/p/{remoteId}/comments",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["author"] = author, ["text"] = text }));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PollInbound>().RunAsync(default, channel.Id);
        }

        return await Db(db => db.InboxItems.AsNoTracking().SingleAsync(i => i.ChannelId == channel.Id && i.Text == text));
    }

    /// <summary>An inbox item written by the citizen at <paramref name="writtenAtUtc"/> (stored directly: the platform side is not under test).</summary>
    private async Task<InboxItem> ItemWrittenAtAsync(DateTime writtenAtUtc, string text = "Vi har ventet i fire timer på skadestuen")
    {
        var channel = await _scenario.ChannelAsync();
        if (App.Clock.GetUtcNow() < writtenAtUtc.AddMinutes(1))
        {
            App.Clock.SetUtcNow(writtenAtUtc.AddMinutes(1));
        }

        var item = new InboxItem
        {
            OrganisationId = channel.OrganisationId, ChannelId = channel.Id, RemoteId = Guid.NewGuid().ToString("N"), Kind = InboundKind.Comment,
            Text = text, AuthorName = "Karen B.", AuthorId = "author-1", CreatedAtUtc = writtenAtUtc, ReceivedAtUtc = writtenAtUtc.AddSeconds(30),
            Intent = Intent.Complaint, Sentiment = Sentiment.Negative, Urgency = Urgency.Normal, Language = "da",
        };
        await Db(async db => { db.InboxItems.Add(item); return await db.SaveChangesAsync(); });
        return item;
    }

    private async Task<Incident> OpenByHandAsync(InboxItem item, bool urgent = false)
    {
        using var scope = App.Services.CreateScope();
        var responder = await _scenario.ActorAsync("responder@caredialog.demo");
        return Scenario.Ok(await scope.ServiceProvider.GetRequiredService<OpenIncident>().HandleAsync(responder, new OpenIncidentInput(item.Id, Urgent: urgent), default));
    }

    private async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> run)
    {
        using var scope = App.Services.CreateScope();
        return await run(scope.ServiceProvider);
    }

    private async Task<Incident> IncidentOfAsync(Guid inboxItemId) =>
        await Db(db => db.IncidentMessages.Where(m => m.InboxItemId == inboxItemId)
            .Join(db.Incidents.Include(i => i.Entries).Include(i => i.Messages), m => m.IncidentId, i => i.Id, (m, i) => i).AsNoTracking().SingleAsync());

    [Fact]
    public async Task Complaint_ArrivingInTheInbox_OpensAnIncidentByRule_RoutedToTheUnitOfItsCategory()
    {
        var (_, slug, _) = await OrgAsync("DK");
        var admin = await SignInAsync("admin@caredialog.demo");
        var settings = await admin.GetFromJsonAsync<IncidentSettingsDto>($"/api/v1/orgs/{slug}/incidents/settings", Json);
        var put = await admin.PutAsJsonAsync($"/api/v1/orgs/{slug}/incidents/settings", settings! with
        {
            Rules = [new RoutingRuleInput(ComplaintCategory.WaitingTime, null, null, "Akutmodtagelsen"), new RoutingRuleInput(null, "parkering", null, "Service")],
        });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var (channel, remoteId) = await PublishedAsync();

        var item = await CommentAsync(channel, remoteId, "Karen B.", "Vi har ventet i fire timer på skadestuen og ingen siger noget. Helt uacceptabelt!");
        var summary = await RunAsync(sp => sp.GetRequiredService<OpenIncidentsForComplaints>().RunAsync(default));

        Assert.Equal(Intent.Complaint, item.Intent);
        Assert.True(summary.Opened >= 1);
        var incident = await IncidentOfAsync(item.Id);
        Assert.Equal(ComplaintCategory.WaitingTime, incident.Category);
        Assert.Equal("Akutmodtagelsen", incident.Unit);
        Assert.Equal(IncidentStatus.New, incident.Status);
        Assert.Equal("system", incident.OpenedBy);
        Assert.DoesNotContain("skadestuen", incident.Title); // automatic titles never repeat the message
        Assert.True(incident.FirstAnswerDueUtc > incident.ReceivedAtUtc);
        Assert.True(incident.FinalAnswerDueUtc >= incident.FirstAnswerDueUtc);
        Assert.Contains(incident.Entries, e => e.Kind == IncidentEntryKind.Opened && e.Text.Contains("vente*"));
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == "incident.opened" && a.EntityId == incident.Id.ToString())));
        Assert.True(await Db(db => db.Notifications.AnyAsync(n => n.Kind == "incident.opened" && n.Text.Contains("Akutmodtagelsen"))));
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == "incidents.routing_changed")));

        // Running the rule again opens nothing more for the same message.
        await RunAsync(sp => sp.GetRequiredService<OpenIncidentsForComplaints>().RunAsync(default));
        Assert.Equal(1, await Db(db => db.IncidentMessages.CountAsync(m => m.InboxItemId == item.Id)));

        // A further complaint by the same person under the same post joins the open incident.
        var second = await CommentAsync(channel, remoteId, "Karen B.", "Nu har vi ventet fem timer. Det er en skandale.");
        await RunAsync(sp => sp.GetRequiredService<OpenIncidentsForComplaints>().RunAsync(default));
        Assert.Equal(incident.Id, (await IncidentOfAsync(second.Id)).Id);
    }

    [Fact]
    public async Task Complaint_InAnOrganisationThatNeverOpenedItsIncidentSettings_OpensWithTheCountryDefaults()
    {
        var scenario = new Scenario(App, "RU");
        var channel = await scenario.ChannelAsync();
        var post = await scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1));
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunAsync(sp => sp.GetRequiredService<PublishDuePosts>().RunAsync(default));
        var remoteId = await Db(db => db.PostTargets.Where(t => t.PostId == post.Id).Select(t => t.RemoteId!).SingleAsync());
        var (orgId, _, _) = await OrgAsync("RU");
        Assert.False(await Db(db => db.IncidentSettings.AnyAsync(s => s.OrganisationId == orgId)));

        var item = await CommentAsync(channel, remoteId, "Ирина С.", "Третий час ждём в очереди к терапевту, это безобразие!");
        var summary = await RunAsync(sp => sp.GetRequiredService<OpenIncidentsForComplaints>().RunAsync(default));

        Assert.True(summary.Opened >= 1);
        var incident = await IncidentOfAsync(item.Id);
        Assert.Equal(ComplaintCategory.WaitingTime, incident.Category);
        var settings = await Db(db => db.IncidentSettings.AsNoTracking().SingleAsync(s => s.OrganisationId == orgId));
        Assert.Equal("09:00-13:00, 14:00-18:00", settings.WeekdayHours);
    }

    [Fact]
    public async Task Deadline_ForAComplaintWrittenFridayAfternoon_CountsOnlyWorkingHoursOverTheWeekend()
    {
        // Friday 20 March 2026, 14:00 in Copenhagen (CET, UTC+1). DK desk hours 08:00-16:00, first answer within 8 working hours:
        // 2 hours on Friday and 6 on Monday → Monday 23 March 14:00 local = 13:00 UTC. Final answer: 10 working days after the day of receipt.
        var item = await ItemWrittenAtAsync(new DateTime(2026, 3, 20, 13, 0, 0, DateTimeKind.Utc));

        var incident = await OpenByHandAsync(item);

        Assert.Equal(new DateTime(2026, 3, 23, 13, 0, 0, DateTimeKind.Utc), incident.FirstAnswerDueUtc);
        Assert.Equal(new DateTime(2026, 3, 20, 13, 0, 0, DateTimeKind.Utc), incident.ReceivedAtUtc);
        // Ten working days skip the weekends and Easter (Maundy Thursday 2 April, Good Friday 3 April, Easter Monday 6 April):
        // Wednesday 8 April at closing time, 16:00 CEST (after the DST change) = 14:00 UTC.
        Assert.Equal(new DateTime(2026, 4, 8, 14, 0, 0, DateTimeKind.Utc), incident.FinalAnswerDueUtc);
    }

    [Fact]
    public async Task Deadline_AcrossTheSpringDaylightSavingChange_KeepsLocalOfficeHours()
    {
        // Friday 27 March 2026, 14:00 CET = 13:00 UTC. Clocks go forward on Sunday 29 March, so Monday's 14:00 is 12:00 UTC.
        var item = await ItemWrittenAtAsync(new DateTime(2026, 3, 27, 13, 0, 0, DateTimeKind.Utc));

        var incident = await OpenByHandAsync(item);
        var urgent = await OpenByHandAsync(await ItemWrittenAtAsync(new DateTime(2026, 3, 27, 13, 0, 0, DateTimeKind.Utc)), urgent: true);

        Assert.Equal(new DateTime(2026, 3, 30, 12, 0, 0, DateTimeKind.Utc), incident.FirstAnswerDueUtc);
        // Urgent: 4 working hours = 2 on Friday, 2 on Monday → 10:00 CEST = 08:00 UTC.
        Assert.Equal(new DateTime(2026, 3, 30, 8, 0, 0, DateTimeKind.Utc), urgent.FirstAnswerDueUtc);
        Assert.True(urgent.Urgent);
    }

    [Fact]
    public async Task DeadlineWatch_WarnsBeforeTheDeadline_ThenEscalatesToManagersOnce()
    {
        var written = App.Clock.GetUtcNow().UtcDateTime;
        var item = await ItemWrittenAtAsync(written);
        var incident = await OpenByHandAsync(item);

        App.Clock.SetUtcNow(incident.FirstAnswerWarnAtUtc.AddMinutes(1));
        await RunAsync(sp => sp.GetRequiredService<WatchIncidentDeadlines>().RunAsync(default));
        var warned = await IncidentOfAsync(item.Id);
        App.Clock.SetUtcNow(incident.FirstAnswerDueUtc.AddMinutes(1));
        await RunAsync(sp => sp.GetRequiredService<WatchIncidentDeadlines>().RunAsync(default));
        await RunAsync(sp => sp.GetRequiredService<WatchIncidentDeadlines>().RunAsync(default));
        var escalated = await IncidentOfAsync(item.Id);

        Assert.NotNull(warned.FirstAnswerWarnedAtUtc);
        Assert.Null(warned.FirstAnswerEscalatedAtUtc);
        Assert.NotNull(escalated.FirstAnswerEscalatedAtUtc);
        Assert.Single(escalated.Entries, e => e.Kind == IncidentEntryKind.Warning && e.Text.Contains("first answer"));
        Assert.Single(escalated.Entries, e => e.Kind == IncidentEntryKind.Escalated && e.Text.Contains("first answer"));
        var escalations = await Db(db => db.Notifications.AsNoTracking().Where(n => n.Kind == "incident.escalated" && n.Link == $"incidents/{incident.Number}").ToListAsync());
        var notice = Assert.Single(escalations);
        Assert.Equal(Core.Features.Organisations.OrgRole.Manager, notice.ForRoles);
        var (_, slug, _) = await OrgAsync("DK");
        var listed = await (await SignInAsync("responder@caredialog.demo")).GetFromJsonAsync<List<IncidentSummaryDto>>($"/api/v1/orgs/{slug}/incidents?breached=true", Json);
        Assert.Equal("breached", listed!.Single(i => i.Id == incident.Id).FirstAnswer);
    }

    [Fact]
    public async Task Incident_IsAnsweredResolvedAndClosed_WithTheOutcomeAndEveryStepAudited()
    {
        var (_, slug, _) = await OrgAsync("DK");
        var (channel, remoteId) = await PublishedAsync();
        var item = await CommentAsync(channel, remoteId, "Ole P.", "Personalet i receptionen var meget uhøflige over for min mor");
        var responder = await SignInAsync("responder@caredialog.demo");
        var opened = await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/incidents", new OpenIncidentDto(item.Id, null, null, null));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var number = (await ReadAsync<IncidentSummaryDto>(opened)).Number;
        var url = $"/api/v1/orgs/{slug}/incidents/{number}";
        Assert.Equal(HttpStatusCode.Conflict, (await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/incidents", new OpenIncidentDto(item.Id, null, null, null))).StatusCode);

        var interim = await responder.PostAsJsonAsync($"{url}/answers", new AnswerDto(AnswerKind.Interim, "Tak fordi du skriver. Vi ser på det og vender tilbage her inden for ti arbejdsdage.", null));
        Assert.True(interim.IsSuccessStatusCode, await interim.Content.ReadAsStringAsync());
        var afterInterim = await ReadAsync<IncidentDto>(interim);
        Assert.Equal("met", afterInterim.Summary.FirstAnswer);
        Assert.Equal("Acknowledged", afterInterim.Summary.Status);
        await responder.PostAsJsonAsync($"{url}/notes", new NoteDto("Talt med afdelingslederen i receptionen."));
        Assert.Equal(HttpStatusCode.OK, (await responder.PostAsJsonAsync($"{url}/status", new StatusDto(IncidentStatus.InProgress, null, null, false, null))).StatusCode);

        var noOutcome = await responder.PostAsJsonAsync($"{url}/status", new StatusDto(IncidentStatus.Resolved, null, null, false, null));
        var resolved = await responder.PostAsJsonAsync($"{url}/status", new StatusDto(IncidentStatus.Resolved, null, "Receptionen har fået en fast velkomstprocedure.", true, null));
        var closeWithoutAnswer = await responder.PostAsJsonAsync($"{url}/status", new StatusDto(IncidentStatus.Closed, null, null, false, null));
        var final = await responder.PostAsJsonAsync($"{url}/answers", new AnswerDto(AnswerKind.Final, "Vi har talt med receptionen og indført en fast velkomst. Tak for at sige til.", null));
        var stale = await responder.PostAsJsonAsync($"{url}/status", new StatusDto(IncidentStatus.Closed, null, null, false, 1));
        var closed = await responder.PostAsJsonAsync($"{url}/status", new StatusDto(IncidentStatus.Closed, null, null, false, null));
        var afterClose = await responder.PostAsJsonAsync($"{url}/status", new StatusDto(IncidentStatus.InProgress, "igen", null, false, null));

        Assert.Equal(HttpStatusCode.BadRequest, noOutcome.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, closeWithoutAnswer.StatusCode);
        Assert.True(final.IsSuccessStatusCode, await final.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterClose.StatusCode);
        var dto = await ReadAsync<IncidentDto>(closed);
        Assert.Equal("Closed", dto.Summary.Status);
        Assert.Equal("met", dto.Summary.FinalAnswer);
        Assert.Equal(StaffBehaviour, dto.Summary.Category);
        Assert.True(dto.OutcomeChangedSomething);
        Assert.Empty(dto.NextStatuses);
        Assert.Equal(
            ["Opened", "InterimAnswer", "Note", "StatusChanged", "StatusChanged", "Outcome", "FinalAnswer", "StatusChanged"],
            dto.Timeline.Select(e => e.Kind).ToArray());
        var actions = await Db(db => db.AuditEntries.Where(a => a.EntityId == dto.Summary.Id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains("incident.interim_answer", actions);
        Assert.Contains("incident.final_answer", actions);
        Assert.Equal(3, actions.Count(a => a == "incident.status_changed")); // the interim answer acknowledged it by itself
        Assert.Equal(2, await Db(db => db.SandboxRemoteComments.CountAsync(c => c.ChannelId == channel.Id && c.FromPage)));

        var youAskedWeDid = await responder.GetFromJsonAsync<List<IncidentSummaryDto>>($"/api/v1/orgs/{slug}/incidents?changed=true", Json);
        Assert.Contains(youAskedWeDid!, i => i.Number == number && i.Outcome == "Receptionen har fået en fast velkomstprocedure.");

        // The compliance officer reads the incident but not its internal notes.
        var compliance = await SignInAsync("compliance@caredialog.demo");
        var seen = await compliance.GetFromJsonAsync<IncidentDto>(url, Json);
        Assert.DoesNotContain(seen!.Timeline, e => e.Kind == "Note");
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.PostAsJsonAsync($"{url}/notes", new NoteDto("x"))).StatusCode);
    }

    private const string StaffBehaviour = nameof(ComplaintCategory.StaffBehaviour);

    [Fact]
    public async Task Answer_ThatWouldExposePatientData_IsBlocked_AndTheClockKeepsRunning()
    {
        var (_, slug, _) = await OrgAsync("DK");
        var (channel, remoteId) = await PublishedAsync();
        var item = await CommentAsync(channel, remoteId, "Jens K.", "Min fars prøvesvar er stadig ikke kommet efter tre uger, helt utilfredsstillende");
        var responder = await SignInAsync("responder@caredialog.demo");
        var number = (await ReadAsync<IncidentSummaryDto>(await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/incidents", new OpenIncidentDto(item.Id, null, null, null)))).Number;

        var answer = await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/incidents/{number}/answers",
            new AnswerDto(AnswerKind.Interim, "Vi har slået din far op på CPR 070761-4285 og hans blodprøve er forsinket.", null));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var problem = await ProblemAsync(answer);
        Assert.Contains("cannot be sent", problem.GetProperty("detail").GetString());
        var incident = await IncidentOfAsync(item.Id);
        Assert.Null(incident.FirstAnsweredAtUtc);
        Assert.Equal(0, await Db(db => db.SandboxRemoteComments.CountAsync(c => c.ChannelId == channel.Id && c.FromPage)));
        Assert.Equal(ComplaintCategory.TestResults, incident.Category);
    }

    [Fact]
    public async Task InboxReply_ToAnIncidentsMessage_StopsTheFirstAnswerClock()
    {
        var (_, slug, _) = await OrgAsync("DK");
        var (channel, remoteId) = await PublishedAsync();
        var item = await CommentAsync(channel, remoteId, "Lise M.", "Der er ingen kørestolsrampe ved indgang B, jeg kan ikke komme ind");
        var incident = await OpenByHandAsync(item);

        var reply = await (await SignInAsync("responder@caredialog.demo")).PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply",
            new Web.Features.Inbox.ReplyRequestDto("Tak for beskeden. Vi har bedt driften se på indgang B i dag."));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var after = await IncidentOfAsync(item.Id);
        Assert.NotNull(after.FirstAnsweredAtUtc);
        Assert.Contains(after.Entries, e => e.Kind == IncidentEntryKind.InterimAnswer);
        Assert.Equal(ComplaintCategory.Accessibility, incident.Category);
    }

    [Fact]
    public async Task Incidents_FollowTheRoleTable_AndStayInsideTheirOrganisation()
    {
        var item = await ItemWrittenAtAsync(App.Clock.GetUtcNow().UtcDateTime);
        var incident = await OpenByHandAsync(item);
        var (_, dk, _) = await OrgAsync("DK");
        var (_, tr, _) = await OrgAsync("TR");

        var editor = await SignInAsync("editor@caredialog.demo");
        var klinik = await SignInAsync("klinik@caredialog.demo");
        var responder = await SignInAsync("responder@caredialog.demo");

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"/api/v1/orgs/{dk}/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsJsonAsync($"/api/v1/orgs/{dk}/incidents", new OpenIncidentDto(item.Id, null, null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await klinik.GetAsync($"/api/v1/orgs/{dk}/incidents/{incident.Number}")).StatusCode);
        // The DK incident's number does not exist in the TR organisation's view, even for a member of both.
        var trView = await responder.GetAsync($"/api/v1/orgs/{tr}/incidents/{incident.Number}");
        Assert.True(trView.StatusCode == HttpStatusCode.NotFound
            || (await ReadAsync<IncidentDto>(trView)).Summary.Id != incident.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await responder.PutAsJsonAsync($"/api/v1/orgs/{dk}/incidents/settings",
            await responder.GetFromJsonAsync<IncidentSettingsDto>($"/api/v1/orgs/{dk}/incidents/settings", Json))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await responder.GetAsync($"/api/v1/orgs/{dk}/incidents/{incident.Number}")).StatusCode);
    }

    [Fact]
    public async Task Settings_ThatMakeNoCalendar_AreRefusedWithTheReason()
    {
        var (_, slug, _) = await OrgAsync("FI");
        var admin = await SignInAsync("admin@caredialog.demo");
        var current = (await admin.GetFromJsonAsync<IncidentSettingsDto>($"/api/v1/orgs/{slug}/incidents/settings", Json))!;

        var badHours = await admin.PutAsJsonAsync($"/api/v1/orgs/{slug}/incidents/settings", current with { WeekdayHours = "16:00-08:00" });
        var noHours = await admin.PutAsJsonAsync($"/api/v1/orgs/{slug}/incidents/settings", current with { WeekdayHours = "", SaturdayHours = "", SundayHours = "" });
        var urgentLonger = await admin.PutAsJsonAsync($"/api/v1/orgs/{slug}/incidents/settings", current with { UrgentFirstAnswerMinutes = current.FirstAnswerMinutes + 60 });
        var badDay = await admin.PutAsJsonAsync($"/api/v1/orgs/{slug}/incidents/settings", current with { ExtraClosedDays = "24.12.2026" });
        var good = await admin.PutAsJsonAsync($"/api/v1/orgs/{slug}/incidents/settings", current with { SaturdayHours = "10:00-14:00", ExtraClosedDays = "2026-12-24", AutoOpenComplaints = false });

        Assert.Equal("08:00-16:00", current.WeekdayHours);
        Assert.Equal(480, current.FirstAnswerMinutes);
        Assert.Contains("ends before it starts", (await ProblemAsync(badHours)).GetProperty("detail").GetString());
        Assert.Contains("empty", (await ProblemAsync(noHours)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, urgentLonger.StatusCode);
        Assert.Contains("2026-12-24", (await ProblemAsync(badDay)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var saved = await ReadAsync<IncidentSettingsDto>(good);
        Assert.Equal("10:00-14:00", saved.SaturdayHours);
        Assert.False(saved.AutoOpenComplaints);
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == "incidents.settings_changed")));
    }
}

public sealed class IncidentTests_Sqlite(SqliteAppFixture app) : IncidentTests<SqliteAppFixture>(app);

public sealed class IncidentTests_Postgres(PostgresAppFixture app) : IncidentTests<PostgresAppFixture>(app);
