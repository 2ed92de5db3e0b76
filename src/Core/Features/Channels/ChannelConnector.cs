using CareDialog.Compliance.Platforms;

namespace CareDialog.Core.Features.Channels;

// The contract every platform connector implements (src/Connectors/<Platform>/ and the built-in Sandbox). Connectors never
// touch the database: they get the channel and its decrypted credentials, talk to the platform, and return what happened.
// Credentials that change (a refreshed token) come back as values for the caller to store.

/// <summary>What a connector can do; the UI offers only these, and callers never call what is not here.</summary>
[Flags]
public enum ConnectorFeatures
{
    None = 0,
    Text = 1,
    Image = 2,
    Link = 4,
    Video = 8,
    ReadComments = 16,
    Reply = 32,
    Hide = 64,
    DirectMessages = 128,
    PostMetrics = 256,
    AccountMetrics = 512,
    Webhooks = 1024,
}

/// <summary>How an account is connected.</summary>
public enum ConnectMethod
{
    /// <summary>Nothing to connect (Sandbox).</summary>
    None,
    /// <summary>OAuth 2.0 authorisation-code flow; PKCE is always sent, platforms that do not support it ignore it.</summary>
    OAuth,
    /// <summary>A token pasted by the user (Telegram bot token, VK community token) plus the account id it posts to.</summary>
    Token,
}

public sealed record PublishRequest(ChannelAccess Access, string IdempotencyKey, string Text, IReadOnlyList<PublishMedia> Media)
{
    public Channel Channel => Access.Channel;
}

/// <summary>An attachment: the local file to upload, and a public URL for platforms that fetch media themselves (Instagram); null when no public media URL is configured.</summary>
public sealed record PublishMedia(string FileName, string ContentType, string AbsolutePath, Uri? PublicUrl = null)
{
    public bool IsVideo => ContentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase);
}

public sealed record RemotePost(string RemoteId, string Url, DateTime CreatedAtUtc);

/// <summary>
/// Every outcome a publish call can have. The important one is <see cref="Unknown"/>: the call may have reached the
/// platform, so nothing may retry it before <see cref="IChannelConnector.FindAsync"/> has looked.
/// </summary>
public abstract record PublishOutcome
{
    public sealed record Published(RemotePost Post) : PublishOutcome;
    /// <summary>The platform refused and will refuse again (bad text, permissions): a person must act.</summary>
    public sealed record Rejected(string Reason) : PublishOutcome;
    /// <summary>The platform refused for now (rate limit, outage); nothing was created; safe to retry after the delay.</summary>
    public sealed record RetryLater(string Reason, TimeSpan After) : PublishOutcome;
    /// <summary>Timeout or lost response: reconcile first.</summary>
    public sealed record Unknown(string Reason) : PublishOutcome;
    /// <summary>The channel's token is no longer valid: the channel needs reconnecting, the post waits.</summary>
    public sealed record NeedsReconnect(string Reason) : PublishOutcome;
}

/// <summary>
/// Looks for a post an earlier attempt may have created: made by the account at or after <paramref name="AttemptStartedUtc"/>
/// (minus a clock-skew margin the connector chooses) with this text (platforms have no idempotency keys, so the text and
/// time are the key; the Sandbox stores the key itself).
/// </summary>
public sealed record FindRequest(ChannelAccess Access, string IdempotencyKey, string Text, DateTime AttemptStartedUtc);

public enum InboundKind { Comment, Reply, DirectMessage, Mention }

/// <summary>
/// One comment, reply, message or mention as the platform reports it. RemoteId is unique per channel; RemotePostId is the
/// post it belongs to (null for direct messages); RemoteParentId the comment it answers; ConversationId groups direct
/// messages (Telegram chat id, VK peer id). Text is untrusted and kept exactly as received.
/// </summary>
public sealed record InboundItem(
    string RemoteId,
    InboundKind Kind,
    string Text,
    string AuthorName,
    string? AuthorId,
    DateTime CreatedAtUtc,
    string? RemotePostId = null,
    string? RemoteParentId = null,
    string? ConversationId = null,
    bool FromOwnAccount = false,
    bool Hidden = false);

