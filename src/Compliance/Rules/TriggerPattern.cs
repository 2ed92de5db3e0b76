namespace CareDialog.Compliance.Rules;

internal enum TokenKind : byte
{
    /// <summary>The word exactly.</summary>
    Exact,

    /// <summary><c>stem+</c>: the stem plus up to four endings from the language's suffix list (Turkish, Finnish, Russian inflection).</summary>
    Inventory,

    /// <summary><c>stem*</c>: the stem plus any ending.</summary>
    Open,

    /// <summary><c>_</c>: any one word.</summary>
    AnyWord,

    /// <summary><c>..</c>: up to three words.</summary>
    UpToThreeWords,
}

internal readonly record struct PatternToken(string Stem, TokenKind Kind, bool Infix);

internal enum PatternRole : byte
{
    Trigger,
    Exception,
    AppliesWhen,
    Part,
}

/// <summary>
/// One trigger, compiled. Syntax (documented for pack authors in Packs/README.md): words separated by spaces, any run of spaces,
/// punctuation, line breaks or emoji allowed between them in the text; <c>stem*</c>, <c>stem+</c>, <c>*stem</c> (may start inside a
/// compound), <c>_</c>, <c>..</c>, a leading <c>#</c> (only as a hashtag); an optional <c>xx:</c> prefix picks another language's suffix list.
/// </summary>
internal sealed class TriggerPattern
{
    private TriggerPattern(string text, PatternToken[] tokens, string anchor, int stemLetters, string language, bool hashtagOnly)
    {
        HashtagOnly = hashtagOnly;
        Text = text;
        Tokens = tokens;
        Anchor = anchor;
        StemLetters = stemLetters;
        Language = language;
    }

    public const int MaxAnchor = 8;

    public string Text { get; }
    public PatternToken[] Tokens { get; }

    /// <summary>The folded letters that must occur contiguously in the key for the trigger to be possible: what the automaton looks for.</summary>
    public string Anchor { get; }

    public int StemLetters { get; }
    public string Language { get; }

    /// <summary><c>#word</c>: only as (the start of) a hashtag, for labels such as #işbirliği that are ordinary words elsewhere.</summary>
    public bool HashtagOnly { get; }

    public int Rule { get; set; }
    public PatternRole Role { get; set; }
    public int Group { get; set; }
    public uint Jurisdictions { get; set; }
    public bool RequiresMedia { get; set; }
    public bool PublicReplyOnly { get; set; }
    public SuffixSet? Suffixes { get; set; }

    public static TriggerPattern Parse(string trigger, string defaultLanguage, TextFolding folding)
    {
        var body = trigger.Trim();
        var language = defaultLanguage;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon is 2 or 3 && body[..colon].All(char.IsAsciiLetterLower))
        {
            language = body[..colon];
            body = body[(colon + 1)..].Trim();
        }

        var hashtagOnly = body.StartsWith('#') && body.Length > 1;
        if (hashtagOnly)
        {
            body = body[1..];
        }

        var tokens = new List<PatternToken>();
        foreach (var raw in body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw == "_")
            {
                tokens.Add(new PatternToken("", TokenKind.AnyWord, false));
                continue;
            }

            if (raw == "..")
            {
                tokens.Add(new PatternToken("", TokenKind.UpToThreeWords, false));
                continue;
            }

            var word = raw;
            var infix = word.StartsWith('*');
            if (infix)
            {
                word = word[1..];
            }

            var kind = TokenKind.Exact;
            if (word.EndsWith('*'))
            {
                kind = TokenKind.Open;
                word = word[..^1];
            }
            else if (word.EndsWith('+') && word.Length > 1)
            {
                kind = TokenKind.Inventory;
                word = word[..^1];
            }

            var parts = SplitLikeText(word, folding);
            if (parts.Count == 0)
            {
                throw new FormatException($"Trigger '{trigger}': '{raw}' has no letters, digits or symbols.");
            }

