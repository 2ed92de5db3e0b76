using CareDialog.Compliance.Platforms;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Core.Features.Publishing.Sandbox;

/// <summary>
/// The built-in platform used by the demo and the tests. It keeps its own store (its own unit of work), gives remote ids,
/// enforces its own length limit, honours idempotency keys like a well-behaved API, fails on request, carries comments and
/// direct messages (written on its public page), and produces synthetic metrics that grow over time.
/// </summary>
public sealed class SandboxConnector(IServiceScopeFactory scopes, TimeProvider clock) : IChannelConnector
{
    public Platform Platform => Platform.Sandbox;

    public ConnectorFeatures Features =>
        ConnectorFeatures.Text | ConnectorFeatures.Image | ConnectorFeatures.Link | ConnectorFeatures.Video | ConnectorFeatures.ReadComments
        | ConnectorFeatures.Reply | ConnectorFeatures.Hide | ConnectorFeatures.DirectMessages | ConnectorFeatures.PostMetrics
        | ConnectorFeatures.AccountMetrics;

    public ConnectMethod ConnectMethod => ConnectMethod.None;

    public static string UrlFor(string remoteId) => $"/sandbox/p/{remoteId}";

    public Uri BuildAuthorizeUrl(OAuthStart start) => throw NothingToConnect();

    public Task<IReadOnlyList<ConnectableAccount>> CompleteOAuthAsync(OAuthCallback callback, CancellationToken ct) => throw NothingToConnect();

    public Task<ConnectableAccount> ConnectWithTokenAsync(TokenConnect connect, CancellationToken ct) => throw NothingToConnect();

    public async Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var channel = request.Channel;
        var now = clock.GetUtcNow().UtcDateTime;

        var existing = await db.SandboxRemotePosts
            .SingleOrDefaultAsync(p => p.ChannelId == channel.Id && p.IdempotencyKey == request.IdempotencyKey, ct);
        if (existing is { Live: true })
        {
            // Same key again: the platform answers with the post it already has instead of creating a second one.
            existing.Calls++;
            await db.SaveChangesAsync(ct);
            return new PublishOutcome.Published(ToRemote(existing));
        }

        var measure = channel.Measure(request.Text);
        if (measure.IsEmpty)
        {
            return new PublishOutcome.Rejected("Sandbox: the text is empty.");
        }

        if (!measure.IsWithinLimit)
        {
            return new PublishOutcome.Rejected(
                $"Sandbox: the text is {measure.Length} {measure.Unit}; this channel accepts at most {measure.MaxLength}.");
        }

        var row = existing ?? db.SandboxRemotePosts.Add(new SandboxRemotePost
        {
            RemoteId = "sbx_" + Guid.NewGuid().ToString("N")[..16],
            ChannelId = channel.Id,
            IdempotencyKey = request.IdempotencyKey,
            Text = request.Text,
            MediaCount = request.Media.Count,
            CreatedAtUtc = now,
        }).Entity;
        row.Calls++;

        switch (channel.Sandbox.FailureMode)
        {
            case SandboxFailureMode.RejectAll:
                await db.SaveChangesAsync(ct);
                return new PublishOutcome.Rejected("Sandbox: (#200) Permissions error — the channel configuration refuses every post.");
            case SandboxFailureMode.RateLimited when row.Calls <= channel.Sandbox.FailuresBeforeSuccess:
                await db.SaveChangesAsync(ct);
                return new PublishOutcome.RetryLater("Sandbox: HTTP 429 Too Many Requests.", TimeSpan.FromSeconds(30));
        }

        row.Live = true;
        row.Text = request.Text;
        row.CreatedAtUtc = now;
        await db.SaveChangesAsync(ct);

        if (channel.Sandbox.FailureMode == SandboxFailureMode.LostResponse && row.Calls == 1)
        {
            // The post now exists on the platform, but the caller never hears so.
            return new PublishOutcome.Unknown("Sandbox: the connection was reset before the response arrived.");
        }

