using System.Text.Json;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CareDialog.Core.Features.Channels;

public sealed record OfferedAccount(string AccountId, string Name, string Handle);

/// <summary>
/// Connecting a platform account as a channel, and reconnecting one whose token died. OAuth platforms go
/// start → platform consent page → callback → choose accounts; token platforms (Telegram, VK) connect in one step.
/// Tokens are stored only encrypted; every connection is audited; a reconnect keeps the channel, its posts and inbox.
/// </summary>
public sealed class ConnectChannel(AppDbContext db, ConnectorRegistry connectors, ChannelSecrets secrets, AuditLog audit, TimeProvider clock, ILogger<ConnectChannel> logger)
{
    /// <summary>Step 1 of OAuth: remembers state and PKCE verifier, returns the platform's consent page.</summary>
    public async Task<Result<Uri>> StartOAuthAsync(OrgActor actor, Platform platform, Uri redirectUri, Guid? reconnectChannelId, CancellationToken ct)
    {
        if (actor.Require(Permission.ManageChannels) is { } denied)
        {
            return denied;
        }

        if (!connectors.Supports(platform) || connectors.For(platform).ConnectMethod != ConnectMethod.OAuth)
        {
            return UseCaseError.Invalid($"{PlatformNames.ToWire(platform)} is not connected through a sign-in page.", "platform");
        }

        if (reconnectChannelId is { } id && !await db.Channels.AnyAsync(c => c.Id == id && c.OrganisationId == actor.OrganisationId && c.Platform == platform, ct))
        {
            return UseCaseError.NotFound("Channel");
        }

        var verifier = Pkce.CreateVerifier();
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = new PendingConnection
        {
            OrganisationId = actor.OrganisationId,
            UserId = actor.UserId,
            Platform = platform,
            State = Pkce.CreateState(),
            ProtectedVerifier = secrets.ProtectPending(verifier),
            RedirectUri = redirectUri.ToString(),
            ReconnectChannelId = reconnectChannelId,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + PendingConnection.Lifetime,
        };

        Uri url;
        try
        {
            url = connectors.For(platform).BuildAuthorizeUrl(new OAuthStart(pending.State, Pkce.Challenge(verifier), redirectUri));
        }
        catch (InvalidOperationException ex)
        {
            // Missing ClientId / AuthorizeUrl: a set-up problem the Admin can fix from the README.
            return UseCaseError.Invalid($"{PlatformNames.ToWire(platform)} is not set up on this server: {ex.Message}", "platform");
        }

        // Abandoned sign-ins are dropped here rather than by a job: they are useless after their lifetime and hold encrypted tokens.
        await db.PendingConnections.Where(p => p.ExpiresAtUtc < now - PendingConnection.Lifetime).ExecuteDeleteAsync(ct);
        db.PendingConnections.Add(pending);
        await db.SaveChangesAsync(ct);
        return url;
    }

    /// <summary>Step 2 of OAuth: the platform redirected back. Exchanges the code; a reconnect finishes here.</summary>
    public async Task<Result<PendingConnection>> CompleteOAuthAsync(string userId, string userName, string? state, string? code, string? error, CancellationToken ct)
    {
        var pending = string.IsNullOrEmpty(state) ? null : await db.PendingConnections.SingleOrDefaultAsync(p => p.State == state, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (pending is null || pending.UserId != userId || pending.CompletedAtUtc is not null || pending.ExpiresAtUtc < now)
        {
            return UseCaseError.Invalid("This sign-in link is unknown, used or expired; start connecting again.");
        }

        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            pending.CompletedAtUtc = now;
            await db.SaveChangesAsync(ct);
            return UseCaseError.Invalid($"The platform did not grant access ({error ?? "no code"}).");
        }

        IReadOnlyList<ConnectableAccount> accounts;
        try
        {
            accounts = await connectors.For(pending.Platform).CompleteOAuthAsync(
                new OAuthCallback(code, secrets.UnprotectPending(pending.ProtectedVerifier), new Uri(pending.RedirectUri)), ct);
        }
        catch (ConnectorException ex)
        {
            logger.LogWarning("OAuth completion for {Platform} failed: {Kind} {Code}", pending.Platform, ex.Kind, ex.PlatformCode);
            return UseCaseError.Invalid(ex.UserMessage);
        }

        pending.CompletedAtUtc = now;
        pending.ProtectedAccounts = secrets.ProtectPending(JsonSerializer.Serialize(accounts));
        await db.SaveChangesAsync(ct);

        if (pending.ReconnectChannelId is { } channelId)
        {
            var channel = await db.Channels.SingleAsync(c => c.Id == channelId, ct);
            var same = accounts.FirstOrDefault(a => a.AccountId == channel.RemoteAccountId);
            if (same is null)
            {
                return UseCaseError.Invalid($"The account you signed in with does not manage “{channel.Name}”; sign in with the account that does.");
            }

            Reconnected(channel, same.Credentials, new OrgActor(channel.OrganisationId, userId, userName, OrgRole.None));
            await db.SaveChangesAsync(ct);
        }

        return pending;
    }

