using System.Text.Json;

namespace CareDialog.Compliance.Rules;

/// <summary>A pack file's header: which jurisdictions it is checked in and why it does or does not pull in other packs.</summary>
internal sealed record PackHeader(string Name, string File, string Language, IReadOnlyList<Jurisdiction> AppliesTo, IReadOnlyList<string> Includes, string IncludesReason);

/// <summary>Everything read from the pack files, validated, before compilation.</summary>
internal sealed class PackSet
{
    public required IReadOnlyList<PackHeader> Packs { get; init; }
    public required IReadOnlyList<RuleDefinition> Rules { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Suffixes { get; init; }

    /// <summary>System texts by jurisdiction, then by key (PLATFORM.LENGTH, PRIVACY, PRIVACY.PHONE, …).</summary>
    public required IReadOnlyDictionary<Jurisdiction, IReadOnlyDictionary<string, SystemText>> System { get; init; }
}

/// <summary>
/// Reads the rule packs embedded in the assembly and refuses a pack that breaks the rules every pack must keep: the fixed category
/// vocabulary, both languages for every text, a source for every rule, and no <c>block</c> on a rule whose research is not confirmed.
/// A broken pack fails the first check loudly instead of silently checking less.
/// </summary>
internal static class PackLoader
{
    public const string ResourcePrefix = "CareDialog.Compliance.Packs.";

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static PackSet LoadEmbedded()
    {
        var assembly = typeof(PackLoader).Assembly;
        var files = new List<(string Name, byte[] Json)>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files.Add((name[ResourcePrefix.Length..], buffer.ToArray()));
        }

        if (files.Count == 0)
        {
            throw new InvalidOperationException("No rule packs are embedded in CareDialog.Compliance (expected Packs/*.json).");
        }

        return Parse(files);
    }

    public static string LanguageOf(Jurisdiction j) => j switch
    {
        Jurisdiction.TR => "tr",
        Jurisdiction.DK => "da",
        Jurisdiction.FI => "fi",
        Jurisdiction.RU => "ru",
        _ => "en",
    };

