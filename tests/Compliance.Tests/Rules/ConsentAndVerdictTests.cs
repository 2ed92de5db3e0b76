using CareDialog.Compliance.Platforms;

namespace CareDialog.Compliance.Tests.Rules;

public class ConsentAndVerdictTests
{
    // A Danish testimonial (warn, consent can satisfy) and a Turkish patient photo (block, consent can satisfy).
    private const string Testimonial = "Jeg kan varmt anbefale klinikken – personalet var fantastisk!";
    private const string PatientPhoto = "Minik hastamız Elif taburcu oldu 💙";
    private static readonly DateOnly PublishDay = new(2026, 3, 10);

    private static ConsentReference Consent(string use, IReadOnlySet<Platform>? platforms = null, DateOnly? from = null, DateOnly? to = null, bool withdrawn = false) =>
        new("C-1", new HashSet<string> { use }, platforms, from, to, withdrawn);

    [Fact]
    public void Finding_ThatConsentCanSatisfy_WithoutConsent_IsOpenAndSaysSo()
    {
        var f = Checks.Run(PatientPhoto, Jurisdiction.TR, Platform.Instagram, media: true).Single("TR.PATIENT_IMAGE");

        Assert.True(f.ConsentCanSatisfy);
        Assert.False(f.Satisfied);
        Assert.Null(f.SatisfiedBy);
    }

    [Fact]
    public void Finding_WithAMatchingConsent_IsSatisfiedByThatConsent_AndNoLongerBlocks()
    {
        var result = Checks.Run(PatientPhoto, Jurisdiction.TR, Platform.Instagram, media: true,
            consents: [Consent(ConsentUses.PatientImage, new HashSet<Platform> { Platform.Instagram }, PublishDay.AddDays(-30), PublishDay.AddDays(30))],
            publishOn: PublishDay);

        var f = result.Single("TR.PATIENT_IMAGE");
        Assert.True(f.Satisfied);
        Assert.Equal("C-1", f.SatisfiedBy);
        Assert.NotEqual(Verdict.Block, result.Verdict);
    }

    [Fact]
    public void Consent_WithoutChannelLimit_CoversEveryChannel()
    {
        var f = Checks.Run(Testimonial, Jurisdiction.DK, Platform.Facebook, consents: [Consent(ConsentUses.Testimonial)], publishOn: PublishDay).Single("DK.TESTIMONIAL");

        Assert.True(f.Satisfied);
    }

    [Fact]
    public void Consent_ForAnotherChannel_DoesNotSatisfy()
    {
        var f = Checks.Run(Testimonial, Jurisdiction.DK, Platform.Facebook,
            consents: [Consent(ConsentUses.Testimonial, new HashSet<Platform> { Platform.Instagram })], publishOn: PublishDay).Single("DK.TESTIMONIAL");

        Assert.False(f.Satisfied);
    }

    [Fact]
    public void Consent_LimitedToChannels_WhenTheChannelIsNotKnownYet_DoesNotSatisfy()
    {
        var f = Checks.Run(Testimonial, Jurisdiction.DK, consents: [Consent(ConsentUses.Testimonial, new HashSet<Platform> { Platform.Facebook })]).Single("DK.TESTIMONIAL");

        Assert.False(f.Satisfied);
    }

    [Fact]
    public void Consent_ThatExpiredBeforeThePublishingDay_DoesNotSatisfy()
    {
        var f = Checks.Run(Testimonial, Jurisdiction.DK, Platform.Facebook,
            consents: [Consent(ConsentUses.Testimonial, to: PublishDay.AddDays(-1))], publishOn: PublishDay).Single("DK.TESTIMONIAL");

        Assert.False(f.Satisfied);
    }

    [Fact]
    public void Consent_ValidOnExactlyThePublishingDay_Satisfies()
    {
        var f = Checks.Run(Testimonial, Jurisdiction.DK, Platform.Facebook,
            consents: [Consent(ConsentUses.Testimonial, from: PublishDay, to: PublishDay)], publishOn: PublishDay).Single("DK.TESTIMONIAL");

        Assert.True(f.Satisfied);
    }

    [Fact]
    public void Consent_NotYetValidOnThePublishingDay_DoesNotSatisfy()
    {
        var f = Checks.Run(Testimonial, Jurisdiction.DK, Platform.Facebook,
            consents: [Consent(ConsentUses.Testimonial, from: PublishDay.AddDays(1))], publishOn: PublishDay).Single("DK.TESTIMONIAL");

        Assert.False(f.Satisfied);
    }

