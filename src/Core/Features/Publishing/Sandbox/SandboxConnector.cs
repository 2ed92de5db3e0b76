using CareDialog.Compliance.Platforms;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Core.Features.Publishing.Sandbox;

/// <summary>
/// The built-in platform used by the demo and the tests. It keeps its own store (its own unit of work), gives remote ids,
/// enforces its own length limit, honours idempotency keys like a well-behaved API, fails on request, and produces
/// synthetic engagement that grows over time.
/// </summary>
public sealed class SandboxConnector(IServiceScopeFactory scopes, TimeProvider clock) : IChannelConnector
{
    public Platform Platform => Platform.Sandbox;

    public static string UrlFor(string remoteId) => $"/sandbox/p/{remoteId}";

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

    public async Task<RemotePost?> FindAsync(Channel channel, string idempotencyKey, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.SandboxRemotePosts.AsNoTracking()
            .SingleOrDefaultAsync(p => p.ChannelId == channel.Id && p.IdempotencyKey == idempotencyKey && p.Live, ct);
        return row is null ? null : ToRemote(row);
    }

    public async Task<EngagementSnapshot?> GetEngagementAsync(Channel channel, string remoteId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.SandboxRemotePosts.AsNoTracking()
            .SingleOrDefaultAsync(p => p.ChannelId == channel.Id && p.RemoteId == remoteId && p.Live, ct);
        return row is null ? null : SyntheticEngagement.At(row.RemoteId, row.CreatedAtUtc, clock.GetUtcNow().UtcDateTime);
    }

    private static RemotePost ToRemote(SandboxRemotePost row) => new(row.RemoteId, UrlFor(row.RemoteId), row.CreatedAtUtc);
}

/// <summary>
/// Deterministic engagement: the same post at the same age always has the same numbers, so analytics built on it
/// can be tested, while different posts and ages still differ the way real ones do (fast start, then saturation).
/// </summary>
public static class SyntheticEngagement
{
    public static EngagementSnapshot At(string remoteId, DateTime createdAtUtc, DateTime nowUtc)
    {
        var seed = StableHash(remoteId);
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

    private static uint StableHash(string s)
    {
        // FNV-1a: string.GetHashCode is randomised per process, which would make numbers change on restart.
        var h = 2166136261u;
        foreach (var ch in s)
        {
            h = (h ^ ch) * 16777619u;
        }

        return h;
    }
}