    /// <summary>The accounts a completed sign-in offered, without their tokens.</summary>
    public async Task<Result<IReadOnlyList<OfferedAccount>>> OfferedAsync(OrgActor actor, Guid pendingId, CancellationToken ct)
    {
        var accounts = await LoadAccountsAsync(actor, pendingId, ct);
        return accounts.Error is { } e ? e : Result<IReadOnlyList<OfferedAccount>>.Ok(accounts.Value.Select(a => new OfferedAccount(a.AccountId, a.Name, a.Handle)).ToList());
    }

    /// <summary>Step 3 of OAuth: the chosen accounts become channels (an account already connected in this organisation is reconnected instead).</summary>
    public async Task<Result<IReadOnlyList<Channel>>> ChooseAsync(OrgActor actor, Guid pendingId, IReadOnlyCollection<string> accountIds, CancellationToken ct, Uri? webhookBaseUrl = null)
    {
        var accounts = await LoadAccountsAsync(actor, pendingId, ct);
        if (accounts.Error is { } e)
        {
            return e;
        }

        var chosen = accounts.Value.Where(a => accountIds.Contains(a.AccountId)).ToList();
        if (chosen.Count == 0)
        {
            return UseCaseError.Invalid("Choose at least one account.", "accounts");
        }

        var pending = await db.PendingConnections.SingleAsync(p => p.Id == pendingId, ct);
        var result = new List<Channel>();
        foreach (var account in chosen)
        {
            result.Add(await UpsertChannelAsync(actor, pending.Platform, account, ct));
        }

        // The offered tokens are not needed any more; only the chosen ones live on, inside their channels.
        pending.ProtectedAccounts = null;
        await db.SaveChangesAsync(ct);
        foreach (var channel in result)
        {
            await RegisterWebhookAsync(channel, webhookBaseUrl, ct);
        }

        return result;
    }

    /// <summary>
    /// Token platforms: validates the pasted token with the platform and connects (or reconnects) the channel. Settings the
    /// platform shows the Admin (VK's Callback API confirmation string and secret) go into the encrypted credentials; with a
    /// public webhook base URL, a platform that must be told where to send updates (Telegram) is registered at once.
    /// </summary>
    public async Task<Result<Channel>> ConnectWithTokenAsync(OrgActor actor, Platform platform, string? token, string? accountId, CancellationToken ct,
        IReadOnlyDictionary<string, string>? settings = null, Uri? webhookBaseUrl = null)
    {
        if (actor.Require(Permission.ManageChannels) is { } denied)
        {
            return denied;
        }

        if (!connectors.Supports(platform) || connectors.For(platform).ConnectMethod != ConnectMethod.Token)
        {
            return UseCaseError.Invalid($"{PlatformNames.ToWire(platform)} is not connected with a token.", "platform");
        }

        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return UseCaseError.Invalid("Paste the token the platform gave you.", "token");
        }

        if (string.IsNullOrWhiteSpace(accountId) || accountId.Length > 200)
        {
            return UseCaseError.Invalid("Enter the channel or community the token posts to.", "accountId");
        }

        ConnectableAccount account;
        try
        {
            account = await connectors.For(platform).ConnectWithTokenAsync(new TokenConnect(token.Trim(), accountId.Trim()), ct);
        }
        catch (ConnectorException ex)
        {
            logger.LogWarning("Token connection for {Platform} failed: {Kind} {Code}", platform, ex.Kind, ex.PlatformCode);
            return UseCaseError.Invalid(ex.UserMessage, "token");
        }

