using System.Diagnostics;
using CareDialog.Compliance.Rules;

namespace CareDialog.Compliance;

/// <summary>
/// The compliance engine: every rule pack (Packs/*.json) compiled once into a single automaton, the patient-data detectors and the
/// platform limits. Thread-safe and reusable; <see cref="Default"/> is the instance to use.
/// </summary>
public sealed class ComplianceEngine : IComplianceChecker
{
    // Buffers of texts larger than this are dropped after the check instead of staying attached to the thread.
    private const int KeepScratchUpTo = 256 * 1024;

    private static readonly Lazy<ComplianceEngine> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    [ThreadStatic]
    private static CheckScratch? t_scratch;

    private readonly CompiledRules _rules;
    private readonly PackSet _packs;
    private readonly Dictionary<string, RuleInfo> _info;

    private ComplianceEngine(PackSet packs, TimeSpan loadTime)
    {
        _packs = packs;
        _rules = new CompiledRules(packs, TextFolding.Default);
        _info = _rules.Rules.ToDictionary(r => r.Id, RuleInfo.From, StringComparer.Ordinal);
        Rules = [.. _info.Values];
        Packs = packs.Packs;
        PackLoadTime = loadTime;
    }

    /// <summary>The shared engine; the packs are read and compiled on first use.</summary>
    public static ComplianceEngine Default => Instance.Value;

    /// <summary>How long reading, validating and compiling all packs took for <see cref="Default"/> (forces it to load).</summary>
    public static TimeSpan LoadTime => Default.PackLoadTime;

    /// <summary>How long this instance took to build.</summary>
    public TimeSpan PackLoadTime { get; private set; }

    /// <summary>Every rule of every pack.</summary>
    public IReadOnlyList<RuleInfo> Rules { get; }

    internal IReadOnlyList<PackHeader> Packs { get; }

    internal CompiledRules Compiled => _rules;

    internal PackSet PackSet => _packs;

    /// <summary>Reads and compiles the embedded packs into a new engine. Prefer <see cref="Default"/>; this exists to time a cold load.</summary>
    public static ComplianceEngine Load()
    {
        var watch = Stopwatch.StartNew();
        var packs = PackLoader.LoadEmbedded();
        var engine = new ComplianceEngine(packs, TimeSpan.Zero);
        engine.PackLoadTime = watch.Elapsed;
        return engine;
    }

    /// <summary>The rule with this id, or null (platform and personal-data findings have no pack rule).</summary>
    public RuleInfo? Rule(string id) => _info.GetValueOrDefault(id);

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">The request or its text is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The jurisdiction or platform is not a defined value.</exception>
    public CheckResult Check(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Text, nameof(request));
        var jurisdiction = request.Jurisdiction;
        if (!Enum.IsDefined(jurisdiction))
        {
            throw new ArgumentOutOfRangeException(nameof(request), jurisdiction, "Unknown jurisdiction.");
        }

        var texts = _packs.System[jurisdiction];
        var findings = new List<Finding>();
        var scratch = t_scratch ?? new CheckScratch();
        t_scratch = null;
        try
        {
            _rules.Run(request.Text, jurisdiction, scratch.Key, scratch, request.HasMedia, request.IsPublicReply);
            AddRuleFindings(request, scratch.Hits, findings);
        }
        finally
        {
            scratch.Key.Text = "";
            if (request.Text.Length <= KeepScratchUpTo)
            {
                t_scratch = scratch;
            }
        }

        PrivacyFindings.Check(request, texts, findings);
        if (request.Platform is { } platform)
        {
            PlatformChecks.Check(request.Text, platform, texts, findings, request.HasMedia, request.IsPublicReply);
        }

        findings.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Rule, b.Rule));
        return new CheckResult(VerdictOf(findings), findings);
    }

    private void AddRuleFindings(CheckRequest request, List<RuleHit> hits, List<Finding> findings)
    {
        if (hits.Count == 0)
        {
            return;
        }

        var lang = PackLoader.LanguageOf(request.Jurisdiction);
        var rules = _rules.Rules;
        foreach (var hit in hits)
        {
            var rule = rules[hit.Rule];
            string? consent = null;
            if (rule.ConsentCanSatisfy)
            {
                consent = SatisfyingConsent(request, rule.ConsentUse!);
            }

            findings.Add(new Finding(
                rule.Id,
                rule.Category,
                rule.Severity,
                hit.Start,
                hit.End - hit.Start,
                rule.Message.TryGetValue(lang, out var message) ? message : rule.Message["en"],
                rule.Message["en"],
                rule.Suggestion.TryGetValue(lang, out var suggestion) ? suggestion : rule.Suggestion["en"],
                rule.Suggestion["en"],
                rule.SourceText,
                rule.Confidence,
                rule.ConsentCanSatisfy,
                consent is not null,
                consent));
        }
    }

    /// <summary>
    /// The first consent that covers this use on this channel on the publishing day. A consent limited to some channels cannot
    /// cover a text whose channel is not known yet; a day that is not known yet is not checked (CheckRequest.PublishOn).
    /// </summary>
    internal static string? SatisfyingConsent(CheckRequest request, string use)
    {
        if (request.Consents is null)
        {
            return null;
        }

        foreach (var c in request.Consents)
        {
            if (c is null || c.Withdrawn || c.Uses is null || !c.Uses.Contains(use))
            {
                continue;
            }

            if (c.Platforms is not null && (request.Platform is not { } p || !c.Platforms.Contains(p)))
            {
                continue;
            }

            if (request.PublishOn is { } day && ((c.ValidFrom is { } from && day < from) || (c.ValidTo is { } to && day > to)))
            {
                continue;
            }

            return c.Id;
        }

        return null;
    }

    private static Verdict VerdictOf(List<Finding> findings)
    {
        var verdict = Verdict.Pass;
        foreach (var f in findings)
        {
            if (f.Satisfied)
            {
                continue;
            }

            if (f.Severity == Severity.Block)
            {
                return Verdict.Block;
            }

            verdict = Verdict.Warn;
        }

        return verdict;
    }
}
