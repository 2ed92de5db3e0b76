using System.Net;
using System.Net.Http.Json;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Publishing;
using CareDialog.Web.Features.Inbox;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Inbox;

/// <summary>Reading and answering through the inbox, end to end on the Sandbox platform (its public page is the "other side").</summary>
public abstract class InboxTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    private readonly Scenario _scenario = new(app);

    /// <summary>A fresh Sandbox channel with one published post; returns the channel and the post's remote id.</summary>
    private async Task<(Channel Channel, string RemoteId)> PublishedAsync()
    {
        var channel = await _scenario.ChannelAsync();
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1));
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
        }

        var remoteId = await Db(db => db.PostTargets.Where(t => t.PostId == post.Id).Select(t => t.RemoteId!).SingleAsync());
        return (channel, remoteId);
    }

    private async Task<HttpResponseMessage> CommentAsync(string remoteId, string author, string text, bool message = false) =>
        await Anonymous().PostAsync($"/sandbox/p/{remoteId}/{(message ? "messages" : "comments")}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["author"] = author, ["text"] = text }));

    private async Task<PollInbound.Summary> PollAsync(Guid channelId)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PollInbound>().RunAsync(default, channelId);
    }

    private Task<InboxItem> ItemAsync(Guid channelId, string text) =>
        Db(db => db.InboxItems.AsNoTracking().SingleAsync(i => i.ChannelId == channelId && i.Text == text));

    [Fact]
    public async Task CitizenComment_IsPolledIntoTheInbox_OnceEvenWhenPolledTwice()
    {
        var (channel, remoteId) = await PublishedAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await CommentAsync(remoteId, "Mette L.", "Hvornår åbner influenzavaccinationen?")).StatusCode);

        var first = await PollAsync(channel.Id);
        var second = await PollAsync(channel.Id);

        Assert.Equal(1, first.ItemsAdded);
        Assert.Equal(0, second.ItemsAdded);
        var item = await ItemAsync(channel.Id, "Hvornår åbner influenzavaccinationen?");
        Assert.Equal(InboundKind.Comment, item.Kind);
        Assert.Equal(remoteId, item.RemotePostId);
        Assert.NotNull(item.PostId);
    }

    [Fact]
    public async Task EmergencyComment_IsLabelled_ListedFirst_AndAlertsTheResponders()
    {
        var (channel, remoteId) = await PublishedAsync();
        await CommentAsync(remoteId, "Jens P.", "Min far har voldsomme brystsmerter og kan ikke trække vejret, hvad skal vi gøre?");
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await CommentAsync(remoteId, "Mette L.", "Hvornår åbner influenzavaccinationen i år?");
        await PollAsync(channel.Id);
        var (_, slug, _) = await OrgAsync("DK");

        var list = await (await SignInAsync("admin@caredialog.demo")).GetFromJsonAsync<List<InboxItemDto>>($"/api/v1/orgs/{slug}/inbox", Json);

        var first = list!.First();
        Assert.Equal("emergency", first.Intent);
        Assert.Equal("critical", first.Urgency);
        Assert.Equal("da", first.Language);
        Assert.Contains(list!, i => i.ChannelId == channel.Id && i.Intent == "question");
        var explanation = await Db(db => db.InboxItems.Where(i => i.Id == first.Id).Select(i => i.TriageExplanation).SingleAsync());
        Assert.Contains("intent=emergency", explanation);
        Assert.True(await Db(db => db.Notifications.AnyAsync(n => n.Kind == "inbox.emergency" && n.Text.Contains("Jens P."))));

        var admin = await SignInAsync("admin@caredialog.demo");
        var emergencies = await admin.GetFromJsonAsync<List<InboxItemDto>>($"/api/v1/orgs/{slug}/inbox?channel={channel.Id}&intent=emergency&urgency=critical&language=da", Json);
        Assert.Equal(first.Id, Assert.Single(emergencies!).Id);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/orgs/{slug}/inbox?intent=panic")).StatusCode);

        // The pre-approved emergency reply (112 and Livslinien) passes the privacy check and goes out as a public reply.
        var reply = await (await SignInAsync("admin@caredialog.demo")).PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{first.Id}/reply", new ReplyRequestDto(EmergencyReplies.For("DK").Text));
        Assert.True(reply.StatusCode == HttpStatusCode.OK, await reply.Content.ReadAsStringAsync());
        Assert.Equal("Sent", (await ReadAsync<InboxReplyDto>(reply)).State);
    }

    [Fact]
    public async Task InboxList_MasksPatientData_AndTheItemShowsItToAResponder()
    {
        var (channel, remoteId) = await PublishedAsync();
        var text = "Ring til mig på 2345 6789 om min mors prøvesvar";
        await CommentAsync(remoteId, "Jens P.", text);
        await PollAsync(channel.Id);
        var (_, slug, _) = await OrgAsync("DK");

        var admin = await SignInAsync("admin@caredialog.demo");
        var list = await admin.GetFromJsonAsync<List<InboxItemDto>>($"/api/v1/orgs/{slug}/inbox", Json);
        var listed = list!.Single(i => i.ChannelId == channel.Id);
        var full = await admin.GetFromJsonAsync<InboxItemDto>($"/api/v1/orgs/{slug}/inbox/{listed.Id}", Json);
        var editor = await SignInAsync("editor@caredialog.demo");
        var forEditor = await editor.GetFromJsonAsync<InboxItemDto>($"/api/v1/orgs/{slug}/inbox/{listed.Id}", Json);

        Assert.DoesNotContain("2345 6789", listed.Text);
        Assert.Contains(PatientDataMask.Mask, listed.Text);
        Assert.Equal(text, full!.Text);
        Assert.True(forEditor!.Masked);
        Assert.DoesNotContain("2345 6789", forEditor.Text);
    }

    [Fact]
    public async Task Reply_IsSentToThePlatform_MarksTheItemDone_AndIsAudited()
    {
        var (channel, remoteId) = await PublishedAsync();
        await CommentAsync(remoteId, "Sofie H.", "Kan man få vaccinen hos egen læge?");
        await PollAsync(channel.Id);
        var item = await ItemAsync(channel.Id, "Kan man få vaccinen hos egen læge?");
        var (_, slug, _) = await OrgAsync("DK");
        var admin = await SignInAsync("admin@caredialog.demo");

        var response = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Ja, de fleste praktiserende læger giver vaccinen. Ring til din læge for en tid."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await ReadAsync<InboxReplyDto>(response);
        Assert.Equal(nameof(ReplyState.Sent), reply.State);
        var onPlatform = await Db(db => db.SandboxRemoteComments.AsNoTracking().SingleAsync(c => c.ChannelId == channel.Id && c.FromPage));
        Assert.Equal(item.RemoteId, onPlatform.ParentRemoteId);
        Assert.Equal(InboxStatus.Done, (await ItemAsync(channel.Id, item.Text)).Status);
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == "inbox.replied" && a.EntityId == item.Id.ToString())));
        Assert.Contains("Ja, de fleste", await Anonymous().GetStringAsync($"/sandbox/p/{remoteId}"));
    }

    [Fact]
    public async Task PublicReply_ExposingPatientData_IsBlockedAndNothingIsSent()
    {
        var (channel, remoteId) = await PublishedAsync();
        await CommentAsync(remoteId, "Jens P.", "Hvor bliver svaret på min blodprøve af?");
        await PollAsync(channel.Id);
        var item = await ItemAsync(channel.Id, "Hvor bliver svaret på min blodprøve af?");
        var (_, slug, _) = await OrgAsync("DK");
        var admin = await SignInAsync("admin@caredialog.demo");

        var response = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Jens, dit CPR 070761-4285 viser at dine prøvesvar er klar."));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("PRIVACY", (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.False(await Db(db => db.SandboxRemoteComments.AnyAsync(c => c.ChannelId == channel.Id && c.FromPage)));
        Assert.False(await Db(db => db.InboxReplies.AnyAsync(r => r.InboxItemId == item.Id)));
    }

    [Fact]
    public async Task Hide_NeedsAReason_HidesOnThePlatform_AndShowBringsItBack()
    {
        var (channel, remoteId) = await PublishedAsync();
        await CommentAsync(remoteId, "Spam Bot", "Køb billige piller på example.com");
        await PollAsync(channel.Id);
        var item = await ItemAsync(channel.Id, "Køb billige piller på example.com");
        var (_, slug, _) = await OrgAsync("DK");
        var admin = await SignInAsync("admin@caredialog.demo");

        var noReason = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/hide", new HideRequestDto(" "));
        var hidden = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/hide", new HideRequestDto("Spam"));
        var pageWhileHidden = await Anonymous().GetStringAsync($"/sandbox/p/{remoteId}");
        var shown = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/show", new HideRequestDto("Hidden by mistake"));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, hidden.StatusCode);
        Assert.DoesNotContain("billige piller", pageWhileHidden);
        Assert.Equal(HttpStatusCode.NoContent, shown.StatusCode);
        Assert.Contains("billige piller", await Anonymous().GetStringAsync($"/sandbox/p/{remoteId}"));
        Assert.True(await Db(db => db.InboxItems.AnyAsync(i => i.Id == item.Id && !i.Hidden)));
        var actions = await Db(db => db.AuditEntries.Where(a => a.EntityId == item.Id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains("inbox.hidden", actions);
        Assert.Contains("inbox.shown", actions);
    }

    [Fact]
    public async Task DirectMessage_IsAnsweredInItsConversation()
    {
        var (channel, remoteId) = await PublishedAsync();
        await CommentAsync(remoteId, "Anne", "Må jeg skrive privat om min behandling?", message: true);
        await PollAsync(channel.Id);
        var item = await ItemAsync(channel.Id, "Må jeg skrive privat om min behandling?");
        var (_, slug, _) = await OrgAsync("DK");
        var admin = await SignInAsync("admin@caredialog.demo");

        var response = await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Ja, skriv her, så svarer vi i dag."));

        Assert.Equal(InboundKind.DirectMessage, item.Kind);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await Db(db => db.SandboxRemoteComments.AsNoTracking().SingleAsync(c => c.ChannelId == channel.Id && c.FromPage));
        Assert.Equal(item.ConversationId, sent.ConversationId);
        Assert.Null(sent.PostRemoteId);
    }

    [Fact]
    public async Task Inbox_OfAnotherOrganisation_IsNotFound_AndAViewerWithoutInboxRightsIsForbidden()
    {
        var (channel, remoteId) = await PublishedAsync();
        await CommentAsync(remoteId, "X", "Hej");
        await PollAsync(channel.Id);
        var item = await ItemAsync(channel.Id, "Hej");
        var (_, trSlug, _) = await OrgAsync("TR");
        var (_, dkSlug, _) = await OrgAsync("DK");
        var klinik = await SignInAsync("klinik@caredialog.demo");
        var compliance = await SignInAsync("compliance@caredialog.demo");

        var crossOrg = await klinik.GetAsync($"/api/v1/orgs/{dkSlug}/inbox/{item.Id}");
        var wrongOrgUrl = await (await SignInAsync("admin@caredialog.demo")).GetAsync($"/api/v1/orgs/{trSlug}/inbox/{item.Id}");
        var replyByCompliance = await compliance.PostAsJsonAsync($"/api/v1/orgs/{dkSlug}/inbox/{item.Id}/reply", new ReplyRequestDto("Hej"));

        Assert.Equal(HttpStatusCode.NotFound, crossOrg.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongOrgUrl.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replyByCompliance.StatusCode);
    }

    [Fact]
    public async Task StoredEvent_ThatCannotBeProcessed_IsKeptWithItsError_AndARepeatedDeliveryIsStoredOnce()
    {
        var channel = await _scenario.ChannelAsync();
        using var scope = App.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreInboundEvent>();
        var envelope = new WebhookEnvelope("acct", "delivery-1", "{\"not\":\"a sandbox payload\"}");

        var first = await store.HandleAsync(channel, envelope, default);
        var again = await store.HandleAsync(channel, envelope, default);
        var summary = await scope.ServiceProvider.GetRequiredService<ProcessInboundEvents>().RunAsync(default);

        Assert.Equal(StoreInboundEvent.Outcome.Stored, first);
        Assert.Equal(StoreInboundEvent.Outcome.Duplicate, again);
        Assert.True(summary.Failed >= 1);
        var ev = await Db(db => db.InboundEvents.AsNoTracking().SingleAsync(e => e.ChannelId == channel.Id));
        Assert.Null(ev.ProcessedAtUtc);
        Assert.Equal(1, ev.Attempts);
        Assert.Contains("webhooks", ev.LastError);
        Assert.Equal(envelope.Payload, ev.Payload);
    }
}

public sealed class InboxTests_Sqlite(SqliteAppFixture app) : InboxTests<SqliteAppFixture>(app);

public sealed class InboxTests_Postgres(PostgresAppFixture app) : InboxTests<PostgresAppFixture>(app);
