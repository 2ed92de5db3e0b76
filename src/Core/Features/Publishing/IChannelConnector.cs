using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Core.Features.Publishing;

public sealed record PublishRequest(Channel Channel, string IdempotencyKey, string Text, IReadOnlyList<PublishMedia> Media);

public sealed record PublishMedia(string FileName, string ContentType, string AbsolutePath);

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

public sealed record EngagementSnapshot(
    DateTime AtUtc, long Impressions, long Reach, long Reactions, long Comments, long Shares, long Saves, long Clicks, long VideoViews);

public interface IChannelConnector
{
    Platform Platform { get; }

    Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct);

    /// <summary>Looks a post up by the idempotency key it was sent with; null when the platform has no such post.</summary>
    Task<RemotePost?> FindAsync(Channel channel, string idempotencyKey, CancellationToken ct);

    Task<EngagementSnapshot?> GetEngagementAsync(Channel channel, string remoteId, CancellationToken ct);
}

public sealed class ConnectorRegistry(IEnumerable<IChannelConnector> connectors)
{
    private readonly Dictionary<Platform, IChannelConnector> _byPlatform = connectors.ToDictionary(c => c.Platform);

    public IChannelConnector For(Channel channel) =>
        _byPlatform.TryGetValue(channel.Platform, out var c)
            ? c
            : throw new InvalidOperationException($"No connector is installed for {PlatformNames.ToWire(channel.Platform)}.");

    public bool Supports(Platform platform) => _byPlatform.ContainsKey(platform);
}
