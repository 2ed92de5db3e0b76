using CareDialog.Compliance;
using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Compliance;
using CareDialog.Core.Features.Incidents;
using CareDialog.Core.Features.Notifications;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Inbox;

public sealed record ReplyOutcome(InboxReply Reply, CheckResult Check);

/// <param name="IncidentAnswer">The reply is an incident's interim or final answer.</param>
/// <param name="SeenReplies">How many replies the responder saw when they opened the item; more now means someone else answered meanwhile.</param>
/// <param name="TakeOver">Send even though another responder has the item open or answered it meanwhile.</param>
public sealed record ReplyOptions(AnswerKind? IncidentAnswer = null, int? SeenReplies = null, bool TakeOver = false);

/// <summary>
/// Answers a comment or message on its platform. The reply is checked by the compliance engine first — a public reply with
/// the privacy rules for replies (it must not confirm that someone is a patient or repeat health details) — and a blocking
/// finding stops it. Two responders on one item are told before the second reply goes out. Where the organisation requires
/// it, the reply waits for approval (<see cref="ApproveInboxReply"/>). The reply is recorded before the platform call, so a
/// crash during the call leaves it Unknown, visible.
/// </summary>
public sealed class ReplyToInboxItem(AppDbContext db, ConnectorRegistry connectors, ChannelSecrets secrets, IComplianceChecker engine,
    AuditLog audit, ChannelHealthChanges health, Notifier notifier, TimeProvider clock)
{
    public async Task<Result<ReplyOutcome>> HandleAsync(OrgActor actor, Guid itemId, string? text, CancellationToken ct, ReplyOptions? options = null)
    {
        options ??= new ReplyOptions();
        if (actor.Require(Permission.RespondInbox) is { } denied)
        {
            return denied;
        }

        var item = await db.InboxItems.Include(i => i.Channel)
            .SingleOrDefaultAsync(i => i.Id == itemId && i.OrganisationId == actor.OrganisationId, ct);
        if (item is null)
        {
            return UseCaseError.NotFound("Inbox item");
        }

        var clean = PostRules.CleanText(text, "text");
        if (clean.Error is { } invalid)
        {
            return invalid;
        }

        if (CanReply(item) is { } unsupported)
        {
            return unsupported;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!options.TakeOver && await CollisionAsync(actor, item, options.SeenReplies, now, ct) is { } collision)
        {
            return collision;
        }

        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var check = Check(org, item, clean.Value);
        if (check.Verdict == Verdict.Block)
        {
            var rules = string.Join(", ", check.Findings.Where(f => f.Severity == Severity.Block && !f.Satisfied).Select(f => f.Rule).Distinct());
            return UseCaseError.Invalid($"The reply cannot be sent: {rules}. {check.Findings.First(f => f.Severity == Severity.Block && !f.Satisfied).MessageEn}", "text");
        }

        var reply = new InboxReply
        {
            InboxItemId = item.Id, Text = clean.Value, ByUserId = actor.UserId, ByName = actor.UserName, CreatedAtUtc = now, IncidentAnswer = options.IncidentAnswer,
        };
        db.InboxReplies.Add(reply);
        var settings = await InboxSettings.LoadAsync(db, org.Id, ct);
        // The pre-approved emergency reply never waits: a person may be in danger now.
        var isEmergencyReply = string.Equals(clean.Value.Trim(), EmergencyReplies.For(org.Country).Text, StringComparison.Ordinal);
        if (settings.RepliesNeedApproval && !actor.Can(Permission.ApproveReplies) && !isEmergencyReply)
        {
            reply.State = ReplyState.PendingApproval;
            audit.Record(actor, "inbox.reply_held", "InboxItem", item.Id, null, new { Reply = reply.Id });
            notifier.Notify(org.Id, Permissions.RolesFor(Permission.ApproveReplies), "inbox.reply_awaiting_approval",
                $"{actor.UserName} wrote a reply on “{item.Channel!.Name}” that needs approval before it is sent.", "inbox");
            await db.SaveChangesAsync(ct);
            return new ReplyOutcome(reply, check);
        }

        reply.State = ReplyState.Sending;
        await SendAsync(actor, item, reply, ct);
        return new ReplyOutcome(reply, check);
    }

    /// <summary>The compliance check of a reply to <paramref name="item"/>: public replies with the reply privacy rules.</summary>
    internal CheckResult Check(Organisation org, InboxItem item, string text) =>
        engine.Check(new CheckRequest(
            text,
            PostComplianceCheck.JurisdictionOf(org.Country),
            item.Channel!.EffectivePlatform,
            // The emergency and crisis numbers of the pre-approved emergency reply are public, not a patient's.
            OwnContacts: [.. org.PublicContactList, .. EmergencyReplies.For(org.Country).Numbers],
            IsPublicReply: item.Kind != InboundKind.DirectMessage));

    internal UseCaseError? CanReply(InboxItem item)
    {
        var channel = item.Channel!;
        var connector = connectors.For(channel);
        if (!connector.Features.HasFlag(ConnectorFeatures.Reply) || (item.Kind == InboundKind.DirectMessage && !connector.Features.HasFlag(ConnectorFeatures.DirectMessages)))
        {
            return UseCaseError.Invalid($"Replies to this kind of item cannot be sent through {channel.Platform}.");
        }

        return channel.Health != ChannelHealth.Connected
            ? UseCaseError.Conflict($"Channel “{channel.Name}” needs to be reconnected before replies can be sent.")
            : null;
    }

    /// <summary>Sends a recorded reply (state Sending) and records what came back; saves. Used directly and after an approval.</summary>
    internal async Task SendAsync(OrgActor actor, InboxItem item, InboxReply reply, CancellationToken ct)
    {
        var channel = item.Channel!;
        audit.Record(actor, "inbox.reply_sending", "InboxItem", item.Id, null, new { Reply = reply.Id, Channel = channel.Name });
        await db.SaveChangesAsync(ct);
        try
        {
            var remote = await connectors.For(channel).ReplyAsync(new ReplyRequest(secrets.AccessFor(channel), item.ToInbound(), reply.Text, reply.IdempotencyKey), ct);
            reply.State = ReplyState.Sent;
            reply.RemoteId = remote.RemoteId;
            reply.SentAtUtc = remote.CreatedAtUtc;
            item.Status = InboxStatus.Done;
            item.ClaimedByUserId = item.ClaimedByName = null;
            item.ClaimedUntilUtc = null;
            audit.Record(actor, "inbox.replied", "InboxItem", item.Id, null, new { Reply = reply.Id, remote.RemoteId });
            await StopIncidentClocksAsync(actor, item, reply, ct);
        }
        catch (ConnectorException ex)
        {
            reply.State = ex.Kind == ConnectorErrorKind.Unknown ? ReplyState.Unknown : ReplyState.Failed;
            reply.Error = ex.UserMessage;
            audit.Record(actor, "inbox.reply_failed", "InboxItem", item.Id, null, new { Reply = reply.Id, ex.Kind }, ex.UserMessage);
            if (ex.Kind == ConnectorErrorKind.NeedsReconnect)
            {
                health.MarkNeedsReconnect(channel, ex.UserMessage, "inbox-reply");
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Someone else has the item open, or answered it since this responder looked: say who, rather than post twice.</summary>
    private async Task<UseCaseError?> CollisionAsync(OrgActor actor, InboxItem item, int? seenReplies, DateTime now, CancellationToken ct)
    {
        if (seenReplies is { } seen)
        {
            var replies = await db.InboxReplies.AsNoTracking().Where(r => r.InboxItemId == item.Id && r.State != ReplyState.Rejected && r.State != ReplyState.Failed)
                .OrderByDescending(r => r.CreatedAtUtc).ToListAsync(ct);
            if (replies.Count > seen && replies[0].ByUserId != actor.UserId)
            {
                return UseCaseError.Conflict($"{replies[0].ByName} replied to this item meanwhile. Read their reply, then send yours with “take over” if it is still needed.");
            }
        }

        if (item.ClaimedByUserId is { } other && other != actor.UserId && item.ClaimedUntilUtc > now)
        {
            return UseCaseError.Conflict($"{item.ClaimedByName} is answering this item right now. Send with “take over” only if you agreed on it.");
        }

        return null;
    }

    /// <summary>A public answer to a message of an incident stops its first-answer clock (and the final one for a final answer), whichever page sent it.</summary>
    private async Task StopIncidentClocksAsync(OrgActor actor, InboxItem item, InboxReply reply, CancellationToken ct)
    {
        var incidentId = await db.IncidentMessages.Where(m => m.InboxItemId == item.Id).Select(m => (Guid?)m.IncidentId).SingleOrDefaultAsync(ct);
        if (incidentId is null)
        {
            return;
        }

        var incident = await db.Incidents.SingleAsync(i => i.Id == incidentId, ct);
        var at = reply.SentAtUtc ?? clock.GetUtcNow().UtcDateTime;
        incident.FirstAnsweredAtUtc ??= at;
        var final = reply.IncidentAnswer == AnswerKind.Final;
        if (final)
        {
            incident.FinalAnsweredAtUtc ??= at;
        }

        if (incident.Status == IncidentStatus.New)
        {
            incident.Status = IncidentStatus.Acknowledged;
            incident.AcknowledgedAtUtc ??= at;
        }

        incident.Version++;
        db.IncidentEntries.Add(OpenIncident.Entry(incident, final ? IncidentEntryKind.FinalAnswer : IncidentEntryKind.InterimAnswer, actor, at, reply.Text, reply.Id));
        audit.Record(actor, final ? "incident.final_answer" : "incident.interim_answer", "Incident", incident.Id, null, new { Reply = reply.Id });
    }
}
