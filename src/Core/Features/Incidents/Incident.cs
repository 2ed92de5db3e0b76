using CareDialog.Core.Features.Inbox;
using CareDialog.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Incidents;

/// <summary>New → Acknowledged → InProgress → Resolved → Closed; a Resolved incident can be reopened (back to InProgress).</summary>
public enum IncidentStatus { New, Acknowledged, InProgress, Resolved, Closed }

/// <summary>
/// A complaint or appeal tracked to closure: routed to a unit, with answer deadlines in the organisation's working time, a
/// timeline of notes and public answers, linked inbox messages and the outcome ("you asked, we did"). Never deleted.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    /// <summary>Per organisation, from 1: what people say on the phone ("incident 42").</summary>
    public int Number { get; set; }
    /// <summary>A short internal summary written without patient data (checked when set by a person).</summary>
    public required string Title { get; set; }
    public ComplaintCategory Category { get; set; }
    /// <summary>The unit that answers for it, from the routing rules or set by hand.</summary>
    public required string Unit { get; set; }
    public IncidentStatus Status { get; set; }
    public bool Urgent { get; set; }
    public string? AssigneeUserId { get; set; }
    public string? AssigneeName { get; set; }
    /// <summary>"rule" when opened automatically, else the user who opened it.</summary>
    public required string OpenedBy { get; set; }
    /// <summary>When the citizen wrote: the deadlines count from here.</summary>
    public DateTime ReceivedAtUtc { get; set; }
    public DateTime OpenedAtUtc { get; set; }

    public DateTime FirstAnswerDueUtc { get; set; }
    public DateTime FinalAnswerDueUtc { get; set; }
    public DateTime FirstAnswerWarnAtUtc { get; set; }
    public DateTime FinalAnswerWarnAtUtc { get; set; }
    public DateTime? FirstAnsweredAtUtc { get; set; }
    public DateTime? FinalAnsweredAtUtc { get; set; }
    public DateTime? AcknowledgedAtUtc { get; set; }
    public DateTime? ResolvedAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }

    // Set once by the deadline watch, so a warning or an escalation is sent once, even with several nodes.
    public DateTime? FirstAnswerWarnedAtUtc { get; set; }
    public DateTime? FinalAnswerWarnedAtUtc { get; set; }
    public DateTime? FirstAnswerEscalatedAtUtc { get; set; }
    public DateTime? FinalAnswerEscalatedAtUtc { get; set; }

    /// <summary>What was done about it, for the "you asked, we did" report; required to resolve.</summary>
    public string? Outcome { get; set; }
    public bool OutcomeChangedSomething { get; set; }

    public List<IncidentMessage> Messages { get; set; } = [];
    public List<IncidentEntry> Entries { get; set; } = [];

    /// <summary>Optimistic concurrency: two responders moving one incident at once get a clear conflict, not a lost update.</summary>
    public int Version { get; set; }

    public bool IsOpen => Status is not (IncidentStatus.Resolved or IncidentStatus.Closed);

    public bool FirstAnswerBreached(DateTime nowUtc) => (FirstAnsweredAtUtc ?? nowUtc) > FirstAnswerDueUtc;

    public bool FinalAnswerBreached(DateTime nowUtc) => (FinalAnsweredAtUtc ?? nowUtc) > FinalAnswerDueUtc;

    /// <summary>The deadline that matters now: the first answer until it is given, then the final answer; null once both are given.</summary>
    public DateTime? NextDueUtc => FirstAnsweredAtUtc is null ? FirstAnswerDueUtc : FinalAnsweredAtUtc is null ? FinalAnswerDueUtc : null;
}

/// <summary>An inbox message that belongs to an incident; a message belongs to at most one incident.</summary>
public sealed class IncidentMessage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid IncidentId { get; set; }
    public Guid InboxItemId { get; set; }
    public InboxItem? InboxItem { get; set; }
    public DateTime LinkedAtUtc { get; set; }
}

public enum IncidentEntryKind { Opened, Note, InterimAnswer, FinalAnswer, StatusChanged, Routed, Assigned, Linked, Warning, Escalated, Outcome }

/// <summary>One line of an incident's timeline. Notes are internal; answers are the public replies that were sent.</summary>
public sealed class IncidentEntry
{
    /// <summary>Database-assigned and increasing, so entries written in the same instant keep the order they were written in.</summary>
    public long Id { get; set; }
    public Guid IncidentId { get; set; }
    public IncidentEntryKind Kind { get; set; }
    public required string Text { get; set; }
    public required string ByUserId { get; set; }
    public required string ByName { get; set; }
    public DateTime AtUtc { get; set; }
    public Guid? InboxReplyId { get; set; }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>, IEntityTypeConfiguration<IncidentMessage>, IEntityTypeConfiguration<IncidentEntry>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.HasIndex(i => new { i.OrganisationId, i.Number }).IsUnique();
        b.HasIndex(i => new { i.OrganisationId, i.Status });
        b.Property(i => i.Title).HasMaxLength(200);
        b.Property(i => i.Category).HasConversion<string>().HasMaxLength(32);
        b.Property(i => i.Unit).HasMaxLength(120);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.AssigneeUserId).HasMaxLength(450);
        b.Property(i => i.AssigneeName).HasMaxLength(256);
        b.Property(i => i.OpenedBy).HasMaxLength(450);
        b.Property(i => i.Outcome).HasMaxLength(4000);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Ignore(i => i.IsOpen);
        b.Ignore(i => i.NextDueUtc);
        b.HasMany(i => i.Messages).WithOne().HasForeignKey(m => m.IncidentId);
        b.HasMany(i => i.Entries).WithOne().HasForeignKey(e => e.IncidentId);
    }

    public void Configure(EntityTypeBuilder<IncidentMessage> b)
    {
        b.HasIndex(m => m.InboxItemId).IsUnique();
        b.HasOne(m => m.InboxItem).WithMany().HasForeignKey(m => m.InboxItemId);
    }

    public void Configure(EntityTypeBuilder<IncidentEntry> b)
    {
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Text).HasMaxLength(4000);
        b.Property(e => e.ByUserId).HasMaxLength(450);
        b.Property(e => e.ByName).HasMaxLength(256);
        b.HasIndex(e => new { e.IncidentId, e.AtUtc });
    }
}
