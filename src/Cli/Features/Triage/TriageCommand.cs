using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareDialog.Compliance.Platforms;
using CareDialog.Triage;

namespace CareDialog.Cli.Features.Triage;

/// <summary>
/// <c>caredialog triage --jsonl</c>: one JSON object per input line in, one per line out, same order, ids echoed; the shapes
/// are the contract in design.md. Offsets of personal data are UTF-16 code units of the input text.
/// </summary>
public static class TriageCommand
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var jsonl = new Option<bool>("--jsonl") { Description = "read {\"id\",\"text\",\"platform\"?} per line from stdin, write one result per line" };
        var command = new Command("triage", "Language, sentiment, intent, urgency and patient data of inbound messages.") { jsonl };
        command.SetAction(parse =>
        {
            if (!parse.GetValue(jsonl))
            {
                // Only the line-oriented form exists: a single free text has no id to answer with.
                stderr.WriteLine("triage needs --jsonl (one {\"id\",\"text\",\"platform\"?} object per line on stdin).");
                return ExitCodes.BadInput;
            }

            return RunJsonl(stdin, stdout);
        });
        return command;
    }

    private static int RunJsonl(TextReader stdin, TextWriter stdout)
    {
        var engine = TriageEngine.Default;
        string? line;
        while ((line = stdin.ReadLine()) is not null)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonNode? id = null;
            try
            {
                var input = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("each line must be a JSON object");
                id = input["id"]?.DeepClone();
                if (input["text"] is not JsonValue textValue || !textValue.TryGetValue<string>(out var text))
                {
                    throw new JsonException("\"text\" must be a string");
                }

                string? platform = null;
                if (input["platform"] is { } p)
                {
                    if (p is not JsonValue pv || !pv.TryGetValue(out platform) || !PlatformNames.TryParse(platform, out _))
                    {
                        throw new JsonException($"Unknown platform '{p.ToJsonString()}': use facebook, instagram, x, linkedin, youtube, telegram, vk or sandbox.");
                    }
                }

                var result = engine.Analyze(new TriageRequest(text, platform));
                stdout.WriteLine(ToJson(id, result).ToJsonString(Json));
            }
            catch (JsonException ex)
            {
                // A bad line is answered in place; the run goes on so one broken record never loses the rest.
                stdout.WriteLine(new JsonObject { ["id"] = id, ["error"] = ex.Message }.ToJsonString(Json));
            }
        }

        return ExitCodes.Ok;
    }

    private static JsonObject ToJson(JsonNode? id, TriageResult result)
    {
        var personalData = new JsonArray();
        foreach (var m in result.PersonalData)
        {
            personalData.Add(new JsonObject { ["kind"] = m.Kind, ["start"] = m.Start, ["length"] = m.Length });
        }

        var o = new JsonObject();
        if (id is not null)
        {
            o["id"] = id;
        }

        o["language"] = result.Language;
        o["sentiment"] = WireNames.Of(result.Sentiment);
        o["intent"] = WireNames.Of(result.Intent);
        o["urgency"] = WireNames.Of(result.Urgency);
        o["personalData"] = personalData;
        return o;
    }
}
