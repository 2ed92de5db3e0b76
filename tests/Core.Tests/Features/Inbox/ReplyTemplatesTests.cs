using CareDialog.Compliance;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Compliance;
using CareDialog.Core.Features.Inbox;
using CareDialog.Triage;

namespace CareDialog.Core.Tests.Features.Inbox;

public class ReplyTemplatesTests
{
    private static readonly Dictionary<string, string> CountryOf = new() { ["da"] = "DK", ["fi"] = "FI", ["tr"] = "TR", ["ru"] = "RU", ["en"] = "DK" };

    public static TheoryData<string, string> BuiltIns()
    {
        var data = new TheoryData<string, string>();
        foreach (var t in ReplyTemplates.BuiltIn)
        {
            data.Add(t.Language, t.Title);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void BuiltInTemplate_PassesTheComplianceEngine_AsAPublicReply_OnEveryPlatform(string language, string title)
    {
        var template = ReplyTemplates.BuiltIn.Single(t => t.Language == language && t.Title == title);
        foreach (var platform in new[] { Platform.Facebook, Platform.Instagram, Platform.X, Platform.Vk, Platform.Telegram })
        {
            var result = ComplianceEngine.Default.Check(new CheckRequest(template.Text, PostComplianceCheck.JurisdictionOf(CountryOf[language]), platform, IsPublicReply: true));

            Assert.True(result.Verdict != Verdict.Block, $"{language}/{title} on {platform}: {string.Join("; ", result.Findings.Select(f => f.Rule))}");
        }
    }

    [Fact]
    public void BuiltInTemplates_CoverEveryLanguageForComplaintQuestionAppointmentPraiseAndOther()
    {
        foreach (var language in new[] { "tr", "da", "fi", "ru", "en" })
        {
            foreach (var intent in new[] { Intent.Complaint, Intent.Question, Intent.Appointment, Intent.Praise, Intent.Other })
            {
                Assert.Contains(ReplyTemplates.BuiltIn, t => t.Language == language && t.Intent == intent);
            }
        }

        Assert.DoesNotContain(ReplyTemplates.BuiltIn, t => t.Intent == Intent.Emergency);
    }

    [Fact]
    public void BuiltInTemplates_AreInTheirOwnLanguage_ByTheTriageLanguageDetector()
    {
        foreach (var t in ReplyTemplates.BuiltIn)
        {
            Assert.Equal(t.Language, TriageEngine.Default.Analyze(new TriageRequest(t.Text)).Language);
        }
    }
}
