using System.Text;
using CareDialog.Compliance.Platforms;
using CareDialog.Compliance.Rules;

namespace CareDialog.Compliance.Tests.Rules;

/// <summary>Platform limits and personal data as findings, odd input, concurrency and the benchmark baseline.</summary>
public class EngineTests
{
    [Fact]
    public void XPost_Over280WeightedCharacters_IsBlocked_AndTheSpanIsTheOverflow()
    {
        var text = new string('a', 270) + " " + new string('b', 20);

        var f = Checks.Run(text, Jurisdiction.EU, Platform.X).Single("PLATFORM.LENGTH");

        Assert.Equal(Severity.Block, f.Severity);
        Assert.Equal(Categories.PlatformLimit, f.Category);
        Assert.Equal(280, f.Start);
        Assert.Equal(text.Length - 280, f.Length);
        Assert.Contains("291/280", f.MessageEn);
    }

    [Fact]
    public void XPost_WithCjkCharacters_CountsThemDouble_AndLatinExtendedSingle()
    {
        var text = new string('ş', 100) + new string('你', 100);

        var f = Checks.Run(text, Jurisdiction.TR, Platform.X).Single("PLATFORM.LENGTH");

        // 100 × ş (weight 1) + 90 × 你 (weight 2) = 280: the overflow starts at the 91st CJK character.
        Assert.Contains("300/280", f.MessageEn);
        Assert.Equal(190, f.Start);
    }

    [Fact]
    public void Post_WithinTheLimit_OrWithoutAPlatform_HasNoPlatformFinding()
    {
        var text = new string('a', 280);

        Assert.Empty(Checks.Run(text, Jurisdiction.EU, Platform.X).Of("PLATFORM.LENGTH"));
        Assert.Empty(Checks.Run(text + text, Jurisdiction.EU).Findings);
    }

    [Fact]
    public void InstagramCaption_With31Hashtags_IsBlocked_FromTheThirtyFirstTag()
    {
        var tags = Enumerable.Range(1, 31).Select(i => "#tag" + i).ToList();
        var text = "Sağlıklı yaşam " + string.Join(" ", tags);

        var f = Checks.Run(text, Jurisdiction.TR, Platform.Instagram).Single("PLATFORM.HASHTAGS");

        Assert.Equal("#tag31", Checks.SpanText(text, f));
        Assert.Contains("31", f.Message);
    }

    [Fact]
    public void InstagramCaption_With30Hashtags_And20Mentions_IsWithinTheCaps()
    {
        var text = string.Join(" ", Enumerable.Range(1, 30).Select(i => "#t" + i)) + " " + string.Join(" ", Enumerable.Range(1, 20).Select(i => "@u" + i));

        var result = Checks.Run(text, Jurisdiction.EU, Platform.Instagram);

        Assert.Empty(result.Of("PLATFORM.HASHTAGS"));
        Assert.Empty(result.Of("PLATFORM.MENTIONS"));
    }

    [Fact]
    public void InstagramCaption_With21Mentions_IsBlocked_ButEmailAddressesAreNotMentions()
    {
        var text = "info@klinik.dk " + string.Join(" ", Enumerable.Range(1, 21).Select(i => "@user." + i));

        var f = Checks.Run(text, Jurisdiction.DK, Platform.Instagram).Single("PLATFORM.MENTIONS");

        Assert.Equal("@user.21", Checks.SpanText(text, f));
    }

    [Fact]
    public void HashtagCap_AppliesToInstagramOnly()
    {
        var text = string.Join(" ", Enumerable.Range(1, 40).Select(i => "#t" + i));

        Assert.Empty(Checks.Run(text, Jurisdiction.EU, Platform.Facebook).Of("PLATFORM.HASHTAGS"));
    }

    [Fact]
    public void TurkishIdentityNumber_IsABlockingPersonalDataFinding_InTheJurisdictionsLanguage()
    {
        const string text = "Hastamızın T.C. kimlik numarası 17291716060 olarak kayıtlıdır.";

        var f = Checks.Run(text, Jurisdiction.TR).Single("PRIVACY.TR_TCKN");

        Assert.Equal("17291716060", Checks.SpanText(text, f));
        Assert.Equal(Severity.Block, f.Severity);
        Assert.Equal(Categories.PersonalData, f.Category);
        Assert.Contains("Kimlik", f.Message);
        Assert.Contains("KVKK", f.Source);
    }

    [Fact]
    public void PhoneNumberOfAPatient_IsAWarningPersonalDataFinding()
    {
        var f = Checks.Run("Hastamız Ayşe'ye ulaşmak için: 0532 123 45 67", Jurisdiction.TR).Single("PRIVACY.PHONE");

        Assert.Equal(Severity.Warn, f.Severity);
    }

    [Fact]
    public void PersonalDataKind_WithoutASpecificText_UsesTheGeneralTextAndAStableRuleId()
    {
        var (rule, severity) = PrivacyFindings.RuleOf("some-new-kind");

        Assert.Equal("PRIVACY.SOME_NEW_KIND", rule);
        Assert.Equal(Severity.Warn, severity);
        Assert.Equal(("PRIVACY.HEALTH_NAME", Severity.Block), PrivacyFindings.RuleOf(CareDialog.Compliance.Detectors.PersonalDataKinds.HealthName));
    }

