using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace CareDialog.Core.Features.Channels;

/// <summary>
/// What a connector needs to act for a channel. AccountId is the platform's id of the account posts go to (Facebook Page id,
/// Instagram user id, X user id, LinkedIn organization URN, YouTube channel id, Telegram chat id or @channel, VK group id).
/// Extra holds platform settings such as a webhook secret or VK's confirmation string. Stored only encrypted (<see cref="ChannelSecrets"/>).
/// </summary>
public sealed record ChannelCredentials
{
    public required string AccessToken { get; init; }
    public string? RefreshToken { get; init; }
    public DateTime? AccessTokenExpiresAtUtc { get; init; }
    public DateTime? RefreshTokenExpiresAtUtc { get; init; }
    public required string AccountId { get; init; }
    public IReadOnlyDictionary<string, string> Extra { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The Sandbox needs no secrets.</summary>
    public static ChannelCredentials None(string accountId) => new() { AccessToken = "", AccountId = accountId };

    /// <summary>
    /// Applies a refresh: a platform that does not send a new refresh token keeps the old one valid, so the stored one must
    /// never be wiped by a refresh response that lacks it.
    /// </summary>
    public ChannelCredentials Refreshed(string accessToken, DateTime? accessExpiresAtUtc, string? newRefreshToken, DateTime? refreshExpiresAtUtc) =>
        this with
        {
            AccessToken = accessToken,
            AccessTokenExpiresAtUtc = accessExpiresAtUtc,
            RefreshToken = string.IsNullOrEmpty(newRefreshToken) ? RefreshToken : newRefreshToken,
            RefreshTokenExpiresAtUtc = string.IsNullOrEmpty(newRefreshToken) ? RefreshTokenExpiresAtUtc : refreshExpiresAtUtc,
        };

    /// <summary>Never prints the tokens.</summary>
    public override string ToString() => $"ChannelCredentials {{ AccountId = {AccountId}, AccessTokenExpiresAtUtc = {AccessTokenExpiresAtUtc:O} }}";
}

/// <summary>Keys of <see cref="ChannelCredentials.Extra"/> that the product itself reads.</summary>
public static class ChannelSettingKeys
{
    /// <summary>Telegram: the secret_token given to setWebhook, echoed in X-Telegram-Bot-Api-Secret-Token.</summary>
    public const string WebhookSecret = "webhookSecret";
    /// <summary>VK Callback API: the string the endpoint must answer to a confirmation event.</summary>
    public const string VkCallbackConfirmation = "callbackConfirmation";
    /// <summary>VK Callback API: the secret key VK puts in every event.</summary>
    public const string VkCallbackSecret = "callbackSecret";
}

/// <summary>A channel and its decrypted credentials, for one connector call.</summary>
public sealed record ChannelAccess(Channel Channel, ChannelCredentials Credentials);

/// <summary>
/// Encrypts channel credentials with ASP.NET Core Data Protection (keys persisted under the data directory, so a restart can
/// still read them) and gives connectors a <see cref="ChannelAccess"/>.
/// </summary>
public sealed class ChannelSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("CareDialog.ChannelCredentials.v1");
    private readonly IDataProtector _pending = provider.CreateProtector("CareDialog.PendingConnection.v1");

    public void Store(Channel channel, ChannelCredentials credentials)
    {
        channel.ProtectedCredentials = _protector.Protect(JsonSerializer.Serialize(credentials));
        channel.RemoteAccountId = credentials.AccountId;
        channel.TokenExpiresAtUtc = credentials.AccessTokenExpiresAtUtc;
    }

    public ChannelCredentials Read(Channel channel)
    {
        if (channel.ProtectedCredentials is null)
        {
            return ChannelCredentials.None(channel.RemoteAccountId ?? channel.Handle);
        }

        return JsonSerializer.Deserialize<ChannelCredentials>(_protector.Unprotect(channel.ProtectedCredentials))
               ?? throw new InvalidOperationException($"The credentials of channel {channel.Id} are empty.");
    }

    public ChannelAccess AccessFor(Channel channel) => new(channel, Read(channel));

    /// <summary>For the short-lived secrets of a connection in progress (PKCE verifier, the accounts offered with their tokens).</summary>
    public string ProtectPending(string value) => _pending.Protect(value);

    public string UnprotectPending(string value) => _pending.Unprotect(value);
}
