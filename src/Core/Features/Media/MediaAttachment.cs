using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Media;

public sealed class MediaAttachment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Guid? PostId { get; set; }
    /// <summary>The name the user uploaded, for display only; the file on disk is named by Id.</summary>
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    /// <summary>Path relative to the media root, never user-controlled.</summary>
    public required string StoragePath { get; set; }
    public required string UploadedById { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}

internal sealed class MediaAttachmentConfiguration : IEntityTypeConfiguration<MediaAttachment>
{
    public void Configure(EntityTypeBuilder<MediaAttachment> b)
    {
        b.Property(m => m.FileName).HasMaxLength(255);
        b.Property(m => m.ContentType).HasMaxLength(100);
        b.Property(m => m.StoragePath).HasMaxLength(500);
        b.Property(m => m.UploadedById).HasMaxLength(450);
        b.HasIndex(m => m.OrganisationId);
    }
}
