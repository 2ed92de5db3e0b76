using System.Text;
using CareDialog.Compliance.Platforms;

namespace CareDialog.Compliance.Tests.Platforms;

public class PlatformLimitsTests
{
    [Fact]
    public void All_EmbeddedData_HasOneLimitPerPlatformInEnumOrder()
    {
        Assert.Equal(Enum.GetValues<Platform>(), PlatformLimits.All.Select(l => l.Platform));
    }

    [Theory]
    [InlineData(Platform.Facebook, 63206, "characters")]
    [InlineData(Platform.Instagram, 2200, "characters")]
    [InlineData(Platform.X, 280, "weighted characters")]
    [InlineData(Platform.LinkedIn, 3000, "characters")]
    [InlineData(Platform.YouTube, 5000, "bytes")]
    [InlineData(Platform.Telegram, 4096, "characters")]
    [InlineData(Platform.Vk, 16384, "characters")]
    [InlineData(Platform.Sandbox, 2000, "characters")]
    public void For_EachPlatform_ReturnsTheReferenceNumberAndUnit(Platform platform, int maxLength, string unit)
    {
        var limit = PlatformLimits.For(platform);

        Assert.Equal(platform, limit.Platform);
        Assert.Equal(maxLength, limit.MaxLength);
        Assert.Equal(unit, limit.Unit);
        Assert.False(string.IsNullOrWhiteSpace(limit.CountingRule));
        Assert.False(string.IsNullOrWhiteSpace(limit.Source));
    }

    [Theory]
    [InlineData(Platform.Facebook, "UNCONFIRMED")]
    [InlineData(Platform.Vk, "UNCONFIRMED")]
    [InlineData(Platform.YouTube, "VIDEO DESCRIPTION")]
    [InlineData(Platform.Telegram, "1,024")]
    [InlineData(Platform.Sandbox, "configurable per channel")]
    public void For_UnconfirmedOrSpecialLimit_ExplainsItInTheNote(Platform platform, string expectedInNote)
    {
        Assert.Contains(expectedInNote, PlatformLimits.For(platform).Note);
    }

