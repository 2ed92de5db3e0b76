using System.Text.Json;

namespace CareDialog.Compliance.Detectors;

/// <summary>
/// The embedded <c>health-conditions.json</c>, merged over all languages: a post's language is not known and posts mix languages,
/// and the scripts and spellings barely collide. Lookups take lower-cased spans so that the per-word path does not allocate.
/// </summary>
internal sealed class HealthLexicon
{
    internal const string ResourceName = "CareDialog.Compliance.Detectors.health-conditions.json";

    /// <summary>Words longer than this are in no list, so callers can lower-case into a fixed stack buffer.</summary>
    internal const int MaxWordLength = 48;

    public static readonly HealthLexicon Instance = Load();

    private readonly Dictionary<string, WordRole>.AlternateLookup<ReadOnlySpan<char>> _exactBySpan;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _conditionPrefixesBySpan;
    private readonly int[] _prefixLengths;
    private readonly Dictionary<string, PatternWord[][]>.AlternateLookup<ReadOnlySpan<char>> _phrasesByFirstWord;

    private HealthLexicon(Dictionary<string, WordRole> exact, HashSet<string> conditionPrefixes, Dictionary<string, PatternWord[][]> phrases)
    {
        _exactBySpan = exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _conditionPrefixesBySpan = conditionPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixLengths = [.. conditionPrefixes.Select(p => p.Length).Distinct().Order()];
        _phrasesByFirstWord = phrases.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Lower-cases for lookup. Invariant lower-casing leaves Turkish 'İ' alone and keeps 'ı' apart from 'i', so "DİYABET" and
    /// "HASTALIĞI" would never match; both fold to 'i', and Russian 'ё' to 'е' because it is often written without the dots.
    /// </summary>
    public static void Fold(ReadOnlySpan<char> word, Span<char> destination)
    {
        word.ToLowerInvariant(destination);
        foreach (ref var c in destination[..word.Length])
        {
            c = c switch
            {
                '\u0130' or '\u0131' => 'i',
                '\u0451' => '\u0435',
                _ => c,
            };
        }
    }

    /// <summary>The roles of a folded word; a condition match through a prefix entry counts too.</summary>
    public WordRole RoleOf(ReadOnlySpan<char> lower)
    {
        _exactBySpan.TryGetValue(lower, out var role);
        if ((role & WordRole.Condition) == 0 && IsConditionByPrefix(lower))
        {
            role |= WordRole.Condition;
        }

        return role;
    }

    /// <summary>Multi-word condition phrases whose first word is <paramref name="lower"/>, or null.</summary>
    public PatternWord[][]? PhrasesStartingWith(ReadOnlySpan<char> lower) =>
        _phrasesByFirstWord.TryGetValue(lower, out var phrases) ? phrases : null;

    private bool IsConditionByPrefix(ReadOnlySpan<char> lower)
    {
        foreach (var length in _prefixLengths)
        {
            if (length > lower.Length)
            {
                break;
            }

            if (_conditionPrefixesBySpan.Contains(lower[..length]))
            {
                return true;
            }
        }

        return false;
    }

    internal static HealthLexicon Load()
    {
        using var stream = typeof(HealthLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var doc = JsonDocument.Parse(stream);

        var exact = new Dictionary<string, WordRole>(StringComparer.Ordinal);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, List<PatternWord[]>>(StringComparer.Ordinal);

        foreach (var language in doc.RootElement.GetProperty("languages").EnumerateObject())
        {
            foreach (var entry in Strings(language.Value, "conditions"))
            {
                var words = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(PatternWord.Parse).ToArray();
                if (words.Length > 1)
                {
                    if (words[0].IsPrefix)
                    {
                        throw new InvalidOperationException($"Phrase '{entry}' ({language.Name}): the first word of a phrase must be exact.");
                    }

                    if (!phrases.TryGetValue(words[0].Text, out var list))
                    {
                        phrases[words[0].Text] = list = [];
                    }

                    list.Add(words);
                }
                else if (words[0].IsPrefix)
                {
                    prefixes.Add(words[0].Text);
                }
                else
                {
                    Add(exact, words[0].Text, WordRole.Condition);
                }
            }

            AddAll(exact, Strings(language.Value, "staffTitles"), WordRole.StaffTitle);
            AddAll(exact, Strings(language.Value, "honorifics"), WordRole.Honorific);
            AddAll(exact, Strings(language.Value, "notNames"), WordRole.NotName);
        }

        return new HealthLexicon(exact, prefixes, phrases.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
    }

    private static IEnumerable<string> Strings(JsonElement language, string property) =>
        language.TryGetProperty(property, out var array)
            ? array.EnumerateArray().Select(e => Fold(e.GetString()!))
            : [];

    private static string Fold(string word)
    {
        var folded = new char[word.Length];
        Fold(word, folded);
        return new string(folded);
    }

    private static void AddAll(Dictionary<string, WordRole> exact, IEnumerable<string> words, WordRole role)
    {
        foreach (var word in words)
        {
            Add(exact, word, role);
        }
    }

    private static void Add(Dictionary<string, WordRole> exact, string word, WordRole role)
    {
        if (word.Length > MaxWordLength || word.Contains(' ') || word.Contains('.'))
        {
            throw new InvalidOperationException($"Lexicon word '{word}' must be one word without dots, at most {MaxWordLength} characters.");
        }

        exact[word] = exact.GetValueOrDefault(word) | role;
    }
}

[Flags]
internal enum WordRole
{
    None = 0,
    Condition = 1,
    StaffTitle = 2,
    Honorific = 4,
    NotName = 8,
}

/// <summary>One word of a lexicon phrase; a trailing '*' in the data makes it a prefix.</summary>
internal readonly record struct PatternWord(string Text, bool IsPrefix)
{
    public static PatternWord Parse(string word) =>
        word.EndsWith('*') ? new PatternWord(word[..^1], true) : new PatternWord(word, false);

    public bool Matches(ReadOnlySpan<char> lower) =>
        IsPrefix ? lower.StartsWith(Text, StringComparison.Ordinal) : lower.SequenceEqual(Text);
}
