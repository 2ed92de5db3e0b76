using CareDialog.Compliance.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Channels;

/// <summary>
/// An OAuth connection between the redirect to the platform and the user's choice of accounts. Its secrets (the PKCE verifier,
/// then the accounts with their tokens) are encrypted; it expires after <see cref="Lifetime"/> and is bound to the user who started it.
/// </summary>
public sealed class PendingConnection
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public required string UserId { get; set; }
    public Platform Platform { get; set; }
    /// <summary>The OAuth state parameter: unguessable, unique.</summary>
    public required string State { get; set; }
    public required string ProtectedVerifier { get; set; }
    public required string RedirectUri { get; set; }
    /// <summary>Set when an existing channel is being reconnected.</summary>
    public Guid? ReconnectChannelId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public string? ProtectedAccounts { get; set; }
    public DateTime? CompletedAtUtc { get; set; }
}

internal sealed class PendingConnectionConfiguration : IEntityTypeConfiguration<PendingConnection>
{
    public void Configure(EntityTypeBuilder<PendingConnection> b)
    {
        b.Property(p => p.UserId).HasMaxLength(450);
        b.Property(p => p.Platform).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.State).HasMaxLength(100);
        b.Property(p => p.RedirectUri).HasMaxLength(500);
        b.HasIndex(p => p.State).IsUnique();
    }
}
