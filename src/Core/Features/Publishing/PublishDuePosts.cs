using CareDialog.Compliance.Platforms;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Crisis;
using CareDialog.Core.Features.Media;
using CareDialog.Core.Features.Notifications;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareDialog.Core.Features.Publishing;

public sealed class PublishingOptions
{
    /// <summary>How often the Quartz sweep looks for due posts.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>How long a claimed post belongs to one worker; after that a crashed worker's post is taken over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public int MaxAttempts { get; set; } = 5;
}

/// <summary>
/// Publishes every due post exactly once. A post is claimed with a conditional update (only one worker or node wins),
/// each channel is published with its own idempotency key, and an attempt whose outcome is unknown — a timeout, or a
/// process killed after the call — is looked up on the platform before anything is sent again.
/// </summary>
public sealed class PublishDuePosts(
    AppDbContext db,
    ConnectorRegistry connectors,
    ChannelSecrets secrets,
    Notifier notifier,
    MediaStore mediaStore,
    PublicMediaLinks publicLinks,
    AuditLog audit,
    TimeProvider clock,
    IOptions<PublishingOptions> options,
    ILogger<PublishDuePosts> logger)
{
    public sealed record Summary(int Claimed, int Published, int Failed, int Waiting);

    public async Task<Summary> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.Posts.AsNoTracking()
            .Where(p => (p.Status == PostStatus.Scheduled && p.ScheduledAtUtc <= now)
                        || (p.Status == PostStatus.Publishing && p.LeaseUntilUtc <= now))
            .NotHeldByPause(db)
            .OrderBy(p => p.ScheduledAtUtc)
            .Select(p => new { p.Id, p.Version })
            .Take(50)
            .ToListAsync(ct);

        int claimed = 0, published = 0, failed = 0, waiting = 0;
        foreach (var candidate in candidates)
        {
            if (!await TryClaimAsync(candidate.Id, candidate.Version, now, ct))
            {
                continue;
            }

            claimed++;
            var status = await PublishClaimedAsync(candidate.Id, ct);
            _ = status switch
            {
                PostStatus.Published => published++,
                PostStatus.Failed => failed++,
                _ => waiting++,
            };
        }

        return new Summary(claimed, published, failed, waiting);
    }

    private async Task<bool> TryClaimAsync(Guid postId, int version, DateTime now, CancellationToken ct)
    {
        var leaseUntil = now + options.Value.Lease;
        // The version check makes the claim atomic across threads and cluster nodes: exactly one update matches.
        var rows = await db.Posts
            .Where(p => p.Id == postId && p.Version == version
                        && ((p.Status == PostStatus.Scheduled && p.ScheduledAtUtc <= now)
                            || (p.Status == PostStatus.Publishing && p.LeaseUntilUtc <= now)))
            // Checked again in the claim itself, so a pause that starts after the candidates were read still holds the post.
            .NotHeldByPause(db)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PostStatus.Publishing)
                .SetProperty(p => p.LeaseUntilUtc, leaseUntil)
                .SetProperty(p => p.Version, version + 1), ct);
        return rows == 1;
    }

    private async Task<PostStatus> PublishClaimedAsync(Guid postId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var post = await db.Posts
            .Include(p => p.Targets).ThenInclude(t => t.Channel)
            .Include(p => p.Media)
            .SingleAsync(p => p.Id == postId, ct);
        var system = OrgActor.System(post.OrganisationId, "publisher");
        var now = clock.GetUtcNow().UtcDateTime;

        if (post.Status == PostStatus.Publishing && post.Targets.All(t => t.State == PublicationState.Pending && t.Attempts == 0))
        {
            audit.Record(system, "post.publishing", "Post", post.Id, new { Status = PostStatus.Scheduled }, new { Status = PostStatus.Publishing });
        }

        foreach (var target in post.Targets.Where(t => t.State is not (PublicationState.Published or PublicationState.Failed)))
        {
            if (target.NextAttemptAtUtc > now)
            {
                continue;
            }

            await PublishTargetAsync(post, target, system, ct);
        }

        return await SettleAsync(post, system, ct);
    }

    private async Task PublishTargetAsync(Post post, PostTarget target, OrgActor system, CancellationToken ct)
    {
        var channel = target.Channel!;
        var connector = connectors.For(channel);
        var now = clock.GetUtcNow().UtcDateTime;
        var access = secrets.AccessFor(channel);
        var text = post.TextFor(target);

        if (target.State is PublicationState.Attempting or PublicationState.Unknown)
        {
            // A previous attempt may have reached the platform (timeout, or this process died mid-call): look before sending.
            RemotePost? found;
            try
            {
                found = await connector.FindAsync(new FindRequest(access, target.IdempotencyKey, text, target.FirstAttemptAtUtc ?? now), ct);
            }
            catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.NotSupported)
            {
                // The platform cannot be asked (Telegram has no history for bots): sending again could post twice, so a person decides.
                target.State = PublicationState.Failed;
                target.LastError = $"The earlier attempt may have gone out and {PlatformNames.ToWire(channel.Platform)} cannot be asked; check the channel and publish again only if the post is missing.";
                audit.Record(system, "post.channel_failed", "Post", post.Id, null, new { Channel = channel.Name, target.Attempts }, target.LastError);
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (ConnectorException ex)
            {
                // Cannot look now: sending again could duplicate the post, so wait and look again later.
                target.LastError = $"Could not check whether the earlier attempt went through: {ex.UserMessage}";
                target.NextAttemptAtUtc = now + (ex.RetryAfter ?? TimeSpan.FromMinutes(1));
                await db.SaveChangesAsync(ct);
                return;
            }

            if (found is not null)
            {
                MarkPublished(post, target, found, system, reconciled: true);
                await db.SaveChangesAsync(ct);
                return;
            }
        }

        if (channel.Health == ChannelHealth.NeedsReconnect)
        {
            target.LastError = "The channel needs to be reconnected; the post waits until it is.";
            target.NextAttemptAtUtc = now + TimeSpan.FromMinutes(5);
            await db.SaveChangesAsync(ct);
            return;
        }

        // Record the attempt before the call: if the process dies during the call, the next worker knows to reconcile.
        target.State = PublicationState.Attempting;
        target.Attempts++;
        target.FirstAttemptAtUtc ??= now;
        await db.SaveChangesAsync(ct);

        var media = post.Media.Select(m => new PublishMedia(m.FileName, m.ContentType, mediaStore.AbsolutePath(m), publicLinks.For(m))).ToList();
        PublishOutcome outcome;
        try
        {
            outcome = await connector.PublishAsync(new PublishRequest(access, target.IdempotencyKey, text, media), ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            outcome = new PublishOutcome.Unknown($"{ex.GetType().Name}: the platform did not answer.");
        }

        now = clock.GetUtcNow().UtcDateTime;
        switch (outcome)
        {
            case PublishOutcome.Published p:
                MarkPublished(post, target, p.Post, system, reconciled: false);
                break;
            case PublishOutcome.Rejected r:
                target.State = PublicationState.Failed;
                target.LastError = r.Reason;
                audit.Record(system, "post.channel_failed", "Post", post.Id, null, new { Channel = channel.Name, target.Attempts }, r.Reason);
                break;
            case PublishOutcome.RetryLater r:
                target.State = PublicationState.Pending;
                target.LastError = r.Reason;
                target.NextAttemptAtUtc = now + r.After;
                break;
            case PublishOutcome.Unknown u:
                target.State = PublicationState.Unknown;
                target.LastError = u.Reason;
                target.NextAttemptAtUtc = now + TimeSpan.FromSeconds(30);
                break;
            case PublishOutcome.NeedsReconnect n:
                target.State = PublicationState.Pending;
                target.LastError = n.Reason;
                target.NextAttemptAtUtc = now + TimeSpan.FromMinutes(5);
                if (channel.Health != ChannelHealth.NeedsReconnect)
                {
                    channel.Health = ChannelHealth.NeedsReconnect;
                    channel.HealthReason = n.Reason;
                    audit.Record(system, "channel.needs_reconnect", "Channel", channel.Id, null, null, n.Reason);
                    notifier.Notify(channel.OrganisationId, OrgRole.Admin, "channel.needs_reconnect",
                        $"Channel “{channel.Name}” needs to be reconnected: {n.Reason} Scheduled posts wait until it is.", "settings");
                }

                break;
        }

        if (target.State is PublicationState.Pending or PublicationState.Unknown && target.Attempts >= options.Value.MaxAttempts)
        {
            target.State = PublicationState.Failed;
            target.LastError = $"Gave up after {target.Attempts} attempts: {target.LastError}";
            audit.Record(system, "post.channel_failed", "Post", post.Id, null, new { Channel = channel.Name, target.Attempts }, target.LastError);
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Publish attempt {Attempt} of post {PostId} on channel {ChannelId}: {Outcome}",
            target.Attempts, post.Id, channel.Id, outcome.GetType().Name);
    }

    private void MarkPublished(Post post, PostTarget target, RemotePost remote, OrgActor system, bool reconciled)
    {
        target.State = PublicationState.Published;
        target.RemoteId = remote.RemoteId;
        target.RemoteUrl = remote.Url;
        target.PublishedAtUtc = remote.CreatedAtUtc;
        target.LastError = null;
        target.NextAttemptAtUtc = null;
        audit.Record(system, reconciled ? "post.channel_reconciled" : "post.channel_published", "Post", post.Id, null,
            new { Channel = target.Channel!.Name, remote.RemoteId, remote.Url });
    }

    private async Task<PostStatus> SettleAsync(Post post, OrgActor system, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = post.Targets.Where(t => t.State is not (PublicationState.Published or PublicationState.Failed)).ToList();
        if (open.Count == 0)
        {
            var before = post.Status;
            var anyFailed = post.Targets.Any(t => t.State == PublicationState.Failed);
            post.Status = anyFailed ? PostStatus.Failed : PostStatus.Published;
            post.PublishedAtUtc = post.Targets.Where(t => t.PublishedAtUtc != null).Max(t => t.PublishedAtUtc);
            post.LastError = anyFailed
                ? string.Join(" · ", post.Targets.Where(t => t.State == PublicationState.Failed).Select(t => $"{t.Channel!.Name}: {t.LastError}"))
                : null;
            post.LeaseUntilUtc = null;
            audit.Record(system, anyFailed ? "post.failed" : "post.published", "Post", post.Id,
                new { Status = before }, new { post.Status, post.PublishedAtUtc }, post.LastError);
        }
        else
        {
            // Come back when the earliest waiting channel may be tried again.
            post.LeaseUntilUtc = open.Min(t => t.NextAttemptAtUtc ?? now);
            post.LastError = string.Join(" · ", open.Where(t => t.LastError != null).Select(t => $"{t.Channel!.Name}: {t.LastError}"));
        }

        post.UpdatedAtUtc = now;
        post.Version++;
        await db.SaveChangesAsync(ct);
        return post.Status;
    }
}