        return new PublishOutcome.Published(ToRemote(row));
    }

    public async Task<RemotePost?> FindAsync(FindRequest request, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var channelId = request.Access.Channel.Id;
        var row = await db.SandboxRemotePosts.AsNoTracking()
            .SingleOrDefaultAsync(p => p.ChannelId == channelId && p.IdempotencyKey == request.IdempotencyKey && p.Live, ct);
        return row is null ? null : ToRemote(row);
    }

    public async Task<IReadOnlyList<InboundItem>> ReadInboundAsync(ChannelAccess access, InboundQuery query, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var channelId = access.Channel.Id;
        var rows = db.SandboxRemoteComments.AsNoTracking().Where(c => c.ChannelId == channelId && !c.FromPage);
        if (query.SinceUtc is { } since)
        {
            rows = rows.Where(c => c.CreatedAtUtc >= since);
        }

        var list = await rows.OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id).Take(query.Max).ToListAsync(ct);
        return list.Select(ToInbound).ToList();
    }

    public async Task<RemoteReply> ReplyAsync(ReplyRequest request, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var channel = request.Access.Channel;
        var existing = await db.SandboxRemoteComments.AsNoTracking()
            .SingleOrDefaultAsync(c => c.ChannelId == channel.Id && c.IdempotencyKey == request.IdempotencyKey, ct);
        if (existing is not null)
        {
            return new RemoteReply(existing.RemoteId, existing.CreatedAtUtc);
        }

        var to = await db.SandboxRemoteComments.AsNoTracking().SingleOrDefaultAsync(c => c.ChannelId == channel.Id && c.RemoteId == request.To.RemoteId, ct)
                 ?? throw new ConnectorException(ConnectorErrorKind.Rejected, "Sandbox: the comment replied to does not exist (any more).", "404");
        var row = db.SandboxRemoteComments.Add(new SandboxRemoteComment
        {
            RemoteId = "sbc_" + Guid.NewGuid().ToString("N")[..16],
            ChannelId = channel.Id,
            PostRemoteId = to.PostRemoteId,
            ParentRemoteId = to.ConversationId is null ? to.ParentRemoteId ?? to.RemoteId : null,
            ConversationId = to.ConversationId,
            AuthorName = channel.Name,
            AuthorId = "page",
            Text = request.Text,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            FromPage = true,
            IdempotencyKey = request.IdempotencyKey,
        }).Entity;
        await db.SaveChangesAsync(ct);
        return new RemoteReply(row.RemoteId, row.CreatedAtUtc);
    }

    public async Task SetHiddenAsync(ChannelAccess access, InboundItem item, bool hidden, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var channelId = access.Channel.Id;
        var rows = await db.SandboxRemoteComments
            .Where(c => c.ChannelId == channelId && c.RemoteId == item.RemoteId && c.ConversationId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Hidden, hidden), ct);
        if (rows == 0)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected, "Sandbox: only comments on posts can be hidden, and this one does not exist.", "404");
        }
    }

    public async Task<MetricsResult> GetPostMetricsAsync(ChannelAccess access, string remotePostId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var channelId = access.Channel.Id;
        var row = await db.SandboxRemotePosts.AsNoTracking()
                      .SingleOrDefaultAsync(p => p.ChannelId == channelId && p.RemoteId == remotePostId && p.Live, ct)
                  ?? throw new ConnectorException(ConnectorErrorKind.Rejected, "Sandbox: no such post.", "404");
        var comments = await db.SandboxRemoteComments.CountAsync(c => c.ChannelId == channelId && c.PostRemoteId == remotePostId && !c.FromPage, ct);
        var e = SyntheticEngagement.At(row.RemoteId, row.CreatedAtUtc, clock.GetUtcNow().UtcDateTime);
        var values = new Dictionary<string, long>
        {
            [MetricNames.Impressions] = e.Impressions,
            [MetricNames.Reach] = e.Reach,
            [MetricNames.Reactions] = e.Reactions,
            [MetricNames.Comments] = e.Comments + comments,
            [MetricNames.Shares] = e.Shares,
            [MetricNames.Saves] = e.Saves,
            [MetricNames.Clicks] = e.Clicks,
        };
        return new MetricsResult(e.AtUtc, values, []);
    }

    public async Task<MetricsResult> GetAccountMetricsAsync(ChannelAccess access, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var channelId = access.Channel.Id;
        var posts = await db.SandboxRemotePosts.CountAsync(p => p.ChannelId == channelId && p.Live, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // Followers grow slowly with the number of posts; deterministic like the post metrics.
        var followers = 800 + SyntheticEngagement.Seed(channelId.ToString()) % 4000 + posts * 7L;
        return new MetricsResult(now, new Dictionary<string, long> { [MetricNames.Followers] = followers }, []);
    }

    public Task<TokenCheck> CheckTokenAsync(ChannelAccess access, TimeSpan refreshWithin, CancellationToken ct) =>
        Task.FromResult<TokenCheck>(new TokenCheck.Valid(null));

    public IReadOnlyList<InboundItem> ParseWebhookEvent(string payload) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "The Sandbox is read by polling; it sends no webhooks.");

    internal static InboundItem ToInbound(SandboxRemoteComment c) => new(
        c.RemoteId,
        c.ConversationId is not null ? InboundKind.DirectMessage : c.ParentRemoteId is not null ? InboundKind.Reply : InboundKind.Comment,
        c.Text,
        c.AuthorName,
        c.AuthorId,
        c.CreatedAtUtc,
        c.PostRemoteId,
        c.ParentRemoteId,
        c.ConversationId,
        c.FromPage,
        c.Hidden);

    private static ConnectorException NothingToConnect() =>
        new(ConnectorErrorKind.NotSupported, "Sandbox channels need no account; add them in the channel settings.");

    private static RemotePost ToRemote(SandboxRemotePost row) => new(row.RemoteId, UrlFor(row.RemoteId), row.CreatedAtUtc);
}

