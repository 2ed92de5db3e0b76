using CareDialog.Compliance.Platforms;

namespace CareDialog.Compliance.Tests.Platforms;

public class PlatformNamesTests
{
    [Theory]
    [InlineData(Platform.Facebook, "facebook")]
    [InlineData(Platform.Instagram, "instagram")]
    [InlineData(Platform.X, "x")]
    [InlineData(Platform.LinkedIn, "linkedin")]
    [InlineData(Platform.YouTube, "youtube")]
    [InlineData(Platform.Telegram, "telegram")]
    [InlineData(Platform.Vk, "vk")]
    [InlineData(Platform.Sandbox, "sandbox")]
    public void ToWire_EachPlatform_ReturnsStableLowercaseName(Platform platform, string wire)
    {
        Assert.Equal(wire, PlatformNames.ToWire(platform));
    }

    [Fact]
    public void ToWire_UndefinedPlatform_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PlatformNames.ToWire((Platform)99));
    }

    [Theory]
    [InlineData("linkedin", Platform.LinkedIn)]
    [InlineData("LinkedIn", Platform.LinkedIn)]
    [InlineData("X", Platform.X)]
    [InlineData("VK", Platform.Vk)]
    [InlineData("YouTube", Platform.YouTube)]
    [InlineData("SANDBOX", Platform.Sandbox)]
    public void TryParse_AnyCase_ReturnsPlatform(string value, Platform expected)
    {
        Assert.True(PlatformNames.TryParse(value, out var platform));
        Assert.Equal(expected, platform);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" x")]
    [InlineData("1")]
    [InlineData("twitter")]
    [InlineData("face book")]
    public void TryParse_UnknownValue_ReturnsFalse(string? value)
    {
        Assert.False(PlatformNames.TryParse(value, out _));
    }

    [Fact]
    public void TryParse_EveryWireName_RoundTrips()
    {
        foreach (var platform in Enum.GetValues<Platform>())
        {
            Assert.True(PlatformNames.TryParse(PlatformNames.ToWire(platform), out var parsed));
            Assert.Equal(platform, parsed);
        }
    }
}
