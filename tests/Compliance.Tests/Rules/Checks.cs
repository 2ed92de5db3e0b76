using CareDialog.Compliance.Platforms;

namespace CareDialog.Compliance.Tests.Rules;

/// <summary>Shorthands for checking a text with the shared engine.</summary>
internal static class Checks
{
    public static CheckResult Run(string text, Jurisdiction j, Platform? platform = null, bool media = false, bool publicReply = false,
        IReadOnlyList<ConsentReference>? consents = null, DateOnly? publishOn = null, IReadOnlyList<string>? ownContacts = null) =>
        ComplianceEngine.Default.Check(new CheckRequest(text, j, platform, consents, publishOn, ownContacts, publicReply, media));

    public static IReadOnlyList<Finding> Of(this CheckResult result, string rule) => result.Findings.Where(f => f.Rule == rule).ToList();

    public static Finding Single(this CheckResult result, string rule)
    {
        var found = result.Of(rule);
        Assert.True(found.Count == 1, $"expected one {rule} finding, got {found.Count}: {Describe(result)}");
        return found[0];
    }

    public static string SpanText(string text, Finding f) => text.Substring(f.Start, f.Length);

    public static string Describe(CheckResult result) =>
        result.Findings.Count == 0 ? "(no findings)" : string.Join("; ", result.Findings.Select(f => $"{f.Rule}@{f.Start}+{f.Length}"));
}
