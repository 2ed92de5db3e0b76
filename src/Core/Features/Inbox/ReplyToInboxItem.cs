using CareDialog.Compliance;
using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Compliance;
using CareDialog.Core.Features.Incidents;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Inbox;

public sealed record ReplyOutcome(InboxReply Reply, CheckResult Check);

/// <summary>
/// Answers a comment or message on its platform. The reply is checked by the compliance engine first — a public reply with
/// the privacy rules for replies (it must not confirm that someone is a patient or repeat health details) — and a blocking
/// finding stops it. The reply is recorded before the platform call, so a crash during the call leaves it Unknown, visible.
/// </summary>
public sealed class ReplyToInboxItem(AppDbContext db, ConnectorRegistry connectors, ChannelSecrets secrets, IComplianceChecker engine,
    AuditLog audit, ChannelHealthChanges health, TimeProvider clock)
{
    public async Task<Result<ReplyOutcome>> HandleAsync(OrgActor actor, Guid itemId, string? text, CancellationToken ct)
    {
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

        var channel = item.Channel!;
        var connector = connectors.For(channel);
        if (!connector.Features.HasFlag(ConnectorFeatures.Reply) || (item.Kind == InboundKind.DirectMessage && !connector.Features.HasFlag(ConnectorFeatures.DirectMessages)))
        {
            return UseCaseError.Invalid($"Replies to this kind of item cannot be sent through {channel.Platform}.");
        }

        if (channel.Health != ChannelHealth.Connected)
        {
            return UseCaseError.Conflict($"Channel “{channel.Name}” needs to be reconnected before replies can be sent.");
        }

        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var check = engine.Check(new CheckRequest(
            clean.Value,
            PostComplianceCheck.JurisdictionOf(org.Country),
            channel.EffectivePlatform,
            // The emergency and crisis numbers of the pre-approved emergency reply are public, not a patient's.
            OwnContacts: [.. org.PublicContactList, .. EmergencyReplies.For(org.Country).Numbers],
            IsPublicReply: item.Kind != InboundKind.DirectMessage));
        if (check.Verdict == Verdict.Block)
        {
            var rules = string.Join(", ", check.Findings.Where(f => f.Severity == Severity.Block && !f.Satisfied).Select(f => f.Rule).Distinct());
            return UseCaseError.Invalid($"The reply cannot be sent: {rules}. {check.Findings.First(f => f.Severity == Severity.Block && !f.Satisfied).MessageEn}", "text");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reply = new InboxReply { InboxItemId = item.Id, Text = clean.Value, ByUserId = actor.UserId, ByName = actor.UserName, CreatedAtUtc = now, State = ReplyState.Sending };
        db.InboxReplies.Add(reply);
        audit.Record(actor, "inbox.reply_sending", "InboxItem", item.Id, null, new { Reply = reply.Id, Channel = channel.Name });
        await db.SaveChangesAsync(ct);

        try
        {
            var remote = await connector.ReplyAsync(new ReplyRequest(secrets.AccessFor(channel), item.ToInbound(), reply.Text, reply.IdempotencyKey), ct);
            reply.State = ReplyState.Sent;
            reply.RemoteId = remote.RemoteId;
            reply.SentAtUtc = remote.CreatedAtUtc;
            item.Status = InboxStatus.Done;
            audit.Record(actor, "inbox.replied", "InboxItem", item.Id, null, new { Reply = reply.Id, remote.RemoteId });
            await StopIncidentClockAsync(actor, item, reply, ct);
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
        return new ReplyOutcome(reply, check);
    }

    /// <summary>A public answer to a message of an incident is the incident's first answer, whichever page it was sent from.</summary>
    private async Task StopIncidentClockAsync(OrgActor actor, InboxItem item, InboxReply reply, CancellationToken ct)
    {
        var incidentId = await db.IncidentMessages.Where(m => m.InboxItemId == item.Id).Select(m => (Guid?)m.IncidentId).SingleOrDefaultAsync(ct);
        if (incidentId is null)
        {
            return;
        }

        var incident = await db.Incidents.SingleAsync(i => i.Id == incidentId, ct);
        var at = reply.SentAtUtc ?? clock.GetUtcNow().UtcDateTime;
        incident.FirstAnsweredAtUtc ??= at;
        incident.Version++;
        db.IncidentEntries.Add(OpenIncident.Entry(incident, IncidentEntryKind.InterimAnswer, actor, at, reply.Text, reply.Id));
    }
}
