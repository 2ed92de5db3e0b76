using CareDialog.Compliance;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Common;
using CareDialog.Core.Features.Consents;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;

namespace CareDialog.Core.Features.Compliance;

public sealed record ChannelCheck(Guid? ChannelId, string ChannelName, Platform? Platform, string Text, CheckResult Result);

public sealed record PostCheck(Verdict Verdict, IReadOnlyList<ChannelCheck> Channels)
{
    /// <summary>Unsatisfied blocking findings, once per rule and channel.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<(ChannelCheck Channel, Finding Finding)> Blocking =>
        Channels.SelectMany(c => c.Result.Findings.Where(f => f.Severity == Severity.Block && !f.Satisfied).Select(f => (c, f)));
}

/// <summary>
/// Runs the compliance engine over a post the way it will be published: each channel's own text, on that channel's
/// platform, with the post's consents, on the planned day, in the organisation's jurisdiction. Overrides written by a
/// ComplianceOfficer mark their rule as satisfied rather than hiding it.
/// </summary>
public sealed class PostComplianceCheck(IComplianceChecker engine)
{
    public static Jurisdiction JurisdictionOf(string country) => country switch
    {
        "TR" => Jurisdiction.TR,
        "DK" => Jurisdiction.DK,
        "FI" => Jurisdiction.FI,
        "RU" => Jurisdiction.RU,
        _ => Jurisdiction.EU,
    };

    public sealed record Target(Guid? ChannelId, string Name, Platform? Platform, string Text);

    public PostCheck Check(Organisation org, IReadOnlyList<Target> targets, IReadOnlyList<Consent> consents,
        IReadOnlyList<FindingOverride> overrides, DateTime? publishAtUtc, bool hasMedia)
    {
        var jurisdiction = JurisdictionOf(org.Country);
        var publishOn = publishAtUtc is { } at ? DateOnly.FromDateTime(OrgClock.ToLocal(org.Zone, at)) : (DateOnly?)null;
        var references = consents.Select(c => c.ToReference()).ToList();
        var overridden = overrides.ToDictionary(o => o.Rule, o => o.ByName);
        var checks = new List<ChannelCheck>();
        foreach (var t in targets)
        {
            var result = engine.Check(new CheckRequest(t.Text, jurisdiction, t.Platform, references, publishOn, org.PublicContactList, HasMedia: hasMedia));
            var findings = result.Findings
                .Select(f => !f.Satisfied && overridden.TryGetValue(f.Rule, out var by) ? f with { Satisfied = true, SatisfiedBy = $"override by {by}" } : f)
                .ToList();
            checks.Add(new ChannelCheck(t.ChannelId, t.Name, t.Platform, t.Text, new CheckResult(CheckResult.VerdictOf(findings), findings)));
        }

        var verdict = checks.Count == 0 ? Verdict.Pass : checks.Max(c => c.Result.Verdict);
        return new PostCheck(verdict, checks);
    }

    /// <summary>The post as stored: every target channel, or the master text alone when no channel is chosen yet.</summary>
    public PostCheck Check(Organisation org, Post post, DateTime? publishAtUtc = null)
    {
        var targets = post.Targets.Count == 0
            ? [new Target(null, "Master text", null, post.Text)]
            : post.Targets.Select(t => new Target(t.ChannelId, t.Channel!.Name, t.Channel.EffectivePlatform, post.TextFor(t))).ToList();
        return Check(org, targets, post.Consents.Select(c => c.Consent!).ToList(), post.Overrides, publishAtUtc ?? post.ScheduledAtUtc, post.Media.Count > 0);
    }

    /// <summary>Null when nothing blocks; otherwise the error every workflow step returns.</summary>
    public UseCaseError? BlockingProblem(Organisation org, Post post, DateTime? publishAtUtc = null)
    {
        var blocking = Check(org, post, publishAtUtc).Blocking.ToList();
        if (blocking.Count == 0)
        {
            return null;
        }

        var lines = blocking.DistinctBy(b => b.Finding.Rule).Select(b => $"{b.Finding.Rule}: {b.Finding.MessageEn}");
        return UseCaseError.Invalid("Blocked by compliance — fix the text or ask a Compliance officer: " + string.Join(" · ", lines), "compliance");
    }
}
