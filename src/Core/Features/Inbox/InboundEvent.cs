using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// One webhook delivery, stored as received before anything else happens to it, so a crash between receiving and
/// processing loses nothing. (ChannelId, DedupeKey) is unique: a repeated delivery is stored once.
/// </summary>
public sealed class InboundEvent
{
    public long Id { get; set; }
    public Guid ChannelId { get; set; }
    public Guid OrganisationId { get; set; }
    /// <summary>The platform's delivery identity: Telegram update_id, VK event_id, a hash of a Meta entry.</summary>
    public required string DedupeKey { get; set; }
    /// <summary>The payload exactly as the platform sent it (for Meta, one entry of the envelope). Untrusted, never logged.</summary>
    public required string Payload { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
    public DateTime? ProcessedAtUtc { get; set; }
    public int Attempts { get; set; }
    /// <summary>Why processing failed last time (no payload text in it).</summary>
    public string? LastError { get; set; }
}

internal sealed class InboundEventConfiguration : IEntityTypeConfiguration<InboundEvent>
{
    public void Configure(EntityTypeBuilder<InboundEvent> b)
    {
        b.Property(e => e.DedupeKey).HasMaxLength(200);
        b.Property(e => e.LastError).HasMaxLength(1000);
        b.HasIndex(e => new { e.ChannelId, e.DedupeKey }).IsUnique();
        // What the processor asks for, oldest first, without walking the processed history or sorting the backlog: an
        // index on ProcessedAtUtc made every batch read and sort the whole backlog (bench/Ingest.Bench).
        b.HasIndex(e => e.Id).HasDatabaseName("IX_InboundEvents_Unprocessed").HasFilter("\"ProcessedAtUtc\" IS NULL");
    }
}
