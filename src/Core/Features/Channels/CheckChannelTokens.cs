using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Notifications;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareDialog.Core.Features.Channels;

public sealed class ChannelOptions
{
    /// <summary>How often the token-health job runs.</summary>
    public TimeSpan TokenCheckInterval { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>A token expiring within this is refreshed now (X and Google tokens live 1–2 hours, so they refresh on every run).</summary>
    public TimeSpan RefreshWithin { get; set; } = TimeSpan.FromDays(1);
    /// <summary>Admins are warned this long before a token that cannot be refreshed expires (LinkedIn without refresh tokens).</summary>
    public TimeSpan WarnBeforeExpiry { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Token health: checks every connected channel's token, refreshes it when it is about to expire (storing the new token
/// without ever dropping the refresh token), marks a dead one "needs reconnect" and notifies Admins, and warns before a
/// token that cannot be refreshed runs out. A platform that cannot be reached proves nothing and changes nothing.
/// </summary>
public sealed class CheckChannelTokens(AppDbContext db, ConnectorRegistry connectors, ChannelSecrets secrets, ChannelHealthChanges health,
    AuditLog audit, Notifier notifier, TimeProvider clock, IOptions<ChannelOptions> options, ILogger<CheckChannelTokens> logger)
{
    public sealed record Summary(int Checked, int Refreshed, int Invalid, int Unreachable);

    public async Task<Summary> RunAsync(CancellationToken ct, Guid? onlyChannel = null)
    {
        var channels = await db.Channels
            .Where(c => c.ProtectedCredentials != null && c.Health != ChannelHealth.Disabled && (onlyChannel == null || c.Id == onlyChannel))
            .ToListAsync(ct);
        int checkedCount = 0, refreshed = 0, invalid = 0, unreachable = 0;
        foreach (var channel in channels)
        {
            if (!connectors.Supports(channel.Platform))
            {
                continue;
            }

            var access = secrets.AccessFor(channel);
            TokenCheck result;
            try
            {
                result = await connectors.For(channel).CheckTokenAsync(access, options.Value.RefreshWithin, ct);
            }
            catch (ConnectorException ex)
            {
                result = ex.Kind == ConnectorErrorKind.NeedsReconnect ? new TokenCheck.Invalid(ex.UserMessage) : new TokenCheck.Unreachable(ex.UserMessage);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            checkedCount++;
            switch (result)
            {
                case TokenCheck.Valid v:
                    channel.TokenCheckedAtUtc = now;
                    channel.TokenExpiresAtUtc = v.ExpiresAtUtc ?? access.Credentials.AccessTokenExpiresAtUtc;
                    if (channel.Health == ChannelHealth.Connected)
                    {
                        channel.HealthReason = null;
                    }

                    await WarnIfExpiringAsync(channel, access.Credentials, now, ct);
                    break;
                case TokenCheck.Refreshed r:
                    secrets.Store(channel, r.Credentials);
                    channel.TokenCheckedAtUtc = now;
                    refreshed++;
                    audit.Record(OrgActor.System(channel.OrganisationId, "token-health"), "channel.token_refreshed", "Channel", channel.Id,
                        new { ExpiresAtUtc = access.Credentials.AccessTokenExpiresAtUtc }, new { ExpiresAtUtc = r.Credentials.AccessTokenExpiresAtUtc });
                    break;
                case TokenCheck.Invalid i:
                    invalid++;
                    health.MarkNeedsReconnect(channel, i.Reason, "token-health");
                    break;
                case TokenCheck.Unreachable u:
                    unreachable++;
                    channel.HealthReason = $"Last check could not reach the platform: {u.Reason}";
                    logger.LogInformation("Token check of channel {ChannelId} could not reach the platform", channel.Id);
                    break;
            }

            await db.SaveChangesAsync(ct);
        }

        return new Summary(checkedCount, refreshed, invalid, unreachable);
    }

    private async Task WarnIfExpiringAsync(Channel channel, ChannelCredentials credentials, DateTime now, CancellationToken ct)
    {
        if (credentials.RefreshToken is not null || channel.TokenExpiresAtUtc is not { } expires || expires - now > options.Value.WarnBeforeExpiry)
        {
            return;
        }

        var since = now - TimeSpan.FromDays(1);
        var warned = await db.Notifications.AnyAsync(n => n.OrganisationId == channel.OrganisationId && n.Kind == "channel.token_expiring"
                                                          && n.Link == "settings/channels" && n.CreatedAtUtc >= since && n.Text.Contains(channel.Name), ct);
        if (!warned)
        {
            notifier.Notify(channel.OrganisationId, OrgRole.Admin, "channel.token_expiring",
                $"The access of channel “{channel.Name}” expires on {expires:yyyy-MM-dd HH:mm} UTC and cannot be renewed automatically; reconnect it before then.",
                "settings/channels");
        }
    }
}