    internal static PackSet Parse(IReadOnlyList<(string Name, byte[] Json)> files)
    {
        var headers = new List<PackHeader>();
        var rulesByPack = new List<(PackHeader Header, List<RuleDefinition> Rules)>();
        var suffixes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var system = new Dictionary<Jurisdiction, Dictionary<string, SystemText>>();

        foreach (var (file, json) in files)
        {
            using var doc = JsonDocument.Parse(json, Options);
            var root = doc.RootElement;
            var where = file;
            var header = new PackHeader(
                Str(root, "pack", where),
                file,
                Str(root, "language", where),
                StrArray(root, "appliesTo", where, required: true).Select(s => ParseJurisdiction(s, where)).ToList(),
                StrArray(root, "includes", where, required: false),
                Str(root, "includesReason", where));
            if (headers.Any(h => h.Name == header.Name))
            {
                throw Invalid(where, $"pack {header.Name} is defined twice");
            }

            headers.Add(header);

            if (root.TryGetProperty("suffixes", out var suffixList))
            {
                foreach (var lang in suffixList.EnumerateObject())
                {
                    if (suffixes.ContainsKey(lang.Name))
                    {
                        throw Invalid(where, $"the suffix list for '{lang.Name}' is defined in two packs");
                    }

                    suffixes[lang.Name] = lang.Value.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
                }
            }

            if (root.TryGetProperty("system", out var systemTexts))
            {
                var jurisdiction = header.AppliesTo.Count == 1 ? header.AppliesTo[0] : throw Invalid(where, "system texts belong in a single-jurisdiction pack");
                system[jurisdiction] = ParseSystem(systemTexts, header.Language, where);
            }

            var rules = new List<RuleDefinition>();
            if (root.TryGetProperty("rules", out var ruleArray))
            {
                foreach (var r in ruleArray.EnumerateArray())
                {
                    rules.Add(ParseRule(r, header, where));
                }
            }

            rulesByPack.Add((header, rules));
        }

        var all = new List<RuleDefinition>();
        foreach (var (header, rules) in rulesByPack)
        {
            var mask = 0u;
            foreach (var j in header.AppliesTo)
            {
                mask |= 1u << (int)j;
            }

            foreach (var other in headers)
            {
                if (other.Includes.Contains(header.Name))
                {
                    foreach (var j in other.AppliesTo)
                    {
                        mask |= 1u << (int)j;
                    }
                }
            }

            foreach (var rule in rules)
            {
                rule.Jurisdictions = mask;
                CheckLanguages(rule, mask, header.File);
                all.Add(rule);
            }
        }

        foreach (var header in headers)
        {
            foreach (var included in header.Includes)
            {
                if (!headers.Any(h => h.Name == included))
                {
                    throw Invalid(header.File, $"includes unknown pack {included}");
                }
            }
        }

        Link(all);
        foreach (var rule in all)
        {
            var lang = rule.Language;
            if (!suffixes.ContainsKey(lang) && UsesSuffixList(rule))
            {
                throw Invalid(rule.Pack, $"rule {rule.Id} uses '+' but no pack defines suffixes for '{lang}'");
            }
        }

        foreach (var j in Enum.GetValues<Jurisdiction>())
        {
            if (!system.ContainsKey(j))
            {
                throw Invalid("packs", $"no pack defines the system texts for {j}");
            }
        }

        return new PackSet
        {
            Packs = headers,
            Rules = all,
            Suffixes = suffixes,
            System = system.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, SystemText>)kv.Value),
        };
    }

    private static bool UsesSuffixList(RuleDefinition rule) =>
        rule.Triggers.Concat(rule.AppliesWhen.SelectMany(g => g)).Concat(rule.Parts.SelectMany(g => g)).Concat(rule.Exceptions.SelectMany(e => e.Triggers))
            .Any(t => !t.Contains(':', StringComparison.Ordinal) && t.Contains('+', StringComparison.Ordinal));

    private static void Link(List<RuleDefinition> all)
    {
        var byId = new Dictionary<string, RuleDefinition>(StringComparer.Ordinal);
        for (var i = 0; i < all.Count; i++)
        {
            all[i].Index = i;
            if (!byId.TryAdd(all[i].Id, all[i]))
            {
                throw Invalid(all[i].Pack, $"rule id {all[i].Id} is used twice");
            }
        }

        foreach (var rule in all.Where(r => r.Kind == RuleKind.Partial))
        {
            if (!byId.TryGetValue(rule.PartialOf!, out var main) || main.Kind != RuleKind.Required)
            {
                throw Invalid(rule.Pack, $"rule {rule.Id}: partialOf '{rule.PartialOf}' is not a required-text rule");
            }

            if (main.PartialRule >= 0)
            {
                throw Invalid(rule.Pack, $"rule {main.Id} has two partial rules");
            }

            if (main.Jurisdictions != rule.Jurisdictions)
            {
                throw Invalid(rule.Pack, $"rule {rule.Id} must apply in the same jurisdictions as {main.Id}");
            }

            main.PartialRule = rule.Index;
        }
    }

    private static RuleDefinition ParseRule(JsonElement r, PackHeader header, string file)
    {
        var id = Str(r, "id", file);
        var where = $"{file}: rule {id}";
        if (!IsRuleId(id))
        {
            throw Invalid(where, "the id must look like PACK.NAME in capitals (e.g. TR.SUPERIORITY)");
        }

        var category = Str(r, "category", where);
        if (!Categories.All.Contains(category))
        {
            throw Invalid(where, $"category '{category}' is not one of {string.Join(", ", Categories.All)}");
        }

        var confidence = Str(r, "confidence", where);
        if (confidence is not ("C" or "S" or "U"))
        {
            throw Invalid(where, "confidence must be C, S or U");
        }

        var severity = Str(r, "severity", where) switch
        {
            "block" => Severity.Block,
            "warn" => Severity.Warn,
            var s => throw Invalid(where, $"severity '{s}' must be block or warn"),
        };

        // The research marks [S] and [U] mean "not confirmed against the official text": such a rule may warn but never stop a post.
        if (severity == Severity.Block && confidence != "C")
        {
            throw Invalid(where, $"a rule with confidence {confidence} must ship as warn, not block");
        }

        var triggers = StrArray(r, "triggers", where, required: false);
        var parts = Groups(r, "parts", where);
        var partialOf = r.TryGetProperty("partialOf", out var po) ? po.GetString() : null;
        var kind = partialOf is not null ? RuleKind.Partial : parts.Count > 0 ? RuleKind.Required : RuleKind.Match;
        if (kind == RuleKind.Match && triggers.Count == 0)
        {
            throw Invalid(where, "a rule needs triggers, parts (a required text) or partialOf");
        }

        if (kind != RuleKind.Match && triggers.Count > 0)
        {
            throw Invalid(where, "a required-text or partial rule has parts, not triggers");
        }

        if (kind == RuleKind.Required && parts.Count > 16)
        {
            throw Invalid(where, "at most 16 parts");
        }

        var exceptions = new List<RuleException>();
        if (r.TryGetProperty("exceptions", out var ex))
        {
            foreach (var e in ex.EnumerateArray())
            {
                var scope = Str(e, "scope", where) switch
                {
                    "overlap" => ExceptionScope.Overlap,
                    "sentence" => ExceptionScope.Sentence,
                    "near" => ExceptionScope.Near,
                    "text" => ExceptionScope.Text,
                    var s => throw Invalid(where, $"exception scope '{s}' must be overlap, sentence, near or text"),
                };
                exceptions.Add(new RuleException(scope, StrArray(e, "triggers", where, required: true)));
            }
        }

        var consentCanSatisfy = r.TryGetProperty("consentCanSatisfy", out var ccs) && ccs.GetBoolean();
        var consentUse = r.TryGetProperty("consentUse", out var cu) ? cu.GetString() : null;
        if (consentCanSatisfy && consentUse is not (ConsentUses.Testimonial or ConsentUses.BeforeAfter or ConsentUses.PatientImage))
        {
            throw Invalid(where, "consentCanSatisfy needs consentUse testimonial, before-after or patient-image");
        }

        var source = r.GetProperty("source");
        var url = Str(source, "url", where);
        if (!url.StartsWith("http", StringComparison.Ordinal))
        {
            throw Invalid(where, "source.url must be a web address");
        }

        var when = r.TryGetProperty("when", out var w) ? w : default;
        var examples = r.GetProperty("examples");
        return new RuleDefinition
        {
            Id = id,
            Ref = Str(r, "ref", where),
            Pack = header.Name,
            Category = category,
            Severity = severity,
            Confidence = confidence,
            ConfidenceNote = r.TryGetProperty("confidenceNote", out var cn) ? cn.GetString() : null,
            Kind = kind,
            PartialOf = partialOf,
            Language = header.Language,
            RequiresMedia = when.ValueKind == JsonValueKind.Object && when.TryGetProperty("media", out var m) && m.GetBoolean(),
            PublicReplyOnly = when.ValueKind == JsonValueKind.Object && when.TryGetProperty("publicReply", out var pr) && pr.GetBoolean(),
            Triggers = triggers,
            AppliesWhen = Groups(r, "appliesWhen", where),
            Exceptions = exceptions,
            Parts = parts,
            Message = Texts(r, "message", where),
            Suggestion = Texts(r, "suggestion", where),
            Law = Str(source, "law", where),
            Article = Str(source, "article", where),
            Url = url,
            ConsentCanSatisfy = consentCanSatisfy,
            ConsentUse = consentCanSatisfy ? consentUse : null,
            PositiveExamples = StrArray(examples, "positive", where, required: false),
            NegativeExamples = StrArray(examples, "negative", where, required: false),
        };
    }

    private static Dictionary<string, SystemText> ParseSystem(JsonElement element, string language, string file)
    {
        var result = new Dictionary<string, SystemText>(StringComparer.Ordinal);
        foreach (var entry in element.EnumerateObject())
        {
            var where = $"{file}: system text {entry.Name}";
            var message = Texts(entry.Value, "message", where);
            var suggestion = Texts(entry.Value, "suggestion", where);
            foreach (var lang in new[] { language, "en" })
            {
                if (!message.ContainsKey(lang) || !suggestion.ContainsKey(lang))
                {
                    throw Invalid(where, $"message and suggestion need '{lang}'");
                }
            }

            string? source = null;
            if (entry.Value.TryGetProperty("source", out var s))
            {
                source = $"{Str(s, "law", where)}, {Str(s, "article", where)} — {Str(s, "url", where)}";
            }

            result[entry.Name] = new SystemText(message[language], message["en"], suggestion[language], suggestion["en"], source);
        }

        foreach (var key in new[] { "PLATFORM.LENGTH", "PLATFORM.HASHTAGS", "PLATFORM.MENTIONS", "PLATFORM.TITLE", "PLATFORM.CHARACTERS", "PRIVACY" })
        {
            if (!result.ContainsKey(key))
            {
                throw Invalid(file, $"system text {key} is missing");
            }
        }

        if (result["PRIVACY"].Source is null)
        {
            throw Invalid(file, "system text PRIVACY needs a source");
        }

        return result;
    }

    private static void CheckLanguages(RuleDefinition rule, uint mask, string file)
    {
        foreach (var j in Enum.GetValues<Jurisdiction>())
        {
            if ((mask & (1u << (int)j)) == 0)
            {
                continue;
            }

            var lang = LanguageOf(j);
            if (!rule.Message.ContainsKey(lang) || !rule.Suggestion.ContainsKey(lang))
            {
                throw Invalid($"{file}: rule {rule.Id}", $"checked in {j}, so message and suggestion need '{lang}'");
            }
        }

        if (!rule.Message.ContainsKey("en") || !rule.Suggestion.ContainsKey("en"))
        {
            throw Invalid($"{file}: rule {rule.Id}", "message and suggestion need 'en'");
        }
    }

    private static bool IsRuleId(string id)
    {
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == id.Length - 1)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static Jurisdiction ParseJurisdiction(string value, string where) =>
        Enum.TryParse<Jurisdiction>(value, ignoreCase: false, out var j) && Enum.IsDefined(j)
            ? j
            : throw Invalid(where, $"unknown jurisdiction '{value}'");

    private static string Str(JsonElement e, string name, string where) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()!
            : throw Invalid(where, $"'{name}' is missing or empty");

    private static IReadOnlyList<string> StrArray(JsonElement e, string name, string where, bool required)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return required ? throw Invalid(where, $"'{name}' is missing") : [];
        }

        var list = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            var s = item.GetString();
            if (string.IsNullOrWhiteSpace(s))
            {
                throw Invalid(where, $"'{name}' has an empty entry");
            }

            list.Add(s);
        }

        if (required && list.Count == 0)
        {
            throw Invalid(where, $"'{name}' is empty");
        }

        return list;
    }

    private static IReadOnlyList<IReadOnlyList<string>> Groups(JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return [];
        }

        var groups = new List<IReadOnlyList<string>>();
        foreach (var g in v.EnumerateArray())
        {
            var list = g.EnumerateArray().Select(x => x.GetString() ?? "").ToList();
            if (list.Count == 0 || list.Any(string.IsNullOrWhiteSpace))
            {
                throw Invalid(where, $"'{name}' has an empty group or entry");
            }

            groups.Add(list);
        }

        return groups;
    }

    private static IReadOnlyDictionary<string, string> Texts(JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(where, $"'{name}' must be an object of language → text");
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in v.EnumerateObject())
        {
            var s = p.Value.GetString();
            if (string.IsNullOrWhiteSpace(s))
            {
                throw Invalid(where, $"'{name}.{p.Name}' is empty");
            }

            texts[p.Name] = s;
        }

        return texts;
    }

    private static InvalidOperationException Invalid(string where, string problem) => new($"Rule pack {where} is invalid: {problem}.");
}
