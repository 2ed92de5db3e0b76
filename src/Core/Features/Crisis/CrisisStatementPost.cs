using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Crisis;

/// <summary>
/// Marks a post created from a pre-approved holding statement. Such a post is the organisation's answer to the crisis, so it is
/// the one kind of post the publisher still sends while publishing is paused (after the normal approval flow: it starts as a
/// Draft and needs a Manager's approval like any other). Kept for the life of the post; the audit log records who made it.
/// </summary>
public sealed class CrisisStatementPost
{
    public Guid PostId { get; set; }
    public Post? Post { get; set; }
    public Guid OrganisationId { get; set; }
    /// <summary>The holding statement it started from, e.g. "da/aware".</summary>
    public required string StatementKey { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedById { get; set; }
}

internal sealed class CrisisStatementPostConfiguration : IEntityTypeConfiguration<CrisisStatementPost>
{
    public void Configure(EntityTypeBuilder<CrisisStatementPost> b)
    {
        b.HasKey(c => c.PostId);
        b.Property(c => c.StatementKey).HasMaxLength(64);
        b.Property(c => c.CreatedById).HasMaxLength(450);
        b.HasOne(c => c.Post).WithOne().HasForeignKey<CrisisStatementPost>(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.OrganisationId);
    }
}
