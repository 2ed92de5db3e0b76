using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Web.Tests.Infrastructure;

/// <summary>A connector that passes every call on; tests override the one call they want to break.</summary>
public abstract class DelegatingConnector(IChannelConnector inner) : IChannelConnector
{
    public Platform Platform => inner.Platform;
    public ConnectorFeatures Features => inner.Features;
    public ConnectMethod ConnectMethod => inner.ConnectMethod;
    public virtual Uri BuildAuthorizeUrl(OAuthStart start) => inner.BuildAuthorizeUrl(start);
    public virtual Task<IReadOnlyList<ConnectableAccount>> CompleteOAuthAsync(OAuthCallback callback, CancellationToken ct) => inner.CompleteOAuthAsync(callback, ct);
    public virtual Task<ConnectableAccount> ConnectWithTokenAsync(TokenConnect connect, CancellationToken ct) => inner.ConnectWithTokenAsync(connect, ct);
    public virtual Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct) => inner.PublishAsync(request, ct);
    public virtual Task<RemotePost?> FindAsync(FindRequest request, CancellationToken ct) => inner.FindAsync(request, ct);
    public virtual Task<IReadOnlyList<InboundItem>> ReadInboundAsync(ChannelAccess access, InboundQuery query, CancellationToken ct) => inner.ReadInboundAsync(access, query, ct);
    public virtual Task<RemoteReply> ReplyAsync(ReplyRequest request, CancellationToken ct) => inner.ReplyAsync(request, ct);
    public virtual Task SetHiddenAsync(ChannelAccess access, InboundItem item, bool hidden, CancellationToken ct) => inner.SetHiddenAsync(access, item, hidden, ct);
    public virtual Task<MetricsResult> GetPostMetricsAsync(ChannelAccess access, string remotePostId, CancellationToken ct) => inner.GetPostMetricsAsync(access, remotePostId, ct);
    public virtual Task<MetricsResult> GetAccountMetricsAsync(ChannelAccess access, CancellationToken ct) => inner.GetAccountMetricsAsync(access, ct);
    public virtual Task<TokenCheck> CheckTokenAsync(ChannelAccess access, TimeSpan refreshWithin, CancellationToken ct) => inner.CheckTokenAsync(access, refreshWithin, ct);
    public virtual IReadOnlyList<InboundItem> ParseWebhookEvent(string payload) => inner.ParseWebhookEvent(payload);
}
