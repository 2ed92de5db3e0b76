using CareDialog.Core.Data;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Organisations;
using CareDialog.Triage;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Features.Inbox;

public sealed record InboxReplyDto(Guid Id, string Text, string By, string State, string? Error, DateTime CreatedAtUtc, DateTime? SentAtUtc);

/// <summary>An inbox item with its triage labels (design.md wire names); Text is masked (patient data → •••) unless the item is requested on its own by a role that may answer it.</summary>
public sealed record InboxItemDto(
    Guid Id, Guid ChannelId, string Channel, string Kind, string Author, string Text, bool Masked, DateTime CreatedAtUtc,
    string? RemotePostId, Guid? PostId, bool Hidden, string? HiddenReason, string Status,
    string? Language, string? Intent, string? Sentiment, string? Urgency, IReadOnlyList<InboxReplyDto> Replies)
{
    public static InboxItemDto From(InboxItem i, string text, bool masked) => new(
        i.Id, i.ChannelId, i.Channel?.Name ?? "", i.Kind.ToString(), i.AuthorName, text, masked, i.CreatedAtUtc, i.RemotePostId, i.PostId,
        i.Hidden, i.HiddenReason, i.Status.ToString(),
        i.Language, i.Intent is { } intent ? WireNames.Of(intent) : null, i.Sentiment is { } s ? WireNames.Of(s) : null, i.Urgency is { } u ? WireNames.Of(u) : null,
        i.Replies.OrderBy(r => r.CreatedAtUtc).Select(r => new InboxReplyDto(r.Id, r.Text, r.ByName, r.State.ToString(), r.Error, r.CreatedAtUtc, r.SentAtUtc)).ToList());
}

public sealed record ReplyRequestDto(string? Text);

public sealed record HideRequestDto(string? Reason);

public static class InboxApi
{
    public static void MapInboxApi(this WebApplication app)
    {
        var inbox = OrgScope.RequireMembership(app.MapGroup("/api/v1/orgs/{org}/inbox").WithTags("Inbox"));

        inbox.MapGet("/", async Task<Results<Ok<List<InboxItemDto>>, ProblemHttpResult>> (
                OrgScope scope, AppDbContext db, Guid? channel, string? language, string? intent, string? urgency, string? status, CancellationToken ct) =>
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

                if (!string.IsNullOrEmpty(status))
                {
                    if (!Enum.TryParse<InboxStatus>(status, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted))
                    {
                        return TypedResults.Problem(statusCode: 400, title: "Invalid input", detail: "status is one of new, read, done.");
                    }

                    q = q.Where(i => i.Status == wanted);
                }

                var rows = await q
                    .OrderByDescending(i => i.Intent == Intent.Emergency && i.Status != InboxStatus.Done)
                    .ThenByDescending(i => i.CreatedAtUtc).Take(200).ToListAsync(ct);
                return TypedResults.Ok(rows.Select(i => InboxItemDto.From(i, PatientDataMask.Apply(i.Text, scope.Org.Country, scope.Org.PublicContactList), true)).ToList());
            })
            .WithName("ListInbox").WithSummary("Newest 200 comments and messages, open emergencies first; patient data masked. Filters: channel, language, intent, urgency, status.");

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
                var result = await uc.HandleAsync(scope.Who, id, body.Text, ct);
                if (!result.IsSuccess)
                {
                    return result.Error!.ToProblem();
                }

                var r = result.Value.Reply;
                return TypedResults.Ok(new InboxReplyDto(r.Id, r.Text, r.ByName, r.State.ToString(), r.Error, r.CreatedAtUtc, r.SentAtUtc));
            })
            .WithName("ReplyToInboxItem").WithSummary("Checked by the compliance engine (public replies with the reply privacy rules), then sent.");

        inbox.MapPost("/{id:guid}/hide", (OrgScope scope, Guid id, HideRequestDto body, HideInboxItem uc, CancellationToken ct) => SetHiddenAsync(scope, id, true, body.Reason, uc, ct))
            .WithName("HideInboxItem").WithSummary("Hides the comment on the platform with a reason; never deletes.");
        inbox.MapPost("/{id:guid}/show", (OrgScope scope, Guid id, HideRequestDto body, HideInboxItem uc, CancellationToken ct) => SetHiddenAsync(scope, id, false, body.Reason, uc, ct))
            .WithName("ShowInboxItem");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetHiddenAsync(OrgScope scope, Guid id, bool hide, string? reason, HideInboxItem uc, CancellationToken ct)
    {
        var result = await uc.HandleAsync(scope.Who, id, hide, reason, ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }
}
