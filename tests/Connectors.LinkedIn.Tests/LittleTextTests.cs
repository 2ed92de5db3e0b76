namespace CareDialog.Connectors.LinkedIn.Tests;

public sealed class LittleTextTests
{
    [Theory]
    [InlineData('|')]
    [InlineData('{')]
    [InlineData('}')]
    [InlineData('@')]
    [InlineData('[')]
    [InlineData(']')]
    [InlineData('(')]
    [InlineData(')')]
    [InlineData('<')]
    [InlineData('>')]
    [InlineData('#')]
    [InlineData('\\')]
    [InlineData('*')]
    [InlineData('_')]
    [InlineData('~')]
    public void Escape_EachReservedCharacter_GetsABackslash(char reserved)
    {
        Assert.Equal($"a\\{reserved}b", LittleText.Escape($"a{reserved}b"));
    }

    [Fact]
    public void Escape_OrdinaryPunctuationAndUnicode_StaysAsItIs()
    {
        const string text = "Open 9-12: \"walk-ins\" welcome! 50% off? café, 😷, עברית, ÅÄÖ & more.";

        Assert.Equal(text, LittleText.Escape(text));
    }

    [Fact]
    public void Escape_Hashtags_BecomeHashtagTemplatesButOtherHashesAreEscaped()
    {
        Assert.Equal(@"{hashtag|\#|FluSeason} and {hashtag|\#|Flu\_2026} but \#1, C\#, \# alone",
            LittleText.Escape("#FluSeason and #Flu_2026 but #1, C#, # alone"));
    }

    [Theory]
    [InlineData(@"Flu clinic (9-12) at Main St. #FluSeason — bring *ID* ~ @reception | {walk-in} [free] <no appointment> C# a\b")]
    [InlineData("#ÄitiysNeuvola #детскаяполиклиника #عيادة")]
    [InlineData(@"\\\ ### ((( }}} @[not a mention](urn:li:person:1) {hashtag|\#|not}")]
    [InlineData("Family 👨‍👩‍👧‍👦 Cafe\u0301 שלום")]
    [InlineData("")]
    public void Unescape_OfEscape_GivesBackTheOriginalText(string text)
    {
        Assert.Equal(text, LittleText.Unescape(LittleText.Escape(text)));
    }

    [Fact]
    public void Unescape_MentionAndHashtagTemplates_ReadAsTheNameAndTheTag()
    {
        Assert.Equal("Regional Hospital says #thanks (really)",
            LittleText.Unescape(@"@[Regional Hospital](urn:li:organization:5515715) says {hashtag|\#|thanks} \(really\)"));
    }

    [Fact]
    public void Escape_Output_IsReadByLinkedInWithoutLosingText()
    {
        const string text = @"Q&A (live) today #Health — ask @us | ~* _ [x] {y} <z> \ #";

        Assert.Equal(text, FakeLinkedInServer.Render(LittleText.Escape(text)));
        Assert.NotEqual(text, FakeLinkedInServer.Render(text));
    }
}
