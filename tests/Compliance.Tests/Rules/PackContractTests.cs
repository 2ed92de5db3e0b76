using System.Globalization;
using System.Text;
using CareDialog.Compliance.Rules;
using Xunit.Abstractions;

namespace CareDialog.Compliance.Tests.Rules;

/// <summary>The promises every pack keeps, checked on the packs as shipped.</summary>
public class PackContractTests(ITestOutputHelper output)
{
    private static IReadOnlyList<RuleDefinition> AllRules => ComplianceEngine.Default.PackSet.Rules;

    [Fact]
    public void EmbeddedPacks_AreTheFiveJurisdictionsAndMisinformation()
    {
        var names = ComplianceEngine.Default.Packs.Select(p => p.Name).Order().ToArray();

        Assert.Equal(["DK", "EU", "FI", "MIS", "RU", "TR"], names);
    }

    [Theory]
    [InlineData("DK", true)]
    [InlineData("FI", true)]
    [InlineData("TR", false)]
    [InlineData("RU", false)]
    public void PackHeader_IncludesTheEuPackOnlyForEuMemberStates_AndSaysWhy(string pack, bool includesEu)
    {
        var header = ComplianceEngine.Default.Packs.Single(p => p.Name == pack);

        Assert.Equal(includesEu, header.Includes.Contains("EU"));
        Assert.False(string.IsNullOrWhiteSpace(header.IncludesReason));
    }

    [Theory]
    [InlineData(Jurisdiction.DK, "EU.REPLY_CONFIRMS_PATIENT", true)]
    [InlineData(Jurisdiction.FI, "EU.REPLY_CONFIRMS_PATIENT", true)]
    [InlineData(Jurisdiction.EU, "EU.REPLY_CONFIRMS_PATIENT", true)]
    [InlineData(Jurisdiction.TR, "EU.REPLY_CONFIRMS_PATIENT", false)]
    [InlineData(Jurisdiction.RU, "EU.REPLY_CONFIRMS_PATIENT", false)]
    [InlineData(Jurisdiction.TR, "MIS.VACCINE_AUTISM", true)]
    [InlineData(Jurisdiction.RU, "MIS.VACCINE_AUTISM", true)]
    [InlineData(Jurisdiction.DK, "TR.SUPERIORITY", false)]
    public void Rule_IsCheckedExactlyInTheJurisdictionsItsPackAppliesTo(Jurisdiction j, string rule, bool applies)
    {
        Assert.Equal(applies, ComplianceEngine.Default.Rule(rule)!.Jurisdictions.Contains(j));
    }

    [Fact]
    public void EveryRule_WithConfidenceSOrU_ShipsAsWarn()
    {
        var offenders = AllRules.Where(r => r.Confidence != "C" && r.Severity == Severity.Block).Select(r => r.Id).ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void PackLoader_RuleMarkedBlockWithUnconfirmedResearch_IsRefused()
    {
        var pack = MinimalPack("""{ "id": "XX.BAD", "ref": "X-1", "category": "banned-claim", "severity": "block", "confidence": "S", "triggers": ["x"] }""");

        var e = Assert.Throws<InvalidOperationException>(() => PackLoader.Parse(pack));

        Assert.Contains("must ship as warn", e.Message);
    }

    [Fact]
    public void PackLoader_CategoryOutsideTheVocabulary_IsRefused()
    {
        var pack = MinimalPack("""{ "id": "XX.BAD", "ref": "X-1", "category": "advertising", "severity": "warn", "confidence": "C", "triggers": ["x"] }""");

        var e = Assert.Throws<InvalidOperationException>(() => PackLoader.Parse(pack));

        Assert.Contains("category", e.Message);
    }

    [Fact]
    public void EveryRule_HasAReferenceASourceAndAtLeastThreeExamplesEachWay()
    {
        foreach (var r in AllRules)
        {
            Assert.Matches(@"^(TR|DK|FI|RU|EU|MIS)-[0-9A-Z]+$", r.Ref);
            Assert.False(string.IsNullOrWhiteSpace(r.Law), r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Article), r.Id);
            Assert.StartsWith("http", r.Url);
            Assert.True(r.PositiveExamples.Count >= 3, $"{r.Id} has {r.PositiveExamples.Count} positive examples");
            Assert.True(r.NegativeExamples.Count >= 3, $"{r.Id} has {r.NegativeExamples.Count} negative examples");
        }
    }

    [Fact]
    public void EveryRule_HasMessageAndSuggestionInEnglishAndInTheLanguageOfEveryJurisdictionItIsCheckedIn()
    {
        foreach (var r in AllRules)
        {
            foreach (var j in PackExampleTests.JurisdictionsOf(r))
            {
                var lang = PackLoader.LanguageOf(j);
                Assert.True(r.Message.ContainsKey(lang) && r.Suggestion.ContainsKey(lang), $"{r.Id} lacks '{lang}'");
            }

            Assert.True(r.Message.ContainsKey("en") && r.Suggestion.ContainsKey("en"), $"{r.Id} lacks 'en'");
        }
    }

