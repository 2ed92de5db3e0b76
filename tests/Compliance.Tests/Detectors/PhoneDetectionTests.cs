using CareDialog.Compliance.Detectors;

namespace CareDialog.Compliance.Tests.Detectors;

public class PhoneDetectionTests
{
    [Theory]
    [InlineData("Hastamız 0532 123 45 67 numarasından ulaşılabilir.", "TR", "0532 123 45 67")]
    [InlineData("Babamın numarası 0 (212) 123 45 67, arayın lütfen.", "TR", "0 (212) 123 45 67")]
    [InlineData("Numaram +90 532 123 45 67.", "TR", "+90 532 123 45 67")]
    [InlineData("Ring til Anna på 20 12 34 56 i aften.", "DK", "20 12 34 56")]
    [InlineData("Min mand har nummer 32123456.", "DK", "32123456")]
    [InlineData("Tlf. +45 32 12 34 56 efter kl. 16.", "DK", "+45 32 12 34 56")]
    [InlineData("Soita äidilleni numeroon 040 123 4567.", "FI", "040 123 4567")]
    [InlineData("Puh. 09 1234 567, kysy Mattia.", "FI", "09 1234 567")]
    [InlineData("Numeroni on +358 40 1234567.", "FI", "+358 40 1234567")]
    [InlineData("Звоните маме по номеру 8 (912) 345-67-89.", "RU", "8 (912) 345-67-89")]
    [InlineData("Мой телефон +7 912 345-67-89, пишите.", "RU", "+7 912 345-67-89")]
    [InlineData("Телефон 8-912-345-67-89.", "RU", "8-912-345-67-89")]
    public void Find_NumberInItsCountrysFormat_ReportsItWithDefaultRegion(string text, string region, string expected)
    {
        DetectorAssert.Single(text, PersonalDataKinds.Phone, expected, new PersonalDataOptions(region));
    }

    [Theory]
    [InlineData("Hastamız 0532 123 45 67 numarasından ulaşılabilir.", "0532 123 45 67")]
    [InlineData("Ring til Anna på 20 12 34 56 i aften.", "20 12 34 56")]
    [InlineData("Soita äidilleni numeroon 040 123 4567.", "040 123 4567")]
    [InlineData("Звоните маме по номеру 8 (912) 345-67-89.", "8 (912) 345-67-89")]
    [InlineData("Call me on +44 20 7946 0958.", "+44 20 7946 0958")]
    public void Find_NumberWithoutDefaultRegion_IsFoundByTryingTheFourCountriesAndInternationalFormat(string text, string expected)
    {
        DetectorAssert.Single(text, PersonalDataKinds.Phone, expected);
    }

    [Theory]
    [InlineData("DK", "+45 33 12 34 56")]
    [InlineData("DK", "33123456")]
    [InlineData("DK", "0045 33 12 34 56")]
    [InlineData(null, "+4533123456")]
    public void Find_OrganisationsOwnNumberInAnyNotation_IsNotReported(string? region, string ownNumber)
    {
        const string text = "Ring til os på 33 12 34 56 eller til Anna på 20 12 34 56.";

        var found = DetectorAssert.Found(text, PersonalDataKinds.Phone, new PersonalDataOptions(region, [ownNumber, "info@klinik.dk"]));

        Assert.Equal(["20 12 34 56"], found);
    }

    [Theory]
    [InlineData("TR", "Acil durumlarda 112'yi arayın.")]
    [InlineData("DK", "Ring 112 ved ulykker, eller 1813 hvis det ikke haster.")]
    [InlineData("FI", "Hätänumero on 112, päivystysapu 116 117.")]
    [InlineData("RU", "Скорая помощь: 103 или 112.")]
    [InlineData(null, "Ring 112, 1813, 103 eller 116117.")]
    public void Find_EmergencyAndHelplineNumbers_AreNotReported(string? region, string text)
    {
        Assert.Empty(PersonalDataDetector.Find(text, new PersonalDataOptions(region)));
    }

    [Theory]
    [InlineData("DK", "Ordre 45123456 er afsendt.")]
    [InlineData("DK", "Ordrenr. 45123456 er afsendt.")]
    [InlineData("DK", "Behandlingen koster 45 000 000 kr.")]
    [InlineData("DK", "Prisen er 32.123.456,00.")]
    [InlineData("DK", "Åbent 20.30-22.00 hver dag.")]
    [InlineData("DK", "Tid: 2024-06-21 kl. 10.30.")]
    [InlineData("DK", "IBAN DK50 0040 0440 1162 43")]
    [InlineData("TR", "Sipariş numaranız 5321234567.")]
    [InlineData("TR", "Fatura tutarı 5.321.234,56 TL")]
    [InlineData("RU", "Заказ № 9123456789 оформлен.")]
    [InlineData("RU", "ИНН организации 7716450028.")]
    [InlineData("FI", "Viitenumero 0401234567 maksuun.")]
    public void Find_ReferenceNumbersPricesAndDates_AreNotPhoneNumbers(string region, string text)
    {
        Assert.Empty(PersonalDataDetector.Find(text, new PersonalDataOptions(region)));
    }

    [Fact]
    public void Find_RegionInLowerCase_IsAccepted()
    {
        DetectorAssert.Single("Ring 20 12 34 56.", PersonalDataKinds.Phone, "20 12 34 56", new PersonalDataOptions("dk"));
    }
}
