using CareDialog.Core.Features.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Crisis;

/// <summary>
/// A negative spike on one channel, with the numbers that made it one. Never deleted: dismissing closes it. A channel has at
/// most one live alert (open, or dismissed while its spike is still going on), enforced by a filtered unique index, so a
/// spike that lasts for hours, or is dismissed while it lasts, never raises a second alert.
/// </summary>
public sealed class CrisisAlert
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Guid ChannelId { get; set; }
    public Channel? Channel { get; set; }

    public DateTime DetectedAtUtc { get; set; }
    /// <summary>Length of the window that was counted, in minutes.</summary>
    public int WindowMinutes { get; set; }
    /// <summary>Negative or complaint items in the window when the alert was raised.</summary>
    public int WindowCount { get; set; }
    public int DistinctAuthors { get; set; }
    public double BaselineMean { get; set; }
    public double BaselineStdDev { get; set; }
    /// <summary>How many window-sized buckets of history the baseline was computed from.</summary>
    public int BaselineBuckets { get; set; }
    public bool NewChannel { get; set; }
    /// <summary>The smallest window count that was a spike at detection; the spike is over once the count falls below it.</summary>
    public int Threshold { get; set; }
    /// <summary>The detector's reasoning in words (numbers only, never inbound text).</summary>
    public required string Explanation { get; set; }

    /// <summary>The highest window count seen while the spike lasted.</summary>
    public int PeakWindowCount { get; set; }
    public DateTime LastSeenAtUtc { get; set; }
    /// <summary>When the window count first fell below <see cref="Threshold"/> again.</summary>
    public DateTime? SpikeEndedAtUtc { get; set; }

    public DateTime? AcknowledgedAtUtc { get; set; }
    public string? AcknowledgedById { get; set; }
    public string? AcknowledgedByName { get; set; }

    public DateTime? DismissedAtUtc { get; set; }
    public string? DismissedById { get; set; }
    public string? DismissedByName { get; set; }
    public string? DismissNote { get; set; }

    public bool IsOpen => DismissedAtUtc == null;
}

internal sealed class CrisisAlertConfiguration : IEntityTypeConfiguration<CrisisAlert>
{
    public void Configure(EntityTypeBuilder<CrisisAlert> b)
    {
        b.Property(a => a.Explanation).HasMaxLength(1000);
        b.Property(a => a.AcknowledgedById).HasMaxLength(450);
        b.Property(a => a.AcknowledgedByName).HasMaxLength(256);
        b.Property(a => a.DismissedById).HasMaxLength(450);
        b.Property(a => a.DismissedByName).HasMaxLength(256);
        b.Property(a => a.DismissNote).HasMaxLength(1000);
        b.Ignore(a => a.IsOpen);
        b.HasOne(a => a.Channel).WithMany().HasForeignKey(a => a.ChannelId);
        b.HasIndex(a => new { a.OrganisationId, a.DetectedAtUtc });
        // One live alert per channel, even if two sweeps ever ran at once; the quoted names work on SQLite and PostgreSQL.
        b.HasIndex(a => a.ChannelId).IsUnique().HasFilter("\"DismissedAtUtc\" IS NULL OR \"SpikeEndedAtUtc\" IS NULL")
            .HasDatabaseName("IX_CrisisAlerts_ChannelId_Live");
    }
}
