using CareDialog.Core.Data;
using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Crisis;

/// <summary>
/// An organisation-wide stop of scheduled publishing, from start to resume. Rows are kept as history: resuming fills in the
/// end, nothing is deleted. An organisation has at most one active pause (filtered unique index), so two Managers pressing
/// "Pause" at once get one pause and one conflict.
/// </summary>
public sealed class PublishingPause
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }

    public DateTime StartedAtUtc { get; set; }
    public required string StartedById { get; set; }
    public required string StartedByName { get; set; }
    public required string Reason { get; set; }
    /// <summary>The alert that led to the pause, when it was paused from one.</summary>
    public Guid? CrisisAlertId { get; set; }

    public DateTime? EndedAtUtc { get; set; }
    public string? EndedById { get; set; }
    public string? EndedByName { get; set; }
    public string? ResumeNote { get; set; }

    public bool IsActive => EndedAtUtc == null;

    public const int MaxTextLength = 1000;
}

internal sealed class PublishingPauseConfiguration : IEntityTypeConfiguration<PublishingPause>
{
    public void Configure(EntityTypeBuilder<PublishingPause> b)
    {
        b.Property(p => p.StartedById).HasMaxLength(450);
        b.Property(p => p.StartedByName).HasMaxLength(256);
        b.Property(p => p.Reason).HasMaxLength(PublishingPause.MaxTextLength);
        b.Property(p => p.EndedById).HasMaxLength(450);
        b.Property(p => p.EndedByName).HasMaxLength(256);
        b.Property(p => p.ResumeNote).HasMaxLength(PublishingPause.MaxTextLength);
        // Two Managers resuming at once: the second update finds EndedAtUtc no longer null and fails instead of overwriting.
        b.Property(p => p.EndedAtUtc).IsConcurrencyToken();
        b.Ignore(p => p.IsActive);
        b.HasIndex(p => new { p.OrganisationId, p.StartedAtUtc });
        b.HasIndex(p => p.OrganisationId).IsUnique().HasFilter("\"EndedAtUtc\" IS NULL").HasDatabaseName("IX_PublishingPauses_OrganisationId_Active");
    }
}

/// <summary>Reads of the pause state shared by the publisher, the pages and the API.</summary>
public static class PublishingPauses
{
    /// <summary>The organisation's active pause, or null when it publishes normally.</summary>
    public static Task<PublishingPause?> ActiveAsync(AppDbContext db, Guid organisationId, CancellationToken ct) =>
        db.PublishingPauses.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == organisationId && p.EndedAtUtc == null, ct);

    /// <summary>
    /// Leaves out scheduled posts of organisations whose publishing is paused, except crisis statements (the organisation's
    /// answer to the crisis). Posts already claimed (Publishing) are not held: they finish.
    /// </summary>
    public static IQueryable<Post> NotHeldByPause(this IQueryable<Post> posts, AppDbContext db) =>
        posts.Where(p => p.Status != PostStatus.Scheduled
                         || !db.PublishingPauses.Any(pp => pp.OrganisationId == p.OrganisationId && pp.EndedAtUtc == null)
                         || db.CrisisStatementPosts.Any(c => c.PostId == p.Id));
}
