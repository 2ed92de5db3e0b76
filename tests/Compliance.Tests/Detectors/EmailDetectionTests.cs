using CareDialog.Compliance.Detectors;

namespace CareDialog.Compliance.Tests.Detectors;

public class EmailDetectionTests
{
    [Theory]
    [InlineData("Skriv til anna.hansen@example.dk.", "anna.hansen@example.dk")]
    [InlineData("E-posta: ayse_yilmaz+randevu@ornek.com.tr (özel)", "ayse_yilmaz+randevu@ornek.com.tr")]
    [InlineData("Sähköposti matti.virtanen@posti.fi, kiitos!", "matti.virtanen@posti.fi")]
    [InlineData("Пишите на ivan.petrov@mail.ru", "ivan.petrov@mail.ru")]
    [InlineData("Adresim ayşe@örnek.com.tr dur.", "ayşe@örnek.com.tr")]
    [InlineData("<mette@sub.example-hospital.dk>", "mette@sub.example-hospital.dk")]
    public void Find_AddressInText_ReportsExactlyTheAddress(string text, string expected)
    {
        DetectorAssert.Single(text, PersonalDataKinds.Email, expected);
    }

    [Fact]
    public void Find_OrganisationsOwnAddressInOtherCase_IsNotReported()
    {
        const string text = "Kontakt Info@Klinik.DK eller patientens mail anna@example.dk.";

        var found = DetectorAssert.Found(text, PersonalDataKinds.Email, new PersonalDataOptions("DK", ["info@klinik.dk", "+45 33 12 34 56"]));

        Assert.Equal(["anna@example.dk"], found);
    }

    [Theory]
    [InlineData("Følg @klinikken på Instagram")]
    [InlineData("Skriv til anna@localhost")]
    [InlineData("Versionen er foo@bar")]
    [InlineData("a@b.c")]
    [InlineData("ip x@1.2.3.4")]
    [InlineData("Forkert .@example.dk og anna.@example.dk")]
    [InlineData("@@@ ...@... a@-x.dk")]
    public void Find_TextThatIsNotAnAddress_ReportsNothing(string text)
    {
        Assert.Empty(PersonalDataDetector.Find(text));
    }

    [Fact]
    public void Find_TwoAddressesSideBySide_ReportsBoth()
    {
        Assert.Equal(["a.b@x.dk", "c@y.fi"], DetectorAssert.Found("a.b@x.dk,c@y.fi", PersonalDataKinds.Email));
    }
}
