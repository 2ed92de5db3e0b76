using System.Text.Json;

namespace CareDialog.Cli.Tests.Features.Lint;

/// <summary>The `caredialog lint` contract of design.md, run in-process with real streams.</summary>
public class LintCommandTests
{
    private static (int Exit, string Out, string Err) Run(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, input, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static List<JsonElement> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Theory]
    [InlineData("TR", "İstanbul'un EN İYİ diş kliniği! Bu ay tüm implantlarda %20 İNDİRİM, sonuç garantili.")]
    [InlineData("DK", "Danmarks bedste klinik! Vi garanterer resultatet – 20 % rabat på alle behandlinger i denne måned.")]
    [InlineData("FI", "Suomen paras klinikka! Takaamme tuloksen – kaikki hoidot -20 % tässä kuussa.")]
    [InlineData("RU", "Лучшая клиника города! Гарантируем результат, скидка 20% на все процедуры.")]
    [InlineData("EU", "Our patient Anna Hansen was treated for breast cancer here last week.")]
    public void Lint_AdvertisingBreachesInEachLanguage_AreBlockedWithExit1(string jurisdiction, string text)
    {
        var (exit, output, _) = Run(text, "lint", "--jurisdiction", jurisdiction, "--format", "json");

        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal("block", result.GetProperty("verdict").GetString());
        Assert.Equal(1, exit);
        Assert.All(result.GetProperty("findings").EnumerateArray(), f =>
        {
            var start = f.GetProperty("start").GetInt32();
            var length = f.GetProperty("length").GetInt32();
            Assert.InRange(start, 0, text.Length);
            Assert.InRange(start + length, start, text.Length);
            Assert.Contains(f.GetProperty("category").GetString(), Compliance.Categories.All);
        });
    }

    [Theory]
    [InlineData("TR", "Diş fırçanızı üç ayda bir değiştirmeyi unutmayın. Sorularınız için 0212 345 67 89 numaralı hattımızı arayabilirsiniz.")]
    [InlineData("DK", "Besøgstiden på medicinsk afdeling er ændret. Fra mandag kan pårørende komme mellem kl. 14 og 19.")]
    [InlineData("FI", "Neuvolan puhelinaika on arkisin klo 8–10. Rokotusohjelman rokotteet ovat maksuttomia.")]
    [InlineData("RU", "Уважаемые пациенты! В праздничные дни поликлиника работает с 9:00 до 14:00.")]
    [InlineData("EU", "Our visiting hours change on Monday: visitors are welcome between 2 pm and 7 pm.")]
    public void Lint_OrdinaryInformationInEachLanguage_PassesWithExit0(string jurisdiction, string text)
    {
        var (exit, output, _) = Run(text, "lint", "--jurisdiction", jurisdiction, "--format", "json");

        Assert.Equal(0, exit);
        Assert.NotEqual("block", JsonDocument.Parse(output).RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public void Lint_Jsonl_AnswersEveryLineInOrderAndKeepsGoingAfterABadLine()
    {
        var input = string.Join('\n',
            """{"id":"a","text":"Suomen paras klinikka! Takaamme tuloksen.","jurisdiction":"FI"}""",
            """{"id":"b","text":""",
            """{"id":7,"text":"Visiting hours change on Monday.","jurisdiction":"EU","platform":"x"}""",
            """{"id":"d","text":"x","jurisdiction":"XX"}""",
            """{"id":"e","text":"Лучшая клиника!","jurisdiction":"RU","consents":["C-1"]}""");

        var (exit, output, _) = Run(input, "lint", "--jsonl");

        var lines = Lines(output);
        Assert.Equal(5, lines.Count);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.Equal("block", lines[0].GetProperty("verdict").GetString());
        Assert.True(lines[1].TryGetProperty("error", out _));
        Assert.Equal(7, lines[2].GetProperty("id").GetInt32());
        Assert.Equal("pass", lines[2].GetProperty("verdict").GetString());
        Assert.Contains("jurisdiction", lines[3].GetProperty("error").GetString());
        Assert.Equal("d", lines[3].GetProperty("id").GetString());
        Assert.Equal("e", lines[4].GetProperty("id").GetString());
        Assert.Equal(1, exit);
    }

    [Fact]
    public void Lint_JsonlFindings_HaveTheContractFields()
    {
        var (_, output, _) = Run("""{"id":"1","text":"Danmarks bedste klinik!","jurisdiction":"DK"}""", "lint", "--jsonl");

        var finding = Lines(output)[0].GetProperty("findings").EnumerateArray().First();
        foreach (var field in new[] { "rule", "category", "severity", "start", "length", "message", "source" })
        {
            Assert.True(finding.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Contains(finding.GetProperty("severity").GetString(), new[] { "block", "warn" });
    }

    [Fact]
    public void Lint_UnknownJurisdiction_Exits2WithMessage()
    {
        var (exit, _, error) = Run("text", "lint", "--jurisdiction", "SE");
        Assert.Equal(2, exit);
        Assert.Contains("TR, DK, FI, RU or EU", error);
    }

    [Fact]
    public void Lint_UnknownOption_Exits2()
    {
        var (exit, _, error) = Run("text", "lint", "--no-such-option");
        Assert.Equal(2, exit);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Lint_MissingFile_Exits2()
    {
        var (exit, _, error) = Run("", "lint", "/nonexistent/post.txt");
        Assert.Equal(2, exit);
        Assert.Contains("No such file", error);
    }

    [Fact]
    public void Lint_FileArgument_IsReadAsUtf8()
    {
        var path = Path.Combine(Path.GetTempPath(), $"caredialog-lint-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "İstanbul'un en iyi kliniği");
        try
        {
            var (exit, output, _) = Run("", "lint", "--jurisdiction", "TR", path);
            Assert.Equal(1, exit);
            Assert.Contains("verdict: block", output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Lint_OverXLimit_ReportsPlatformLimit()
    {
        var (_, output, _) = Run(new string('a', 300), "lint", "--platform", "x", "--format", "json");
        Assert.Contains(JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("category").GetString() == "platform-limit");
    }
}
