using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Organisations;

public sealed class Organisation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    /// <summary>URL segment: /o/{slug}/...; stable so links and bookmarks survive renames of Name.</summary>
    public required string Slug { get; set; }
    /// <summary>ISO 3166-1 alpha-2; selects the compliance jurisdiction.</summary>
    public required string Country { get; set; }
    /// <summary>IANA zone id; every schedule and display is in this zone.</summary>
    public required string TimeZone { get; set; }
    /// <summary>BCP 47 language of the organisation's content (tr, da, fi, ru, en).</summary>
    public required string Language { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>The organisation's own public phone numbers and e-mail addresses (comma-separated): never patient data.</summary>
    public string PublicContacts { get; set; } = "";

    public IReadOnlyList<string> PublicContactList => PublicContacts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

public sealed class Membership
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string UserId { get; set; }
    public OrgRole Roles { get; set; }
    /// <summary>On duty for the inbox until then: emergencies are addressed to the members on duty by name.</summary>
    public DateTime? OnDutyUntilUtc { get; set; }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>, IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.Slug).HasMaxLength(80);
        b.HasIndex(o => o.Slug).IsUnique();
        b.Property(o => o.Country).HasMaxLength(2);
        b.Property(o => o.TimeZone).HasMaxLength(64);
        b.Property(o => o.Language).HasMaxLength(16);
        b.Property(o => o.PublicContacts).HasMaxLength(500);
        b.Ignore(o => o.Zone);
        b.Ignore(o => o.PublicContactList);
    }

    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.HasIndex(m => new { m.UserId, m.OrganisationId }).IsUnique();
        b.Property(m => m.UserId).HasMaxLength(450);
        b.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId);
    }
}
