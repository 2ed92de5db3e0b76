using System.Globalization;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Notifications;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareDialog.Core.Features.Crisis;

/// <summary>
/// The crisis sweep: finds channels whose negative or complaint items in the last window stand out against the channel's own
/// history (<see cref="SpikeDetector"/>), raises one <see cref="CrisisAlert"/> per spike, tells the Managers, and follows live
/// alerts until their spike is over. Cheap when nothing happens: one grouped count, and the baseline is read only for channels
/// already above the minimum.
/// </summary>
public sealed class DetectNegativeSpikes(
    AppDbContext db, AuditLog audit, Notifier notifier, TimeProvider clock, IOptions<CrisisOptions> options, ILogger<DetectNegativeSpikes> logger)
{
    public const string NotificationKind = "crisis.spike";
    public const string Link = "crisis";

    public sealed record Summary(int ChannelsAssessed, int AlertsRaised, int SpikesEnded);

    public async Task<Summary> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var windowStart = now - o.Window;

        var windowCounts = await db.InboxItems.AsNoTracking()
            .Where(SpikeDetector.IsNegativeSignal)
            .Where(i => i.CreatedAtUtc > windowStart && i.CreatedAtUtc <= now)
            .GroupBy(i => i.ChannelId)
            .Select(g => new { ChannelId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ChannelId, g => g.Count, ct);

        var live = await db.CrisisAlerts.Where(a => a.DismissedAtUtc == null || a.SpikeEndedAtUtc == null).ToListAsync(ct);
        var ended = FollowLiveAlerts(live, windowCounts, now);
        await db.SaveChangesAsync(ct);

        // Alerts live at the start of this sweep, including those whose spike just ended: a new spike needs a quiet sweep first.
        var withLiveAlert = live.Select(a => a.ChannelId).ToHashSet();
        var candidates = windowCounts.Where(c => c.Value >= o.MinimumCount && !withLiveAlert.Contains(c.Key)).Select(c => c.Key).ToList();
        int raised = 0;
        foreach (var channelId in candidates)
        {
            if (await AssessAsync(channelId, now, o, ct))
            {
                raised++;
            }
        }

        return new Summary(candidates.Count, raised, ended);
    }

    /// <summary>A live alert's spike goes on while the window count stays at its threshold, and is over once it falls below.</summary>
    private int FollowLiveAlerts(List<CrisisAlert> live, Dictionary<Guid, int> windowCounts, DateTime now)
    {
        var ended = 0;
        foreach (var alert in live)
        {
            var count = windowCounts.GetValueOrDefault(alert.ChannelId);
            if (count >= alert.Threshold)
            {
                alert.LastSeenAtUtc = now;
                alert.PeakWindowCount = Math.Max(alert.PeakWindowCount, count);
                // An open alert whose channel flares up again is the same crisis: it carries on instead of a second alert.
                alert.SpikeEndedAtUtc = null;
            }
            else if (alert.SpikeEndedAtUtc is null)
            {
                alert.SpikeEndedAtUtc = now;
                ended++;
                audit.Record(OrgActor.System(alert.OrganisationId, "crisis-detector"), "crisis.spike_ended", "CrisisAlert", alert.Id,
                    null, new { WindowCount = count, alert.Threshold, alert.PeakWindowCount });
            }
        }

        return ended;
    }

    private async Task<bool> AssessAsync(Guid channelId, DateTime now, CrisisOptions o, CancellationToken ct)
    {
        var channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId, ct);
        var firstItem = await db.InboxItems.AsNoTracking().Where(i => i.ChannelId == channelId).MinAsync(i => (DateTime?)i.CreatedAtUtc, ct);
        // History starts at the earliest evidence the channel was watched: connected, or its first item (demo and Sandbox
        // channels have no connection time).
        DateTime? observedSince = (channel.ConnectedAtUtc, firstItem) switch
        {
            ({ } c, { } f) => c < f ? c : f,
            ({ } c, null) => c,
            (null, var f) => f,
        };
        var from = now - o.Window - TimeSpan.FromDays(o.BaselineDays);
        var rows = await db.InboxItems.AsNoTracking()
            .Where(SpikeDetector.IsNegativeSignal)
            .Where(i => i.ChannelId == channelId && i.CreatedAtUtc > from && i.CreatedAtUtc <= now)
            .Select(i => new { i.CreatedAtUtc, i.AuthorId, i.AuthorName })
            .ToListAsync(ct);
        var signals = rows.Select(r => new Signal(r.CreatedAtUtc, SpikeDetector.AuthorKey(r.AuthorId, r.AuthorName))).ToList();

        var assessment = SpikeDetector.Assess(now, signals, observedSince, o);
        if (!assessment.IsSpike)
        {
            return false;
        }

        var alert = new CrisisAlert
        {
            OrganisationId = channel.OrganisationId,
            ChannelId = channel.Id,
            DetectedAtUtc = now,
            WindowMinutes = (int)o.Window.TotalMinutes,
            WindowCount = assessment.WindowCount,
            DistinctAuthors = assessment.DistinctAuthors,
            BaselineMean = assessment.BaselineMean,
            BaselineStdDev = assessment.BaselineStdDev,
            BaselineBuckets = assessment.BaselineBuckets,
            NewChannel = assessment.NewChannel,
            Threshold = assessment.Threshold,
            Explanation = assessment.Explain(o),
            PeakWindowCount = assessment.WindowCount,
            LastSeenAtUtc = now,
        };
        db.CrisisAlerts.Add(alert);
        audit.Record(OrgActor.System(channel.OrganisationId, "crisis-detector"), "crisis.spike_detected", "CrisisAlert", alert.Id, null,
            new
            {
                Channel = channel.Name,
                alert.WindowMinutes,
                alert.WindowCount,
                alert.DistinctAuthors,
                alert.BaselineMean,
                alert.BaselineStdDev,
                alert.BaselineBuckets,
                alert.NewChannel,
                alert.Threshold,
            },
            alert.Explanation);
        var usual = assessment.NewChannel
            ? "the channel is too new for a baseline"
            : string.Create(CultureInfo.InvariantCulture, $"usually {assessment.BaselineMean:0.#} ± {assessment.BaselineStdDev:0.#}");
        notifier.Notify(channel.OrganisationId, OrgRole.Manager, NotificationKind,
            $"Possible crisis on “{channel.Name}”: {assessment.WindowCount} negative or complaint messages from {assessment.DistinctAuthors} people " +
            $"in the last {SpikeAssessment.WindowText(o.Window)} ({usual}; alert from {assessment.Threshold}). Consider pausing scheduled posts.",
            Link);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another sweep raised the alert for this channel first (the live-alert index let one in): one alert per spike.
            db.ChangeTracker.Clear();
            return false;
        }

        logger.LogWarning("Negative spike on channel {ChannelId} of organisation {OrganisationId}: {WindowCount} items, threshold {Threshold}",
            channel.Id, channel.OrganisationId, assessment.WindowCount, assessment.Threshold);
        return true;
    }
}
