using System.Globalization;
using System.Text;

namespace CareDialog.Compliance.Rules;

/// <summary>Per key character: where words start and whether it sits inside a hashtag.</summary>
[Flags]
internal enum KeyFlags : byte
{
    None = 0,
    WordStart = 1,
    Hashtag = 2,
    HashtagStart = 4,

    /// <summary>The word starts after an apostrophe ("Türkiye'nin"): a new word, but suffix endings may run across it.</summary>
    Apostrophe = 8,
    Symbol = 16,
}

/// <summary>Receives every key character as it is produced, so matching can run in the same pass as folding.</summary>
internal interface IKeyStep
{
    /// <summary>Key character <paramref name="index"/> was produced; <paramref name="entry"/> is its table entry (column in bits 24–31).</summary>
    void Step(uint entry, int index);

    /// <summary>Key character <paramref name="index"/> was produced without a table entry of its own (letters folding into several, outside the BMP).</summary>
    void StepChar(char key, int index);
}

/// <summary>Folding without matching.</summary>
internal struct NoStep : IKeyStep
{
    public readonly void Step(uint entry, int index)
    {
    }

    public readonly void StepChar(char key, int index)
    {
    }
}

/// <summary>
/// The folded matching key of a text: letters, digits and symbol-words only, with separators dropped and remembered as word starts,
/// and a map from every key character back to the UTF-16 offset of the original character it came from. Buffers are reused between checks.
/// </summary>
internal sealed class KeyText
{
    public char[] Key = new char[1024];
    public int[] Start = new int[1024];
    public KeyFlags[] Flags = new KeyFlags[1024];
    public int Length;
    public string Text = "";

    private uint[] _table = [];

    private int[]? _sentenceEnds;
    private int _sentenceCount;

    /// <summary>Folds <paramref name="text"/> without matching anything.</summary>
    public void Build(string text, TextFolding folding)
    {
        var none = new NoStep();
        Build(text, folding, folding.Packed, ref none);
    }

