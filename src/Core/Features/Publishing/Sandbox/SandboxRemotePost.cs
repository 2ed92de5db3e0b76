using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Publishing.Sandbox;

/// <summary>
/// A post as the Sandbox platform stores it: this is the remote side, written in its own unit of work,
/// exactly as a real platform would keep it whatever happens to CareDialog's transaction.
/// </summary>
public sealed class SandboxRemotePost
{
    public long Id { get; set; }
    public required string RemoteId { get; set; }
    public Guid ChannelId { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string Text { get; set; }
    public int MediaCount { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>Publish calls the sandbox has seen for this key, including ones it refused.</summary>
    public int Calls { get; set; }
    /// <summary>False while every call for this key was refused: such a post does not exist on the platform.</summary>
    public bool Live { get; set; }
}

internal sealed class SandboxRemotePostConfiguration : IEntityTypeConfiguration<SandboxRemotePost>
{
    public void Configure(EntityTypeBuilder<SandboxRemotePost> b)
    {
        b.Property(p => p.RemoteId).HasMaxLength(64);
        b.Property(p => p.IdempotencyKey).HasMaxLength(64);
        b.HasIndex(p => new { p.ChannelId, p.IdempotencyKey }).IsUnique();
        b.HasIndex(p => p.RemoteId).IsUnique();
    }
}

/// <summary>
/// A comment, reply or direct message on the Sandbox platform: written by a visitor of the public sandbox page, by the demo
/// seeder, or by CareDialog replying. Like a real platform it never loses one; hiding only flags it.
/// </summary>
public sealed class SandboxRemoteComment
{
    public long Id { get; set; }
    public required string RemoteId { get; set; }
    public Guid ChannelId { get; set; }
    /// <summary>The post commented on; null for a direct message.</summary>
    public string? PostRemoteId { get; set; }
    public string? ParentRemoteId { get; set; }
    /// <summary>Direct messages: the conversation (one per visitor).</summary>
    public string? ConversationId { get; set; }
    public required string AuthorName { get; set; }
    public required string AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public bool FromPage { get; set; }
    public bool Hidden { get; set; }
    /// <summary>Replies sent by CareDialog carry their idempotency key, so a retried reply is stored once.</summary>
    public string? IdempotencyKey { get; set; }
}

internal sealed class SandboxRemoteCommentConfiguration : IEntityTypeConfiguration<SandboxRemoteComment>
{
    public void Configure(EntityTypeBuilder<SandboxRemoteComment> b)
    {
        b.Property(p => p.RemoteId).HasMaxLength(64);
        b.Property(p => p.PostRemoteId).HasMaxLength(64);
        b.Property(p => p.ParentRemoteId).HasMaxLength(64);
        b.Property(p => p.ConversationId).HasMaxLength(64);
        b.Property(p => p.AuthorName).HasMaxLength(200);
        b.Property(p => p.AuthorId).HasMaxLength(64);
        b.Property(p => p.IdempotencyKey).HasMaxLength(64);
        b.HasIndex(p => p.RemoteId).IsUnique();
        b.HasIndex(p => new { p.ChannelId, p.CreatedAtUtc });
        b.HasIndex(p => new { p.ChannelId, p.IdempotencyKey }).IsUnique();
    }
}