/// <summary>Reach, impressions and reactions of a Sandbox post at one moment.</summary>
public sealed record EngagementSnapshot(
    DateTime AtUtc, long Impressions, long Reach, long Reactions, long Comments, long Shares, long Saves, long Clicks, long VideoViews);

/// <summary>
/// Deterministic engagement: the same post at the same age always has the same numbers, so analytics built on it
/// can be tested, while different posts and ages still differ the way real ones do (fast start, then saturation).
/// </summary>
public static class SyntheticEngagement
{
    public static EngagementSnapshot At(string remoteId, DateTime createdAtUtc, DateTime nowUtc)
    {
        var seed = Seed(remoteId);
        var hours = Math.Max(0, (nowUtc - createdAtUtc).TotalHours);
        var saturation = 1 - Math.Exp(-hours / 18.0);
        var reach = (long)Math.Floor((400 + seed % 2600) * saturation);
        var rate = 0.02 + (seed >> 8) % 60 / 1000.0;
        var reactions = (long)Math.Floor(reach * rate);
        return new EngagementSnapshot(
            AtUtc: nowUtc,
            Impressions: (long)Math.Floor(reach * 1.35),
            Reach: reach,
            Reactions: reactions,
            Comments: reactions / 8,
            Shares: reactions / 12,
            Saves: reactions / 15,
            Clicks: reach / 90,
            VideoViews: 0);
    }

    /// <summary>FNV-1a: string.GetHashCode is randomised per process, which would make numbers change on restart.</summary>
    public static uint Seed(string s)
    {
        var h = 2166136261u;
        foreach (var ch in s)
        {
            h = (h ^ ch) * 16777619u;
        }

        return h;
    }
}
