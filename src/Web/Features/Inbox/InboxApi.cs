using CareDialog.Core.Data;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Organisations;
using CareDialog.Triage;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Features.Inbox;

public sealed record InboxReplyDto(Guid Id, string Text, string By, string State, string? Error, DateTime CreatedAtUtc, DateTime? SentAtUtc, string? ReviewedBy = null)
{
    public static InboxReplyDto From(InboxReply r) => new(r.Id, r.Text, r.ByName, r.State.ToString(), r.Error, r.CreatedAtUtc, r.SentAtUtc, r.ReviewedByName);
}

/// <summary>An inbox item with its triage labels (design.md wire names); Text is masked (patient data → •••) unless the item is requested on its own by a role that may answer it.</summary>
public sealed record InboxItemDto(
    Guid Id, Guid ChannelId, string Channel, string Kind, string Author, string Text, bool Masked, DateTime CreatedAtUtc,
    string? RemotePostId, Guid? PostId, bool Hidden, string? HiddenReason, string Status,
    string? Language, string? Intent, string? Sentiment, string? Urgency, IReadOnlyList<InboxReplyDto> Replies,
    string ThreadKey, string? Assignee, string? AssigneeUserId)
{
    public static InboxItemDto From(InboxItem i, string text, bool masked) => new(
        i.Id, i.ChannelId, i.Channel?.Name ?? "", i.Kind.ToString(), i.AuthorName, text, masked, i.CreatedAtUtc, i.RemotePostId, i.PostId,
        i.Hidden, i.HiddenReason, i.Status.ToString(),
        i.Language, i.Intent is { } intent ? WireNames.Of(intent) : null, i.Sentiment is { } s ? WireNames.Of(s) : null, i.Urgency is { } u ? WireNames.Of(u) : null,
        i.Replies.OrderBy(r => r.CreatedAtUtc).Select(InboxReplyDto.From).ToList(), InboxThreads.KeyOf(i), i.AssigneeName, i.AssigneeUserId);
}

/// <summary>Items of one conversation (messages) or under one post (comments) form a thread.</summary>
public static class InboxThreads
{
    public static string KeyOf(InboxItem i) => $"{i.ChannelId:N}:{i.ConversationId ?? i.RemotePostId ?? i.RemoteId}";
}

public sealed record OpenItemDto(string? AlsoOpenBy, DateTime? AlsoOpenUntilUtc, int Replies);
public sealed record AssignItemDto(string? UserId);
public sealed record ReviewReplyDto(string? Reason);
public sealed record TemplateDto(Guid? Id, string Language, string Intent, string Title, string Text)
{
    public static TemplateDto From(ReplyTemplateView t) => new(t.Id, t.Language, WireNames.Of(t.Intent), t.Title, t.Text);
}
public sealed record NewTemplateDto(string? Language, string? Intent, string? Title, string? Text);
public sealed record InboxSettingsDto(bool RepliesNeedApproval, int ClaimMinutes);
public sealed record DutyDto(int? Hours);
public sealed record OnDutyDto(string UserId, string Name, DateTime UntilUtc);

/// <param name="SeenReplies">Replies the responder saw on the item; more now means a colleague answered meanwhile (409 unless TakeOver).</param>
public sealed record ReplyRequestDto(string? Text, int? SeenReplies = null, bool TakeOver = false);

public sealed record HideRequestDto(string? Reason);

