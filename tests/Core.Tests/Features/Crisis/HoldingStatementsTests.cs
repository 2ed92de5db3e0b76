using CareDialog.Compliance;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Crisis;

namespace CareDialog.Core.Tests.Features.Crisis;

public class HoldingStatementsTests
{
    private static readonly string[] Languages = ["tr", "da", "fi", "ru", "en"];

    private static Jurisdiction JurisdictionOf(string language) => language switch
    {
        "tr" => Jurisdiction.TR,
        "da" => Jurisdiction.DK,
        "fi" => Jurisdiction.FI,
        "ru" => Jurisdiction.RU,
        _ => Jurisdiction.EU,
    };

    public static TheoryData<string> StatementKeys()
    {
        var data = new TheoryData<string>();
        foreach (var language in Languages)
        {
            foreach (var s in HoldingStatements.For(language))
            {
                data.Add(s.Key);
            }
        }

        return data;
    }

    [Fact]
    public void EveryProductLanguage_HasTwoOrThreeStatements_InItsOwnLanguage()
    {
        Assert.Equal(Languages.Order(), HoldingStatements.Languages.Order());
        foreach (var language in Languages)
        {
            var statements = HoldingStatements.For(language);
            Assert.InRange(statements.Count, 2, 3);
            Assert.All(statements, s => Assert.Equal(language, s.Language));
        }
    }

    [Theory]
    [MemberData(nameof(StatementKeys))]
    public void Statement_PassesItsJurisdictionsRules_AsAPublicPostAndAsAReply_OnEveryPlatform(string key)
    {
        var statement = HoldingStatements.Find(key)!;
        var today = new DateTime(2026, 3, 20, 13, 10, 0);
        // Both fillings: the time alone (same day) and the longer date-and-time form (next day).
        var texts = new[] { statement.TextWith(new DateTime(2026, 3, 20, 16, 0, 0), today), statement.TextWith(new DateTime(2026, 3, 21, 9, 0, 0), today) };

        foreach (var text in texts)
        {
            Assert.DoesNotContain(HoldingStatements.Placeholder, text);
            // YouTube takes only videos, whose first line is the title (CreateHoldingDraft leaves its channels out); Instagram
            // takes no text-only post either, but the statement may still be used as a reply there.
            foreach (var platform in Enum.GetValues<Platform>().Where(p => p != Platform.YouTube).Select(p => (Platform?)p).Prepend(null))
            {
                foreach (var reply in platform is Platform.Instagram ? [true] : new[] { false, true })
                {
                    var result = ComplianceEngine.Default.Check(new CheckRequest(text, JurisdictionOf(statement.Language), platform, IsPublicReply: reply));
                    var blocking = result.Findings.Where(f => f.Severity == Severity.Block && !f.Satisfied).Select(f => $"{f.Rule} ({platform}, reply={reply})").ToList();
                    Assert.True(blocking.Count == 0, $"{key}: {string.Join(", ", blocking)} in “{text}”");
                }
            }
        }
    }

    [Theory]
    [InlineData("da", "kl. 16.00")]
    [InlineData("fi", "klo 16.00")]
    [InlineData("en", "16:00")]
    [InlineData("ru", "16:00")]
    [InlineData("tr", "16:00")]
    public void UpdateTime_IsWrittenTheLanguagesWay_WithoutADateOnTheSameDay(string language, string expected)
    {
        var statement = HoldingStatements.For(language)[0];

        var text = statement.TextWith(new DateTime(2026, 3, 20, 16, 0, 0), new DateTime(2026, 3, 20, 13, 10, 0));

        Assert.Contains(expected, text);
        Assert.DoesNotContain("20", text.Replace(expected, "", StringComparison.Ordinal));
    }

    [Fact]
    public void UpdateTime_OnAnotherDay_NamesTheDate()
    {
        var statement = HoldingStatements.Find("da/aware")!;

        var text = statement.TextWith(new DateTime(2026, 3, 21, 1, 0, 0), new DateTime(2026, 3, 20, 23, 10, 0));

        Assert.Contains("21. marts kl. 01.00", text);
    }

    [Theory]
    [InlineData(13, 10, 16)]
    [InlineData(13, 0, 15)]
    [InlineData(22, 30, 1)]
    public void UpdateBy_IsTwoHoursAhead_RoundedUpToTheHour(int hour, int minute, int expectedHour)
    {
        var updateBy = HoldingStatements.UpdateBy(new DateTime(2026, 3, 20, hour, minute, 0));

        Assert.Equal(expectedHour, updateBy.Hour);
        Assert.Equal(0, updateBy.Minute);
    }

    [Fact]
    public void UnknownLanguage_FallsBackToEnglish_AndUnknownKeysAreNotFound()
    {
        Assert.All(HoldingStatements.For("de"), s => Assert.Equal("en", s.Language));
        Assert.Null(HoldingStatements.Find("da/nope"));
        Assert.Null(HoldingStatements.Find("xx/aware"));
        Assert.Null(HoldingStatements.Find("aware"));
    }
}