        if (settings is { Count: > 0 })
        {
            var extra = new Dictionary<string, string>(account.Credentials.Extra);
            foreach (var (key, value) in settings.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)))
            {
                extra[key] = value.Trim();
            }

            account = account with { Credentials = account.Credentials with { Extra = extra } };
        }

        var channel = await UpsertChannelAsync(actor, platform, account, ct);
        await db.SaveChangesAsync(ct);

        await RegisterWebhookAsync(channel, webhookBaseUrl, ct);
        return channel;
    }

    /// <summary>Tells the platform to send this channel's updates here (Telegram setWebhook, Meta subscribed_apps).</summary>
    private async Task RegisterWebhookAsync(Channel channel, Uri? webhookBaseUrl, CancellationToken ct)
    {
        if (webhookBaseUrl is null || connectors.For(channel.Platform) is not IRegistersWebhooks registrar)
        {
            return;
        }

        try
        {
            await registrar.RegisterWebhookAsync(secrets.AccessFor(channel), new Uri(webhookBaseUrl, WebhookPath(channel.Platform, channel.Id)), ct);
        }
        catch (ConnectorException ex)
        {
            // Connected, but updates will not arrive: say so on the channel instead of failing the connection.
            channel.HealthReason = $"Connected, but the platform could not be told to send updates: {ex.UserMessage}";
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Where a platform posts updates for a channel (design.md HTTP contract).</summary>
    public static string WebhookPath(Platform platform, Guid channelId) => $"/webhooks/{PlatformNames.ToWire(platform)}/{channelId}";

    private async Task<Channel> UpsertChannelAsync(OrgActor actor, Platform platform, ConnectableAccount account, CancellationToken ct)
    {
        var existing = await db.Channels.SingleOrDefaultAsync(
            c => c.OrganisationId == actor.OrganisationId && c.Platform == platform && c.RemoteAccountId == account.AccountId, ct);
        if (existing is not null)
        {
            Reconnected(existing, account.Credentials, actor);
            return existing;
        }

        var channel = new Channel
        {
            OrganisationId = actor.OrganisationId,
            Name = Truncate(string.IsNullOrWhiteSpace(account.Name) ? account.Handle : account.Name, 200),
            Handle = Truncate(account.Handle, 200),
            Platform = platform,
            Health = ChannelHealth.Connected,
            ConnectedAtUtc = clock.GetUtcNow().UtcDateTime,
            ConnectedByUserId = actor.UserId,
        };
        secrets.Store(channel, account.Credentials);
        db.Channels.Add(channel);
        audit.Record(actor, "channel.connected", "Channel", channel.Id, null, new { channel.Name, Platform = PlatformNames.ToWire(platform), channel.RemoteAccountId });
        return channel;
    }

    private void Reconnected(Channel channel, ChannelCredentials credentials, OrgActor actor)
    {
        var before = new { channel.Health, channel.HealthReason };
        secrets.Store(channel, credentials);
        channel.Health = ChannelHealth.Connected;
        channel.HealthReason = null;
        channel.ConnectedAtUtc = clock.GetUtcNow().UtcDateTime;
        channel.ConnectedByUserId = actor.UserId;
        audit.Record(actor, "channel.reconnected", "Channel", channel.Id, before, new { channel.Health });
    }

    private async Task<Result<IReadOnlyList<ConnectableAccount>>> LoadAccountsAsync(OrgActor actor, Guid pendingId, CancellationToken ct)
    {
        if (actor.Require(Permission.ManageChannels) is { } denied)
        {
            return denied;
        }

        var pending = await db.PendingConnections.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == pendingId && p.OrganisationId == actor.OrganisationId && p.UserId == actor.UserId, ct);
        if (pending?.ProtectedAccounts is null || pending.ExpiresAtUtc < clock.GetUtcNow().UtcDateTime)
        {
            return UseCaseError.NotFound("Connection");
        }

        return Result<IReadOnlyList<ConnectableAccount>>.Ok(JsonSerializer.Deserialize<List<ConnectableAccount>>(secrets.UnprotectPending(pending.ProtectedAccounts)) ?? []);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