public static class InboxApi
{
    public static void MapInboxApi(this WebApplication app)
    {
        var inbox = OrgScope.RequireMembership(app.MapGroup("/api/v1/orgs/{org}/inbox").WithTags("Inbox"));

        inbox.MapGet("/", async Task<Results<Ok<List<InboxItemDto>>, ProblemHttpResult>> (
                OrgScope scope, AppDbContext db, Guid? channel, string? language, string? intent, string? urgency, string? status, string? sentiment, string? assignee, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewInbox) is { } denied)
                {
                    return denied.ToProblem();
                }

                var q = db.InboxItems.AsNoTracking().Include(i => i.Channel).Include(i => i.Replies)
                    .Where(i => i.OrganisationId == scope.Org.Id && !i.FromOwnAccount);
                if (channel is { } c)
                {
                    q = q.Where(i => i.ChannelId == c);
                }

                if (!string.IsNullOrEmpty(language))
                {
                    q = q.Where(i => i.Language == language);
                }

                if (!string.IsNullOrEmpty(intent))
                {
                    if (!Enum.GetValues<Intent>().Any(v => WireNames.Of(v) == intent))
                    {
                        return TypedResults.Problem(statusCode: 400, title: "Invalid input", detail: "intent is one of complaint, question, appointment, praise, emergency, spam, other.");
                    }

                    var wanted = Enum.GetValues<Intent>().First(v => WireNames.Of(v) == intent);
                    q = q.Where(i => i.Intent == wanted);
                }

                if (!string.IsNullOrEmpty(urgency))
                {
                    if (!Enum.GetValues<Urgency>().Any(v => WireNames.Of(v) == urgency))
                    {
                        return TypedResults.Problem(statusCode: 400, title: "Invalid input", detail: "urgency is one of critical, high, normal, low.");
                    }

                    var wanted = Enum.GetValues<Urgency>().First(v => WireNames.Of(v) == urgency);
                    q = q.Where(i => i.Urgency == wanted);
                }

                if (!string.IsNullOrEmpty(sentiment))
                {
                    if (!Enum.GetValues<Sentiment>().Any(v => WireNames.Of(v) == sentiment))
                    {
                        return TypedResults.Problem(statusCode: 400, title: "Invalid input", detail: "sentiment is one of negative, neutral, positive.");
                    }

                    var wanted = Enum.GetValues<Sentiment>().First(v => WireNames.Of(v) == sentiment);
                    q = q.Where(i => i.Sentiment == wanted);
                }

                if (!string.IsNullOrEmpty(assignee))
                {
                    var who = assignee == "me" ? scope.Who.UserId : assignee;
                    q = assignee == "none" ? q.Where(i => i.AssigneeUserId == null) : q.Where(i => i.AssigneeUserId == who);
                }

                if (!string.IsNullOrEmpty(status))
                {
                    if (status == "assigned")
                    {
                        q = q.Where(i => i.AssigneeUserId != null && i.Status != InboxStatus.Done);
                    }
                    else if (!Enum.TryParse<InboxStatus>(status, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted))
                    {
                        return TypedResults.Problem(statusCode: 400, title: "Invalid input", detail: "status is one of new, read, done, assigned.");
                    }
                    else
                    {
                        q = q.Where(i => i.Status == wanted);
                    }
                }

                var rows = await q
                    .OrderByDescending(i => i.Intent == Intent.Emergency && i.Status != InboxStatus.Done)
                    .ThenByDescending(i => i.CreatedAtUtc).Take(200).ToListAsync(ct);
                return TypedResults.Ok(rows.Select(i => InboxItemDto.From(i, PatientDataMask.Apply(i.Text, scope.Org.Country, scope.Org.PublicContactList), true)).ToList());
            })
            .WithName("ListInbox").WithSummary("Newest 200 comments and messages, open emergencies first; patient data masked. Filters: channel, language, intent, sentiment, urgency, status (new, read, done, assigned), assignee (me, none or a user id).");

        inbox.MapGet("/{id:guid}", async Task<Results<Ok<InboxItemDto>, ProblemHttpResult>> (OrgScope scope, Guid id, AppDbContext db, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewInbox) is { } denied)
                {
                    return denied.ToProblem();
                }

                var item = await db.InboxItems.AsNoTracking().Include(i => i.Channel).Include(i => i.Replies)
                    .SingleOrDefaultAsync(i => i.Id == id && i.OrganisationId == scope.Org.Id, ct);
                if (item is null)
                {
                    return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "Inbox item was not found.");
                }

                var full = scope.Who.Can(Permission.RespondInbox);
                return TypedResults.Ok(InboxItemDto.From(item, full ? item.Text : PatientDataMask.Apply(item.Text, scope.Org.Country, scope.Org.PublicContactList), !full));
            })
            .WithName("GetInboxItem").WithSummary("One item; the full text for roles that may answer it.");

        inbox.MapPost("/{id:guid}/reply", async Task<Results<Ok<InboxReplyDto>, ProblemHttpResult>> (OrgScope scope, Guid id, ReplyRequestDto body, ReplyToInboxItem uc, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(scope.Who, id, body.Text, ct, new ReplyOptions(SeenReplies: body.SeenReplies, TakeOver: body.TakeOver));
                return result.IsSuccess ? TypedResults.Ok(InboxReplyDto.From(result.Value.Reply)) : result.Error!.ToProblem();
            })
            .WithName("ReplyToInboxItem").WithSummary("Checked by the compliance engine (public replies with the reply privacy rules), then sent, or held (PendingApproval) where replies need approval. 409 when a colleague has the item open or replied meanwhile, unless takeOver.");

        inbox.MapPost("/{id:guid}/open", async Task<Results<Ok<OpenItemDto>, ProblemHttpResult>> (OrgScope scope, Guid id, WorkInboxItem uc, CancellationToken ct) =>
            {
                var result = await uc.OpenAsync(scope.Who, id, ct);
                return result.IsSuccess ? TypedResults.Ok(new OpenItemDto(result.Value.AlsoOpenBy, result.Value.AlsoOpenUntilUtc, result.Value.Replies)) : result.Error!.ToProblem();
            })
            .WithName("OpenInboxItem").WithSummary("Marks the item read and, for a responder, as being answered by them for a while; says who else has it open.");
        inbox.MapPost("/{id:guid}/assign", async Task<Results<NoContent, ProblemHttpResult>> (OrgScope scope, Guid id, AssignItemDto body, WorkInboxItem uc, CancellationToken ct) =>
                (await uc.AssignAsync(scope.Who, id, body.UserId, ct)) is { IsSuccess: false } r ? r.Error!.ToProblem() : TypedResults.NoContent())
            .WithName("AssignInboxItem");
        inbox.MapPost("/{id:guid}/done", async Task<Results<NoContent, ProblemHttpResult>> (OrgScope scope, Guid id, WorkInboxItem uc, CancellationToken ct) =>
                (await uc.SetDoneAsync(scope.Who, id, true, ct)) is { IsSuccess: false } r ? r.Error!.ToProblem() : TypedResults.NoContent())
            .WithName("MarkInboxItemDone").WithSummary("Done without a reply (praise, spam); audited.");
        inbox.MapPost("/{id:guid}/reopen", async Task<Results<NoContent, ProblemHttpResult>> (OrgScope scope, Guid id, WorkInboxItem uc, CancellationToken ct) =>
                (await uc.SetDoneAsync(scope.Who, id, false, ct)) is { IsSuccess: false } r ? r.Error!.ToProblem() : TypedResults.NoContent())
            .WithName("ReopenInboxItem");
        inbox.MapPost("/replies/{replyId:guid}/approve", (OrgScope scope, Guid replyId, ReviewReplyDto body, ApproveInboxReply uc, CancellationToken ct) => ReviewAsync(scope, replyId, true, body.Reason, uc, ct))
            .WithName("ApproveInboxReply").WithSummary("Approves and sends a held reply; not by its writer.");
        inbox.MapPost("/replies/{replyId:guid}/reject", (OrgScope scope, Guid replyId, ReviewReplyDto body, ApproveInboxReply uc, CancellationToken ct) => ReviewAsync(scope, replyId, false, body.Reason, uc, ct))
            .WithName("RejectInboxReply").WithSummary("Rejects a held reply with a reason; it is kept, never sent.");

        inbox.MapGet("/templates", async Task<Results<Ok<List<TemplateDto>>, ProblemHttpResult>> (OrgScope scope, Guid? item, ReplyTemplates templates, AppDbContext db, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewInbox) is { } denied)
                {
                    return denied.ToProblem();
                }

                if (item is { } itemId)
                {
                    var row = await db.InboxItems.AsNoTracking().Where(i => i.Id == itemId && i.OrganisationId == scope.Org.Id).Select(i => new { i.Language, i.Intent }).SingleOrDefaultAsync(ct);
                    return row is null
                        ? TypedResults.Problem(statusCode: 404, title: "Not found", detail: "Inbox item was not found.")
                        : TypedResults.Ok((await templates.ForAsync(scope.Org, row.Language, row.Intent, ct)).Select(TemplateDto.From).ToList());
                }

                return TypedResults.Ok((await templates.AllAsync(scope.Org.Id, ct)).Select(TemplateDto.From).ToList());
            })
            .WithName("ListReplyTemplates").WithSummary("All templates, or those for one item (?item=id): its language and intent, then the organisation's language.");
        inbox.MapPost("/templates", async Task<Results<Created<TemplateDto>, ProblemHttpResult>> (OrgScope scope, NewTemplateDto body, ReplyTemplates templates, CancellationToken ct) =>
            {
                var intent = Enum.GetValues<Intent>().Where(v => WireNames.Of(v) == body.Intent).Select(v => (Intent?)v).FirstOrDefault();
                if (intent is null)
                {
                    return TypedResults.Problem(statusCode: 400, title: "Invalid input", detail: "intent is one of complaint, question, appointment, praise, spam, other.");
                }

                var result = await templates.AddAsync(scope.Who, new ReplyTemplateInput(body.Language, intent.Value, body.Title, body.Text), ct);
                return result.IsSuccess
                    ? TypedResults.Created($"/api/v1/orgs/{scope.Org.Slug}/inbox/templates", TemplateDto.From(new ReplyTemplateView(result.Value.Id, result.Value.Language, result.Value.Intent, result.Value.Title, result.Value.Text)))
                    : result.Error!.ToProblem();
            })
            .WithName("AddReplyTemplate").WithSummary("Adds an organisation template; refused when the compliance engine would block it as a public reply.");
        inbox.MapPost("/templates/{templateId:guid}/retire", async Task<Results<NoContent, ProblemHttpResult>> (OrgScope scope, Guid templateId, ReplyTemplates templates, CancellationToken ct) =>
                (await templates.RetireAsync(scope.Who, templateId, ct)) is { IsSuccess: false } r ? r.Error!.ToProblem() : TypedResults.NoContent())
            .WithName("RetireReplyTemplate");

        inbox.MapGet("/settings", async Task<Results<Ok<InboxSettingsDto>, ProblemHttpResult>> (OrgScope scope, AppDbContext db, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewInbox) is { } denied)
                {
                    return denied.ToProblem();
                }

                var s = await InboxSettings.LoadAsync(db, scope.Org.Id, ct);
                return TypedResults.Ok(new InboxSettingsDto(s.RepliesNeedApproval, s.ClaimMinutes));
            })
            .WithName("GetInboxSettings");
        inbox.MapPut("/settings", async Task<Results<Ok<InboxSettingsDto>, ProblemHttpResult>> (OrgScope scope, InboxSettingsDto body, ConfigureInbox uc, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(scope.Who, new InboxSettingsInput(body.RepliesNeedApproval, body.ClaimMinutes), ct);
                return result.IsSuccess ? TypedResults.Ok(new InboxSettingsDto(result.Value.RepliesNeedApproval, result.Value.ClaimMinutes)) : result.Error!.ToProblem();
            })
            .WithName("UpdateInboxSettings").WithSummary("Whether replies need approval, and how long opening an item marks it as being answered.");

        inbox.MapGet("/duty", async Task<Results<Ok<List<OnDutyDto>>, ProblemHttpResult>> (OrgScope scope, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewInbox) is { } denied)
                {
                    return denied.ToProblem();
                }

                var now = clock.GetUtcNow().UtcDateTime;
                var rows = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == scope.Org.Id && m.OnDutyUntilUtc > now)
                    .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new OnDutyDto(m.UserId, u.DisplayName, m.OnDutyUntilUtc!.Value)).ToListAsync(ct);
                return TypedResults.Ok(rows);
            })
            .WithName("ListOnDuty").WithSummary("Who is on duty for the inbox now, and until when.");
        inbox.MapPost("/duty", async Task<Results<NoContent, ProblemHttpResult>> (OrgScope scope, DutyDto body, OnDuty uc, CancellationToken ct) =>
                (await uc.SetAsync(scope.Who, body.Hours, ct)) is { IsSuccess: false } r ? r.Error!.ToProblem() : TypedResults.NoContent())
            .WithName("SetOnDuty").WithSummary("Go on duty for 1-24 hours ({ \"hours\": 8 }) or off duty ({ \"hours\": null }); emergencies are addressed to those on duty.");

        inbox.MapGet("/export.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (OrgScope scope, AppDbContext db, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewInbox) is { } denied)
                {
                    return denied.ToProblem();
                }

                return TypedResults.File(await InboxExport.CsvAsync(db, scope.Org, ct), "text/csv; charset=utf-8", $"inbox-{scope.Org.Slug}.csv");
            })
            .WithName("ExportInbox").WithSummary("Every item as CSV (UTF-8), in the organisation's time zone; patient data is always masked in exports.");

        inbox.MapPost("/{id:guid}/hide", (OrgScope scope, Guid id, HideRequestDto body, HideInboxItem uc, CancellationToken ct) => SetHiddenAsync(scope, id, true, body.Reason, uc, ct))
            .WithName("HideInboxItem").WithSummary("Hides the comment on the platform with a reason; never deletes.");
        inbox.MapPost("/{id:guid}/show", (OrgScope scope, Guid id, HideRequestDto body, HideInboxItem uc, CancellationToken ct) => SetHiddenAsync(scope, id, false, body.Reason, uc, ct))
            .WithName("ShowInboxItem");
    }

    private static async Task<Results<Ok<InboxReplyDto>, ProblemHttpResult>> ReviewAsync(OrgScope scope, Guid replyId, bool approve, string? reason, ApproveInboxReply uc, CancellationToken ct)
    {
        var result = await uc.HandleAsync(scope.Who, replyId, approve, reason, ct);
        return result.IsSuccess ? TypedResults.Ok(InboxReplyDto.From(result.Value)) : result.Error!.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetHiddenAsync(OrgScope scope, Guid id, bool hide, string? reason, HideInboxItem uc, CancellationToken ct)
    {
        var result = await uc.HandleAsync(scope.Who, id, hide, reason, ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }
}
