using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Compliance;
using CareDialog.Core.Features.Consents;
using CareDialog.Core.Features.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Posts;

public enum PostStatus { Draft, InReview, Approved, Rejected, Scheduled, Publishing, Published, Failed }

public enum ContentType { Informative, AwarenessDay, QandA, PatientExperience, StaffIntroduction, ServiceInfo, Campaign }

/// <summary>Where in the patient pathway the content helps: before, during or after contact with the organisation.</summary>
public enum PathwayStage { General, Before, During, After }

/// <summary>State of one post on one channel. Unknown means a publish call may or may not have reached the platform.</summary>
public enum PublicationState { Pending, Attempting, Unknown, Published, Failed }

public sealed class Post
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public required string Title { get; set; }
    /// <summary>The master text; a target's variant overrides it on that channel.</summary>
    public required string Text { get; set; }
    public ContentType ContentType { get; set; }
    public PathwayStage PathwayStage { get; set; }
    public string? Audience { get; set; }
    public PostStatus Status { get; set; }

    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Whoever changed the text last; like the author, they may not approve it (four-eyes).</summary>
    public string? LastEditedById { get; set; }

    public string? ReviewedById { get; set; }
    public string? ReviewedByName { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }
    public string? RejectionReason { get; set; }

    /// <summary>
    /// The planned instant: shown in the calendar for every status, published only once the status is Scheduled.
    /// The local wall-clock time the user chose is kept beside it for display and audit.
    /// </summary>
    public DateTime? ScheduledAtUtc { get; set; }
    public string? ScheduledLocal { get; set; }
    public DateTime? PublishedAtUtc { get; set; }

    /// <summary>While Publishing, no other sweep may take the post before this instant (crash recovery lease).</summary>
    public DateTime? LeaseUntilUtc { get; set; }
    public string? LastError { get; set; }

    /// <summary>Optimistic concurrency: two editors or two publisher nodes cannot both win.</summary>
    public int Version { get; set; }

    public List<PostTarget> Targets { get; set; } = [];
    public List<MediaAttachment> Media { get; set; } = [];
    public List<PostConsent> Consents { get; set; } = [];
    public List<FindingOverride> Overrides { get; set; } = [];

    public bool IsEditable => Status is PostStatus.Draft or PostStatus.Rejected or PostStatus.InReview
        or PostStatus.Approved or PostStatus.Scheduled;

    public string TextFor(PostTarget target) =>
        string.IsNullOrWhiteSpace(target.VariantText) ? Text : target.VariantText!;
}

/// <summary>One channel a post goes to, with its optional variant text and its own publication record.</summary>
public sealed class PostTarget
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PostId { get; set; }
    public Guid ChannelId { get; set; }
    public Channel? Channel { get; set; }
    public string? VariantText { get; set; }

    public PublicationState State { get; set; }
    /// <summary>Sent with every publish call for this (post, channel), so a retry can never create a second remote post.</summary>
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");
    public string? RemoteId { get; set; }
    public string? RemoteUrl { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAtUtc { get; set; }
    /// <summary>When the first call went out: a reconciliation looks for the post from then on.</summary>
    public DateTime? FirstAttemptAtUtc { get; set; }
    public DateTime? PublishedAtUtc { get; set; }
    public string? LastError { get; set; }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>, IEntityTypeConfiguration<PostTarget>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.Text).HasMaxLength(PostRules.MaxTextLength);
        b.Property(p => p.Audience).HasMaxLength(200);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.ContentType).HasConversion<string>().HasMaxLength(30);
        b.Property(p => p.PathwayStage).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.AuthorId).HasMaxLength(450);
        b.Property(p => p.AuthorName).HasMaxLength(256);
        b.Property(p => p.ReviewedById).HasMaxLength(450);
        b.Property(p => p.LastEditedById).HasMaxLength(450);
        b.Property(p => p.ReviewedByName).HasMaxLength(256);
        b.Property(p => p.RejectionReason).HasMaxLength(2000);
        b.Property(p => p.ScheduledLocal).HasMaxLength(32);
        b.Property(p => p.LastError).HasMaxLength(2000);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.OrganisationId, p.ScheduledAtUtc });
        b.HasIndex(p => new { p.Status, p.ScheduledAtUtc });
        b.HasMany(p => p.Targets).WithOne().HasForeignKey(t => t.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Media).WithOne().HasForeignKey(m => m.PostId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(p => p.Consents).WithOne().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Overrides).WithOne().HasForeignKey(o => o.PostId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(p => p.IsEditable);
    }

    public void Configure(EntityTypeBuilder<PostTarget> b)
    {
        b.Property(t => t.VariantText).HasMaxLength(PostRules.MaxTextLength);
        b.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.IdempotencyKey).HasMaxLength(64);
        b.HasIndex(t => t.IdempotencyKey).IsUnique();
        b.HasIndex(t => new { t.PostId, t.ChannelId }).IsUnique();
        b.Property(t => t.RemoteId).HasMaxLength(200);
        b.Property(t => t.RemoteUrl).HasMaxLength(1000);
        b.Property(t => t.LastError).HasMaxLength(2000);
        b.HasOne(t => t.Channel).WithMany().HasForeignKey(t => t.ChannelId).OnDelete(DeleteBehavior.Restrict);
    }
}
