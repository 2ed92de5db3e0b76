using System.Text.Json;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Audit;

/// <summary>One decision or state change: who, when, what, before and after. Rows are only ever added.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid? OrganisationId { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public DateTime AtUtc { get; set; }
    /// <summary>Dotted verb, e.g. post.approved, post.published, media.uploaded.</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    /// <summary>JSON snapshot of the changed fields before the change; never holds inbound patient text.</summary>
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Reason { get; set; }
    /// <summary>Place in the hash chain (1, 2, …); null only for entries written before the chain existed.</summary>
    public long? ChainIndex { get; set; }
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.Reason).HasMaxLength(2000);
        b.HasIndex(a => new { a.OrganisationId, a.AtUtc });
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.ChainIndex).IsUnique();
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
    }
}

/// <summary>Adds audit rows to the same unit of work as the change, so a change and its record commit together.</summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public void Record(OrgActor actor, string action, string entityType, object entityId,
        object? before = null, object? after = null, string? reason = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            OrganisationId = actor.OrganisationId == Guid.Empty ? null : actor.OrganisationId,
            UserId = actor.UserId,
            UserName = actor.UserName,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString()!,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            Reason = reason,
        });
}
