using System.Net;
using System.Net.Http.Json;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Crisis;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing;
using CareDialog.Triage;
using CareDialog.Web.Features.Crisis;
using CareDialog.Web.Features.Posts;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Crisis;

/// <summary>
/// Crisis mode end to end: spike alerts from inbox items, the organisation-wide publishing pause and resume, holding statements.
/// The tests of one class share a database and a clock, so every test that pauses an organisation resumes it before it ends.
/// </summary>
public abstract class CrisisTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    private const string Manager = "manager@caredialog.demo";
    private readonly Scenario _dk = new(app, "DK");

    private DateTime Now => App.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Stores inbox items as triage would have labelled them; <paramref name="minutesAgo"/> per item, each from its own author.</summary>
    private async Task AddItemsAsync(Channel channel, Sentiment sentiment, Intent intent, params double[] minutesAgo)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var m in minutesAgo)
        {
            var n = Guid.NewGuid().ToString("N")[..10];
            db.InboxItems.Add(new InboxItem
            {
                OrganisationId = channel.OrganisationId,
                ChannelId = channel.Id,
                RemoteId = "c-" + n,
                Kind = InboundKind.Comment,
                Text = "Jeg har ventet i tre timer på skadestuen, det er uacceptabelt",
                AuthorName = "Borger " + n,
                AuthorId = "author-" + n,
                CreatedAtUtc = Now.AddMinutes(-m),
                ReceivedAtUtc = Now.AddMinutes(-m),
                Sentiment = sentiment,
                Intent = intent,
                Urgency = Urgency.Normal,
                Language = "da",
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A channel with three weeks of quiet history: one neutral question a day, and a complaint every few days.</summary>
    private async Task<Channel> ChannelWithHistoryAsync()
    {
        var channel = await _dk.ChannelAsync();
        await AddItemsAsync(channel, Sentiment.Neutral, Intent.Question, [.. Enumerable.Range(1, 21).Select(d => d * 1440.0)]);
        await AddItemsAsync(channel, Sentiment.Negative, Intent.Complaint, [.. new[] { 2, 5, 9, 13 }.Select(d => d * 1440.0 + 30)]);
        return channel;
    }

    private async Task<DetectNegativeSpikes.Summary> DetectAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DetectNegativeSpikes>().RunAsync(default);
    }

    private async Task SweepAsync()
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
    }

    private Task<List<CrisisAlert>> AlertsAsync(Guid channelId) =>
        Db(db => db.CrisisAlerts.AsNoTracking().Where(a => a.ChannelId == channelId).OrderBy(a => a.DetectedAtUtc).ToListAsync());

    private Task<PostStatus> StatusAsync(Guid postId) => Db(db => db.Posts.Where(p => p.Id == postId).Select(p => p.Status).SingleAsync());

    private async Task<HttpResponseMessage> PauseAsync(HttpClient client, string slug, string? reason) =>
        await client.PostAsJsonAsync($"/api/v1/orgs/{slug}/crisis/pause", new PauseRequestDto(reason));

    private async Task ResumeAsync(string slug)
    {
        var response = await (await SignInAsync(Manager)).PostAsJsonAsync($"/api/v1/orgs/{slug}/crisis/resume", new ResumeRequestDto("Test over"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A member of the Danish demo organisation who holds only the given role.</summary>
    private async Task<HttpClient> SignInWithRoleAsync(OrgRole role)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}@test.demo";
        const string password = "a-long-password-1";
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {role}" };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var org = await db.Organisations.SingleAsync(o => o.Country == "DK");
            db.Memberships.Add(new Membership { OrganisationId = org.Id, UserId = user.Id, Roles = role });
            await db.SaveChangesAsync();
        }

        return await SignInAsync(email, password);
    }

    [Fact]
    public async Task NegativeSpike_RaisesOneAlertPerSpike_NotifiesManagers_AndIsAudited()
    {
        var channel = await ChannelWithHistoryAsync();
        await AddItemsAsync(channel, Sentiment.Negative, Intent.Complaint, 2, 5, 9, 14, 20, 31, 40, 55);

        var first = await DetectAsync();
        await AddItemsAsync(channel, Sentiment.Negative, Intent.Complaint, 1, 1.5, 3);
        var second = await DetectAsync();

        Assert.True(first.AlertsRaised >= 1);
        Assert.Equal(0, second.AlertsRaised);
        var alert = Assert.Single(await AlertsAsync(channel.Id));
        Assert.Equal(8, alert.WindowCount);
        Assert.Equal(8, alert.DistinctAuthors);
        Assert.Equal(11, alert.PeakWindowCount);
        Assert.False(alert.NewChannel);
        Assert.Equal(336, alert.BaselineBuckets);
        Assert.Equal(5, alert.Threshold);
        Assert.True(alert.BaselineMean > 0);
        Assert.Contains("8 negative or complaint item(s) from 8 author(s) in the last 1 h", alert.Explanation);

        var notice = await Db(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Kind == "crisis.spike" && n.Text.Contains(channel.Name)));
        Assert.Equal(OrgRole.Manager, notice.ForRoles);
        Assert.Equal("crisis", notice.Link);
        Assert.DoesNotContain("skadestuen", notice.Text); // inbound text never travels into notices
        var audit = await Db(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "crisis.spike_detected" && a.EntityId == alert.Id.ToString()));
        Assert.Equal(OrgActor.SystemUserId, audit.UserId);
        Assert.Contains("\"Threshold\":5", audit.After);

        var (_, slug, _) = await OrgAsync("DK");
        var listed = await (await SignInAsync(Manager)).GetFromJsonAsync<List<CrisisAlertDto>>($"/api/v1/orgs/{slug}/crisis/alerts?open=true", Json);
        var dto = Assert.Single(listed!, a => a.Id == alert.Id);
        Assert.Equal((8, 5, 60), (dto.WindowCount, dto.Threshold, dto.WindowMinutes));
        Assert.Equal(channel.Name, dto.Channel);
    }

    [Fact]
    public async Task DismissedAlert_DoesNotComeBackWhileItsSpikeLasts_ButANewSpikeLaterRaisesANewOne()
    {
        var channel = await ChannelWithHistoryAsync();
        await AddItemsAsync(channel, Sentiment.Negative, Intent.Complaint, 1, 2, 3, 4, 5, 6);
        await DetectAsync();
        var alert = Assert.Single(await AlertsAsync(channel.Id));
        var (_, slug, _) = await OrgAsync("DK");
        var manager = await SignInAsync(Manager);

        var dismissed = await manager.PostAsJsonAsync($"/api/v1/orgs/{slug}/crisis/alerts/{alert.Id}/dismiss", new DismissRequestDto("Handled with a reply"));
        var again = await manager.PostAsJsonAsync($"/api/v1/orgs/{slug}/crisis/alerts/{alert.Id}/dismiss", new DismissRequestDto(null));
        await AddItemsAsync(channel, Sentiment.Negative, Intent.Complaint, 0.5, 0.7);
        await DetectAsync();
        var whileOngoing = await AlertsAsync(channel.Id);

        App.Clock.Advance(TimeSpan.FromHours(2));
        await DetectAsync(); // the window is quiet again: the spike is over
        await AddItemsAsync(channel, Sentiment.Negative, Intent.Complaint, 1, 2, 3, 4, 5, 6, 7);
        await DetectAsync();

        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal("Handled with a reply", (await ReadAsync<CrisisAlertDto>(dismissed)).DismissNote);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(whileOngoing);
        var alerts = await AlertsAsync(channel.Id);
        Assert.Equal(2, alerts.Count);
        Assert.NotNull(alerts[0].SpikeEndedAtUtc);
        Assert.Null(alerts[1].DismissedAtUtc);
        var actions = await Db(db => db.AuditEntries.Where(a => a.EntityId == alert.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["crisis.spike_detected", "crisis.alert_dismissed", "crisis.spike_ended"], actions);
    }

    [Fact]
    public async Task PositiveComments_AndAFewComplaints_RaiseNoAlert()
    {
        var channel = await ChannelWithHistoryAsync();
        await AddItemsAsync(channel, Sentiment.Positive, Intent.Praise, [.. Enumerable.Range(1, 30).Select(m => (double)m)]);
        await AddItemsAsync(channel, Sentiment.Negative, Intent.Complaint, 4, 8, 12);

        await DetectAsync();

        Assert.Empty(await AlertsAsync(channel.Id));
    }

    [Fact]
    public async Task Pause_HoldsADueScheduledPost_AndResumePublishesItOnTheNextSweep()
    {
        var channel = await _dk.ChannelAsync();
        var post = await _dk.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(5));
        var (_, slug, _) = await OrgAsync("DK");
        var manager = await SignInAsync(Manager);

        var paused = await PauseAsync(manager, slug, "  Negative spike after the news story about waiting times  ");
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await SweepAsync();
        var whilePaused = await StatusAsync(post.Id);
        var remoteWhilePaused = await Db(db => db.SandboxRemotePosts.CountAsync(r => r.ChannelId == channel.Id));
        var state = await manager.GetFromJsonAsync<CrisisStateDto>($"/api/v1/orgs/{slug}/crisis", Json);
        var calendar = await (await SignInAsync("editor@caredialog.demo")).GetStringAsync($"/o/{slug}/calendar");
        var resumed = await manager.PostAsJsonAsync($"/api/v1/orgs/{slug}/crisis/resume", new ResumeRequestDto("Statement published, calm again"));
        await SweepAsync();

        Assert.True(paused.StatusCode == HttpStatusCode.OK, await paused.Content.ReadAsStringAsync());
        Assert.Equal(PostStatus.Scheduled, whilePaused);
        Assert.Equal(0, remoteWhilePaused);
        Assert.True(state!.Paused);
        Assert.Equal("Negative spike after the news story about waiting times", state.Pause!.Reason);
        Assert.Equal("Mette Manager", state.Pause.StartedBy);
        Assert.True(state.DueWhenResumed >= 1);
        Assert.Contains("publishing-paused-banner", calendar);
        Assert.Contains("Negative spike after the news story about waiting times", calendar);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.False((await ReadAsync<CrisisStateDto>(resumed)).Paused);
        Assert.Equal(PostStatus.Published, await StatusAsync(post.Id));

        var pause = await Db(db => db.PublishingPauses.AsNoTracking().SingleAsync(p => p.Id == state.Pause.Id));
        Assert.Equal("Statement published, calm again", pause.ResumeNote);
        Assert.NotNull(pause.EndedAtUtc);
        var actions = await Db(db => db.AuditEntries.Where(a => a.EntityId == pause.Id.ToString()).OrderBy(a => a.Id).Select(a => new { a.Action, a.Reason }).ToListAsync());
        Assert.Equal(["publishing.paused", "publishing.resumed"], actions.Select(a => a.Action));
        Assert.Equal("Negative spike after the news story about waiting times", actions[0].Reason);
        Assert.DoesNotContain("publishing-paused-banner", await (await SignInAsync("editor@caredialog.demo")).GetStringAsync($"/o/{slug}/calendar"));
    }

    [Fact]
    public async Task Pause_NeedsManageCrisis_AReason_AndMembership()
    {
        var (_, slug, _) = await OrgAsync("DK");
        var responder = await SignInWithRoleAsync(OrgRole.Responder);
        var editor = await SignInAsync("editor@caredialog.demo");
        var klinik = await SignInAsync("klinik@caredialog.demo");
        var manager = await SignInAsync(Manager);

        var byResponder = await PauseAsync(responder, slug, "Spike");
        var byEditor = await PauseAsync(editor, slug, "Spike");
        var otherOrg = await PauseAsync(klinik, slug, "Spike");
        var blank = await PauseAsync(manager, slug, "   ");
        var tooLong = await PauseAsync(manager, slug, new string('x', 1001));
        var resumeWhenRunning = await manager.PostAsJsonAsync($"/api/v1/orgs/{slug}/crisis/resume", new ResumeRequestDto(null));
        var stateForResponder = await responder.GetAsync($"/api/v1/orgs/{slug}/crisis");

        Assert.Equal(HttpStatusCode.Forbidden, byResponder.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherOrg.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.True((await ProblemAsync(blank)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, resumeWhenRunning.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stateForResponder.StatusCode);
        Assert.False(await Db(db => db.PublishingPauses.AnyAsync(p => p.EndedAtUtc == null)));
    }

    [Fact]
    public async Task SecondPause_IsAConflict_AndHistoryKeepsEveryPause()
    {
        var (orgId, slug, _) = await OrgAsync("DK");
        var manager = await SignInAsync(Manager);
        var before = await Db(db => db.PublishingPauses.CountAsync(p => p.OrganisationId == orgId));

        Assert.Equal(HttpStatusCode.OK, (await PauseAsync(manager, slug, "First")).StatusCode);
        var second = await PauseAsync(await SignInAsync("admin@caredialog.demo"), slug, "Second");
        await ResumeAsync(slug);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await PauseAsync(manager, slug, "Third")).StatusCode);
        await ResumeAsync(slug);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already paused", (await ProblemAsync(second)).GetProperty("detail").GetString());
        var state = await manager.GetFromJsonAsync<CrisisStateDto>($"/api/v1/orgs/{slug}/crisis", Json);
        Assert.Equal(before + 2, state!.History.Count);
        Assert.Equal(["Third", "First"], state.History.Take(2).Select(h => h.Reason));
        Assert.All(state.History, h => Assert.NotNull(h.EndedAtUtc));
    }

    [Fact]
    public async Task PauseOfOneOrganisation_DoesNotHoldAnotherOrganisationsPosts()
    {
        var fi = new Scenario(App, "FI");
        var dkChannel = await _dk.ChannelAsync();
        var fiChannel = await fi.ChannelAsync();
        var dkPost = await _dk.ScheduledPostAsync([dkChannel.Id], TimeSpan.FromMinutes(5));
        var fiPost = await fi.ScheduledPostAsync([fiChannel.Id], TimeSpan.FromMinutes(5));
        var (_, fiSlug, _) = await OrgAsync("FI");

        Assert.Equal(HttpStatusCode.OK, (await PauseAsync(await SignInAsync(Manager), fiSlug, "Crisis in Koivuranta")).StatusCode);
        try
        {
            App.Clock.Advance(TimeSpan.FromMinutes(10));
            await SweepAsync();

            Assert.Equal(PostStatus.Published, await StatusAsync(dkPost.Id));
            Assert.Equal(PostStatus.Scheduled, await StatusAsync(fiPost.Id));
        }
        finally
        {
            await ResumeAsync(fiSlug);
        }

        await SweepAsync();
        Assert.Equal(PostStatus.Published, await StatusAsync(fiPost.Id));
    }

    [Fact]
    public async Task HoldingStatement_BecomesADraft_ThatNeedsApproval_AndIsPublishedEvenWhilePaused()
    {
        var (_, slug, _) = await OrgAsync("DK");
        var manager = await SignInAsync(Manager);
        var admin = await SignInAsync("admin@caredialog.demo");
        var statements = await manager.GetFromJsonAsync<List<HoldingStatementDto>>($"/api/v1/orgs/{slug}/crisis/holding-statements", Json);
        var held = await _dk.ScheduledPostAsync([(await _dk.ChannelAsync()).Id], TimeSpan.FromMinutes(5));

        var byEditor = await (await SignInAsync("editor@caredialog.demo")).PostAsync($"/api/v1/orgs/{slug}/crisis/holding-statements/da/aware/draft", null);
        var unknown = await manager.PostAsync($"/api/v1/orgs/{slug}/crisis/holding-statements/da/nope/draft", null);
        var created = await manager.PostAsync($"/api/v1/orgs/{slug}/crisis/holding-statements/da/aware/draft", null);

        Assert.InRange(statements!.Count, 2, 3);
        Assert.All(statements, s => Assert.Equal("da", s.Language));
        Assert.All(statements, s => Assert.DoesNotContain("{updateBy}", s.Text));
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await ReadAsync<PostDto>(created);
        Assert.Equal(PostStatus.Draft, draft.Status);
        Assert.Contains("Vi opdaterer her senest kl.", draft.Text);
        Assert.NotEmpty(draft.Targets);
        Assert.DoesNotContain(draft.Targets, t => t.Platform is "youtube" or "instagram");
        Assert.True(await Db(db => db.CrisisStatementPosts.AnyAsync(c => c.PostId == draft.Id && c.StatementKey == "da/aware")));
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == "crisis.statement_drafted" && a.EntityId == draft.Id.ToString())));

        Assert.Equal(HttpStatusCode.OK, (await PauseAsync(manager, slug, "Crisis: holding statement goes out, nothing else")).StatusCode);
        try
        {
            // The normal flow: submitted by its author, approved by someone else (four-eyes), scheduled.
            Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/v1/orgs/{slug}/posts/{draft.Id}/submit", null)).StatusCode);
            var approved = await admin.PostAsync($"/api/v1/orgs/{slug}/posts/{draft.Id}/approve", null);
            Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
            var zone = await Db(db => db.Organisations.Where(o => o.Slug == slug).Select(o => o.TimeZone).SingleAsync());
            var local = OrgClock.ToLocal(TimeZoneInfo.FindSystemTimeZoneById(zone), Now.AddMinutes(2));
            var scheduled = await manager.PostAsJsonAsync($"/api/v1/orgs/{slug}/posts/{draft.Id}/schedule", new ScheduleRequest(new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0)));
            Assert.True(scheduled.StatusCode == HttpStatusCode.OK, await scheduled.Content.ReadAsStringAsync());
            App.Clock.Advance(TimeSpan.FromMinutes(10));

            await SweepAsync();

            Assert.Equal(PostStatus.Published, await StatusAsync(draft.Id));
            Assert.Equal(PostStatus.Scheduled, await StatusAsync(held.Id));
        }
        finally
        {
            await ResumeAsync(slug);
        }
    }
}

public sealed class CrisisTests_Sqlite(SqliteAppFixture app) : CrisisTests<SqliteAppFixture>(app);

public sealed class CrisisTests_Postgres(PostgresAppFixture app) : CrisisTests<PostgresAppFixture>(app);
