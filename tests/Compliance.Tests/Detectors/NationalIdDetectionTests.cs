using CareDialog.Compliance.Detectors;

namespace CareDialog.Compliance.Tests.Detectors;

public class NationalIdDetectionTests
{
    [Theory]
    [InlineData("Hastamızın T.C. kimlik numarası 17291716060 olarak kayıtlı.", PersonalDataKinds.TrIdentity, "17291716060")]
    [InlineData("TC: 10010405214, lütfen yorumlarda paylaşmayın.", PersonalDataKinds.TrIdentity, "10010405214")]
    [InlineData("Patientens CPR-nr. er 211062-5629, skriv det aldrig her.", PersonalDataKinds.DkCpr, "211062-5629")]
    [InlineData("Hun oplyste 211062-5629 i kommentarfeltet.", PersonalDataKinds.DkCpr, "211062-5629")]
    [InlineData("Mit cpr er 2110625629, kan I slå mig op?", PersonalDataKinds.DkCpr, "2110625629")]
    [InlineData("Personnummer 211062 5629 står i journalen.", PersonalDataKinds.DkCpr, "211062 5629")]
    [InlineData("Potilaan henkilötunnus on 131052-308T.", PersonalDataKinds.FiHetu, "131052-308T")]
    [InlineData("Uusi tunnus 131052B308T otettiin käyttöön.", PersonalDataKinds.FiHetu, "131052B308T")]
    [InlineData("Väliaikainen tunnus 131052-9993 annettiin.", PersonalDataKinds.FiHetu, "131052-9993")]
    [InlineData("СНИЛС пациента 112-233-445 95 указан в карте.", PersonalDataKinds.RuSnils, "112-233-445 95")]
    [InlineData("Номер СНИЛС: 14848125585.", PersonalDataKinds.RuSnils, "14848125585")]
    [InlineData("СНИЛС 342 932 447 76 прислали в личку.", PersonalDataKinds.RuSnils, "342 932 447 76")]
    [InlineData("Старый СНИЛС 001-001-998 00 тоже действителен.", PersonalDataKinds.RuSnils, "001-001-998 00")]
    [InlineData("ИНН 123456789047 физического лица.", PersonalDataKinds.RuInn, "123456789047")]
    [InlineData("Мой ИНН — 005826107187", PersonalDataKinds.RuInn, "005826107187")]
    public void Find_IdentifierInSentence_ReportsExactlyItsSpan(string text, string kind, string expected)
    {
        DetectorAssert.Single(text, kind, expected);
    }

    [Fact]
    public void Find_SeveralIdentifiers_AreReportedInTextOrder()
    {
        const string text = "Hetu 131052A308T, CPR 211062-5629 og TCKN 17291716060.";

        var matches = PersonalDataDetector.Find(text);

        Assert.Equal([PersonalDataKinds.FiHetu, PersonalDataKinds.DkCpr, PersonalDataKinds.TrIdentity], matches.Select(m => m.Kind));
        Assert.Equal(["131052A308T", "211062-5629", "17291716060"], matches.Select(m => text.Substring(m.Start, m.Length)));
    }

    [Theory]
    [InlineData("Ordre 2110625629 er sendt.")] // CPR-shaped date, but bare and without CPR context
    [InlineData("Faktura 2110620629 forfalder i morgen.")]
    [InlineData("Sipariş no: 17291716060 kargoya verildi.")] // passes the TCKN check, but labelled as an order
    [InlineData("Kargo takip numaranız 12345678901.")]
    [InlineData("Fatura tutarı 17291716060 TL.")]
    [InlineData("Tilausnumero 131052-308U on vahvistettu.")] // wrong check character
    [InlineData("Bestilling 511062-5629 er modtaget.")] // day 51
    [InlineData("Счёт 148-481-255 00 оплачен.")] // wrong SNILS check
    [InlineData("ИНН 123456789037 указан неверно.")] // wrong INN check
    [InlineData("ИНН организации 1234567894.")] // company INN
    [InlineData("Randevunuz 21.06.2024 saat 14:30'da.")]
    [InlineData("Tid: 2024-06-21 kl. 10.30.")]
    [InlineData("Syntynyt 13.10.1952 Helsingissä.")]
    [InlineData("Pris 1.234,56 kr for behandlingen.")]
    [InlineData("Fiyat 17.291.716,06 TL.")]
    [InlineData("Цена 4 500 ₽ за приём.")]
    [InlineData("Hinta 45,90 € sisältää alv:n.")]
    [InlineData("Pris: 17291716060,00 kr")]
    [InlineData("IBAN: DK50 0040 0440 1162 43")]
    [InlineData("IBAN TR33 0006 1005 1978 6457 8413 26 hesabına yatırın.")]
    [InlineData("Tilinumero FI21 1234 5600 0007 85.")]
    [InlineData("Konto DK5000400440116243.")]
    [InlineData("Kort 4111 1111 1111 1111 udløber 12/26.")]
    [InlineData("Version 17291716060b er udgivet.")] // glued to a letter
    [InlineData("Lot 1.17291716060 of the batch.")] // part of a longer number
    [InlineData("")]
    public void Find_NumberThatIsNotAPersonalIdentifier_ReportsNothing(string text)
    {
        Assert.Empty(PersonalDataDetector.Find(text));
    }

    [Theory]
    [InlineData("DK")]
    [InlineData("FI")]
    [InlineData("TR")]
    [InlineData("RU")]
    public void Find_NonPersonalNumbersInAnyRegion_ReportsNothing(string region)
    {
        const string text = "Ordre 2110625629, pris 1.234,56 kr, dato 21.06.2024, IBAN DK50 0040 0440 1162 43, ИНН 7707083893.";

        Assert.Empty(PersonalDataDetector.Find(text, new PersonalDataOptions(region)));
    }

    [Theory]
    [InlineData("FI", PersonalDataKinds.FiHetu)]
    [InlineData("DK", PersonalDataKinds.DkCpr)]
    [InlineData(null, PersonalDataKinds.FiHetu)]
    public void Find_HetuThatIsAlsoAValidCprDate_IsReportedAsTheDefaultRegionsIdentifier(string? region, string kind)
    {
        // 131052-9993: a temporary henkilötunnus with a valid check character, and a CPR number for 13 October 1952.
        DetectorAssert.Single("Tunnus 131052-9993.", kind, "131052-9993", new PersonalDataOptions(region));
    }
}
