namespace CareDialog.Compliance.Tests.Rules;

/// <summary>Texts that use trigger words but are not what the rule is about.</summary>
public class FalseAlarmTests
{
    [Theory]
    [InlineData("En iyi korunma yolu aşıdır; risk grubundaysanız aile hekiminize başvurun.", Jurisdiction.TR, "TR.SUPERIORITY")]
    [InlineData("Aşı olmak, grip mevsiminde kendinizi korumanın en iyi yoludur.", Jurisdiction.TR, "TR.SUPERIORITY")]
    [InlineData("Den bedste måde at undgå influenza på er at blive vaccineret.", Jurisdiction.DK, "DK.SUPERLATIVE")]
    [InlineData("Paras tapa suojautua influenssalta on rokotus.", Jurisdiction.FI, "FI.SUPERIORITY")]
    [InlineData("Лучшая профилактика гриппа — вакцинация.", Jurisdiction.RU, "RU.SUPERIORITY")]
    public void GeneralHealthAdvice_UsingBest_IsNotASuperiorityClaim(string text, Jurisdiction j, string rule)
    {
        Assert.Empty(Checks.Run(text, j).Of(rule));
    }

    [Theory]
    [InlineData("Myth: vaccines cause autism. Fact: large studies found no link.", Jurisdiction.EU)]
    [InlineData("Yanlış: “Aşılar otizme neden olur.” Doğru: Bilimsel çalışmalar bu iddiayı çürütmüştür.", Jurisdiction.TR)]
    [InlineData("Myytti: rokotteet aiheuttavat autismia. Tosiasia: tutkimukset eivät ole löytäneet yhteyttä.", Jurisdiction.FI)]
    [InlineData("Миф: прививки вызывают аутизм. Исследования это опровергли.", Jurisdiction.RU)]
    [InlineData("Forkert: vacciner giver autisme. Store studier viser ingen sammenhæng.", Jurisdiction.DK)]
    [InlineData("Vaccines cause autism? That is false, and here is the evidence.", Jurisdiction.EU)]
    public void MythBusting_QuotingAndRefutingAClaim_IsNotMisinformation(string text, Jurisdiction j)
    {
        Assert.DoesNotContain(Checks.Run(text, j).Findings, f => f.Category == Categories.Misinformation);
    }

    [Fact]
    public void MisinformationClaim_WithoutRefutation_IsStillFound()
    {
        Assert.NotEmpty(Checks.Run("Vaccines cause autism, share before they delete this!", Jurisdiction.EU).Of("MIS.VACCINE_AUTISM"));
    }

    [Theory]
    [InlineData("65 yaş üstü vatandaşlarımıza grip aşısı aile hekimliklerinde ücretsiz olarak uygulanmaktadır.")]
    [InlineData("Ulusal aşı takvimindeki tüm aşılar ücretsizdir.")]
    [InlineData("HPV aşısı ücretsiz olarak okullarda uygulanacak.")]
    public void FreePublicVaccinationProgramme_IsNotAPricePromotion(string text)
    {
        Assert.Empty(Checks.Run(text, Jurisdiction.TR).Of("TR.PRICE"));
    }

    [Theory]
    [InlineData("Influenssarokote on ilmainen riskiryhmille hyvinvointialueen terveysasemilla.", Jurisdiction.FI, "FI.DISCOUNT")]
    [InlineData("Influenzavaccinen er gratis for alle over 65 år.", Jurisdiction.DK, "DK.PRICE_COSMETIC")]
    public void FreePublicVaccination_InOtherJurisdictions_IsNotAPricePromotion(string text, Jurisdiction j, string rule)
    {
        Assert.Empty(Checks.Run(text, j).Of(rule));
    }

    [Fact]
    public void ClinicDiscountOnAVaccine_IsStillAPricePromotion()
    {
        Assert.NotEmpty(Checks.Run("HPV aşısında bu aya özel %20 indirim!", Jurisdiction.TR).Of("TR.PRICE"));
    }

