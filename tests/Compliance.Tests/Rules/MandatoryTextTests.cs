namespace CareDialog.Compliance.Tests.Rules;

/// <summary>Texts a post must carry: the Russian medical-advertising warning and the Turkish surgical notice.</summary>
public class MandatoryTextTests
{
    private const string RuAd = "Скидка 20% на УЗИ брюшной полости! Запишитесь по телефону.";
    private const string TrSurgical = "Rinoplasti ameliyatı hakkında merak edilenler: iyileşme süreci 1-2 hafta.";
    private const string TrNotice = "Her cerrahi veya girişimsel işlemde sonuçlar kişiden kişiye değişiklik gösterebilir. İşlem öncesinde hekiminizden detaylı görüş almanız önerilir.";

    [Fact]
    public void RussianMedicalAd_WithoutTheWarning_IsBlockedAndPointsAtTheAdvertisingWords()
    {
        var result = Checks.Run(RuAd, Jurisdiction.RU);

        var f = result.Single("RU.AD_WARNING");
        Assert.Equal(Severity.Block, f.Severity);
        Assert.Equal(Categories.MandatoryDisclaimer, f.Category);
        Assert.Equal("Скидка", Checks.SpanText(RuAd, f));
        Assert.Equal(Verdict.Block, result.Verdict);
    }

    [Theory]
    [InlineData("Имеются противопоказания. Необходимо проконсультироваться со специалистом.")]
    [InlineData("ИМЕЮТСЯ ПРОТИВОПОКАЗАНИЯ. НЕОБХОДИМО ПРОКОНСУЛЬТИРОВАТЬСЯ СО СПЕЦИАЛИСТОМ")]
    [InlineData("имеются противопоказания, необходимо проконсультироваться со специалистом")]
    [InlineData("ИмЕюТсЯ ПрОтИвОпОкАзАнИя. НеОбХоДиМо ПрОкОнСуЛьТиРоВаТьСя Со СпЕцИаЛиСтОм")]
    [InlineData("Имеются\nпротивопоказания.\nНеобходимо\nпроконсультироваться\nсо\nспециалистом.")]
    [InlineData("Имеются    противопоказания.\r\n\r\n   Необходимо   проконсультироваться   со   специалистом")]
    [InlineData("Имеются противопоказания. Необходима консультация специалиста.")]
    [InlineData("Имеются противопоказания. Ознакомьтесь с инструкцией или проконсультируйтесь с врачом.")]
    [InlineData("Имеются противопоказания.\u00A0Необходимо проконсультироваться со\u00A0специалистом.")]
    public void RussianMedicalAd_WithTheWarningInAnyCaseWhitespaceOrWording_IsAccepted(string warning)
    {
        var result = Checks.Run(RuAd + "\n" + warning, Jurisdiction.RU);

        Assert.Empty(result.Of("RU.AD_WARNING"));
        Assert.Empty(result.Of("RU.AD_WARNING_PARTIAL"));
    }

    [Theory]
    [InlineData("Имеются противопоказания.", "противопоказания")]
    [InlineData("ИМЕЮТСЯ\nПРОТИВОПОКАЗАНИЯ", "ПРОТИВОПОКАЗАНИЯ")]
    [InlineData("Необходимо проконсультироваться со специалистом.", "проконсультироваться со специалистом")]
    public void RussianMedicalAd_WithHalfTheWarning_GetsAPartialFindingAtTheHalfThatIsThere(string half, string expectedSpan)
    {
        var text = RuAd + "\n" + half;

        var result = Checks.Run(text, Jurisdiction.RU);

        Assert.Empty(result.Of("RU.AD_WARNING"));
        var f = result.Single("RU.AD_WARNING_PARTIAL");
        Assert.Equal(expectedSpan, Checks.SpanText(text, f));
        Assert.Equal(Severity.Block, f.Severity);
    }

    [Fact]
    public void RussianInformationalPost_WithoutAdvertising_NeedsNoWarning()
    {
        Assert.Empty(Checks.Run("Как правильно чистить зубы: советы стоматолога.", Jurisdiction.RU).Of("RU.AD_WARNING"));
    }

    [Fact]
    public void RussianAd_ForProfessionalsOnly_IsExempt()
    {
        Assert.Empty(Checks.Run("Конференция для медицинских работников: новые методы диагностики. Стоимость 2000 руб.", Jurisdiction.RU).Of("RU.AD_WARNING"));
    }

    [Fact]
    public void RussianAd_WithoutTheReklamaLabel_Warns_AndWithLabelAndErid_DoesNot()
    {
        Assert.Equal(Severity.Warn, Checks.Run(RuAd, Jurisdiction.RU).Single("RU.AD_LABEL").Severity);

        var labelled = Checks.Run("Реклама. ООО «Клиника», ИНН 7701234567, erid: 2VtzqxYabc\n" + RuAd, Jurisdiction.RU);
        Assert.Empty(labelled.Of("RU.AD_LABEL"));
        Assert.Empty(labelled.Of("RU.AD_LABEL_PARTIAL"));
    }

    [Fact]
    public void TurkishSurgicalPost_WithoutTheNotice_NeedsIt()
    {
        var f = Checks.Run(TrSurgical, Jurisdiction.TR).Single("TR.SURGICAL_DISCLAIMER");

        Assert.Equal(Categories.MandatoryDisclaimer, f.Category);
        Assert.Equal("Rinoplasti", Checks.SpanText(TrSurgical, f));
    }

    [Fact]
    public void TurkishSurgicalPost_WithTheNotice_InAnyCase_IsAccepted()
    {
        Assert.DoesNotContain(Checks.Run(TrSurgical + "\n" + TrNotice, Jurisdiction.TR).Findings, f => f.Rule.StartsWith("TR.SURGICAL", StringComparison.Ordinal));
        Assert.DoesNotContain(Checks.Run(TrSurgical + "\n" + TrNotice.ToUpper(new System.Globalization.CultureInfo("tr-TR")), Jurisdiction.TR).Findings,
            f => f.Rule.StartsWith("TR.SURGICAL", StringComparison.Ordinal));
    }

    [Fact]
    public void TurkishSurgicalPost_WithHalfTheNotice_GetsThePartialFinding()
    {
        var result = Checks.Run(TrSurgical + " Her cerrahi veya girişimsel işlemde sonuçlar kişiden kişiye değişiklik gösterebilir.", Jurisdiction.TR);

        Assert.Empty(result.Of("TR.SURGICAL_DISCLAIMER"));
        Assert.Single(result.Of("TR.SURGICAL_DISCLAIMER_PARTIAL"));
    }

    [Fact]
    public void TurkishNonSurgicalPost_NeedsNoNotice()
    {
        Assert.Empty(Checks.Run("Kış aylarında D vitamini eksikliğine dikkat!", Jurisdiction.TR).Of("TR.SURGICAL_DISCLAIMER"));
    }

    [Fact]
    public void TurkishSurgicalNotice_WarnsRatherThanBlocks_BecauseItsScopeIsUnconfirmed()
    {
        Assert.Equal(Severity.Warn, Checks.Run(TrSurgical, Jurisdiction.TR).Single("TR.SURGICAL_DISCLAIMER").Severity);
    }
}
