using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Web.Tests.Infrastructure;

/// <summary>
/// A connector whose answers a test sets: for the product's side of connecting, token health and publishing, independent of
/// any one platform's contract (those are tested against their fake servers in the connector test projects).
/// </summary>
public sealed class ScriptedConnector(Platform platform, ConnectMethod method) : IChannelConnector
{
    public Platform Platform => platform;
    public ConnectorFeatures Features => ConnectorFeatures.Text | ConnectorFeatures.Reply;
    public ConnectMethod ConnectMethod => method;

    public List<ConnectableAccount> Accounts { get; } = [];
    public Func<ChannelAccess, TokenCheck> TokenAnswer { get; set; } = _ => new TokenCheck.Valid(null);
    public Func<PublishRequest, PublishOutcome> PublishAnswer { get; set; } = r => new PublishOutcome.Published(new RemotePost("r-" + r.IdempotencyKey, "https://example.test/p", DateTime.UtcNow));
    public List<OAuthCallback> Callbacks { get; } = [];
    public List<PublishRequest> Published { get; } = [];

    public Uri BuildAuthorizeUrl(OAuthStart start) =>
        new($"https://auth.example.test/authorize?state={Uri.EscapeDataString(start.State)}&code_challenge={start.CodeChallenge}&redirect_uri={Uri.EscapeDataString(start.RedirectUri.ToString())}");

    public Task<IReadOnlyList<ConnectableAccount>> CompleteOAuthAsync(OAuthCallback callback, CancellationToken ct)
    {
        Callbacks.Add(callback);
        return callback.Code == "bad"
            ? throw new ConnectorException(ConnectorErrorKind.Rejected, "The platform refused the code.", "invalid_grant")
            : Task.FromResult<IReadOnlyList<ConnectableAccount>>(Accounts);
    }

    public Task<ConnectableAccount> ConnectWithTokenAsync(TokenConnect connect, CancellationToken ct) =>
        connect.Token == "revoked"
            ? throw new ConnectorException(ConnectorErrorKind.NeedsReconnect, "Unauthorized: the token was revoked.", "401")
            : Task.FromResult(new ConnectableAccount(connect.AccountId, "Channel " + connect.AccountId, "@" + connect.AccountId,
                new ChannelCredentials { AccessToken = connect.Token, AccountId = connect.AccountId }));

    public Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct)
    {
        Published.Add(request);
        return Task.FromResult(PublishAnswer(request));
    }

    public Task<RemotePost?> FindAsync(FindRequest request, CancellationToken ct) => Task.FromResult<RemotePost?>(null);

    public Task<IReadOnlyList<InboundItem>> ReadInboundAsync(ChannelAccess access, InboundQuery query, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<InboundItem>>([]);

    public Task<RemoteReply> ReplyAsync(ReplyRequest request, CancellationToken ct) => Task.FromResult(new RemoteReply("reply-" + request.IdempotencyKey, DateTime.UtcNow));

    public Task SetHiddenAsync(ChannelAccess access, InboundItem item, bool hidden, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "No hiding here.");

    public Task<MetricsResult> GetPostMetricsAsync(ChannelAccess access, string remotePostId, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "No metrics here.");

    public Task<MetricsResult> GetAccountMetricsAsync(ChannelAccess access, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "No metrics here.");

    public Task<TokenCheck> CheckTokenAsync(ChannelAccess access, TimeSpan refreshWithin, CancellationToken ct) => Task.FromResult(TokenAnswer(access));

    public IReadOnlyList<InboundItem> ParseWebhookEvent(string payload) => [];
}
