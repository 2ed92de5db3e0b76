using CareDialog.Compliance.Platforms;

namespace CareDialog.Compliance.Tests.Rules;

/// <summary>Real-language matching, the false alarms it must not raise, and the mandatory-text rules, end to end.</summary>
public class EngineBehaviourTests
{
    [Theory]
    [InlineData("Kliniğimiz EN İYİ hizmeti sunar", "EN İYİ")]
    [InlineData("Kliniğimiz en iyi hizmeti sunar", "en iyi")]
    [InlineData("Kliniğimiz En İyi hizmeti sunar", "En İyi")]
    [InlineData("🦷✨ #eniyiklinik burada", "eniyi")]
    public void Superiority_InTurkishCasingsAndHashtags_IsFoundAtTheOriginalWords(string text, string words)
    {
        var f = Checks.Run(text, Jurisdiction.TR).Single("TR.SUPERIORITY");
        Assert.Equal(words, Checks.SpanText(text, f));
        Assert.Equal(Severity.Block, f.Severity);
    }

    [Theory]
    [InlineData(Jurisdiction.TR, "En iyi korunma yolu aşıdır.")]
    [InlineData(Jurisdiction.DK, "Den bedste måde at forebygge influenza på er vaccination.")]
    [InlineData(Jurisdiction.FI, "Myytti: rokotteet aiheuttavat autismia. Fakta: eivät aiheuta.")]
    [InlineData(Jurisdiction.EU, "Myth: vaccines cause autism. Fact: they do not.")]
    [InlineData(Jurisdiction.TR, "Ücretsiz grip aşısı kampanyası başladı, aile hekiminize başvurun.")]
    [InlineData(Jurisdiction.FI, "Rokotusohjelman rokotteet ovat maksuttomia.")]
    [InlineData(Jurisdiction.TR, "Garanti veremeyiz; her tedavi kişiye özeldir.")]
    public void GeneralAdviceMythBustingFreeProgrammesAndNegations_RaiseNoFinding(Jurisdiction j, string text) =>
        Assert.Equal(Verdict.Pass, Checks.Run(text, j).Verdict);

    [Fact]
    public void Misinformation_StatedAsFact_IsAWarning()
    {
        var result = Checks.Run("Vaccines cause autism.", Jurisdiction.EU);
        Assert.Equal(Verdict.Warn, result.Verdict);
        Assert.Equal(Categories.Misinformation, Assert.Single(result.Findings).Category);
    }

    [Theory]
    [InlineData("Флюорография. ИМЕЮТСЯ ПРОТИВОПОКАЗАНИЯ. НЕОБХОДИМО ПРОКОНСУЛЬТИРОВАТЬСЯ СО СПЕЦИАЛИСТОМ")]
    [InlineData("Платные услуги УЗИ. имеются\nпротивопоказания, необходимо   проконсультироваться со специалистом.")]
    public void RussianAdWarning_InAnyCaseAndSplitAcrossLines_IsAccepted(string text) =>
        Assert.DoesNotContain(Checks.Run(text, Jurisdiction.RU).Findings, f => f.Category == Categories.MandatoryDisclaimer && f.Severity == Severity.Block);

    [Fact]
    public void RussianAdWarning_Partial_IsFlaggedAsPartial()
    {
        const string text = "Платные услуги УЗИ. Имеются противопоказания.";
        var f = Checks.Run(text, Jurisdiction.RU).Single("RU.AD_WARNING_PARTIAL");
        Assert.Equal("противопоказания", Checks.SpanText(text, f));
    }

    [Fact]
    public void NationalIdAndPhone_AreReportedAsPersonalData_OwnNumberIsNot()
    {
        const string text = "Telefon: 0532 111 22 33, TC 10000000146. Bize 0212 345 67 89 numarasından ulaşın.";
        var result = Checks.Run(text, Jurisdiction.TR, ownContacts: ["+90 212 345 67 89"]);

        Assert.Equal("10000000146", Checks.SpanText(text, result.Single("PRIVACY.TR_TCKN")));
        Assert.Equal("0532 111 22 33", Checks.SpanText(text, result.Single("PRIVACY.PHONE")));
        Assert.Equal(Verdict.Block, result.Verdict);
    }

    [Fact]
    public void Consent_SatisfiesOnlyWhenUseChannelAndDateMatchAndNotWithdrawn()
    {
        const string text = "Minik hastamız Elif taburcu oldu, ona sağlıklı günler diliyoruz 💙";
        var day = new DateOnly(2026, 3, 20);
        ConsentReference Consent(string use = ConsentUses.PatientImage, Platform? only = null, DateOnly? to = null, bool withdrawn = false) =>
            new("C-1", new HashSet<string> { use }, only is { } p ? new HashSet<Platform> { p } : null, day.AddDays(-1), to ?? day.AddDays(30), withdrawn);
        Finding Run(ConsentReference c) =>
            Checks.Run(text, Jurisdiction.TR, Platform.Instagram, media: true, consents: [c], publishOn: day).Single("TR.PATIENT_IMAGE");

        Assert.True(Run(Consent()).Satisfied);
        Assert.Equal("C-1", Run(Consent()).SatisfiedBy);
        Assert.False(Run(Consent(use: ConsentUses.Testimonial)).Satisfied);
        Assert.False(Run(Consent(only: Platform.Facebook)).Satisfied);
        Assert.False(Run(Consent(to: day.AddDays(-1))).Satisfied);
        Assert.False(Run(Consent(withdrawn: true)).Satisfied);
        Assert.True(Checks.Run(text, Jurisdiction.TR, Platform.Instagram, media: true).Single("TR.PATIENT_IMAGE").ConsentCanSatisfy);
    }

    [Fact]
    public void Telegram_WithMedia_UsesTheCaptionLimit()
    {
        var text = new string('a', 1100);
        Assert.Empty(Checks.Run(text, Jurisdiction.EU, Platform.Telegram).Of("PLATFORM.LENGTH"));
        var f = Checks.Run(text, Jurisdiction.EU, Platform.Telegram, media: true).Single("PLATFORM.LENGTH");
        Assert.Equal(1024, f.Start);
    }

    [Fact]
    public void OddUnicode_DoesNotThrowAndKeepsSpansInside()
    {
        var text = "\uD800 en iyi \u200F\u202E klinik \u200D👨‍👩‍👧 \uDFFF" + new string('x', 10_000);
        var result = Checks.Run(text, Jurisdiction.TR, Platform.X);
        Assert.All(result.Findings, f => Assert.InRange(f.Start + f.Length, f.Start, text.Length));
    }
}
