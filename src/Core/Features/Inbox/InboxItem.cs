using CareDialog.Core.Features.Channels;
using CareDialog.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Inbox;

public enum InboxStatus { New, Read, Done }

/// <summary>
/// A comment, reply, direct message or mention received on a channel. Nothing is deleted: hiding only flags it, on the platform
/// and here. (ChannelId, RemoteId) is unique, so webhook and polling deliveries of the same item meet in one row.
/// </summary>
public sealed class InboxItem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Guid ChannelId { get; set; }
    public Channel? Channel { get; set; }
    public required string RemoteId { get; set; }
    public InboundKind Kind { get; set; }
    /// <summary>Exactly as received: untrusted, rendered only encoded, never logged.</summary>
    public required string Text { get; set; }
    /// <summary>The first text, kept when the author edits the comment.</summary>
    public string? OriginalText { get; set; }
    public DateTime? EditedAtUtc { get; set; }
    public required string AuthorName { get; set; }
    public string? AuthorId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
    public string? RemotePostId { get; set; }
    public string? RemoteParentId { get; set; }
    public string? ConversationId { get; set; }
    /// <summary>CareDialog's post this item is about, when the remote post is one of ours.</summary>
    public Guid? PostId { get; set; }
    public bool FromOwnAccount { get; set; }
    public bool Hidden { get; set; }
    public string? HiddenReason { get; set; }
    public InboxStatus Status { get; set; }
    public List<InboxReply> Replies { get; set; } = [];

    // Triage on arrival (src/Triage): what the text is, in which language, how urgent, and why.
    public string? Language { get; set; }
    public Sentiment? Sentiment { get; set; }
    public Intent? Intent { get; set; }
    public Urgency? Urgency { get; set; }
    /// <summary>The reasons behind the labels, one per line (rendered encoded; may quote the text, so never logged).</summary>
    public string? TriageExplanation { get; set; }

    // Who answers it (assigned), and who has it open right now (claimed, for collision warnings).
    public string? AssigneeUserId { get; set; }
    public string? AssigneeName { get; set; }
    public string? ClaimedByUserId { get; set; }
    public string? ClaimedByName { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }

    /// <summary>When the incident rules looked at this item (complaints only), so each is considered once.</summary>
    public DateTime? IncidentCheckedAtUtc { get; set; }

    public bool IsOpenEmergency => Intent == CareDialog.Triage.Intent.Emergency && Status != InboxStatus.Done;

    public InboundItem ToInbound() =>
        new(RemoteId, Kind, Text, AuthorName, AuthorId, CreatedAtUtc, RemotePostId, RemoteParentId, ConversationId, FromOwnAccount, Hidden);
}

/// <summary>PendingApproval: held until someone with ApproveReplies approves (then Sending) or rejects it (Rejected, never sent).</summary>
public enum ReplyState { Sending, Sent, Failed, Unknown, PendingApproval, Rejected }

/// <summary>A reply written in CareDialog. Recorded before the platform call, so a crash during it leaves an Unknown reply to reconcile, never a silent double.</summary>
public sealed class InboxReply
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid InboxItemId { get; set; }
    public required string Text { get; set; }
    public required string ByUserId { get; set; }
    public required string ByName { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public ReplyState State { get; set; }
    public string? RemoteId { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public string? Error { get; set; }
    /// <summary>Set when the reply is an incident's interim or final public answer, so the incident's clocks stop when it is sent.</summary>
    public Incidents.AnswerKind? IncidentAnswer { get; set; }
    public string? ReviewedByUserId { get; set; }
    public string? ReviewedByName { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }
    public string IdempotencyKey => Id.ToString("N");
}

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> b)
    {
        b.Property(i => i.RemoteId).HasMaxLength(200);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.AuthorName).HasMaxLength(300);
        b.Property(i => i.AuthorId).HasMaxLength(200);
        b.Property(i => i.RemotePostId).HasMaxLength(200);
        b.Property(i => i.RemoteParentId).HasMaxLength(200);
        b.Property(i => i.ConversationId).HasMaxLength(200);
        b.Property(i => i.HiddenReason).HasMaxLength(1000);
        b.HasIndex(i => new { i.ChannelId, i.RemoteId }).IsUnique();
        b.HasIndex(i => new { i.OrganisationId, i.CreatedAtUtc });
        b.HasIndex(i => new { i.Intent, i.IncidentCheckedAtUtc });
        b.Property(i => i.Language).HasMaxLength(8);
        b.Property(i => i.Sentiment).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Intent).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Urgency).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.TriageExplanation).HasMaxLength(4000);
        b.Property(i => i.AssigneeUserId).HasMaxLength(450);
        b.Property(i => i.AssigneeName).HasMaxLength(256);
        b.Property(i => i.ClaimedByUserId).HasMaxLength(450);
        b.Property(i => i.ClaimedByName).HasMaxLength(256);
        b.Ignore(i => i.IsOpenEmergency);
        b.HasOne(i => i.Channel).WithMany().HasForeignKey(i => i.ChannelId);
        b.HasMany(i => i.Replies).WithOne().HasForeignKey(r => r.InboxItemId);
    }
}

internal sealed class InboxReplyConfiguration : IEntityTypeConfiguration<InboxReply>
{
    public void Configure(EntityTypeBuilder<InboxReply> b)
    {
        b.Property(r => r.ByUserId).HasMaxLength(450);
        b.Property(r => r.ByName).HasMaxLength(256);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.RemoteId).HasMaxLength(200);
        b.Property(r => r.Error).HasMaxLength(1000);
        b.Property(r => r.IncidentAnswer).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.ReviewedByUserId).HasMaxLength(450);
        b.Property(r => r.ReviewedByName).HasMaxLength(256);
        b.HasIndex(r => r.State);
        b.Ignore(r => r.IdempotencyKey);
    }
}