    [Theory]
    [InlineData("Sonuçlar kişiden kişiye değişir, kimseye garanti veremeyiz.", Jurisdiction.TR, "TR.GUARANTEE")]
    [InlineData("Hiçbir işlemde sonuç garantisi verilemez.", Jurisdiction.TR, "TR.GUARANTEE")]
    [InlineData("We cannot guarantee results; every patient is different.", Jurisdiction.EU, "EU.HEALTH_CLAIM")]
    [InlineData("Vi kan ikke garantere et bestemt resultat.", Jurisdiction.DK, "DK.GUARANTEE")]
    [InlineData("Der er ingen garanti for et bestemt resultat.", Jurisdiction.DK, "DK.GUARANTEE")]
    [InlineData("Emme voi taata tiettyä lopputulosta. Hoidolla ei takuuta ole.", Jurisdiction.FI, "FI.GUARANTEE")]
    [InlineData("Ни один врач не может гарантировать результат.", Jurisdiction.RU, "RU.GUARANTEE")]
    public void NegatedGuarantee_IsNotAGuarantee(string text, Jurisdiction j, string rule)
    {
        Assert.Empty(Checks.Run(text, j).Of(rule));
    }

    [Fact]
    public void GuaranteeAndItsNegation_InOnePost_FlagsOnlyThePromise()
    {
        const string text = "Sonuç garantisi veremeyiz. Ama implantlarımız ömür boyu garantili!";

        var f = Checks.Run(text, Jurisdiction.TR).Single("TR.GUARANTEE");

        Assert.Equal("garantili", Checks.SpanText(text, f));
    }

    [Fact]
    public void BankNamedGaranti_IsNotAGuarantee()
    {
        Assert.Empty(Checks.Run("Otopark ücretini Garanti BBVA kartınızla ödeyebilirsiniz.", Jurisdiction.TR).Of("TR.GUARANTEE"));
    }

    [Fact]
    public void ThankYouWish_AllahSifaVersin_IsNotAnUnprovenCureClaim()
    {
        Assert.Empty(Checks.Run("Geçmiş olsun, Allah şifa versin 🙏", Jurisdiction.TR).Findings);
    }

    [Fact]
    public void OrganisationsOwnPhoneNumber_IsNotReportedAsPersonalData_ButAPatientsIs()
    {
        const string own = "+90 212 444 55 66";
        const string text = "Randevu için 0212 444 55 66 numaralı hattımızı arayabilirsiniz. Hastamızın numarası 0532 123 45 67.";

        var findings = Checks.Run(text, Jurisdiction.TR, ownContacts: [own]).Of("PRIVACY.PHONE");

        Assert.DoesNotContain(findings, f => Checks.SpanText(text, f).Contains("444", StringComparison.Ordinal));
        Assert.Contains(findings, f => Checks.SpanText(text, f).Contains("0532", StringComparison.Ordinal));
    }

    [Fact]
    public void OrdinaryInformationalPost_InEveryLanguage_PassesClean()
    {
        Assert.Equal(Verdict.Pass, Checks.Run("Kış aylarında D vitamini eksikliğine dikkat! Güneşli saatlerde yürüyüş yapın.", Jurisdiction.TR).Verdict);
        Assert.Equal(Verdict.Pass, Checks.Run("Husk at vaske hænder – det forebygger smitte.", Jurisdiction.DK).Verdict);
        Assert.Equal(Verdict.Pass, Checks.Run("Muista käsihygienia: pese kädet ennen ruokailua.", Jurisdiction.FI).Verdict);
        Assert.Equal(Verdict.Pass, Checks.Run("Мойте руки — это защищает от инфекций.", Jurisdiction.RU).Verdict);
        Assert.Equal(Verdict.Pass, Checks.Run("Wash your hands: it stops infections spreading.", Jurisdiction.EU).Verdict);
    }
}