/// <summary>What to read when polling: comments on these posts (the channel's recent published posts) since a time.</summary>
public sealed record InboundQuery(IReadOnlyList<string> RemotePostIds, DateTime? SinceUtc, int Max = 100);

/// <summary>A reply to <paramref name="To"/>: a comment gets a public reply under it, a direct message an answer in the same conversation.</summary>
public sealed record ReplyRequest(ChannelAccess Access, InboundItem To, string Text, string IdempotencyKey);

public sealed record RemoteReply(string RemoteId, DateTime CreatedAtUtc);

/// <summary>Well-known metric names; connectors may add platform-specific ones.</summary>
public static class MetricNames
{
    public const string Impressions = "impressions";
    public const string Reach = "reach";
    public const string Reactions = "reactions";
    public const string Comments = "comments";
    public const string Shares = "shares";
    public const string Saves = "saves";
    public const string Clicks = "clicks";
    public const string VideoViews = "video_views";
    public const string Followers = "followers";
}

/// <summary>A metric that could not be read (retired, not permitted, not available for this post) and why.</summary>
public sealed record MetricProblem(string Metric, string Reason);

/// <summary>
/// Metrics are fetched one by one where the platform allows it, so one retired or forbidden metric ends up in Problems
/// instead of failing the batch.
/// </summary>
public sealed record MetricsResult(DateTime AtUtc, IReadOnlyDictionary<string, long> Values, IReadOnlyList<MetricProblem> Problems);

/// <summary>The result of a token check; Refreshed carries credentials the caller must store (the refresh token is kept if the platform did not send a new one).</summary>
public abstract record TokenCheck
{
    public sealed record Valid(DateTime? ExpiresAtUtc) : TokenCheck;
    public sealed record Refreshed(ChannelCredentials Credentials) : TokenCheck;
    /// <summary>The platform says the token is dead (revoked, expired and not refreshable): the channel needs reconnecting.</summary>
    public sealed record Invalid(string Reason) : TokenCheck;
    /// <summary>The platform could not be asked (network, 5xx, rate limit): nothing is concluded, the next check tries again.</summary>
    public sealed record Unreachable(string Reason) : TokenCheck;
}

public sealed record OAuthStart(string State, string CodeChallenge, Uri RedirectUri);

public sealed record OAuthCallback(string Code, string CodeVerifier, Uri RedirectUri);

/// <summary>A pasted token (Telegram bot token, VK community token) and the account it posts to (Telegram chat id or @channel, VK group id).</summary>
public sealed record TokenConnect(string Token, string AccountId);

/// <summary>An account the user may pick after connecting (a Facebook Page, an Instagram account, a LinkedIn organisation, ...).</summary>
public sealed record ConnectableAccount(string AccountId, string Name, string Handle, ChannelCredentials Credentials);

/// <summary>What to do with one verified webhook delivery: the account it is for, a key that is the same for a repeated delivery, and the payload to store.</summary>
public sealed record WebhookEnvelope(string AccountId, string DedupeKey, string Payload);

/// <summary>A webhook body that is not what the platform sends; the endpoint answers 400 and stores nothing.</summary>
public sealed class WebhookFormatException(string message) : Exception(message);

public enum ConnectorErrorKind
{
    /// <summary>The token is dead; the channel needs reconnecting.</summary>
    NeedsReconnect,
    /// <summary>Rate limited or temporarily unavailable; try again after RetryAfter.</summary>
    RetryLater,
    /// <summary>The platform refused this request and will refuse it again (permissions, bad input, not found).</summary>
    Rejected,
    /// <summary>The platform does not offer this operation.</summary>
    NotSupported,
    /// <summary>No answer (timeout, connection lost): the outcome is not known.</summary>
    Unknown,
}

