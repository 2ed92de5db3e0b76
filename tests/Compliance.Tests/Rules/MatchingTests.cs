namespace CareDialog.Compliance.Tests.Rules;

/// <summary>Real spelling: case, culture, diacritics, inflection, hashtags, separators — and spans that point at the original text.</summary>
public class MatchingTests
{
    [Theory]
    [InlineData("en iyi")]
    [InlineData("EN İYİ")]
    [InlineData("En İyi")]
    [InlineData("en iyı")]
    [InlineData("EN IYI")]
    [InlineData("en\u00A0iyi")]
    [InlineData("en\n\niyi")]
    [InlineData("en 🦷 iyi")]
    [InlineData("en... iyi")]
    [InlineData("EN İ\u0307Yİ")]
    [InlineData("en iyi\u0307")]
    public void TurkishSuperlative_InAnySpellingOrSeparation_IsFoundAndTheSpanCoversExactlyTheWords(string words)
    {
        var text = "Kliniğimiz şehrin " + words + " kliniğidir.";

        var f = Checks.Run(text, Jurisdiction.TR).Single("TR.SUPERIORITY");

        Assert.Equal(words, Checks.SpanText(text, f));
    }

    [Fact]
    public void Span_AfterTurkishDottedIAndEmoji_PointsAtTheOriginalUtf16Offsets()
    {
        const string text = "İİİ 👩‍⚕️👨‍⚕️ İSTANBUL'UN EN İYİSİ: garantimizdir";

        var result = Checks.Run(text, Jurisdiction.TR);

        Assert.Equal("EN İYİSİ", Checks.SpanText(text, result.Single("TR.SUPERIORITY")));
        Assert.Equal("garantimizdir", Checks.SpanText(text, result.Single("TR.GUARANTEE")));
    }

    [Theory]
    [InlineData("#eniyiklinik", "eniyi")]
    [InlineData("#EnIyiKlinik", "EnIyi")]
    [InlineData("#istanbulEnİyiDişKliniği", "EnİyiDişKliniği")]
    [InlineData("#en_iyi_klinik", "en_iyi")]
    public void Hashtag_ContainingTheTrigger_IsSplitAndTheSpanCoversTheTriggerPart(string hashtag, string expected)
    {
        var text = "Gülüşünüz bizde! " + hashtag;

        var f = Checks.Run(text, Jurisdiction.TR).Of("TR.SUPERIORITY");

        Assert.NotEmpty(f);
        Assert.StartsWith(expected[..5], Checks.SpanText(text, f[0]));
    }

    [Theory]
    [InlineData("#teknoloji")]
    [InlineData("#tekne")]
    [InlineData("#tlc")]
    public void Hashtag_StartingWithAShortTriggerWord_IsNotTakenForIt(string hashtag)
    {
        var result = Checks.Run("Hafta sonu etkinliğimiz " + hashtag, Jurisdiction.TR);

        Assert.Empty(result.Of("TR.SUPERIORITY"));
        Assert.Empty(result.Of("TR.PRICE"));
    }

    [Theory]
    [InlineData("garanti")]
    [InlineData("garantili")]
    [InlineData("garantisi")]
    [InlineData("garantimizdir")]
    [InlineData("GARANTİLİDİR")]
    [InlineData("ga\u200Branti")]
    [InlineData("ga\u00ADrantili")]
    public void TurkishStem_WithAgglutinatedEndingsOrInvisibleCharacters_IsFoundAsOneWord(string word)
    {
        var text = "İmplantta " + word + " var.";

        var f = Checks.Run(text, Jurisdiction.TR).Single("TR.GUARANTEE");

        Assert.Equal(word, Checks.SpanText(text, f));
    }

    [Theory]
    [InlineData("iyileştirme")]
    [InlineData("iyileşme")]
    public void TurkishSuffixList_RejectsDerivationsThatChangeTheMeaning(string word)
    {
        Assert.Empty(Checks.Run("Hizmetlerimizde en " + word + " çalışmaları sürüyor.", Jurisdiction.TR).Of("TR.SUPERIORITY"));
    }

    [Theory]
    [InlineData("takuu")]
    [InlineData("takuulla")]
    [InlineData("takuun")]
    [InlineData("TAKUUSEEN")]
    public void FinnishStem_WithCaseEndings_IsFound(string word)
    {
        Assert.NotEmpty(Checks.Run("Hammasimplantit " + word + "!", Jurisdiction.FI).Of("FI.GUARANTEE"));
    }

    [Theory]
    [InlineData("Älä odota, kunnes on liian myöhäistä – varaa aika!")]
    [InlineData("Ala odota, kunnes on liian myohaista – varaa aika!")]
    public void FinnishText_WithOrWithoutUmlauts_MatchesTheSameTrigger(string text)
    {
        Assert.NotEmpty(Checks.Run(text, Jurisdiction.FI).Of("FI.FEAR"));
    }