    /// <summary>
    /// Folds <paramref name="text"/> with <paramref name="table"/> (<paramref name="folding"/>'s <see cref="TextFolding.Packed"/> table,
    /// optionally with automaton columns in bits 24–31) and hands each key character to <paramref name="step"/>.
    /// </summary>
    public void Build<TStep>(string text, TextFolding folding, uint[] table, ref TStep step)
        where TStep : struct, IKeyStep
    {
        Text = text;
        _table = table;
        Length = 0;
        _sentenceCount = -1;
        if (Key.Length < text.Length + 16)
        {
            Grow(text.Length + 16);
        }

        // Two loops on purpose. Letters, digits and plain separators outside hashtags (nearly every character) take the tight inner
        // loop, whose few locals all fit in registers; every other character goes through Next, which keeps its state in a struct.
        // One loop doing both made the JIT spill the hot locals and reload them on every character. The step is copied to a local
        // for the same reason.
        var matcher = step;
        var state = new FoldState { Boundary = true };
        var chars = text.AsSpan();
        var i = 0;
        while (i < chars.Length)
        {
            if (!state.InTag && !state.Apostrophe)
            {
                // Outside hashtags, letters, digits and plain separators need one decision: does this character start a word?
                // (It does after a separator and where letters and digits meet: "20TL".)
                var key = Key;
                var start = Start;
                var flags = Flags;
                var n = state.N;
                var kind = state.Boundary ? 0u : (uint)state.PrevKind;
                var from = i;
                while (i < chars.Length)
                {
                    var entry = table[chars[i]];
                    var cls = (entry >> 16) & 0x7F;
                    if (cls is (uint)CharClass.Letter or (uint)CharClass.Digit)
                    {
                        var charKind = cls == (uint)CharClass.Letter ? 1u : 2u;
                        key[n] = (char)entry;
                        start[n] = i;
                        flags[n] = charKind == kind ? KeyFlags.None : KeyFlags.WordStart;
                        matcher.Step(entry, n);
                        kind = charKind;
                        n++;
                        i++;
                    }
                    else if (cls == (uint)CharClass.Separator)
                    {
                        kind = 0;
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                if (i != from)
                {
                    state.Boundary = kind == 0;
                    state.PrevKind = (int)kind;
                }

                state.N = n;
                if (i >= chars.Length)
                {
                    break;
                }
            }

            var before = state.N;
            i = Next(ref state, chars, i, table, folding);
            for (var k = before; k < state.N; k++)
            {
                matcher.StepChar(Key[k], k);
            }
        }

        Length = state.N;
        step = matcher;
    }

    /// <summary>Fold state between characters.</summary>
    private struct FoldState
    {
        public int N;
        public bool Boundary;
        public bool Apostrophe;
        public bool InTag;
        public bool TagStart;
        public bool PrevUpper;

        /// <summary>0 = nothing yet, 1 = letter, 2 = digit; a switch between letters and digits starts a new word ("20TL").</summary>
        public int PrevKind;
    }

    /// <summary>Folds the character at <paramref name="i"/> (two for a surrogate pair) and returns the index after it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private int Next(ref FoldState st, ReadOnlySpan<char> chars, int i, uint[] table, TextFolding folding)
    {
        var c = chars[i];
        var entry = table[c];
        var cls = (CharClass)((entry >> 16) & 0x7F);
        var upper = (entry & ((uint)TextFolding.UpperFlag << 16)) != 0;
        var width = 1;
        var keyChar = (char)entry;
        if (cls == CharClass.Surrogate)
        {
            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                width = 2;
                cls = ClassifySupplementary(new Rune(c, chars[i + 1]), out keyChar);
                upper = false;
            }
            else
            {
                cls = CharClass.Separator;
            }
        }

        switch (cls)
        {
            case CharClass.Letter:
            case CharClass.Digit:
            case CharClass.LetterMulti:
            {
                var kind = cls == CharClass.Digit ? 2 : 1;
                var f = KeyFlags.None;
                var camel = st.InTag && upper && !st.PrevUpper && st.PrevKind == 1;
                if (st.Boundary || st.Apostrophe || camel || (st.PrevKind != 0 && st.PrevKind != kind))
                {
                    f = KeyFlags.WordStart;
                }

                if (st.Apostrophe)
                {
                    f |= KeyFlags.Apostrophe;
                }

                if (st.InTag)
                {
                    f |= KeyFlags.Hashtag;
                    if (st.TagStart)
                    {
                        f |= KeyFlags.HashtagStart | KeyFlags.WordStart;
                        st.TagStart = false;
                    }
                }

                if (cls == CharClass.LetterMulti)
                {
                    var folded = folding.Multi(c);
                    if (st.N + folded.Length + 1 >= Key.Length)
                    {
                        Grow(st.N + folded.Length + (chars.Length - i) + 16);
                    }

                    for (var k = 0; k < folded.Length; k++)
                    {
                        Append(ref st, folded[k], i, k == 0 ? f : f & KeyFlags.Hashtag);
                    }
                }
                else
                {
                    Append(ref st, keyChar, i, f);
                }

                st.Boundary = false;
                st.Apostrophe = false;
                st.PrevKind = kind;
                st.PrevUpper = upper;
                break;
            }

            case CharClass.Transparent:
                // Combining marks and zero-width characters belong to the letter before them (EndOf counts them in).
                break;

            case CharClass.Symbol:
                Append(ref st, keyChar, i, KeyFlags.WordStart | KeyFlags.Symbol);
                st.Boundary = true;
                st.Apostrophe = false;
                st.InTag = false;
                st.PrevKind = 0;
                break;

            case CharClass.Hash:
                st.Boundary = true;
                st.Apostrophe = false;
                st.InTag = i + 1 < chars.Length && IsWordChar(table, chars, i + 1);
                st.TagStart = st.InTag;
                st.PrevKind = 0;
                break;

            case CharClass.Apostrophe:
                if (st.PrevKind == 1 && !st.Boundary && i + 1 < chars.Length && ClassOf(table, chars[i + 1]) is CharClass.Letter or CharClass.LetterMulti)
                {
                    st.Apostrophe = true;
                }
                else
                {
                    st.Boundary = true;
                    st.InTag = false;
                    st.PrevKind = 0;
                }

                break;

            case CharClass.Underscore:
                // Inside a hashtag "_" separates words but the hashtag goes on (#en_iyi_klinik).
                st.Boundary = true;
                st.PrevKind = 0;
                break;

            default:
                st.Boundary = true;
                st.Apostrophe = false;
                st.InTag = false;
                st.PrevKind = 0;
                break;
        }

        return i + width;
    }

    private void Append(ref FoldState st, char key, int start, KeyFlags flags)
    {
        Key[st.N] = key;
        Start[st.N] = start;
        Flags[st.N] = flags;
        st.N++;
    }

    /// <summary>
    /// The end (exclusive, in UTF-16 units of the text) of the original character key position <paramref name="k"/> came from,
    /// including any combining marks or zero-width characters after it.
    /// </summary>
    public int EndOf(int k)
    {
        var text = Text;
        var e = Start[k];
        e += char.IsHighSurrogate(text[e]) && e + 1 < text.Length && char.IsLowSurrogate(text[e + 1]) ? 2 : 1;
        var limit = Math.Min(text.Length, e + MaxWord);
        while (e < limit && ClassOf(_table, text[e]) == CharClass.Transparent)
        {
            e++;
        }

        return e;
    }

    /// <summary>True when position <paramref name="p"/> ends a word: the text ends or a new word starts there.</summary>
    public bool IsWordEnd(int p) => p >= Length || (Flags[p] & KeyFlags.WordStart) != 0;

    /// <summary>Words longer than this are cut here: no trigger needs more, and a megabyte without a space must stay linear.</summary>
    public const int MaxWord = 64;

    /// <summary>The end of the word running at <paramref name="p"/>; apostrophe-joined parts count as the same word.</summary>
    public int WordEnd(int p)
    {
        var q = p;
        var limit = Math.Min(Length, p + MaxWord);
        while (q < limit && ((Flags[q] & KeyFlags.WordStart) == 0 || (q > p && (Flags[q] & KeyFlags.Apostrophe) != 0)))
        {
            q++;
        }

        return q;
    }

    /// <summary>The sentence (0-based) that the original offset lies in. Sentence ends are found once per text, on first use.</summary>
    public int SentenceOf(int offset)
    {
        if (_sentenceCount < 0)
        {
            FindSentences();
        }

        var ends = _sentenceEnds!;
        int lo = 0, hi = _sentenceCount;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ends[mid] <= offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void FindSentences()
    {
        var text = Text;
        var ends = _sentenceEnds ??= new int[64];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var isEnd = c switch
            {
                '!' or '?' or '\u2026' or '\n' or '\r' or '\u061F' or '\u3002' or '\u00A1' or '\u00BF' => true,

                // "5.000 TL" and "Dr.Ahmet" do not end a sentence; ". " and a final "." do.
                '.' => i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]) || text[i + 1] is '"' or '\'' or '\u201D' or '\u00BB' or ')',
                _ => false,
            };
            if (!isEnd)
            {
                continue;
            }

            if (count == ends.Length)
            {
                Array.Resize(ref ends, ends.Length * 2);
                _sentenceEnds = ends;
            }

            ends[count++] = i + 1;
        }

