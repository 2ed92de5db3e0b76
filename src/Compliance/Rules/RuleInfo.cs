using CareDialog.Compliance.Rules;

namespace CareDialog.Compliance;

/// <summary>
/// A rule as shipped in a pack, for screens and documentation that explain a finding beyond what <see cref="Finding"/> carries
/// (the English suggestion, the research reference, the confidence note).
/// </summary>
/// <param name="Id">Rule id, as in <see cref="Finding.Rule"/>.</param>
/// <param name="Ref">The rule number in the legal research (compliance-rules.md), e.g. <c>TR-02</c>.</param>
/// <param name="Pack">The pack the rule ships in (TR, DK, FI, RU, EU, MIS).</param>
/// <param name="Jurisdictions">Every jurisdiction the rule is checked in.</param>
/// <param name="Messages">Message by language code (tr, da, fi, ru, en).</param>
/// <param name="Suggestions">Suggestion by language code.</param>
/// <param name="Confidence">C, S or U as in the research; only C rules may block.</param>
/// <param name="ConfidenceNote">Why the confidence is what it is, where the research is mixed; null otherwise.</param>
/// <param name="ConsentUse">The consent use that satisfies the rule; null when no consent can.</param>
public sealed record RuleInfo(
    string Id,
    string Ref,
    string Pack,
    string Category,
    Severity Severity,
    IReadOnlyList<Jurisdiction> Jurisdictions,
    IReadOnlyDictionary<string, string> Messages,
    IReadOnlyDictionary<string, string> Suggestions,
    string Law,
    string Article,
    string Url,
    string Confidence,
    string? ConfidenceNote,
    bool ConsentCanSatisfy,
    string? ConsentUse)
{
    internal static RuleInfo From(RuleDefinition r) => new(
        r.Id,
        r.Ref,
        r.Pack,
        r.Category,
        r.Severity,
        Enum.GetValues<Jurisdiction>().Where(j => (r.Jurisdictions & (1u << (int)j)) != 0).ToList(),
        r.Message,
        r.Suggestion,
        r.Law,
        r.Article,
        r.Url,
        r.Confidence,
        r.ConfidenceNote,
        r.ConsentCanSatisfy,
        r.ConsentUse);
}