    [Theory]
    [InlineData("гарантия")]
    [InlineData("гарантируем")]
    [InlineData("гарантией")]
    [InlineData("ГАРАНТИРОВАННЫЙ")]
    public void RussianStem_WithDeclension_IsFound(string word)
    {
        var text = "Имплантация: " + word + " результата.";

        Assert.Equal(word, Checks.SpanText(text, Checks.Run(text, Jurisdiction.RU).Single("RU.GUARANTEE")));
    }

    [Theory]
    [InlineData("Вылечим без боли.")]
    [InlineData("Вылечим без боли, ещё и всё.")]
    public void RussianYo_IsFoldedToYe(string text)
    {
        Assert.NotEmpty(Checks.Run(text.Replace("е", "ё", StringComparison.Ordinal), Jurisdiction.RU).Of("RU.GUARANTEE"));
    }

    [Theory]
    [InlineData("bedst")]
    [InlineData("bedste")]
    [InlineData("BEDSTE")]
    public void DanishSuperlative_InBothForms_IsFound(string word)
    {
        Assert.NotEmpty(Checks.Run("Vi er den " + word + " klinik i byen.", Jurisdiction.DK).Of("DK.SUPERLATIVE"));
    }

    [Theory]
    [InlineData("Smertefri behandling")]
    [InlineData("Foerende klinik")]
    [InlineData("Førende klinik")]
    [InlineData("Kræft kureres her")]
    [InlineData("Kraeft kureres her")]
    public void DanishText_WithOrWithoutDanishLetters_MatchesTheSameTriggers(string text)
    {
        Assert.NotEmpty(Checks.Run(text, Jurisdiction.DK).Findings);
    }

    [Fact]
    public void DanishWord_StartingLikeATrigger_ButMeaningSomethingElse_IsNotFound()
    {
        Assert.Empty(Checks.Run("Bedstemor og bedstefar er velkomne på besøg.", Jurisdiction.DK).Of("DK.SUPERLATIVE"));
    }

    [Theory]
    [InlineData("%100 başarı")]
    [InlineData("% 100 başarı")]
    [InlineData("100% başarı")]
    [InlineData("yüzde yüz başarı")]
    public void PercentSign_AnywhereAroundTheNumber_IsMatched(string claim)
    {
        Assert.NotEmpty(Checks.Run("Saç ekiminde " + claim + "!", Jurisdiction.TR).Of("TR.GUARANTEE"));
    }

    [Fact]
    public void NumberSign_AttachedOrSeparated_IsMatched_ButNotAsPartOfALongerNumber()
    {
        Assert.NotEmpty(Checks.Run("Стоматология №1 в городе.", Jurisdiction.RU).Of("RU.SUPERIORITY"));
        Assert.NotEmpty(Checks.Run("Стоматология № 1 в городе.", Jurisdiction.RU).Of("RU.SUPERIORITY"));
        Assert.Empty(Checks.Run("Кабинет №12 на втором этаже.", Jurisdiction.RU).Of("RU.SUPERIORITY"));
    }

    [Fact]
    public void MathematicalAlphanumerics_UsedToDodgeFilters_AreFoldedToPlainLetters()
    {
        const string text = "Şehrin 𝐞𝐧 𝐢𝐲𝐢 kliniği";

        var f = Checks.Run(text, Jurisdiction.TR).Single("TR.SUPERIORITY");

        Assert.Equal("𝐞𝐧 𝐢𝐲𝐢", Checks.SpanText(text, f));
    }

    [Fact]
    public void Apostrophe_BeforeATurkishSuffix_KeepsThePhraseTogether()
    {
        const string text = "Türkiye'nin 1 numaralı kliniği";

        Assert.Equal("1 numaralı", Checks.SpanText(text, Checks.Run(text, Jurisdiction.TR).Single("TR.SUPERIORITY")));
    }

    [Fact]
    public void PhraseWords_FarApart_DoNotFormThePhrase()
    {
        var text = "en" + new string(' ', 80) + "iyi";

        Assert.Empty(Checks.Run(text, Jurisdiction.TR).Of("TR.SUPERIORITY"));
    }

    [Fact]
    public void SameRule_OccurringSeveralTimes_GivesOneFindingPerOccurrenceInTextOrder()
    {
        const string text = "Garanti! Sonra yine garantili, sonunda garantimiz.";

        var spans = Checks.Run(text, Jurisdiction.TR).Of("TR.GUARANTEE").Select(f => Checks.SpanText(text, f));

        Assert.Equal(["Garanti", "garantili", "garantimiz"], spans);
    }

    [Fact]
    public void Findings_AreSortedByPosition()
    {
        var result = Checks.Run("%50 indirim! En iyi klinik, garantili.", Jurisdiction.TR);

        Assert.Equal(result.Findings.OrderBy(f => f.Start).Select(f => f.Start), result.Findings.Select(f => f.Start));
    }
}
