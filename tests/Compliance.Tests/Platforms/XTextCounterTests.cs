using System.Text;
using System.Text.Json;
using CareDialog.Compliance.Platforms;

namespace CareDialog.Compliance.Tests.Platforms;

public class XTextCounterTests
{
    private const string ChinesePoem =
        "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。旧时王谢堂前燕，飞入寻常百姓家。" +
        "朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。" +
        "独在异乡为异客，每逢佳节倍思亲。遥知兄弟登高处，遍插茱萸少一人。";

    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";

    // Fixtures from platform-apis.md §3.2 (twitter-text conformance/validate.yml, WeightedTweetsWithDiscountedEmojiCounterTest).

    [Fact]
    public void WeightedLength_UrlAmongText_CountsUrlAs23()
    {
        Assert.Equal(26, XTextCounter.WeightedLength("Hi http://test.co"));
    }

    [Fact]
    public void WeightedLength_UrlAlone_Counts23()
    {
        Assert.Equal(23, XTextCounter.WeightedLength("http://test.co"));
    }

    [Fact]
    public void WeightedLength_TenLongUrlsWithSpaces_Counts240()
    {
        var text = string.Concat(Enumerable.Repeat("https://www.twitter.com/aloha ", 10));

        Assert.Equal(240, XTextCounter.WeightedLength(text));
    }

    [Fact]
    public void WeightedLength_160CjkCharacters_CountsEachAs2()
    {
        Assert.Equal(160, ChinesePoem.Length);

        Assert.Equal(320, XTextCounter.WeightedLength(ChinesePoem));
    }

    [Fact]
    public void WeightedLength_160Emoji_CountsEachAs2()
    {
        var text = string.Concat(Enumerable.Repeat("😷", 160));

        Assert.Equal(320, XTextCounter.WeightedLength(text));
    }

    [Fact]
    public void WeightedLength_LatinCatSmileyAndZwjFamily_Counts7()
    {
        Assert.Equal(7, XTextCounter.WeightedLength("H🐱☺" + Family));
    }

    [Fact]
    public void WeightedLength_285AsciiCharacters_Counts285()
    {
        var text = "285 chars-" + string.Concat(Enumerable.Repeat("xxxxxxxxxx-", 25));
        Assert.Equal(285, text.Length);

        Assert.Equal(285, XTextCounter.WeightedLength(text));
    }

    // The rest of validate.yml's WeightedTweetsWithDiscountedEmojiCounterTest and UnicodeDirectionalMarkerCounterTest.

    [Theory]
    [MemberData(nameof(MoreConformanceFixtures))]
    public void WeightedLength_TwitterTextConformanceFixture_MatchesExpected(string description, string text, int expected)
    {
        var actual = XTextCounter.WeightedLength(text);

        Assert.True(expected == actual, $"{description}: expected {expected}, got {actual}");
    }

    public static TheoryData<string, string, int> MoreConformanceFixtures()
    {
        var x24 = string.Concat(Enumerable.Repeat("xxxxxxxxxx-", 24));
        var hiragana = string.Concat(Enumerable.Repeat("あいうえおかきくけこ", 12));
        var host50 = string.Concat(Enumerable.Repeat("あいうえおかきくけこ", 5));
        var longLabel = string.Concat(Enumerable.Repeat("somesuperlongurl", 249));
        var longUrl = "https://" + longLabel + ".com/foo";
        return new TheoryData<string, string, int>
        {
            { "url in the middle", "285 chars- http://www.twitter.com/jack " + x24, 299 },
            { "url at the end", x24 + " http://www.twitter.com/jack ", 289 },
            { "3 latin + 160 CJK", "the" + ChinesePoem, 323 },
            { "decomposed Á normalised to one character", "A\u0301B", 2 },
            { "Hebrew presentation form normalised to three characters", "A\uFB2C", 4 },
            { "282 chars with a decomposed character", "282 chars-" + x24 + "xxxxxA\u0301x", 281 },
            { "BMP and astral emoji", "😷👾😡🔥💩", 10 },
            { "skin tone and ZWJ profession", "🙋🏽👨\u200D🎤", 4 },
            {
                "general punctuation without ZWJ/ZWNJ",
                "This is a tweet with general punctuation characters: \u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷",
                110
            },
            { "URLs with invalid long labels and a short url", "Long url with invalid domain labels and a short url: " + longUrl + " " + longUrl + " " + longUrl + " https://validurl.com", 12079 },
            { "64 character domain label without protocol", "randomurlrandomurlrandomurlrandomurlrandomurlrandomurlrandomurls.com", 68 },
            { "CJK host over 63 punycode characters", hiragana + " http://" + host50 + "あいう.com", 358 },
            { "CJK host within 63 punycode characters", hiragana + " http://" + host50 + "あい.com", 264 },
            { "140 ZWJ families", string.Concat(Enumerable.Repeat(Family, 140)), 280 },
            { "Unicode 10 emoji incl. England tag flag", "Unicode 10.0 emoji: 🤪; 🧕; 🧕🏾; 🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", 34 },
            { "Unicode 9 emoji", "Unicode 9.0 emoji: 🤠; 💃; 💃🏾", 29 },
            { "invalid characters", "ABC\u202A\uFFFFABC\uFFFE", 12 },
            { "directional marks around an IDN-TLD url", "\u2066\u202Ahttp://foobar.پاکستان/\u202C\u2069", 31 },
            { "older fixture: multiple URLs", "Test https://test.com test https://test.com test.com test", 86 },
        };
    }

