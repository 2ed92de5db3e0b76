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