    [Fact]
    public void Consent_ThatWasWithdrawn_DoesNotSatisfy()
    {
        var f = Checks.Run(Testimonial, Jurisdiction.DK, Platform.Facebook,
            consents: [Consent(ConsentUses.Testimonial, withdrawn: true)], publishOn: PublishDay).Single("DK.TESTIMONIAL");

        Assert.False(f.Satisfied);
    }

    [Fact]
    public void Consent_ForAnotherUse_DoesNotSatisfy()
    {
        var f = Checks.Run(Testimonial, Jurisdiction.DK, Platform.Facebook, consents: [Consent(ConsentUses.BeforeAfter)], publishOn: PublishDay).Single("DK.TESTIMONIAL");

        Assert.False(f.Satisfied);
    }

    [Fact]
    public void Consent_NeverSatisfiesARuleThatConsentCannotSatisfy()
    {
        // A Turkish domestic thank-you post stays banned with consent (TR-05).
        var findings = Checks.Run("Hocam ellerinize sağlık, çok memnun kaldım!", Jurisdiction.TR, Platform.Facebook,
            consents: [Consent(ConsentUses.Testimonial)], publishOn: PublishDay).Of("TR.TESTIMONIAL");

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.False(f.ConsentCanSatisfy || f.Satisfied));
    }

    [Fact]
    public void Verdict_OfACleanText_IsPass()
    {
        var result = Checks.Run("Grip mevsiminde ellerinizi sık yıkayın.", Jurisdiction.TR);

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Verdict_WithOnlyWarnings_IsWarn()
    {
        var result = Checks.Run("İmplant tedavimizde ömür boyu garanti.", Jurisdiction.TR);

        Assert.All(result.Findings, f => Assert.Equal(Severity.Warn, f.Severity));
        Assert.Equal(Verdict.Warn, result.Verdict);
    }

    [Fact]
    public void Verdict_WithABlockingFinding_IsBlock()
    {
        Assert.Equal(Verdict.Block, Checks.Run("İstanbul'un en iyi diş kliniği!", Jurisdiction.TR).Verdict);
    }

    [Fact]
    public void Verdict_WhenTheOnlyBlockingFindingIsSatisfied_FallsBackToTheRest()
    {
        var result = Checks.Run(PatientPhoto, Jurisdiction.TR, Platform.Instagram, media: true, consents: [Consent(ConsentUses.PatientImage)], publishOn: PublishDay);

        Assert.Equal(CheckResult.VerdictOf(result.Findings), result.Verdict);
        Assert.Equal(Verdict.Pass, result.Verdict);
    }

    [Fact]
    public void Finding_CarriesTheRuleItsLawAndItsConfidence()
    {
        var f = Checks.Run("Danmarks bedste klinik!", Jurisdiction.DK).Single("DK.SUPERLATIVE");

        Assert.Equal(Categories.BannedClaim, f.Category);
        Assert.Contains("§ 2", f.Source);
        Assert.Contains("https://", f.Source);
        Assert.Equal("C", f.Confidence);
        Assert.Contains("saglig", f.Message);
        Assert.Contains("objective", f.MessageEn);
        Assert.Contains("sagligt", f.Suggestion);
        Assert.Contains("objectively", f.SuggestionEn);
    }

    [Fact]
    public void PersonalDataAndPlatformFindings_AlsoCarryAnEnglishSuggestion()
    {
        var findings = Checks.Run("Ring til Anne på 2345 6789 " + new string('x', 300), Jurisdiction.DK, Platform.X).Findings;

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.SuggestionEn), f.Rule));
        Assert.Contains(findings, f => f.Category == Categories.PlatformLimit);
    }

    [Fact]
    public void EuRule_CheckedForFinland_SpeaksFinnish()
    {
        var f = Checks.Run("Your test results have been sent to your GP.", Jurisdiction.FI, publicReply: true).Single("EU.REPLY_CONFIRMS_PATIENT");

        Assert.Contains("potilas", f.Message);
        Assert.Contains("patient", f.MessageEn);
    }

    [Fact]
    public void RuleInfo_GivesTheEnglishSuggestionAndResearchReference()
    {
        var info = ComplianceEngine.Default.Rule("TR.SUPERIORITY")!;

        Assert.Equal("TR-02", info.Ref);
        Assert.False(string.IsNullOrWhiteSpace(info.Suggestions["en"]));
        Assert.NotNull(info.ConfidenceNote);
        Assert.Null(ComplianceEngine.Default.Rule("NO.SUCH_RULE"));
    }
}