        _sentenceCount = count;
    }

    private static CharClass ClassOf(uint[] table, char c) => (CharClass)((table[c] >> 16) & 0x7F);

    private static bool IsWordChar(uint[] table, ReadOnlySpan<char> text, int i) =>
        ClassOf(table, text[i]) is CharClass.Letter or CharClass.LetterMulti or CharClass.Digit
        || (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) && Rune.IsLetterOrDigit(new Rune(text[i], text[i + 1])));

    /// <summary>
    /// Characters outside the BMP. Mathematical alphanumerics (𝐞𝐧 𝐢𝐲𝐢, a common way to dodge filters) fold to their plain letters;
    /// any other letter becomes an opaque letter that never matches a trigger but does not split the word; marks are transparent;
    /// the rest (emoji) separates.
    /// </summary>
    private static CharClass ClassifySupplementary(Rune rune, out char key)
    {
        key = '\uFFFF';
        if (!Rune.IsLetterOrDigit(rune))
        {
            return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format or UnicodeCategory.SpacingCombiningMark
                ? CharClass.Transparent
                : CharClass.Separator;
        }

        if (rune.Value is >= 0x1D400 and <= 0x1D7FF)
        {
            var plain = rune.ToString().Normalize(NormalizationForm.FormKC);
            if (plain.Length == 1)
            {
                key = char.ToLowerInvariant(plain[0]);
            }
        }

        return Rune.IsDigit(rune) ? CharClass.Digit : CharClass.Letter;
    }

    // One key character per UTF-16 unit is the common case; only letters that fold into several (ß→ss) grow the buffers mid-build.
    private void Grow(int capacity)
    {
        capacity = Math.Max(capacity, Key.Length * 2);
        Array.Resize(ref Key, capacity);
        Array.Resize(ref Start, capacity);
        Array.Resize(ref Flags, capacity);
    }
}