    [Fact]
    public void ConsentCanSatisfy_IsOnlyOnTestimonialBeforeAfterAndPatientImageRules()
    {
        foreach (var r in AllRules.Where(r => r.ConsentCanSatisfy))
        {
            Assert.Contains(r.ConsentUse, new[] { ConsentUses.Testimonial, ConsentUses.BeforeAfter, ConsentUses.PatientImage });
            Assert.Contains(r.Category, new[] { Categories.Testimonial, Categories.BeforeAfter, Categories.PersonalData });
        }

        Assert.Contains(AllRules, r => r.ConsentUse == ConsentUses.Testimonial);
        Assert.Contains(AllRules, r => r.ConsentUse == ConsentUses.BeforeAfter);
        Assert.Contains(AllRules, r => r.ConsentUse == ConsentUses.PatientImage);
    }

    [Fact]
    public void RequiredTexts_OfTheResearch_AreModelledWithTheirPartialFindings()
    {
        Assert.Equal("RU.AD_WARNING", ComplianceEngine.Default.PackSet.Rules.Single(r => r.Id == "RU.AD_WARNING_PARTIAL").PartialOf);
        Assert.Equal("TR.SURGICAL_DISCLAIMER", ComplianceEngine.Default.PackSet.Rules.Single(r => r.Id == "TR.SURGICAL_DISCLAIMER_PARTIAL").PartialOf);
        Assert.Equal(Categories.MandatoryDisclaimer, ComplianceEngine.Default.Rule("RU.AD_WARNING")!.Category);
    }

    [Fact]
    public void EveryCategory_OfTheFixedVocabulary_IsProducedByTheEngine()
    {
        var ruleCategories = AllRules.Select(r => r.Category).ToHashSet();
        var platform = Checks.Run(new string('a', 300), Jurisdiction.EU, CareDialog.Compliance.Platforms.Platform.X);

        foreach (var category in Categories.All.Except([Categories.PlatformLimit]))
        {
            Assert.Contains(category, ruleCategories);
        }

        Assert.Contains(platform.Findings, f => f.Category == Categories.PlatformLimit);
    }

    [Fact]
    public void TurkishCasing_DiffersFromInvariantCasingOnlyForDottedAndDotlessCapitalI()
    {
        // The Turkish folding table is the invariant one with these letters redone; this proves no other letter needed redoing.
        var tr = new CultureInfo("tr-TR").TextInfo;
        var invariant = CultureInfo.InvariantCulture.TextInfo;
        var differing = new List<char>();
        for (var c = 0; c < 65536; c++)
        {
            if (!char.IsSurrogate((char)c) && tr.ToLower((char)c) != invariant.ToLower((char)c))
            {
                differing.Add((char)c);
            }
        }

        Assert.Equal(TextFolding.TurkishCasedLetters.Order(), differing.Order());
    }

    [Fact]
    public void LoadTime_OfAllPacks_IsReported()
    {
        // Timing is asserted by the benchmark, not here: a shared CI machine would make a bound flaky.
        var cold = ComplianceEngine.Load();

        output.WriteLine($"ComplianceEngine.LoadTime (Default, first use): {ComplianceEngine.LoadTime.TotalMilliseconds:F1} ms");
        output.WriteLine($"Another Load() in the same process: {cold.PackLoadTime.TotalMilliseconds:F1} ms; {cold.Rules.Count} rules, {cold.Compiled.Patterns.Length} patterns, {cold.Compiled.StateCount} automaton states");
        Assert.True(ComplianceEngine.LoadTime > TimeSpan.Zero);
    }

    private static List<(string, byte[])> MinimalPack(string rule)
    {
        var system = string.Join(",", new[] { "PLATFORM.LENGTH", "PLATFORM.HASHTAGS", "PLATFORM.MENTIONS", "PLATFORM.TITLE", "PLATFORM.CHARACTERS" }
            .Select(k => $$"""  "{{k}}": { "message": { "en": "m" }, "suggestion": { "en": "s" } }"""));
        var files = new List<(string, byte[])>();
        foreach (var j in Enum.GetValues<Jurisdiction>())
        {
            var rules = j == Jurisdiction.EU ? ReplaceRule(rule) : "";
            var json = $$"""
                { "pack": "{{j}}", "language": "en", "appliesTo": ["{{j}}"], "includesReason": "test",
                  "system": { {{system}}, "PRIVACY": { "message": { "en": "m" }, "suggestion": { "en": "s" }, "source": { "law": "l", "article": "a", "url": "https://x" } } },
                  "rules": [ {{rules}} ] }
                """;
            files.Add(($"{j}.json", Encoding.UTF8.GetBytes(json)));
        }

        return files;
    }

    private static string ReplaceRule(string rule) =>
        rule.TrimEnd().TrimEnd('}') + """
            , "message": { "en": "m" }, "suggestion": { "en": "s" }, "source": { "law": "l", "article": "a", "url": "https://x" },
              "examples": { "positive": [], "negative": [] } }
            """;
}
