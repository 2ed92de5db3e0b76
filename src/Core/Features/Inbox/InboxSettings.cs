using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Inbox;

/// <summary>How an organisation works its inbox. One row per organisation, created with the defaults when first read.</summary>
public sealed class InboxSettings
{
    public Guid OrganisationId { get; set; }
    /// <summary>Replies by people who cannot approve replies wait for a Manager or Compliance officer (the pre-approved emergency reply never waits).</summary>
    public bool RepliesNeedApproval { get; set; }
    /// <summary>How long opening an item marks it as being answered by that person, so a second responder is warned.</summary>
    public int ClaimMinutes { get; set; } = 10;
    public int Version { get; set; }

    public static async Task<InboxSettings> LoadAsync(AppDbContext db, Guid organisationId, CancellationToken ct)
    {
        var settings = db.InboxSettings.Local.FirstOrDefault(s => s.OrganisationId == organisationId)
            ?? await db.InboxSettings.SingleOrDefaultAsync(s => s.OrganisationId == organisationId, ct);
        if (settings is null)
        {
            settings = new InboxSettings { OrganisationId = organisationId };
            db.InboxSettings.Add(settings);
        }

        return settings;
    }
}

internal sealed class InboxSettingsConfiguration : IEntityTypeConfiguration<InboxSettings>
{
    public void Configure(EntityTypeBuilder<InboxSettings> b)
    {
        b.HasKey(s => s.OrganisationId);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}

public sealed record InboxSettingsInput(bool RepliesNeedApproval, int ClaimMinutes);

public sealed class ConfigureInbox(AppDbContext db, AuditLog audit)
{
    public async Task<Result<InboxSettings>> HandleAsync(OrgActor actor, InboxSettingsInput input, CancellationToken ct)
    {
        if (actor.Require(Permission.ConfigureInbox) is { } denied)
        {
            return denied;
        }

        if (input.ClaimMinutes is < 1 or > 240)
        {
            return UseCaseError.Invalid("An item can be marked as being answered for 1 to 240 minutes.", "claimMinutes");
        }

        var settings = await InboxSettings.LoadAsync(db, actor.OrganisationId, ct);
        var before = new { settings.RepliesNeedApproval, settings.ClaimMinutes };
        settings.RepliesNeedApproval = input.RepliesNeedApproval;
        settings.ClaimMinutes = input.ClaimMinutes;
        settings.Version++;
        audit.Record(actor, "inbox.settings_changed", "InboxSettings", actor.OrganisationId, before, new { settings.RepliesNeedApproval, settings.ClaimMinutes });
        await db.SaveChangesAsync(ct);
        return settings;
    }
}
