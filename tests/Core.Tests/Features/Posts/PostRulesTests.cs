using CareDialog.Core.Features.Posts;

namespace CareDialog.Core.Tests.Features.Posts;

public class PostRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData(null)]
    public void CleanText_EmptyOrWhitespace_IsRefused(string? text) =>
        Assert.Equal("The text is empty.", PostRules.CleanText(text, "text").Error?.Message);

    [Fact]
    public void CleanText_OverMaximum_IsRefusedWithTheNumbers()
    {
        var error = PostRules.CleanText(new string('a', PostRules.MaxTextLength + 1), "text").Error;
        Assert.NotNull(error);
        Assert.Contains("20,001", error.Message);
    }

    [Fact]
    public void CleanText_LoneSurrogate_IsRefusedWithPosition() =>
        Assert.Contains("position 3", PostRules.CleanText("ab\uD83D c", "text").Error?.Message);

    [Fact]
    public void CleanText_ControlCharacter_IsRefused() =>
        Assert.Contains("U+0000", PostRules.CleanText("ab\0c", "text").Error?.Message);

    [Fact]
    public void CleanText_DirectionOverride_IsRefused() =>
        Assert.Contains("U+202E", PostRules.CleanText("invoice\u202Efdp.exe", "text").Error?.Message);

    [Fact]
    public void CleanText_EmojiTurkishAndCyrillic_AreKeptAndNormalisedToNfc()
    {
        var result = PostRules.CleanText("Diş sağlığı 🦷\r\nЗдоровье cafe\u0301 👨‍👩‍👧", "text");
        Assert.True(result.IsSuccess);
        Assert.Equal("Diş sağlığı 🦷\nЗдоровье café 👨‍👩‍👧", result.Value);
    }
}
