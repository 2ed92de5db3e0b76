using CareDialog.Compliance.Detectors;

namespace CareDialog.Compliance.Tests.Detectors;

/// <summary>Every test vector of compliance-rules.md §7 (python-stdnum and the third-party tests it cites), valid and invalid.</summary>
public class NationalIdsTests
{
    [Theory]
    [InlineData("17291716060")]
    [InlineData("10010405214")]
    [InlineData("10036951702")]
    [InlineData("10048987300")]
    [InlineData("10211782428")]
    [InlineData("10328097460")]
    [InlineData("10406257588")]
    [InlineData("10634889650")]
    [InlineData("10942702016")]
    [InlineData("10945940248")]
    [InlineData("10964454474")]
    [InlineData("11015620602")]
    [InlineData("11051965132")]
    [InlineData("11272211322")]
    [InlineData("11510943206")]
    [InlineData("11521565534")]
    [InlineData("11629545766")]
    [InlineData("11678091474")]
    [InlineData("11678588622")]
    [InlineData("11856036426")]
    [InlineData("12245687724")]
    [InlineData("63352195206")]
    [InlineData("64756048358")]
    [InlineData("68536141048")]
    [InlineData("69844021374")]
    [InlineData("71467095762")]
    public void IsValidTckn_StdnumValidVector_IsValid(string number)
    {
        Assert.True(NationalIds.IsValidTckn(number));
    }

    [Theory]
    [InlineData("17291716050")] // InvalidChecksum
    [InlineData("1729171606")] // InvalidLength
    [InlineData("07291716092")] // InvalidFormat: starts with 0
    [InlineData("172917160600")]
    [InlineData("1729171606a")]
    [InlineData("")]
    public void IsValidTckn_StdnumInvalidVectorOrMalformed_IsInvalid(string number)
    {
        Assert.False(NationalIds.IsValidTckn(number));
    }

    [Theory]
    [InlineData("211062-5629")]
    [InlineData("2110625629")]
    [InlineData("2110620629")] // 7th digit 0: 1962-10-21
    [InlineData("211062 5629")]
    public void IsValidCpr_StdnumValidVector_IsValid(string number)
    {
        Assert.True(NationalIds.IsValidCpr(number));
    }

    [Theory]
    [InlineData("511062-5629")] // day 51
    [InlineData("2110525629")] // 7th digit 5 with YY 52 is 2052: not born yet
    [InlineData("300262-1234")] // 30 February
    [InlineData("211062/5629")]
    [InlineData("211062-562")]
    public void IsValidCpr_StdnumInvalidVectorOrMalformed_IsInvalid(string number)
    {
        Assert.False(NationalIds.IsValidCpr(number));
    }

    [Theory]
    [InlineData("0101371234", 1937)] // 4 or 9 with YY >= 37: 1900s
    [InlineData("0101364234", 2036)] // 4 or 9 with YY < 37: 2000s
    [InlineData("0101589234", 1958)]
    [InlineData("0101585234", 1858)] // 5-8 with YY >= 58: 1800s
    [InlineData("0101575234", 2057)] // 5-8 with YY < 58: 2000s
    [InlineData("0101993234", 1999)] // 0-3: always 1900s
    public void IsValidCpr_CenturyFromSeventhDigit_DecidesWhetherTheBirthDateIsInTheFuture(string number, int birthYear)
    {
        var dayBefore = new DateOnly(birthYear, 1, 1).AddDays(-1);
        var sameDay = new DateOnly(birthYear, 1, 1);

        Assert.False(NationalIds.IsValidCpr(number, dayBefore));
        Assert.True(NationalIds.IsValidCpr(number, sameDay));
    }

    [Fact]
    public void IsValidCpr_FailsModulo11_IsStillValid()
    {
        // Weighted sum 4,3,2,7,6,5,4,3,2,1 of 2110625628 is not divisible by 11; CPR numbers stopped obeying it in 2007.
        Assert.True(NationalIds.IsValidCpr("211062-5628"));
    }

    [Theory]
    [InlineData("131052-308T")]
    [InlineData("131052+308T")]
    [InlineData("131052A308T")]
    [InlineData("131052a308t")]
    [InlineData("131052B308T")] // 2023 sign
    [InlineData("131052X308T")] // 2023 sign
    [InlineData("131052C308T")]
    [InlineData("131052D308T")]
    [InlineData("131052E308T")]
    [InlineData("131052F308T")]
    [InlineData("131052Y308T")]
    [InlineData("131052W308T")]
    [InlineData("131052V308T")]
    [InlineData("131052U308T")]
    public void IsValidHetu_ValidVectorWithAnyCenturySign_IsValid(string number)
    {
        Assert.True(NationalIds.IsValidHetu(number));
    }

