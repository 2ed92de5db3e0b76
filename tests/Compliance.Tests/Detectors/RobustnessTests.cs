using System.Text;
using CareDialog.Compliance.Detectors;

namespace CareDialog.Compliance.Tests.Detectors;

public class RobustnessTests
{
    // Generous on purpose: the point is to catch super-linear behaviour (minutes on 1 MB), not to benchmark a shared machine.

    [Theory]
    [InlineData("\u200F17291716060\u200F", PersonalDataKinds.TrIdentity, "17291716060")]
    [InlineData("😀 131052-308T 😀", PersonalDataKinds.FiHetu, "131052-308T")]
    [InlineData("\uD800211062-5629\uDC00", PersonalDataKinds.DkCpr, "211062-5629")]
    [InlineData("Skriv\r\ntil\r\nanna@example.dk\r\n", PersonalDataKinds.Email, "anna@example.dk")]
    [InlineData("\u202BИван Петров прооперирован\u202C", PersonalDataKinds.HealthName, "Иван Петров")]
    [InlineData("💙Anna Hansen har kræft💙", PersonalDataKinds.HealthName, "Anna Hansen")]
    public void Find_DataNextToEmojiSurrogatesAndDirectionMarks_ReportsItsExactSpan(string text, string kind, string expected)
    {
        DetectorAssert.Single(text, kind, expected);
    }

    [Theory]
    [InlineData("\uD800")]
    [InlineData("\uDC00\uD800")]
    [InlineData("😀")]
    [InlineData("\u200F\u200E\u202E")]
    [InlineData("\n\r\n\u2028\u2029")]
    [InlineData("131052-")]
    [InlineData("211062-5")]
    [InlineData("112-233-445 9")]
    [InlineData("@")]
    [InlineData("a@")]
    [InlineData("anna@x.")]
    [InlineData("+")]
    [InlineData("Dr.")]
    [InlineData("Anna Hansen")]
    [InlineData("DK50")]
    [InlineData("'")]
    [InlineData("Ayşe'")]
    public void Find_TruncatedOrMalformedInput_DoesNotThrowAndReportsNothing(string text)
    {
        Assert.Empty(PersonalDataDetector.Find(text));
    }

    [Fact]
    public void Find_RandomText_NeverThrowsAndReturnsSortedDisjointSpansInsideTheText()
    {
        const string alphabet = "0123456789 -+().@_,:/ \n\u00A0aAeKkRæøåÄöÇşİıАнаИв😀\uD800\uDC00\u200FTCPRxyzDKFI";
        var random = new Random(20260815);
        var options = new[] { null, new PersonalDataOptions("DK"), new PersonalDataOptions("RU", ["+7 912 345-67-89"]) };
        for (var n = 0; n < 3000; n++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            var matches = PersonalDataDetector.Find(text, options[n % options.Length]);

            AssertSortedDisjointInside(text, matches);
        }
    }

    [Fact]
    public void Find_MixedPost_ReportsEveryKindSortedAndDisjoint()
    {
        const string text = "Tak til Anna Hansen, der fik kræft i fjor! Hendes CPR 211062-5629 og tlf. 20 12 34 56 eller anna@example.dk. "
            + "Kontakt os på 33 12 34 56 eller info@klinik.dk. Hetu 131052-308T, TCKN 17291716060, СНИЛС 112-233-445 95, ИНН 123456789047.";

        var matches = PersonalDataDetector.Find(text, new PersonalDataOptions("DK", ["33 12 34 56", "info@klinik.dk"]));

        Assert.Equal(
            [
                PersonalDataKinds.HealthName, PersonalDataKinds.DkCpr, PersonalDataKinds.Phone, PersonalDataKinds.Email, PersonalDataKinds.FiHetu,
                PersonalDataKinds.TrIdentity, PersonalDataKinds.RuSnils, PersonalDataKinds.RuInn,
            ],
            matches.Select(m => m.Kind));
        AssertSortedDisjointInside(text, matches);
    }

    [Fact]
    public void Find_CalledFromManyThreadsAtOnce_GivesTheSameResultsAsOneAtATime()
    {
        string[] texts =
        [
            "Ring til Anna på 20 12 34 56 eller 40 12 34 56.", "Звоните 8 (912) 345-67-89.", "Arayın 0532 123 45 67.",
            "Soita 040 123 4567.", "CPR 211062-5629, hetu 131052-308T.", "Anna Hansen har kræft, skriv til anna@example.dk.",
        ];
        var expected = texts.Select(t => PersonalDataDetector.Find(t)).ToArray();

        Parallel.For(0, 2000, n =>
        {
            var k = n % texts.Length;
            Assert.Equal(expected[k], PersonalDataDetector.Find(texts[k]));
        });
    }

    [Theory]
    [MemberData(nameof(MegabyteInputs))]
    public void Find_OneMegabyteInput_ReturnsSortedDisjointMatches(string name, string unit)
    {
        // Speed is measured by bench/, never asserted here; a super-linear regression shows up there (and as a hung run).
        var text = Repeat(unit);

        var matches = PersonalDataDetector.Find(text);

        AssertSortedDisjointInside(text, matches);
        if (name == "mixed post")
        {
            Assert.NotEmpty(matches); // the unit holds a name with a condition, a phone, an e-mail and a CPR number
        }
    }

    public static TheoryData<string, string> MegabyteInputs() => new()
    {
        { "mixed post", "Ayşe Yılmaz kanser tedavisi gördü. Ring 33 12 34 56 eller skriv til anna@example.dk. CPR 211062-5629. Цена 4 500 ₽. " },
        { "prose", "Vi har åbent mandag til fredag, og vores sygeplejersker hjælper gerne med spørgsmål om behandlingen. " },
        { "digit soup", "1 2 3 4 5 6 7 8 9 0 " },
        { "one digit run", "1234567890" },
        { "hyphenated digits", "12-34-56-78-90-" },
        { "at signs", "a@a@a.b@" },
        { "dots", "a." },
        { "capitalised words without sentence end", "Anna Hansen kræft " },
        { "staff titles", "Dr. " },
        { "iban-like", "DK50 0040 0440 1162 43 " },
        { "surrogates and marks", "\uD800\uDC00\uDFFF😀\u200F\n" },
    };

    private static string Repeat(string unit)
    {
        var sb = new StringBuilder(1_000_000 + unit.Length);
        while (sb.Length < 1_000_000)
        {
            sb.Append(unit);
        }

        return sb.ToString();
    }

    private static void AssertSortedDisjointInside(string text, IReadOnlyList<PersonalDataMatch> matches)
    {
        var previousEnd = 0;
        foreach (var m in matches)
        {
            if (m.Start < previousEnd || m.Length <= 0 || m.Start + m.Length > text.Length)
            {
                Assert.Fail($"{m} overlaps the previous match or leaves the text (length {text.Length}, previous end {previousEnd}).");
            }

            previousEnd = m.Start + m.Length;
        }
    }
}
