using System.Text.Json;

namespace CareDialog.Cli.Tests.Features.Triage;

/// <summary>The `caredialog triage --jsonl` contract of design.md, run in-process with real streams.</summary>
public class TriageCommandTests
{
    private static readonly string[] Keys = ["id", "language", "sentiment", "intent", "urgency", "personalData"];

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

    [Fact]
    public void Triage_Jsonl_AnswersEveryLineInOrderWithExactlyTheContractFields()
    {
        var input = string.Join('\n',
            """{"id":"a","text":"Не могу дышать, помогите","platform":"vk"}""",
            """{"id":2,"text":"Merhaba, yarın için randevu alabilir miyim?"}""",
            """{"id":"c","text":"Tusind tak til sygeplejerskerne, I var fantastiske","platform":"facebook"}""",
            """{"id":"d","text":"en jaksa elää enää","platform":"instagram"}""",
            """{"id":"e","text":"Waited 4 hours and the staff were rude, call me on anna@example.com"}""");

        var (exit, output, _) = Run(input, "triage", "--jsonl");

        Assert.Equal(0, exit);
        var lines = Lines(output);
        Assert.Equal(5, lines.Count);
        Assert.All(lines, l => Assert.Equal(Keys, l.EnumerateObject().Select(p => p.Name)));

        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.Equal("ru", lines[0].GetProperty("language").GetString());
        Assert.Equal("emergency", lines[0].GetProperty("intent").GetString());
        Assert.Equal("critical", lines[0].GetProperty("urgency").GetString());
        Assert.Equal("negative", lines[0].GetProperty("sentiment").GetString());

        Assert.Equal(2, lines[1].GetProperty("id").GetInt32());
        Assert.Equal("tr", lines[1].GetProperty("language").GetString());
        Assert.Equal("appointment", lines[1].GetProperty("intent").GetString());

        Assert.Equal("da", lines[2].GetProperty("language").GetString());
        Assert.Equal("praise", lines[2].GetProperty("intent").GetString());
        Assert.Equal("positive", lines[2].GetProperty("sentiment").GetString());
        Assert.Equal("low", lines[2].GetProperty("urgency").GetString());

        Assert.Equal("fi", lines[3].GetProperty("language").GetString());
        Assert.Equal("emergency", lines[3].GetProperty("intent").GetString());

        Assert.Equal("complaint", lines[4].GetProperty("intent").GetString());
        var email = Assert.Single(lines[4].GetProperty("personalData").EnumerateArray());
        Assert.Equal("email", email.GetProperty("kind").GetString());
        Assert.Equal(Keys.Length, lines[4].EnumerateObject().Count());
        Assert.Equal(["kind", "start", "length"], email.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Triage_Jsonl_PersonalDataOffsetsAreUtf16UnitsOfTheText()
    {
        const string text = "🙏 Randevu için arayın: 0532 123 45 67";
        var line = JsonSerializer.Serialize(new { id = "p", text });

        var (_, output, _) = Run(line, "triage", "--jsonl");

        var phone = Assert.Single(Lines(output)[0].GetProperty("personalData").EnumerateArray());
        Assert.Equal("0532 123 45 67", text.Substring(phone.GetProperty("start").GetInt32(), phone.GetProperty("length").GetInt32()));
    }

    [Fact]
    public void Triage_Jsonl_BadLinesYieldAnErrorObjectAndTheRunGoesOn()
    {
        var input = string.Join('\n',
            """{"id":"ok1","text":"Is the clinic open on Sunday?"}""",
            "this is not json",
            """{"id":"no-text"}""",
            """{"id":"bad-platform","text":"hello","platform":"myspace"}""",
            """["an","array"]""",
            "",
            """{"id":"ok2","text":"Thank you, wonderful nurses"}""");

        var (exit, output, _) = Run(input, "triage", "--jsonl");

        Assert.Equal(0, exit);
        var lines = Lines(output);
        Assert.Equal(6, lines.Count);
        Assert.Equal("question", lines[0].GetProperty("intent").GetString());
        Assert.True(lines[1].TryGetProperty("error", out _));
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("id").ValueKind);
        Assert.Equal("no-text", lines[2].GetProperty("id").GetString());
        Assert.Contains("text", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("bad-platform", lines[3].GetProperty("id").GetString());
        Assert.Contains("platform", lines[3].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(lines[4].TryGetProperty("error", out _));
        Assert.Equal("ok2", lines[5].GetProperty("id").GetString());
        Assert.Equal("praise", lines[5].GetProperty("intent").GetString());
    }

    [Fact]
    public void Triage_WithoutJsonl_IsBadUsageWithExit2()
    {
        var (exit, output, error) = Run("hello", "triage");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("--jsonl", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Triage_UnknownOption_IsBadUsageWithExit2()
    {
        var (exit, _, error) = Run("", "triage", "--jsonl", "--nope");

        Assert.Equal(2, exit);
        Assert.NotEqual("", error);
    }

    [Fact]
    public void Triage_EmptyInput_WritesNothingAndExits0()
    {
        var (exit, output, _) = Run("", "triage", "--jsonl");

        Assert.Equal(0, exit);
        Assert.Equal("", output);
    }
}