    [Theory]
    [InlineData("131052-308U")] // InvalidChecksum
    [InlineData("131052/308T")] // bad century sign
    [InlineData("131052T308T")] // bad century sign
    [InlineData("310252-308Y")] // 31 February
    [InlineData("130052-308R")] // month 00
    [InlineData("10101-0101")] // leading zero dropped
    [InlineData("131052-000V")] // individual number below 002
    [InlineData("131052-9993")] // temporary range with the default flag
    [InlineData("100190-999P")] // DVV example, temporary
    [InlineData("100190Y999P")] // DVV example, temporary
    [InlineData("010190-999K")] // telp.fi example: published, but the check character is wrong
    [InlineData("010190Y999K")]
    public void IsValidHetu_StdnumInvalidVector_IsInvalid(string number)
    {
        Assert.False(NationalIds.IsValidHetu(number));
    }

    [Theory]
    [InlineData("131052-9993")]
    [InlineData("100190-999P")]
    [InlineData("100190Y999P")]
    [InlineData("010190-999W")] // the right check character for the telp.fi example
    public void IsValidHetu_TemporaryNumberWithAllowTemporary_IsValid(string number)
    {
        Assert.True(NationalIds.IsValidHetu(number, allowTemporary: true));
    }

    [Theory]
    [InlineData("010190-999K")]
    [InlineData("131052-001U")]
    public void IsValidHetu_WrongCheckOrReservedNumberWithAllowTemporary_IsStillInvalid(string number)
    {
        Assert.False(NationalIds.IsValidHetu(number, allowTemporary: true));
    }

    [Theory]
    [InlineData("148-481-255 85")]
    [InlineData("14848125585")]
    [InlineData("112-233-445 95")]
    [InlineData("11223344595")]
    [InlineData("010-242-368 77")]
    [InlineData("01024236877")]
    [InlineData("689-169-232 65")]
    [InlineData("100-018-999 00")] // S = 100
    [InlineData("101-998-999 00")] // S mod 101 = 100
    [InlineData("342 932 447 76")]
    [InlineData("34293244776")]
    [InlineData("001-001-998 00")] // numbers up to 001-001-998 carry no check
    public void IsValidSnils_ValidVector_IsValid(string number)
    {
        Assert.True(NationalIds.IsValidSnils(number));
    }

    [Theory]
    [InlineData("148-481-255 00")]
    [InlineData("010-242-368 00")]
    [InlineData("689-169-232 66")]
    [InlineData("34293244777")]
    [InlineData("11223344596")] // the vasiunov readme calls this valid; by the algorithm the check is 95
    [InlineData("148-481-255 8")]
    [InlineData("148/481/255 85")]
    public void IsValidSnils_InvalidVectorOrMalformed_IsInvalid(string number)
    {
        Assert.False(NationalIds.IsValidSnils(number));
    }

    [Theory]
    [InlineData("123456789047")]
    [InlineData("005826107187")]
    [InlineData("226526799843")]
    public void IsValidPersonalInn_ValidVector_IsValid(string number)
    {
        Assert.True(NationalIds.IsValidPersonalInn(number));
    }

    [Theory]
    [InlineData("123456789037")]
    [InlineData("226526799844")]
    [InlineData("1234567894")] // a valid company INN is not a personal one
    [InlineData("12345678904")]
    public void IsValidPersonalInn_InvalidVectorOrCompanyInn_IsInvalid(string number)
    {
        Assert.False(NationalIds.IsValidPersonalInn(number));
    }

    [Theory]
    [InlineData("1234567894")]
    [InlineData("0108003670")]
    [InlineData("0273074555")]
    [InlineData("0279111370")]
    [InlineData("0716007984")]
    [InlineData("5190187770")]
    [InlineData("6223002330")]
    [InlineData("6440019934")]
    [InlineData("6672238301")]
    [InlineData("6903022126")]
    [InlineData("6908012650")]
    [InlineData("6911001698")]
    [InlineData("7609000881")]
    [InlineData("7709442668")]
    [InlineData("7716450028")]
    [InlineData("7724051595")]
    [InlineData("7726485118")]
    [InlineData("7727705694")]
    [InlineData("7728127936")]
    [InlineData("7813045547")]
    [InlineData("7825498171")]
    [InlineData("8614008550")]
    [InlineData("8906008726")]
    [InlineData("8906008740")]
    public void CompanyInn_StdnumValidVector_IsRecognisedButNeverReported(string number)
    {
        Assert.True(NationalIds.IsValidCompanyInn(number));
        Assert.False(NationalIds.IsValidPersonalInn(number));
        Assert.Empty(PersonalDataDetector.Find($"ИНН организации {number}.", new PersonalDataOptions("RU")));
    }

    [Fact]
    public void CompanyInn_StdnumInvalidVector_IsNotRecognised()
    {
        Assert.False(NationalIds.IsValidCompanyInn("1234567895"));
    }
}