/// <summary>
/// A failed connector call other than publishing (which returns <see cref="PublishOutcome"/>). UserMessage is shown to people
/// and never contains tokens or the request body; PlatformCode is the platform's own error code for the log.
/// </summary>
public sealed class ConnectorException(ConnectorErrorKind kind, string userMessage, string? platformCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(userMessage, inner)
{
    public ConnectorErrorKind Kind { get; } = kind;
    public string UserMessage { get; } = userMessage;
    public string? PlatformCode { get; } = platformCode;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>One platform. Calls other than PublishAsync throw <see cref="ConnectorException"/> on failure.</summary>
public interface IChannelConnector
{
    Platform Platform { get; }

    ConnectorFeatures Features { get; }

    ConnectMethod ConnectMethod { get; }

    /// <summary>The platform's consent page for the OAuth flow (only for <see cref="ConnectMethod.OAuth"/>).</summary>
    Uri BuildAuthorizeUrl(OAuthStart start);

    /// <summary>Exchanges the code for tokens and lists the accounts the user may connect as channels.</summary>
    Task<IReadOnlyList<ConnectableAccount>> CompleteOAuthAsync(OAuthCallback callback, CancellationToken ct);

    /// <summary>Validates a pasted token against the platform and returns the account it gives access to.</summary>
    Task<ConnectableAccount> ConnectWithTokenAsync(TokenConnect connect, CancellationToken ct);

    /// <summary>Publishes; never throws for platform errors (see <see cref="PublishOutcome"/>).</summary>
    Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct);

    /// <summary>The post an earlier attempt created, or null when the platform has none.</summary>
    Task<RemotePost?> FindAsync(FindRequest request, CancellationToken ct);

    Task<IReadOnlyList<InboundItem>> ReadInboundAsync(ChannelAccess access, InboundQuery query, CancellationToken ct);

    Task<RemoteReply> ReplyAsync(ReplyRequest request, CancellationToken ct);

    /// <summary>Hides or shows a comment; CareDialog never deletes on a platform.</summary>
    Task SetHiddenAsync(ChannelAccess access, InboundItem item, bool hidden, CancellationToken ct);

    Task<MetricsResult> GetPostMetricsAsync(ChannelAccess access, string remotePostId, CancellationToken ct);

    Task<MetricsResult> GetAccountMetricsAsync(ChannelAccess access, CancellationToken ct);

    /// <summary>Checks the token and refreshes it when it expires within <paramref name="refreshWithin"/>.</summary>
    Task<TokenCheck> CheckTokenAsync(ChannelAccess access, TimeSpan refreshWithin, CancellationToken ct);

    /// <summary>The inbound items in one stored webhook payload (<see cref="WebhookEnvelope.Payload"/>).</summary>
    IReadOnlyList<InboundItem> ParseWebhookEvent(string payload);
}

/// <summary>
/// A connector whose platform must be told to send a channel's updates (Telegram setWebhook with this URL; Meta installs the
/// app on the Page and sends to the app's configured callback); called after connecting when a public base URL is configured.
/// </summary>
public interface IRegistersWebhooks
{
    Task RegisterWebhookAsync(ChannelAccess access, Uri url, CancellationToken ct);
}

public sealed class ConnectorRegistry(IEnumerable<IChannelConnector> connectors)
{
    private readonly Dictionary<Platform, IChannelConnector> _byPlatform = connectors.ToDictionary(c => c.Platform);

    public IChannelConnector For(Channel channel) => For(channel.Platform);

    public IChannelConnector For(Platform platform) =>
        _byPlatform.TryGetValue(platform, out var c)
            ? c
            : throw new InvalidOperationException($"No connector is installed for {PlatformNames.ToWire(platform)}.");

    public bool Supports(Platform platform) => _byPlatform.ContainsKey(platform);

    public IReadOnlyCollection<IChannelConnector> All => _byPlatform.Values;
}