            for (var i = 0; i < parts.Count; i++)
            {
                tokens.Add(new PatternToken(parts[i], i == parts.Count - 1 ? kind : TokenKind.Exact, infix && i == 0));
            }
        }

        if (tokens.Count == 0 || tokens[0].Kind is TokenKind.AnyWord or TokenKind.UpToThreeWords
            || tokens[^1].Kind is TokenKind.AnyWord or TokenKind.UpToThreeWords)
        {
            throw new FormatException($"Trigger '{trigger}' must start and end with a word.");
        }

        var anchor = "";
        foreach (var t in tokens)
        {
            if (t.Kind is TokenKind.AnyWord or TokenKind.UpToThreeWords)
            {
                break;
            }

            anchor += t.Stem;
            if (t.Kind != TokenKind.Exact)
            {
                break;
            }
        }

        // The automaton only proposes candidates and Verify compares every stem character, so a short anchor loses nothing but
        // a few extra candidates, while keeping the automaton (and the cache it touches per character) small.
        if (anchor.Length > MaxAnchor)
        {
            anchor = anchor[..MaxAnchor];
        }

        var letters = tokens.Sum(t => t.Stem.Length);
        return new TriggerPattern(trigger, [.. tokens], anchor, letters, language, hashtagOnly);
    }

    /// <summary>Splits a trigger word where the text would be split (apostrophes, hyphens, letter/digit changes, symbols) and folds each part.</summary>
    private static List<string> SplitLikeText(string word, TextFolding folding)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        var prevKind = 0;
        foreach (var c in word)
        {
            var cls = folding.ClassOf(c, out _);
            var kind = cls switch
            {
                CharClass.Letter or CharClass.LetterMulti => 1,
                CharClass.Digit => 2,
                CharClass.Symbol => 3,
                CharClass.Transparent => -1,
                _ => 0,
            };
            if (kind == -1)
            {
                continue;
            }

            if (kind == 0 || kind == 3 || (prevKind != 0 && prevKind != kind))
            {
                Flush();
            }

            if (kind == 3)
            {
                parts.Add(folding.Single(c).ToString());
            }
            else if (kind != 0)
            {
                current.Append(cls == CharClass.LetterMulti ? folding.Multi(c) : folding.Single(c).ToString());
            }

            prevKind = kind == 3 ? 0 : kind;
        }

        Flush();
        return parts;

        void Flush()
        {
            if (current.Length > 0)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
        }
    }
}

/// <summary>A language's inflection endings, folded like the text, for <c>stem+</c> triggers.</summary>
internal sealed class SuffixSet
{
    public const int MaxParts = 4;
    public const int MaxLength = 31;

    private readonly string[][] _byFirst;

    public SuffixSet(IEnumerable<string> suffixes, TextFolding folding)
    {
        var buckets = new Dictionary<char, List<string>>();
        foreach (var s in suffixes)
        {
            var folded = folding.FoldWord(s);
            if (folded.Length == 0)
            {
                continue;
            }

            if (!buckets.TryGetValue(folded[0], out var list))
            {
                buckets[folded[0]] = list = [];
            }

            if (!list.Contains(folded))
            {
                list.Add(folded);
            }
        }

        var max = buckets.Count == 0 ? 0 : buckets.Keys.Max();
        _byFirst = new string[max + 1][];
        for (var i = 0; i <= max; i++)
        {
            _byFirst[i] = buckets.TryGetValue((char)i, out var l) ? [.. l] : [];
        }
    }

    /// <summary>
    /// Bit <c>j</c> is set when <c>key[from..from+j)</c> is a chain of at most <see cref="MaxParts"/> endings (bit 0: no ending),
    /// looking no further than <paramref name="to"/>.
    /// </summary>
    public uint Reachable(char[] key, int from, int to)
    {
        to = Math.Min(to, from + MaxLength);
        var reach = 1u;
        var frontier = 1u;
        for (var part = 0; part < MaxParts && frontier != 0; part++)
        {
            var next = 0u;
            var bits = frontier;
            while (bits != 0)
            {
                var j = System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var pos = from + j;
                if (pos >= to || key[pos] >= _byFirst.Length)
                {
                    continue;
                }

                foreach (var s in _byFirst[key[pos]])
                {
                    if (pos + s.Length <= to && key.AsSpan(pos, s.Length).SequenceEqual(s))
                    {
                        next |= 1u << (j + s.Length);
                    }
                }
            }

            next &= ~reach;
            reach |= next;
            frontier = next;
        }

        return reach;
    }
}
