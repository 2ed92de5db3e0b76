using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Compliance;
using CareDialog.Core.Features.Consents;
using CareDialog.Core.Features.Crisis;
using CareDialog.Core.Features.Inbox;
using CareDialog.Core.Features.Incidents;
using CareDialog.Core.Features.Media;
using CareDialog.Core.Features.Notifications;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing.Sandbox;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CareDialog.Core.Data;

/// <summary>
/// The one context for both providers; each provider has its own migrations assembly (docs/decisions/0002).
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<PostTarget> PostTargets => Set<PostTarget>();
    public DbSet<MediaAttachment> Media => Set<MediaAttachment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SandboxRemotePost> SandboxRemotePosts => Set<SandboxRemotePost>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<PostConsent> PostConsents => Set<PostConsent>();
    public DbSet<FindingOverride> FindingOverrides => Set<FindingOverride>();
    public DbSet<SandboxRemoteComment> SandboxRemoteComments => Set<SandboxRemoteComment>();
    public DbSet<InboundEvent> InboundEvents => Set<InboundEvent>();
    public DbSet<InboxItem> InboxItems => Set<InboxItem>();
    public DbSet<InboxReply> InboxReplies => Set<InboxReply>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<PendingConnection> PendingConnections => Set<PendingConnection>();
    public DbSet<InboxSettings> InboxSettings => Set<InboxSettings>();
    public DbSet<ReplyTemplate> ReplyTemplates => Set<ReplyTemplate>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentMessage> IncidentMessages => Set<IncidentMessage>();
    public DbSet<IncidentEntry> IncidentEntries => Set<IncidentEntry>();
    public DbSet<IncidentSettings> IncidentSettings => Set<IncidentSettings>();
    public DbSet<IncidentRoutingRule> IncidentRoutingRules => Set<IncidentRoutingRule>();
    public DbSet<CrisisAlert> CrisisAlerts => Set<CrisisAlert>();
    public DbSet<PublishingPause> PublishingPauses => Set<PublishingPause>();
    public DbSet<CrisisStatementPost> CrisisStatementPosts => Set<CrisisStatementPost>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Every Guid id is created in C# (Guid.NewGuid()), never by the database. Saying so lets EF treat a new child
        // added through a navigation (a post's new channel, an override) as an insert, not as an update of a missing row.
        foreach (var key in builder.Model.GetEntityTypes().Select(e => e.FindPrimaryKey()).Where(k => k is { Properties.Count: 1 }))
        {
            if (key!.Properties[0].ClrType == typeof(Guid))
            {
                key.Properties[0].ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }

    /// <summary>Audit entries are chained (<see cref="AuditChain"/>) in the same transaction that stores them.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var added = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        return added.Count == 0
            ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : AuditChain.SaveChainedAsync(this, added, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added)
            ? throw new InvalidOperationException("Audit entries are chained asynchronously: use SaveChangesAsync.")
            : base.SaveChanges(acceptAllChangesOnSuccess);

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Instants are UTC everywhere; reading them back as Kind=Utc keeps zone conversion honest on SQLite,
        // which stores DateTime as text and would otherwise hand back Unspecified.
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();
        builder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
        // DateOnly is native on both providers in EF Core 10 (date on PostgreSQL, yyyy-MM-dd text on SQLite).
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value.ToUniversalTime(), DateTimeKind.Utc),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
