using CareDialog.Compliance.Rules;

namespace CareDialog.Compliance.Tests.Rules;

/// <summary>
/// The examples written into every pack are the rule's specification: each positive example must produce a finding of its rule,
/// no negative example may, in every jurisdiction the rule is checked in.
/// </summary>
public class PackExampleTests
{
    public static TheoryData<string, Jurisdiction, string> PositiveExamples() => Examples(positive: true);

    public static TheoryData<string, Jurisdiction, string> NegativeExamples() => Examples(positive: false);

    [Theory]
    [MemberData(nameof(PositiveExamples))]
    public void PositiveExample_OfARule_YieldsAFindingOfThatRule(string rule, Jurisdiction jurisdiction, string text)
    {
        var result = Check(rule, jurisdiction, text);

        Assert.True(result.Of(rule).Count > 0, $"{rule} did not fire on “{text}” ({jurisdiction}); found: {Checks.Describe(result)}");
    }

    [Theory]
    [MemberData(nameof(NegativeExamples))]
    public void NegativeExample_OfARule_YieldsNoFindingOfThatRule(string rule, Jurisdiction jurisdiction, string text)
    {
        var result = Check(rule, jurisdiction, text);

        Assert.True(result.Of(rule).Count == 0, $"{rule} fired on “{text}” ({jurisdiction}) at: {string.Join(", ", result.Of(rule).Select(f => $"“{Checks.SpanText(text, f)}”"))}");
    }

    [Fact]
    public void PositiveExample_OfAMediaOrReplyRule_WithoutMediaOrReply_YieldsNoFindingOfThatRule()
    {
        foreach (var rule in ComplianceEngine.Default.PackSet.Rules.Where(r => r.RequiresMedia || r.PublicReplyOnly))
        {
            foreach (var text in rule.PositiveExamples)
            {
                var result = Checks.Run(text, FirstJurisdiction(rule), media: !rule.RequiresMedia, publicReply: !rule.PublicReplyOnly);

                Assert.True(result.Of(rule.Id).Count == 0, $"{rule.Id} fired on “{text}” without {(rule.RequiresMedia ? "media" : "a public reply")}");
            }
        }
    }

    private static CheckResult Check(string ruleId, Jurisdiction jurisdiction, string text)
    {
        var rule = ComplianceEngine.Default.PackSet.Rules.Single(r => r.Id == ruleId);
        return Checks.Run(text, jurisdiction, media: rule.RequiresMedia, publicReply: rule.PublicReplyOnly);
    }

    private static TheoryData<string, Jurisdiction, string> Examples(bool positive)
    {
        var data = new TheoryData<string, Jurisdiction, string>();
        foreach (var rule in ComplianceEngine.Default.PackSet.Rules)
        {
            foreach (var j in JurisdictionsOf(rule))
            {
                foreach (var text in positive ? rule.PositiveExamples : rule.NegativeExamples)
                {
                    data.Add(rule.Id, j, text);
                }
            }
        }

        return data;
    }

    internal static IEnumerable<Jurisdiction> JurisdictionsOf(RuleDefinition rule) =>
        Enum.GetValues<Jurisdiction>().Where(j => (rule.Jurisdictions & (1u << (int)j)) != 0);

    private static Jurisdiction FirstJurisdiction(RuleDefinition rule) => JurisdictionsOf(rule).First();
}