    // 600 generated texts (URLs in every shape, punctuation, scripts, emoji) with the lengths twitter-text 3.1.0 computes for them.
    [Fact]
    public void WeightedLength_TwitterText310DifferentialCorpus_MatchesEveryCase()
    {
        using var stream = typeof(XTextCounterTests).Assembly.GetManifestResourceStream("twitter-text-3.1.0-corpus.json")!;
        using var corpus = JsonDocument.Parse(stream);
        var cases = corpus.RootElement.GetProperty("cases").EnumerateArray().ToList();

        var mismatches = cases
            .Select(c => (Text: c.GetProperty("text").GetString()!, Expected: c.GetProperty("weightedLength").GetInt32()))
            .Select(c => (c.Text, c.Expected, Actual: XTextCounter.WeightedLength(c.Text)))
            .Where(c => c.Actual != c.Expected)
            .Select(c => $"{JsonSerializer.Serialize(c.Text)}: expected {c.Expected}, got {c.Actual}")
            .ToList();

        Assert.True(cases.Count >= 600, $"corpus has only {cases.Count} cases");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void WeightedLength_DecomposedAccent_NormalisesToNfcAndCounts4()
    {
        Assert.Equal(4, XTextCounter.WeightedLength("cafe\u0301"));
    }

    [Theory]
    [InlineData("Привет, мир", 11)]
    [InlineData("İstanbul'da ğüşıöç", 18)]
    [InlineData("Ærø og Æbeltoft: æøå", 20)]
    [InlineData("Hyvää päivää, Åbo", 17)]
    [InlineData("Здравствуйте, вакцинация в субботу", 34)]
    public void WeightedLength_CyrillicTurkishDanishFinnish_CountsOnePerLetter(string text, int expected)
    {
        Assert.Equal(expected, text.Length);

        Assert.Equal(expected, XTextCounter.WeightedLength(text));
    }

    [Fact]
    public void WeightedLength_TurkishFlag_CountsOneEmojiAs2()
    {
        Assert.Equal(2, XTextCounter.WeightedLength("🇹🇷"));
    }

    [Fact]
    public void WeightedLength_TwoFlagsInARow_CountsEachAs2()
    {
        Assert.Equal(4, XTextCounter.WeightedLength("🇹🇷🇩🇰"));
    }

    [Theory]
    [InlineData("1\uFE0F\u20E3")]
    [InlineData("#\uFE0F\u20E3")]
    [InlineData("*\u20E3")]
    public void WeightedLength_Keycap_CountsOneEmojiAs2(string keycap)
    {
        Assert.Equal(2, XTextCounter.WeightedLength(keycap));
    }

    [Fact]
    public void WeightedLength_PlainDigitsAndHash_CountOneEach()
    {
        Assert.Equal(9, XTextCounter.WeightedLength("#2024 *10"));
    }

    [Fact]
    public void WeightedLength_CopyrightWithoutVariationSelector_CountsAsText1()
    {
        Assert.Equal(1, XTextCounter.WeightedLength("©"));
    }

    [Fact]
    public void WeightedLength_CopyrightWithVariationSelector16_CountsOneEmojiAs2()
    {
        Assert.Equal(2, XTextCounter.WeightedLength("©\uFE0F"));
    }

    [Fact]
    public void WeightedLength_HeartWithVariationSelector16_CountsOneEmojiAs2()
    {
        Assert.Equal(2, XTextCounter.WeightedLength("\u2764\uFE0F"));
    }

    [Theory]
    [InlineData("\u231A\uFE0F", 2)]
    [InlineData("\U0001F600\uFE0F", 4)]
    [InlineData("\u2705\uFE0F", 4)]
    [InlineData("\u2605\uFE0F", 4)]
    public void WeightedLength_VariationSelector16_BelongsToTheEmojiOnlyWhereUnicodeDefinesTheSequence(string text, int expected)
    {
        Assert.Equal(expected, XTextCounter.WeightedLength(text));
    }

    [Fact]
    public void WeightedLength_HeartWithTextPresentationSelector_CountsBothCodePoints()
    {
        Assert.Equal(4, XTextCounter.WeightedLength("\u2764\uFE0E"));
    }

    [Theory]
    [InlineData("👍🏽")]
    [InlineData("👩🏽\u200D⚕\uFE0F")]
    [InlineData("🏳\uFE0F\u200D🌈")]
    [InlineData("👩\u200D❤\uFE0F\u200D💋\u200D👨")]
    public void WeightedLength_SkinToneOrZwjSequence_CountsOneEmojiAs2(string emoji)
    {
        Assert.Equal(2, XTextCounter.WeightedLength(emoji));
    }

    [Fact]
    public void WeightedLength_DanglingZwjAfterEmoji_CountsZwjAsText()
    {
        Assert.Equal(3, XTextCounter.WeightedLength("👨\u200D"));
    }

    [Fact]
    public void WeightedLength_EmojiFollowedByCombiningMark_CountsMarkSeparately()
    {
        Assert.Equal(3, XTextCounter.WeightedLength("😷\u0301"));
    }

    [Fact]
    public void WeightedLength_EmptyText_Counts0()
    {
        Assert.Equal(0, XTextCounter.WeightedLength(""));
    }

    [Fact]
    public void WeightedLength_WhitespaceOnly_CountsEachSpace()
    {
        Assert.Equal(4, XTextCounter.WeightedLength("  \n\t"));
    }

    [Fact]
    public void WeightedLength_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => XTextCounter.WeightedLength(null!));
    }

    // Built in code: attribute arguments are stored as UTF-8 in metadata, which cannot carry a lone surrogate.
    [Fact]
    public void WeightedLength_LoneSurrogates_CountsThemAs2WithoutThrowing()
    {
        const char high = '\uD83D';
        const char low = '\uDE00';

        Assert.Equal(2, XTextCounter.WeightedLength(high.ToString()));
        Assert.Equal(4, XTextCounter.WeightedLength($"a{low}b"));
        Assert.Equal(4, XTextCounter.WeightedLength($"{high}{high}"));
        Assert.Equal(4, XTextCounter.WeightedLength($"{low}😷"));
        Assert.Equal(4 + 1 + 2 + 1 + 23, XTextCounter.WeightedLength($"cafe\u0301 {high} http://test.co"));
    }

    [Theory]
    [MemberData(nameof(MegabyteTexts))]
    public void WeightedLength_OneMegabyteText_CountsCorrectly(string shape, string text, int expected)
    {
        // Speed is measured by bench/, never asserted in a test.
        var length = XTextCounter.WeightedLength(text);

        Assert.True(expected == length, $"{shape}: expected {expected}, got {length}");
    }

    public static TheoryData<string, string, int> MegabyteTexts()
    {
        const int size = 1 << 20;
        return new TheoryData<string, string, int>
        {
            { "plain letters", new string('a', size), size },
            { "dotted labels without a TLD", Repeat("a.", size / 2), size },
            { "dotted labels ending in a TLD (one over-long host)", Repeat("ab.", size / 3) + "com", size / 3 * 3 + 3 },
            // Only the leading "a.co" is a link: every later "ba.co" follows a dot, which twitter-text refuses without protocol.
            { "labels interrupted by underscores", Repeat("a.co_.b", size / 7), (size / 7 * 7) - 4 + 23 },
            { "accented letters and dots", Repeat("é.", size / 2), size },
            { "many short URLs", Repeat("a.com ", size / 6), size / 6 * 24 },
            // A URL over 4,096 characters is not shortened by X, so it counts at its typed length.
            { "path full of balanced parentheses", "https://example.com/" + Repeat("(a(b)c)", size / 7), 20 + (size / 7 * 7) },
            { "unbalanced parentheses", "https://example.com/" + Repeat("((a", size / 3), 23 + (size / 3 * 3) },
            { "protocol followed by a megabyte of CJK", "http://" + new string('あ', size) + ".com", 7 + (2 * size) + 4 },
            { "emoji", Repeat("😷", size / 2), size },
            { "emoji followed by combining marks", "😷" + new string('\u0301', size), 2 + size },
            { "lone surrogates", new string('\uD800', size), 2 * size },
        };
    }

    [Fact]
    public void WeightedLength_UrlFollowedBySentencePunctuation_ExcludesThePunctuation()
    {
        Assert.Equal(4 + 23 + 1, XTextCounter.WeightedLength("See example.com/path."));
    }

    [Fact]
    public void WeightedLength_BareDomainWithPath_CountsUrlAs23()
    {
        Assert.Equal(23, XTextCounter.WeightedLength("example.com/path"));
    }

    [Fact]
    public void WeightedLength_ShortUrlWithoutSpaceAfterFullStop_CountsUrlAs23()
    {
        Assert.Equal(9 + 23, XTextCounter.WeightedLength("Visit us.https://example.org"));
    }

    [Fact]
    public void WeightedLength_EmailAddress_IsNotAUrl()
    {
        Assert.Equal(17, XTextCounter.WeightedLength("nurse@example.com"));
    }

    [Fact]
    public void WeightedLength_TcoLinkWithExtraPath_CountsOnlyTheSlugAsUrl()
    {
        Assert.Equal(23 + 5, XTextCounter.WeightedLength("https://t.co/abcdef/more"));
    }

    private static string Repeat(string value, int count)
    {
        var sb = new StringBuilder(value.Length * count);
        for (var i = 0; i < count; i++)
        {
            sb.Append(value);
        }

        return sb.ToString();
    }
}
