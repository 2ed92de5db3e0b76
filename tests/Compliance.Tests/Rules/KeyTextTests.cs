using CareDialog.Compliance.Rules;

namespace CareDialog.Compliance.Tests.Rules;

/// <summary>The folded key and its map back to the original text, which every finding's span depends on.</summary>
public class KeyTextTests
{
    private static KeyText Fold(string text, Jurisdiction j = Jurisdiction.TR)
    {
        var kt = new KeyText();
        kt.Build(text, TextFolding.For(j));
        return kt;
    }

    private static string KeyOf(KeyText kt) => new(kt.Key, 0, kt.Length);

    [Theory]
    [InlineData("EN İYİ", "eniyi")]
    [InlineData("IŞIK", "isik")]
    [InlineData("Ærø Åbenrå", "aeroeaabenraa")]
    [InlineData("Ёлка ЙОД", "елкаиод")]
    [InlineData("Hyvää päivää", "hyvaapaivaa")]
    [InlineData("straße ﬁnal", "strassefinal")]
    [InlineData("ｆｕｌｌ", "full")]
    public void Key_IsLowerCaseWithoutDiacriticsOrSeparators(string text, string key)
    {
        Assert.Equal(key, KeyOf(Fold(text)));
    }

    [Fact]
    public void TurkishCapitalDottedI_OutsideTurkey_StillFoldsToI()
    {
        // Invariant casing leaves İ upper case; the folding table must not.
        Assert.Equal("istanbul", KeyOf(Fold("İSTANBUL", Jurisdiction.DK)));
    }

    [Fact]
    public void EveryKeyCharacter_MapsBackToTheOriginalCharacterItCameFrom()
    {
        const string text = "İİ 😷 Ærø, ga\u200Branti #EnİyiKlinik ß";

        var kt = Fold(text);

        Assert.Equal("iiaeroegarantieniyiklinikss", KeyOf(kt));
        Assert.Equal(text.IndexOf('Æ', StringComparison.Ordinal), kt.Start[2]);
        Assert.Equal(text.IndexOf('Æ', StringComparison.Ordinal), kt.Start[3]);
        var zwsp = text.IndexOf('\u200B', StringComparison.Ordinal);
        var a = KeyOf(kt).IndexOf("garanti", StringComparison.Ordinal) + 1;
        Assert.Equal(zwsp - 1, kt.Start[a]);
        Assert.Equal(zwsp + 1, kt.EndOf(a));
        Assert.Equal(text.Length, kt.EndOf(kt.Length - 1));
    }

    [Fact]
    public void WordStarts_AreMarkedAtSeparatorsDigitLetterChangesAndCamelCaseInHashtags()
    {
        var kt = Fold("ab cd 20TL #FooBar");

        var starts = Enumerable.Range(0, kt.Length).Where(i => (kt.Flags[i] & KeyFlags.WordStart) != 0).Select(i => kt.Key[i]).ToArray();

        Assert.Equal("ac2tfb", new string(starts));
        Assert.True((kt.Flags[KeyOf(kt).IndexOf("foo", StringComparison.Ordinal)] & KeyFlags.HashtagStart) != 0);
    }

    [Fact]
    public void CombiningMarks_AfterALetter_BelongToItsSpan()
    {
        const string text = "e\u0301e\u0301";

        var kt = Fold(text);

        Assert.Equal("ee", KeyOf(kt));
        Assert.Equal(2, kt.EndOf(0));
        Assert.Equal(4, kt.EndOf(1));
    }
}
