using System.Net;
using System.Net.Http.Json;
using System.Text;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Incidents;
using CareDialog.Core.Features.Publishing;
using CareDialog.Web.Features.Inbox;
using CareDialog.Web.Features.Incidents;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Inbox;

/// <summary>Working the inbox as a team: two responders on one item, assignment, done without reply, templates, reply approval, export.</summary>
public abstract class InboxWorkflowTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    private async Task<(Channel Channel, string RemoteId, string Slug)> PublishedAsync(string country)
    {
        var scenario = new Scenario(App, country);
        var channel = await scenario.ChannelAsync();
        var post = await scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1));
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
        }

        var (_, slug, _) = await OrgAsync(country);
        return (channel, await Db(db => db.PostTargets.Where(t => t.PostId == post.Id).Select(t => t.RemoteId!).SingleAsync()), slug);
    }

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

    private Task<int> PageRepliesAsync(Guid channelId) => Db(db => db.SandboxRemoteComments.CountAsync(c => c.ChannelId == channelId && c.FromPage));

    [Fact]
    public async Task SecondResponder_IsWarnedAndStopped_WhileTheFirstHasTheItemOpen_UnlessTheyTakeOver()
    {
        var (channel, remoteId, slug) = await PublishedAsync("DK");
        var item = await CommentAsync(channel, remoteId, "Mette L.", "Kan man få influenzavaccinen hos egen læge?");
        var responder = await SignInAsync("responder@caredialog.demo");
        var admin = await SignInAsync("admin@caredialog.demo");

        var first = await ReadAsync<OpenItemDto>(await responder.PostAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/open", null));
        var second = await ReadAsync<OpenItemDto>(await admin.PostAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/open", null));
        var blocked = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Ja, spørg din egen læge.", second.Replies));
        var sentByFirst = await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Ja, de fleste praktiserende læger giver vaccinen.", first.Replies));
        var staleSecond = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Ja, spørg din egen læge.", second.Replies));
        var takeOver = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Supplement: tider kan også bestilles på sundhed.dk.", second.Replies, TakeOver: true));

        Assert.Null(first.AlsoOpenBy);
        Assert.Equal("Rasmus Responder", second.AlsoOpenBy);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains("Rasmus Responder is answering", (await ProblemAsync(blocked)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, sentByFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, staleSecond.StatusCode);
        Assert.Contains("replied to this item meanwhile", (await ProblemAsync(staleSecond)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, takeOver.StatusCode);
        Assert.Equal(2, await PageRepliesAsync(channel.Id));

        // The claim lapses: after the claim time nobody is warned.
        var other = await CommentAsync(channel, remoteId, "Jens P.", "Hvornår åbner caféen?");
        await responder.PostAsync($"/api/v1/orgs/{slug}/inbox/{other.Id}/open", null);
        App.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Null((await ReadAsync<OpenItemDto>(await admin.PostAsync($"/api/v1/orgs/{slug}/inbox/{other.Id}/open", null))).AlsoOpenBy);
    }

    [Fact]
    public async Task Items_AreAssigned_FilteredByAssigneeAndState_AndMarkedDoneWithoutReply_Audited()
    {
        var (channel, remoteId, slug) = await PublishedAsync("DK");
        var praise = await CommentAsync(channel, remoteId, "Sofie H.", "Tak til personalet på fødegangen i nat");
        var question = await CommentAsync(channel, remoteId, "Ole P.", "Er der parkering ved indgang C?");
        var responder = await SignInAsync("responder@caredialog.demo");
        var responderId = await Db(db => db.Users.Where(u => u.Email == "responder@caredialog.demo").Select(u => u.Id).SingleAsync());
        var editorId = await Db(db => db.Users.Where(u => u.Email == "editor@caredialog.demo").Select(u => u.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{question.Id}/assign", new AssignItemDto(responderId))).StatusCode);
        var toEditor = await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{praise.Id}/assign", new AssignItemDto(editorId));
        Assert.Equal(HttpStatusCode.NoContent, (await responder.PostAsync($"/api/v1/orgs/{slug}/inbox/{praise.Id}/done", null)).StatusCode);
        var mine = await responder.GetFromJsonAsync<List<InboxItemDto>>($"/api/v1/orgs/{slug}/inbox?assignee=me&channel={channel.Id}", Json);
        var assigned = await responder.GetFromJsonAsync<List<InboxItemDto>>($"/api/v1/orgs/{slug}/inbox?status=assigned&channel={channel.Id}", Json);
        var done = await responder.GetFromJsonAsync<List<InboxItemDto>>($"/api/v1/orgs/{slug}/inbox?status=done&channel={channel.Id}", Json);
        var positive = await responder.GetFromJsonAsync<List<InboxItemDto>>($"/api/v1/orgs/{slug}/inbox?sentiment=positive&channel={channel.Id}", Json);

        Assert.Equal(HttpStatusCode.BadRequest, toEditor.StatusCode); // editors do not answer the inbox
        Assert.Equal(question.Id, Assert.Single(mine!).Id);
        Assert.Equal("Rasmus Responder", Assert.Single(assigned!).Assignee);
        Assert.Equal(praise.Id, Assert.Single(done!).Id);
        Assert.Equal(praise.Id, Assert.Single(positive!).Id);
        Assert.Equal(0, await PageRepliesAsync(channel.Id));
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == "inbox.done" && a.EntityId == praise.Id.ToString())));
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == "inbox.assigned" && a.EntityId == question.Id.ToString())));
        Assert.Equal(mine![0].ThreadKey, done![0].ThreadKey); // both are comments under the same post
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync("editor@caredialog.demo")).PostAsync($"/api/v1/orgs/{slug}/inbox/{question.Id}/done", null)).StatusCode);
    }

    [Fact]
    public async Task Templates_AreOfferedByLanguageAndIntent_AndAnOrganisationTemplateThatWouldExposePatientDataIsRefused()
    {
        var (channel, remoteId, slug) = await PublishedAsync("FI");
        var item = await CommentAsync(channel, remoteId, "Aino K.", "Odotimme päivystyksessä kuusi tuntia, eikä kukaan kertonut mitään. Tämä ei ole hyväksyttävää.");
        var admin = await SignInAsync("admin@caredialog.demo");

        var added = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/templates",
            new NewTemplateDto("fi", "complaint", "Päivystyksen pahoittelu", "Pahoittelemme pitkää odotusta päivystyksessä. Lähetäthän meille yksityisviestin."));
        var unsafeTemplate = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/templates",
            new NewTemplateDto("fi", "complaint", "Huono", "Hei, potilaamme henkilötunnuksella 131052-308T on hoidossa osastolla 4."));
        var emergencyTemplate = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/templates", new NewTemplateDto("fi", "emergency", "x", "Soita 112"));
        var byResponder = await (await SignInAsync("responder@caredialog.demo")).PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/templates", new NewTemplateDto("fi", "praise", "Kiitos", "Kiitos!"));
        var offered = await admin.GetFromJsonAsync<List<TemplateDto>>($"/api/v1/orgs/{slug}/inbox/templates?item={item.Id}", Json);

        var triaged = await Db(db => db.InboxItems.Where(i => i.Id == item.Id).Select(i => i.Intent).SingleAsync());
        Assert.Equal(CareDialog.Triage.Intent.Complaint, triaged);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unsafeTemplate.StatusCode);
        Assert.Contains("blocked as a public reply", (await ProblemAsync(unsafeTemplate)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, emergencyTemplate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byResponder.StatusCode);
        Assert.All(offered!, t => Assert.Equal("complaint", t.Intent));
        Assert.All(offered!, t => Assert.Equal("fi", t.Language));
        Assert.Equal("Päivystyksen pahoittelu", offered![0].Title); // the organisation's own first, then the built-in one
        Assert.Contains(offered, t => t.Id is null);
    }

    [Fact]
    public async Task ReplyApproval_HoldsAResponderReply_UntilSomeoneElseApproves_RejectsKeepTheReason_AndTheEmergencyReplyNeverWaits()
    {
        var (channel, remoteId, slug) = await PublishedAsync("TR");
        var admin = await SignInAsync("admin@caredialog.demo");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/orgs/{slug}/inbox/settings", new InboxSettingsDto(true, 10))).StatusCode);
        try
        {
            var question = await CommentAsync(channel, remoteId, "Ayşe Y.", "Diş beyazlatma için randevu nasıl alınır?");
            var emergency = await CommentAsync(channel, remoteId, "Mehmet K.", "Babam nefes alamıyor, göğsünde şiddetli ağrı var, ne yapalım?");
            var responder = await SignInAsync("responder@caredialog.demo");
            var manager = await SignInAsync("manager@caredialog.demo");

            var held = await ReadAsync<InboxReplyDto>(await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{question.Id}/reply",
                new ReplyRequestDto("Randevu için lütfen bize özel mesaj gönderin.")));
            var pageRepliesWhileHeld = await PageRepliesAsync(channel.Id);
            var selfApprove = await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/replies/{held.Id}/approve", new ReviewReplyDto(null));
            var approved = await manager.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/replies/{held.Id}/approve", new ReviewReplyDto(null));
            var again = await manager.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/replies/{held.Id}/approve", new ReviewReplyDto(null));

            var second = await ReadAsync<InboxReplyDto>(await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{question.Id}/reply",
                new ReplyRequestDto("Ayrıca web sitemizden de randevu alabilirsiniz.", TakeOver: true)));
            var rejectWithoutReason = await manager.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/replies/{second.Id}/reject", new ReviewReplyDto(" "));
            var rejected = await ReadAsync<InboxReplyDto>(await manager.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/replies/{second.Id}/reject", new ReviewReplyDto("Web sitemizde randevu yok.")));

            var emergencyReply = await ReadAsync<InboxReplyDto>(await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{emergency.Id}/reply",
                new ReplyRequestDto(EmergencyReplies.For("TR").Text)));

            Assert.Equal("PendingApproval", held.State);
            Assert.Equal(0, pageRepliesWhileHeld);
            Assert.Equal(HttpStatusCode.Forbidden, selfApprove.StatusCode);
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            var sent = await ReadAsync<InboxReplyDto>(approved);
            Assert.Equal("Sent", sent.State);
            Assert.Equal("Mette Manager", sent.ReviewedBy);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, rejectWithoutReason.StatusCode);
            Assert.Equal("Rejected", rejected.State);
            Assert.Equal("Web sitemizde randevu yok.", rejected.Error);
            Assert.Equal("Sent", emergencyReply.State);
            Assert.Equal(2, await PageRepliesAsync(channel.Id)); // the approved one and the emergency reply; the rejected one never left
            Assert.True(await Db(db => db.Notifications.AnyAsync(n => n.Kind == "inbox.reply_awaiting_approval" && n.OrganisationId == channel.OrganisationId)));
            var actions = await Db(db => db.AuditEntries.Where(a => a.EntityId == question.Id.ToString()).Select(a => a.Action).ToListAsync());
            Assert.Contains("inbox.reply_held", actions);
            Assert.Contains("inbox.reply_approved", actions);
            Assert.Contains("inbox.reply_rejected", actions);
        }
        finally
        {
            await admin.PutAsJsonAsync($"/api/v1/orgs/{slug}/inbox/settings", new InboxSettingsDto(false, 10));
        }
    }

    [Fact]
    public async Task FinalAnswer_HeldForApproval_StopsTheIncidentsFinalClockOnlyWhenSent()
    {
        var (channel, remoteId, slug) = await PublishedAsync("RU");
        var admin = await SignInAsync("admin@caredialog.demo");
        await admin.PutAsJsonAsync($"/api/v1/orgs/{slug}/inbox/settings", new InboxSettingsDto(true, 10));
        try
        {
            var item = await CommentAsync(channel, remoteId, "Ирина С.", "Третий час ждём в очереди к терапевту, это безобразие!");
            var responder = await SignInAsync("responder@caredialog.demo");
            var number = (await ReadAsync<IncidentSummaryDto>(await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/incidents", new OpenIncidentDto(item.Id, null, null, null)))).Number;

            var answered = await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/incidents/{number}/answers", new AnswerDto(AnswerKind.Final, "Спасибо, что написали. Мы изменили график приёма терапевтов.", null));
            var before = await (await SignInAsync("manager@caredialog.demo")).GetFromJsonAsync<IncidentDto>($"/api/v1/orgs/{slug}/incidents/{number}", Json);
            var replyId = await Db(db => db.InboxReplies.Where(r => r.InboxItemId == item.Id).Select(r => r.Id).SingleAsync());
            await (await SignInAsync("manager@caredialog.demo")).PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/replies/{replyId}/approve", new ReviewReplyDto(null));
            var after = await admin.GetFromJsonAsync<IncidentDto>($"/api/v1/orgs/{slug}/incidents/{number}", Json);

            Assert.Equal(HttpStatusCode.BadGateway, answered.StatusCode); // not sent (held): the API says so rather than OK
            Assert.Null(before!.FinalAnsweredAtUtc);
            Assert.NotNull(after!.FinalAnsweredAtUtc);
            Assert.Equal("met", after.Summary.FinalAnswer);
            Assert.Contains(after.Timeline, e => e.Kind == "FinalAnswer");
        }
        finally
        {
            await admin.PutAsJsonAsync($"/api/v1/orgs/{slug}/inbox/settings", new InboxSettingsDto(false, 10));
        }
    }

    [Fact]
    public async Task Emergency_IsAddressedToTheResponderOnDutyByName_AndToTheManagers_NotToEveryone()
    {
        var (channel, remoteId, slug) = await PublishedAsync("FI");
        var responder = await SignInAsync("responder@caredialog.demo");
        Assert.Equal(HttpStatusCode.BadRequest, (await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/duty", new DutyDto(48))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/duty", new DutyDto(8))).StatusCode);
        try
        {
            await CommentAsync(channel, remoteId, "Mikko L.", "Isäni ei pysty hengittämään ja hänellä on kova rintakipu, mitä teemme?");
            var responderId = await Db(db => db.Users.Where(u => u.Email == "responder@caredialog.demo").Select(u => u.Id).SingleAsync());

            var notices = await Db(db => db.Notifications.AsNoTracking().Where(n => n.OrganisationId == channel.OrganisationId && n.Kind == "inbox.emergency" && n.Text.Contains("Mikko L.")).ToListAsync());
            var onDuty = await responder.GetFromJsonAsync<List<OnDutyDto>>($"/api/v1/orgs/{slug}/inbox/duty", Json);

            Assert.Equal("Rasmus Responder", Assert.Single(onDuty!).Name);
            Assert.Equal(2, notices.Count);
            Assert.Contains(notices, n => n.ForUserId == responderId && n.Text.StartsWith("You are on duty", StringComparison.Ordinal));
            Assert.Contains(notices, n => n.ForUserId is null && n.ForRoles == Core.Features.Organisations.OrgRole.Manager);
            Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == "inbox.on_duty")));
        }
        finally
        {
            await responder.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/duty", new DutyDto(null));
        }
    }

    [Fact]
    public async Task Export_MasksPatientData_AndNeutralisesSpreadsheetFormulas()
    {
        var (channel, remoteId, slug) = await PublishedAsync("DK");
        await CommentAsync(channel, remoteId, "=HYPERLINK(\"http://evil\")", "Ring til mig på 2345 6789 om min mors prøvesvar, tak");
        var admin = await SignInAsync("admin@caredialog.demo");

        var response = await admin.GetAsync($"/api/v1/orgs/{slug}/inbox/export.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.DoesNotContain("2345 6789", csv);
        Assert.Contains("Ring til mig på ••• om min mors prøvesvar", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync("klinik@caredialog.demo")).GetAsync($"/api/v1/orgs/{slug}/inbox/export.csv")).StatusCode);
    }
}

public sealed class InboxWorkflowTests_Sqlite(SqliteAppFixture app) : InboxWorkflowTests<SqliteAppFixture>(app);

public sealed class InboxWorkflowTests_Postgres(PostgresAppFixture app) : InboxWorkflowTests<PostgresAppFixture>(app);
