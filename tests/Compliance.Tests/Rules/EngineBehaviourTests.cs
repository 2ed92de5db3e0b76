using CareDialog.Compliance.Platforms;

namespace CareDialog.Compliance.Tests.Rules;

/// <summary>Engine behaviour that spans parts: detectors with the organisation's own contacts, and media-dependent platform limits.</summary>
public class EngineBehaviourTests
{
    [Fact]
    public void NationalIdAndPhone_AreReportedAsPersonalData_OwnNumberIsNot()
    {
        const string text = "Telefon: 0532 111 22 33, TC 10000000146. Bize 0212 345 67 89 numarasından ulaşın.";
        var result = Checks.Run(text, Jurisdiction.TR, ownContacts: ["+90 212 345 67 89"]);

        Assert.Equal("10000000146", Checks.SpanText(text, result.Single("PRIVACY.TR_TCKN")));
        Assert.Equal("0532 111 22 33", Checks.SpanText(text, result.Single("PRIVACY.PHONE")));
        Assert.Equal(Verdict.Block, result.Verdict);
    }

    [Fact]
    public void Telegram_WithMedia_UsesTheCaptionLimit()
    {
        var text = new string('a', 1100);
        Assert.Empty(Checks.Run(text, Jurisdiction.EU, Platform.Telegram).Of("PLATFORM.LENGTH"));
        var f = Checks.Run(text, Jurisdiction.EU, Platform.Telegram, media: true).Single("PLATFORM.LENGTH");
        Assert.Equal(1024, f.Start);
    }
}