    [Theory]
    [InlineData("\uD800")]
    [InlineData("\uDC00en iyi\uD800")]
    [InlineData("garanti\uD83D")]
    [InlineData("\u200F\u202Een iyi\u202C\u200E")]
    [InlineData("👩\u200D⚕️\u200D\u200D en\u200Diyi")]
    [InlineData("\uFEFF\uFFFE\uFFFF")]
    [InlineData("#")]
    [InlineData("##")]
    [InlineData("'")]
    [InlineData("%")]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    [InlineData("İ\u0307\u0307\u0307")]
    [InlineData("ﬃ ß ǆ Ǳ ŉ")]
    public void OddUnicode_DoesNotThrow_AndSpansStayInsideTheText(string text)
    {
        foreach (var j in Enum.GetValues<Jurisdiction>())
        {
            foreach (var p in new Platform?[] { null, Platform.X, Platform.Instagram })
            {
                var result = Checks.Run(text, j, p, media: true, publicReply: true);

                Assert.All(result.Findings, f => Assert.True(f.Start >= 0 && f.Length >= 0 && f.Start + f.Length <= text.Length));
            }
        }
    }

    [Fact]
    public void RightToLeftMarksAndZeroWidthJoiners_InsideATrigger_DoNotHideIt()
    {
        const string text = "\u202Bga\u200Dran\u200Cti\u202C";

        Assert.NotEmpty(Checks.Run(text, Jurisdiction.TR).Of("TR.GUARANTEE"));
    }

    [Fact]
    public void OneMegabyteInput_OfMixedText_IsCheckedWithoutThrowing_AndFindsTheTriggersInIt()
    {
        var sb = new StringBuilder();
        var piece = "Kliniğimiz İstanbul'un en iyi kliniği 😊 Имеются противопоказания. Danmarks bedste! \uD800 #eniyiklinik ";
        while (sb.Length < 1_048_576)
        {
            sb.Append(piece);
        }

        var text = sb.ToString();

        var result = Checks.Run(text, Jurisdiction.TR, Platform.X, media: true, publicReply: true);

        Assert.True(result.Of("TR.SUPERIORITY").Count > 1000);
        Assert.Single(result.Of("PLATFORM.LENGTH"));
        Assert.All(result.Findings, f => Assert.True(f.Start + f.Length <= text.Length));
    }

    [Theory]
    [InlineData("eniyigaranti", Jurisdiction.TR)]
    [InlineData("#eniyigaranti", Jurisdiction.TR)]
    [InlineData("en iyi korunma yolu aşıdır, garanti veremeyiz ama garantili! ", Jurisdiction.TR)]
    [InlineData("Myth: vaccines cause autism. ", Jurisdiction.EU)]
    [InlineData("Имеются противопоказания. Скидка! ", Jurisdiction.RU)]
    [InlineData("a\u0301\u0301\u0301\u0301", Jurisdiction.DK)]
    public void PathologicalMegabyte_OfOneRepeatedPattern_IsCheckedWithoutThrowing(string unit, Jurisdiction j)
    {
        // These shapes once made exception checks and word scans quadratic; the suite's run time is the guard.
        var text = string.Concat(Enumerable.Repeat(System.Text.RegularExpressions.Regex.Unescape(unit), 1_048_576 / unit.Length + 1));

        var result = Checks.Run(text, j, Platform.X, media: true, publicReply: true);

        Assert.All(result.Findings, f => Assert.True(f.Start >= 0 && f.Start + f.Length <= text.Length));
    }

    [Fact]
    public void NullRequestOrText_IsRejected_AndUndefinedJurisdictionToo()
    {
        Assert.Throws<ArgumentNullException>(() => ComplianceEngine.Default.Check(null!));
        Assert.Throws<ArgumentNullException>(() => ComplianceEngine.Default.Check(new CheckRequest(null!, Jurisdiction.TR)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplianceEngine.Default.Check(new CheckRequest("x", (Jurisdiction)99)));
    }

    [Fact]
    public void ConcurrentChecks_OnTheSharedEngine_GiveTheSameFindingsAsSequentialOnes()
    {
        var texts = ComplianceEngine.Default.PackSet.Rules.SelectMany(r => r.PositiveExamples.Concat(r.NegativeExamples)).ToList();
        var expected = texts.Select(t => Checks.Describe(Checks.Run(t, Jurisdiction.TR))).ToList();

        var actual = new string[texts.Count];
        Parallel.For(0, texts.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % texts.Count;
            actual[k] = Checks.Describe(Checks.Run(texts[k], Jurisdiction.TR));
        });

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Default_IsOneSharedInstance()
    {
        Assert.Same(ComplianceEngine.Default, ComplianceEngine.Default);
        Assert.NotSame(ComplianceEngine.Default, ComplianceEngine.Load());
    }

    [Fact]
    public void NaiveBaseline_BuildsOneRegexPerRuleOfTheJurisdiction_AndFindsTheSameExamples()
    {
        var rulesForTr = ComplianceEngine.Default.PackSet.Rules.Count(r => (r.Jurisdictions & (1u << (int)Jurisdiction.TR)) != 0 && r.Kind != RuleKind.Partial);

        Assert.Equal(rulesForTr, NaiveBaseline.RegexCount(Jurisdiction.TR));
        Assert.True(NaiveBaseline.CountMatches("Ortodontide en iyi klinik, garantili!", Jurisdiction.TR) >= 2);
        foreach (var j in Enum.GetValues<Jurisdiction>())
        {
            var examples = ComplianceEngine.Default.PackSet.Rules.Where(r => (r.Jurisdictions & (1u << (int)j)) != 0).SelectMany(r => r.PositiveExamples);
            Assert.True(NaiveBaseline.CountMatches(string.Join("\n", examples), j) > 0, j.ToString());
            Assert.Equal(0, NaiveBaseline.CountMatches("", j));
        }
    }
}