    [Fact]
    public void For_UndefinedPlatform_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PlatformLimits.For((Platform)42));
    }

    [Theory]
    [MemberData(nameof(AllPlatforms))]
    public void Measure_TextExactlyAtLimit_IsWithinLimit(Platform platform)
    {
        var max = PlatformLimits.For(platform).MaxLength;

        var measure = PlatformLimits.Measure(platform, new string('a', max));

        Assert.Equal(max, measure.Length);
        Assert.Equal(max, measure.MaxLength);
        Assert.True(measure.IsWithinLimit);
        Assert.Equal(0, measure.Remaining);
        Assert.False(measure.IsEmpty);
        Assert.Equal(platform, measure.Platform);
        Assert.Equal(PlatformLimits.For(platform).Unit, measure.Unit);
    }

    [Theory]
    [MemberData(nameof(AllPlatforms))]
    public void Measure_TextOneOverLimit_IsNotWithinLimit(Platform platform)
    {
        var max = PlatformLimits.For(platform).MaxLength;

        var measure = PlatformLimits.Measure(platform, new string('a', max + 1));

        Assert.Equal(max + 1, measure.Length);
        Assert.False(measure.IsWithinLimit);
        Assert.Equal(-1, measure.Remaining);
    }

    public static TheoryData<Platform> AllPlatforms() => new(Enum.GetValues<Platform>());

    [Fact]
    public void Measure_X140CjkCharacters_IsExactlyAtLimit()
    {
        Assert.True(PlatformLimits.Measure(Platform.X, new string('中', 140)).IsWithinLimit);
        Assert.False(PlatformLimits.Measure(Platform.X, new string('中', 141)).IsWithinLimit);
    }

    [Fact]
    public void Measure_XWithUrl_UsesWeightedCounting()
    {
        var measure = PlatformLimits.Measure(Platform.X, "Flu clinic open Saturday 9-12. https://example.org/flu-clinic-saturday-morning");

        Assert.Equal(31 + 23, measure.Length);
        Assert.Equal("weighted characters", measure.Unit);
    }

    [Theory]
    [InlineData(Platform.Facebook)]
    [InlineData(Platform.Instagram)]
    [InlineData(Platform.LinkedIn)]
    [InlineData(Platform.Vk)]
    [InlineData(Platform.Sandbox)]
    public void Measure_ScalarPlatformsWithEmojiAndDecomposedAccent_CountCodePointsAfterNfc(Platform platform)
    {
        // 😷 is one code point (two UTF-16 units); "e\u0301" composes to one "é".
        Assert.Equal(6, PlatformLimits.Measure(platform, "cafe\u0301 😷").Length);
    }

    [Fact]
    public void Measure_TelegramEmoji_CountsUtf16CodeUnits()
    {
        Assert.Equal(2, PlatformLimits.Measure(Platform.Telegram, "😷").Length);
    }

    [Fact]
    public void Measure_Telegram4096Utf16UnitsOfEmoji_IsAtLimit()
    {
        var text = string.Concat(Enumerable.Repeat("😷", 2048));

        var measure = PlatformLimits.Measure(Platform.Telegram, text);

        Assert.Equal(4096, measure.Length);
        Assert.True(measure.IsWithinLimit);
        Assert.False(PlatformLimits.Measure(Platform.Telegram, text + "a").IsWithinLimit);
    }

    [Fact]
    public void Measure_YouTubeCyrillic_CountsUtf8Bytes()
    {
        Assert.Equal(12, PlatformLimits.Measure(Platform.YouTube, "Привет").Length);
    }

    [Fact]
    public void Measure_YouTube2500CyrillicLetters_IsExactlyAtLimit()
    {
        Assert.True(PlatformLimits.Measure(Platform.YouTube, new string('ж', 2500)).IsWithinLimit);
        Assert.False(PlatformLimits.Measure(Platform.YouTube, new string('ж', 2501)).IsWithinLimit);
    }

    [Fact]
    public void Measure_SandboxWithOverride_UsesTheChannelLimit()
    {
        var within = PlatformLimits.Measure(Platform.Sandbox, new string('a', 10), maxLengthOverride: 10);
        var over = PlatformLimits.Measure(Platform.Sandbox, new string('a', 11), maxLengthOverride: 10);

        Assert.Equal(10, within.MaxLength);
        Assert.True(within.IsWithinLimit);
        Assert.False(over.IsWithinLimit);
        Assert.Equal(-1, over.Remaining);
    }

    [Fact]
    public void Measure_OverrideOnX_KeepsWeightedCountingWithTheOverriddenLimit()
    {
        var measure = PlatformLimits.Measure(Platform.X, new string('中', 60), maxLengthOverride: 100);

        Assert.Equal(120, measure.Length);
        Assert.Equal(100, measure.MaxLength);
        Assert.False(measure.IsWithinLimit);
    }

    [Fact]
    public void Measure_NullOverride_UsesThePlatformLimit()
    {
        Assert.Equal(2000, PlatformLimits.Measure(Platform.Sandbox, "hello", maxLengthOverride: null).MaxLength);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Measure_NonPositiveOverride_Throws(int maxLength)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PlatformLimits.Measure(Platform.Sandbox, "hello", maxLength));
    }

    [Fact]
    public void Measure_NullText_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => PlatformLimits.Measure(Platform.Facebook, null!));
    }

    [Theory]
    [MemberData(nameof(AllPlatforms))]
    public void Measure_EmptyText_IsEmptyWithLength0(Platform platform)
    {
        var measure = PlatformLimits.Measure(platform, "");

        Assert.True(measure.IsEmpty);
        Assert.Equal(0, measure.Length);
        Assert.True(measure.IsWithinLimit);
    }

    [Theory]
    [MemberData(nameof(AllPlatforms))]
    public void Measure_WhitespaceOnlyText_IsEmptyButCountsItsLength(Platform platform)
    {
        var measure = PlatformLimits.Measure(platform, " \n\t ");

        Assert.True(measure.IsEmpty);
        Assert.Equal(4, measure.Length);
    }

    [Fact]
    public void Measure_TextWithLoneSurrogateAndNoncharacter_DoesNotThrow()
    {
        foreach (var platform in Enum.GetValues<Platform>())
        {
            var measure = PlatformLimits.Measure(platform, "ok \uD83D\uFFFE");

            Assert.True(measure.Length >= 5, $"{platform}: {measure.Length}");
        }
    }

    [Fact]
    public void TextMeasure_PublicConstructor_TreatsLength0AsEmpty()
    {
        Assert.True(new TextMeasure(Platform.X, 0, 280, "weighted characters").IsEmpty);
        Assert.False(new TextMeasure(Platform.X, 1, 280, "weighted characters").IsEmpty);
    }

    [Fact]
    public void TextMeasure_OverLimit_ReportsNegativeRemaining()
    {
        var measure = new TextMeasure(Platform.Instagram, 2210, 2200, "characters");

        Assert.Equal(-10, measure.Remaining);
        Assert.False(measure.IsWithinLimit);
    }

    [Fact]
    public void Parse_EmbeddedResource_IsPresentAndValid()
    {
        using var stream = typeof(PlatformLimits).Assembly.GetManifestResourceStream(PlatformLimits.ResourceName);

        Assert.NotNull(stream);
        Assert.Equal(8, LimitTable.Parse(stream).Limits.Count);
    }

    [Theory]
    [InlineData("missing platform", """{"platforms":[]}""", "no entry for facebook")]
    [InlineData("unknown platform", """{"platforms":[{"platform":"myspace"}]}""", "unknown platform 'myspace'")]
    [InlineData("duplicate", """{"platforms":[ROW,ROW]}""", "facebook appears twice")]
    [InlineData("zero limit", """{"platforms":[{"platform":"facebook","maxLength":0}]}""", "maxLength must be a positive number")]
    [InlineData("unknown counter", """{"platforms":[{"platform":"facebook","maxLength":5,"counter":"words"}]}""", "counter 'words'")]
    [InlineData("missing source", """{"platforms":[{"platform":"facebook","maxLength":5,"counter":"utf8-bytes","unit":"bytes","countingRule":"r"}]}""", "'source' is required")]
    [InlineData("no platforms array", """{}""", "'platforms' is missing")]
    public void Parse_BrokenDataFile_FailsWithAClearMessage(string scenario, string json, string expectedMessage)
    {
        const string row = """{"platform":"facebook","maxLength":5,"counter":"utf8-bytes","unit":"bytes","countingRule":"r","source":"s"}""";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.Replace("ROW", row)));

        var error = Assert.Throws<InvalidOperationException>(() => LimitTable.Parse(stream));

        Assert.True(error.Message.Contains(expectedMessage, StringComparison.Ordinal), $"{scenario}: {error.Message}");
    }
}
