using CareDialog.Core.Data;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Notifications;

/// <summary>A message for the members of an organisation who hold one of <see cref="ForRoles"/> (e.g. Admins when a channel needs reconnecting).</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public OrgRole ForRoles { get; set; }
    /// <summary>Set for a personal notice (e.g. the on-duty responder): only that member sees it, whatever ForRoles says.</summary>
    public string? ForUserId { get; set; }
    /// <summary>Dotted kind, e.g. channel.needs_reconnect.</summary>
    public required string Kind { get; set; }
    public required string Text { get; set; }
    /// <summary>Where to act, relative to the organisation (e.g. "settings/channels").</summary>
    public string? Link { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DismissedAtUtc { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Kind).HasMaxLength(64);
        b.Property(n => n.Text).HasMaxLength(2000);
        b.Property(n => n.Link).HasMaxLength(300);
        b.Property(n => n.ForUserId).HasMaxLength(450);
        b.HasIndex(n => new { n.OrganisationId, n.CreatedAtUtc });
    }
}

public static class NotificationQueries
{
    /// <summary>The notices a member sees: personal ones addressed to them, and shared ones for a role they hold.</summary>
    public static IQueryable<Notification> VisibleTo(this IQueryable<Notification> q, OrgActor actor) =>
        q.Where(n => n.OrganisationId == actor.OrganisationId
                     && (n.ForUserId != null ? n.ForUserId == actor.UserId : (n.ForRoles & actor.Roles) != 0));
}

/// <summary>Adds notifications to the caller's unit of work, so the change and its notice commit together.</summary>
public sealed class Notifier(AppDbContext db, TimeProvider clock)
{
    public void Notify(Guid organisationId, OrgRole forRoles, string kind, string text, string? link = null, string? forUserId = null) =>
        db.Notifications.Add(new Notification
        {
            OrganisationId = organisationId,
            ForRoles = forRoles,
            ForUserId = forUserId,
            Kind = kind,
            Text = text,
            Link = link,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
}
