using System.Text.Json;

namespace CareDialog.Triage;

/// <summary>Cue categories of the lexicon files; <see cref="Stop"/> is a language-profile word, not a label cue.</summary>
internal enum CueKind { Stop, Emergency, Figurative, Complaint, Question, Appointment, Praise, Spam, Negative, Positive, Urgent }

/// <summary>One lexicon phrase, folded; Prefix[i] means word i matches any word starting with Words[i].</summary>
internal sealed class Cue(int language, CueKind kind, string phrase, string[] words, bool[] prefix)
{
    public int Language { get; } = language;
    public CueKind Kind { get; } = kind;
    public string Phrase { get; } = phrase;
    public string[] Words { get; } = words;
    public bool[] Prefix { get; } = prefix;

    /// <summary>
    /// Evidence for the cue's language: one per word, half for words of one or two letters, which the loose folding makes
    /// collide across languages (English "my" and the Turkish question particle "mi" fold alike).
    /// </summary>
    public double LanguageWeight { get; } = words.Sum(w => w.Length <= 2 ? 0.5 : 1.0);
}

internal sealed record LanguageProfile(int Index, string Code, string? Region, HashSet<string> Negators, HashSet<string> NegatorsAfter);

/// <summary>
/// All lexicon files compiled into lookup tables keyed by a word's folded first word (exact) or by its prefix, so a message is
/// matched with a few hash lookups per word and no allocation (span-keyed alternate lookups).
/// </summary>
internal sealed class Lexicon
{
    public const int MinPrefix = 2;

    private static readonly (string Name, CueKind Kind)[] Categories =
    [
        ("emergency", CueKind.Emergency), ("figurative", CueKind.Figurative), ("complaint", CueKind.Complaint),
        ("question", CueKind.Question), ("appointment", CueKind.Appointment), ("praise", CueKind.Praise), ("spam", CueKind.Spam),
        ("negative", CueKind.Negative), ("positive", CueKind.Positive), ("urgent", CueKind.Urgent),
    ];

    private readonly Dictionary<string, Cue[]> _exact;
    private readonly Dictionary<string, Cue[]> _prefix;
    private readonly Dictionary<string, int[]> _endings;

    private Lexicon(IReadOnlyList<LanguageProfile> languages, Dictionary<string, Cue[]> exact, Dictionary<string, Cue[]> prefix, Dictionary<string, int[]> endings, int maxPrefix)
    {
        Languages = languages;
        _exact = exact;
        _prefix = prefix;
        _endings = endings;
        MaxPrefix = maxPrefix;
        ExactLookup = exact.GetAlternateLookup<ReadOnlySpan<char>>();
        PrefixLookup = prefix.GetAlternateLookup<ReadOnlySpan<char>>();
        EndingLookup = endings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<LanguageProfile> Languages { get; }

    public int MaxPrefix { get; }

    public Dictionary<string, Cue[]>.AlternateLookup<ReadOnlySpan<char>> ExactLookup { get; }

    public Dictionary<string, Cue[]>.AlternateLookup<ReadOnlySpan<char>> PrefixLookup { get; }

    public Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> EndingLookup { get; }

    public int CueCount => _exact.Values.Sum(v => v.Length) + _prefix.Values.Sum(v => v.Length);

    public int EndingCount => _endings.Count;

    /// <summary>Reads the embedded lexicon files (tr, da, fi, ru, en), in that fixed order so language indexes are stable.</summary>
    public static Lexicon LoadEmbedded()
    {
        var assembly = typeof(Lexicon).Assembly;
        var docs = new List<JsonDocument>();
        foreach (var code in new[] { "tr", "da", "fi", "ru", "en" })
        {
            using var stream = assembly.GetManifestResourceStream($"CareDialog.Triage.Lexicons.{code}.json")
                ?? throw new InvalidOperationException($"Lexicon {code}.json is not embedded.");
            docs.Add(JsonDocument.Parse(stream));
        }

        return Load(docs);
    }

    internal static Lexicon Load(IReadOnlyList<JsonDocument> documents)
    {
        var languages = new List<LanguageProfile>();
        var exact = new Dictionary<string, List<Cue>>(StringComparer.Ordinal);
        var prefix = new Dictionary<string, List<Cue>>(StringComparer.Ordinal);
        var endings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var maxPrefix = MinPrefix;

        // Entries that differ only in letters the folding removes (mı/mi, ajan/ajan) must count once, not once per spelling.
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var doc in documents)
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty("source", out var source) || string.IsNullOrWhiteSpace(source.GetString()))
            {
                throw new InvalidDataException("Every lexicon file needs a 'source'.");
            }

            var index = languages.Count;
            var code = root.GetProperty("language").GetString()!;
            var region = root.TryGetProperty("region", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            languages.Add(new LanguageProfile(index, code, region, Words(root, "negators"), Words(root, "negatorsAfter")));

            void Add(string phrase, CueKind kind)
            {
                var parts = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var words = new List<string>();
                var isPrefix = new List<bool>();
                foreach (var part in parts)
                {
                    var star = part.EndsWith('*');
                    var folded = Folding.Fold(star ? part[..^1] : part);
                    foreach (var w in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        words.Add(w);
                        isPrefix.Add(false);
                    }

                    if (star && isPrefix.Count > 0)
                    {
                        isPrefix[^1] = true;
                    }
                }

                if (words.Count == 0)
                {
                    return;
                }

                var key = $"{index}|{kind}|{string.Join(' ', words)}|{string.Join(',', isPrefix)}";
                if (!seen.Add(key))
                {
                    return;
                }

                var cue = new Cue(index, kind, phrase, [.. words], [.. isPrefix]);
                if (cue.Prefix[0])
                {
                    if (cue.Words[0].Length < MinPrefix)
                    {
                        throw new InvalidDataException($"Prefix '{phrase}' in {code}.json is shorter than {MinPrefix} letters.");
                    }

                    maxPrefix = Math.Max(maxPrefix, cue.Words[0].Length);
                    AddTo(prefix, cue.Words[0], cue);
                }
                else
                {
                    AddTo(exact, cue.Words[0], cue);
                }
            }

            foreach (var word in root.GetProperty("stopwords").EnumerateArray())
            {
                Add(word.GetString()!, CueKind.Stop);
            }

            var cues = root.GetProperty("cues");
            foreach (var (name, kind) in Categories)
            {
                foreach (var phrase in cues.GetProperty(name).EnumerateArray())
                {
                    Add(phrase.GetString()!, kind);
                }
            }

            foreach (var ending in root.GetProperty("endings").EnumerateArray())
            {
                var folded = Folding.Fold(ending.GetString()!);
                if (folded.Length > 0)
                {
                    AddTo(endings, folded, index);
                }
            }
        }

        return new Lexicon(
            languages,
            exact.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            prefix.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            endings.ToDictionary(kv => kv.Key, kv => kv.Value.Distinct().ToArray(), StringComparer.Ordinal),
            maxPrefix);
    }

    private static HashSet<string> Words(JsonElement root, string property)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty(property, out var list))
        {
            foreach (var w in list.EnumerateArray())
            {
                set.Add(Folding.Fold(w.GetString()!));
            }
        }

        return set;
    }

    private static void AddTo<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}

