using CareDialog.Compliance;
using CareDialog.Compliance.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Consents;

/// <summary>
/// A patient's written consent to appear in the organisation's content (testimonial, before-after, patient image),
/// limited to uses, platforms and dates. The patient's name is only ever shown to ComplianceOfficers and Managers.
/// </summary>
public sealed class Consent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    /// <summary>Short public reference (e.g. "C-2026-0007") used in posts and the CLI instead of the name.</summary>
    public required string Reference { get; set; }
    public required string PatientName { get; set; }
    /// <summary>Comma-separated <see cref="ConsentUses"/> values.</summary>
    public required string Uses { get; set; }
    /// <summary>Comma-separated platform wire values; empty means every platform.</summary>
    public string Platforms { get; set; } = "";
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? Notes { get; set; }

    /// <summary>The scanned, signed form: path relative to the media root, never user-controlled.</summary>
    public required string FormPath { get; set; }
    public required string FormContentType { get; set; }

    public required string RecordedById { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public DateTime? WithdrawnAtUtc { get; set; }
    public string? WithdrawnById { get; set; }
    public string? WithdrawalReason { get; set; }

    public bool IsWithdrawn => WithdrawnAtUtc is not null;

    public IReadOnlySet<string> UseSet => Uses.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    public IReadOnlySet<Platform>? PlatformSet =>
        string.IsNullOrEmpty(Platforms)
            ? null
            : Platforms.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => PlatformNames.TryParse(p, out var x) ? x : Platform.Sandbox).ToHashSet();

    public ConsentReference ToReference() => new(Reference, UseSet, PlatformSet, ValidFrom, ValidTo, IsWithdrawn);
}

/// <summary>A post that relies on a consent; withdrawing the consent pulls such posts back.</summary>
public sealed class PostConsent
{
    public Guid PostId { get; set; }
    public Guid ConsentId { get; set; }
    public Consent? Consent { get; set; }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>, IEntityTypeConfiguration<PostConsent>
{
    public void Configure(EntityTypeBuilder<Consent> b)
    {
        b.Property(c => c.Reference).HasMaxLength(32);
        b.HasIndex(c => new { c.OrganisationId, c.Reference }).IsUnique();
        b.Property(c => c.PatientName).HasMaxLength(200);
        b.Property(c => c.Uses).HasMaxLength(100);
        b.Property(c => c.Platforms).HasMaxLength(200);
        b.Property(c => c.Notes).HasMaxLength(2000);
        b.Property(c => c.FormPath).HasMaxLength(500);
        b.Property(c => c.FormContentType).HasMaxLength(100);
        b.Property(c => c.RecordedById).HasMaxLength(450);
        b.Property(c => c.WithdrawnById).HasMaxLength(450);
        b.Property(c => c.WithdrawalReason).HasMaxLength(2000);
        b.Ignore(c => c.IsWithdrawn);
        b.Ignore(c => c.UseSet);
        b.Ignore(c => c.PlatformSet);
    }

    public void Configure(EntityTypeBuilder<PostConsent> b)
    {
        b.HasKey(pc => new { pc.PostId, pc.ConsentId });
        b.HasOne(pc => pc.Consent).WithMany().HasForeignKey(pc => pc.ConsentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(pc => pc.ConsentId);
    }
}
