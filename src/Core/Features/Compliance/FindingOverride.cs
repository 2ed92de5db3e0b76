using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Compliance;

/// <summary>
/// A ComplianceOfficer's decision that one finding does not apply to this post, with the written reason approvers
/// see. It covers the rule on this post's current text; editing the text clears it.
/// </summary>
public sealed class FindingOverride
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PostId { get; set; }
    public required string Rule { get; set; }
    public required string Reason { get; set; }
    public required string ById { get; set; }
    public required string ByName { get; set; }
    public DateTime AtUtc { get; set; }
}

internal sealed class FindingOverrideConfiguration : IEntityTypeConfiguration<FindingOverride>
{
    public void Configure(EntityTypeBuilder<FindingOverride> b)
    {
        b.Property(o => o.Rule).HasMaxLength(64);
        b.Property(o => o.Reason).HasMaxLength(2000);
        b.Property(o => o.ById).HasMaxLength(450);
        b.Property(o => o.ByName).HasMaxLength(256);
        b.HasIndex(o => new { o.PostId, o.Rule }).IsUnique();
    }
}
