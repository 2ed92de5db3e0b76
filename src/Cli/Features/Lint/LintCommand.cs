using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareDialog.Compliance;
using CareDialog.Compliance.Platforms;

namespace CareDialog.Cli.Features.Lint;

/// <summary>
/// <c>caredialog lint</c>: one text (a file or stdin) or, with --jsonl, one JSON object per input line. The output
/// shapes are the contract in design.md; offsets are UTF-16 code units of the input text.
/// </summary>
public static class LintCommand
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var jurisdiction = new Option<string>("--jurisdiction") { Description = "TR, DK, FI, RU or EU (default EU)", DefaultValueFactory = _ => "EU" };
        var platform = new Option<string?>("--platform") { Description = "facebook instagram x linkedin youtube telegram vk sandbox" };
        var consents = new Option<string[]>("--consent") { Description = "a consent record id the text may rely on (repeatable)", AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        var jsonl = new Option<bool>("--jsonl") { Description = "read one JSON object per line from stdin, write one per line" };
        var file = new Argument<string?>("FILE") { Description = "the text to check; - or nothing for stdin", Arity = ArgumentArity.ZeroOrOne };

        var command = new Command("lint", "Check a text against a jurisdiction's health-advertising and privacy rules.")
        {
            jurisdiction, platform, consents, format, jsonl, file,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(jsonl))
            {
                return RunJsonl(stdin, stdout, parse.GetValue(jurisdiction)!, parse.GetValue(platform));
            }

            if (!TryJurisdiction(parse.GetValue(jurisdiction), out var j, out var jError)
                || !TryPlatform(parse.GetValue(platform), out var p, out jError))
            {
                stderr.WriteLine(jError);
                return ExitCodes.BadInput;
            }

            var fmt = parse.GetValue(format);
            if (fmt is not ("text" or "json"))
            {
                stderr.WriteLine("--format must be text or json.");
                return ExitCodes.BadInput;
            }

            var path = parse.GetValue(file);
            string text;
            if (path is null or "-")
            {
                text = stdin.ReadToEnd();
            }
            else if (!File.Exists(path))
            {
                stderr.WriteLine($"No such file: {path}");
                return ExitCodes.BadInput;
            }
            else
            {
                text = File.ReadAllText(path, Encoding.UTF8);
            }

            var result = ComplianceEngine.Default.Check(Request(text, j, p, parse.GetValue(consents) ?? []));
            if (fmt == "json")
            {
                stdout.WriteLine(ToJson(null, result).ToJsonString(Json));
            }
            else
            {
                WriteText(stdout, text, result);
            }

            return result.Verdict == Verdict.Block ? ExitCodes.Blocked : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// A consent id given to the CLI is taken to cover every use, platform and date: the CLI has no registry. The product
    /// checks the real scope from its consent registry.
    /// </summary>
    private static CheckRequest Request(string text, Jurisdiction j, Platform? p, IEnumerable<string> consentIds) =>
        new(text, j, p, consentIds.Select(id => new ConsentReference(id, new HashSet<string> { ConsentUses.Testimonial, ConsentUses.BeforeAfter, ConsentUses.PatientImage })).ToList());

    private static int RunJsonl(TextReader stdin, TextWriter stdout, string defaultJurisdiction, string? defaultPlatform)
    {
        var anyBlocked = false;
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

                var jValue = input["jurisdiction"] is JsonValue jv && jv.TryGetValue<string>(out var js) ? js : defaultJurisdiction;
                var pValue = input["platform"] is JsonValue pv && pv.TryGetValue<string>(out var ps) ? ps : defaultPlatform;
                if (!TryJurisdiction(jValue, out var j, out var error) || !TryPlatform(pValue, out var p, out error))
                {
                    throw new JsonException(error);
                }

                var consentIds = input["consents"] is JsonArray arr
                    ? arr.Select(c => c is JsonValue cv && cv.TryGetValue<string>(out var cs) ? cs : throw new JsonException("\"consents\" must be strings")).ToList()
                    : [];
                var result = ComplianceEngine.Default.Check(Request(text, j, p, consentIds));
                anyBlocked |= result.Verdict == Verdict.Block;
                stdout.WriteLine(ToJson(id, result).ToJsonString(Json));
            }
            catch (JsonException ex)
            {
                // A bad line is answered in place; the run goes on so one broken record never loses the rest.
                stdout.WriteLine(new JsonObject { ["id"] = id, ["error"] = ex.Message }.ToJsonString(Json));
            }
        }

        return anyBlocked ? ExitCodes.Blocked : ExitCodes.Ok;
    }

    private static JsonObject ToJson(JsonNode? id, CheckResult result)
    {
        var findings = new JsonArray();
        foreach (var f in result.Findings)
        {
            var o = new JsonObject
            {
                ["rule"] = f.Rule,
                ["category"] = f.Category,
                ["severity"] = f.Severity == Severity.Block ? "block" : "warn",
                ["start"] = f.Start,
                ["length"] = f.Length,
                ["message"] = f.Message,
                ["source"] = f.Source,
            };
            if (f.ConsentCanSatisfy)
            {
                o["consentCanSatisfy"] = true;
                o["satisfied"] = f.Satisfied;
                if (f.SatisfiedBy is not null)
                {
                    o["satisfiedBy"] = f.SatisfiedBy;
                }
            }

            findings.Add(o);
        }

        var result1 = new JsonObject();
        if (id is not null)
        {
            result1["id"] = id;
        }

        result1["verdict"] = result.Verdict switch { Verdict.Block => "block", Verdict.Warn => "warn", _ => "pass" };
        result1["findings"] = findings;
        return result1;
    }

    private static void WriteText(TextWriter stdout, string text, CheckResult result)
    {
        foreach (var f in result.Findings)
        {
            var words = f.Start >= 0 && f.Start + f.Length <= text.Length ? text.Substring(f.Start, f.Length).ReplaceLineEndings(" ") : "";
            var state = f.Satisfied ? $"satisfied ({f.SatisfiedBy})" : f.Severity == Severity.Block ? "BLOCK" : "warn";
            stdout.WriteLine($"{state,-5} {f.Rule} [{f.Category}] at {f.Start}+{f.Length} \"{words}\"");
            stdout.WriteLine($"      {f.Message}");
            stdout.WriteLine($"      fix: {f.Suggestion}");
            stdout.WriteLine($"      source: {f.Source}");
        }

        stdout.WriteLine(result.Verdict switch
        {
            Verdict.Block => "verdict: block",
            Verdict.Warn => "verdict: warn",
            _ => "verdict: pass",
        });
    }

    private static bool TryJurisdiction(string? value, out Jurisdiction j, out string error)
    {
        error = "";
        if (Enum.TryParse(value, ignoreCase: true, out j) && Enum.IsDefined(j) && !int.TryParse(value, out _))
        {
            return true;
        }

        error = $"Unknown jurisdiction '{value}': use TR, DK, FI, RU or EU.";
        return false;
    }

    private static bool TryPlatform(string? value, out Platform? p, out string error)
    {
        error = "";
        p = null;
        if (value is null)
        {
            return true;
        }

        if (PlatformNames.TryParse(value, out var parsed))
        {
            p = parsed;
            return true;
        }

        error = $"Unknown platform '{value}': use facebook, instagram, x, linkedin, youtube, telegram, vk or sandbox.";
        return false;
    }
}
