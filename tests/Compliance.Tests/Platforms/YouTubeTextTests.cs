using CareDialog.Compliance.Platforms;
using CareDialog.Compliance.Tests.Rules;

namespace CareDialog.Compliance.Tests.Platforms;

public class YouTubeTextTests
{
    [Fact]
    public void Split_TakesTheFirstNonBlankLineAsTitle_AndTheRestAsDescription()
    {
        var (title, description) = YouTubeText.Split("\n  Influenza vaccination 2026  \r\nWhere and when.\nBring your card.");

        Assert.Equal("Influenza vaccination 2026", title);
        Assert.Equal("Where and when.\nBring your card.", description);
    }

    [Fact]
    public void Split_OneLineText_IsAllTitle()
    {
        Assert.Equal(("Kısa başlık", ""), YouTubeText.Split("Kısa başlık"));
    }

    [Fact]
    public void Title_Of100Characters_Passes_And101_IsBlockedFromThe101st()
    {
        var ok = new string('ø', 100) + "\nbeskrivelse";
        var over = new string('ø', 100) + "xy\nbeskrivelse";

        Assert.Empty(Checks.Run(ok, Jurisdiction.DK, Platform.YouTube).Of("PLATFORM.TITLE"));
        var f = Checks.Run(over, Jurisdiction.DK, Platform.YouTube).Single("PLATFORM.TITLE");

        Assert.Equal(Severity.Block, f.Severity);
        Assert.Equal((100, 2), (f.Start, f.Length));
        Assert.Contains("102/100", f.MessageEn);
        Assert.Contains("Titlen", f.Message);
    }

    [Fact]
    public void PublicReply_IsAComment_WithNoTitleRule_AndAngleBracketsAllowed()
    {
        var reply = new string('ø', 150) + " <3";

        var findings = ComplianceEngine.Default.Check(new CheckRequest(reply, Jurisdiction.DK, Platform.YouTube, IsPublicReply: true)).Findings;

        Assert.DoesNotContain(findings, f => f.Rule is "PLATFORM.TITLE" or "PLATFORM.CHARACTERS");
    }

    [Fact]
    public void Title_CountsEmojiAsOneCharacter_AndDecomposedLettersAfterNfc()
    {
        // 99 × "e" + combining acute = 99 characters after NFC (é), plus one emoji = 100.
        var title = string.Concat(Enumerable.Repeat("e\u0301", 99)) + "😀";

        Assert.Empty(Checks.Run(title, Jurisdiction.EU, Platform.YouTube).Of("PLATFORM.TITLE"));
    }

    [Fact]
    public void AngleBrackets_InTitleOrDescription_AreBlockedOneByOne()
    {
        var text = "Grippe <2026>\nAlder > 65 år";

        var found = Checks.Run(text, Jurisdiction.DK, Platform.YouTube).Of("PLATFORM.CHARACTERS");

        Assert.Equal([7, 12, 20], found.Select(f => f.Start));
        Assert.All(found, f => Assert.Equal(1, f.Length));
    }

    [Fact]
    public void AngleBrackets_OnOtherPlatforms_AreFine()
    {
        Assert.Empty(Checks.Run("Alder > 65 år", Jurisdiction.DK, Platform.Facebook).Of("PLATFORM.CHARACTERS"));
    }
}
