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
/// and a map from every key character back to the UTF-16 span of the original text it came from. Buffers are reused between checks.
/// </summary>
internal sealed class KeyText
{
    public char[] Key = new char[1024];
    public int[] Start = new int[1024];
    public int[] End = new int[1024];
    public KeyFlags[] Flags = new KeyFlags[1024];
    public int Length;
    public string Text = "";

    private int[]? _sentenceEnds;
    private int _sentenceCount;

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
        Length = 0;
        _sentenceCount = -1;
        if (Key.Length < text.Length + 16)
        {
            Grow(text.Length + 16);
        }

        // Nothing in this loop may be passed by reference: an address-exposed local lives in memory, and the loop would reload its
        // state on every character. The step is copied in and out for the same reason.
        var matcher = step;
        var key = Key;
        var start = Start;
        var end = End;
        var flags = Flags;
        var n = 0;

        var boundary = true;
        var apostrophe = false;
        var inTag = false;
        var tagStart = false;

        // 0 = nothing yet, 1 = letter, 2 = digit; a switch between letters and digits starts a new word ("20TL").
        var prevKind = 0;
        var prevUpper = false;

        var chars = text.AsSpan();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var entry = table[c];
            var cls = (CharClass)((entry >> 16) & 0x7F);

            // Most characters are letters in the middle of a word outside a hashtag: nothing to decide but the copy.
            if (cls == CharClass.Letter && prevKind == 1 && !boundary && !apostrophe && !inTag)
            {
                key[n] = (char)entry;
                start[n] = i;
                end[n] = i + 1;
                flags[n] = KeyFlags.None;
                matcher.Step(entry, n);
                n++;
                continue;
            }

            var upper = (entry & ((uint)TextFolding.UpperFlag << 16)) != 0;
            var width = 1;
            var supplementaryKey = '\0';
            if (cls == CharClass.Surrogate)
            {
                if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                {
                    width = 2;
                    cls = ClassifySupplementary(new Rune(c, chars[i + 1]), out supplementaryKey);
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
                    var camel = inTag && upper && !prevUpper && prevKind == 1;
                    if (boundary || apostrophe || camel || (prevKind != 0 && prevKind != kind))
                    {
                        f = KeyFlags.WordStart;
                    }

                    if (apostrophe)
                    {
                        f |= KeyFlags.Apostrophe;
                    }

                    if (inTag)
                    {
                        f |= KeyFlags.Hashtag;
                        if (tagStart)
                        {
                            f |= KeyFlags.HashtagStart | KeyFlags.WordStart;
                            tagStart = false;
                        }
                    }

                    if (cls == CharClass.LetterMulti)
                    {
                        var folded = folding.Multi(c);
                        if (n + folded.Length + 1 >= key.Length)
                        {
                            Grow(n + folded.Length + (text.Length - i) + 16);
                            (key, start, end, flags) = (Key, Start, End, Flags);
                        }

                        for (var k = 0; k < folded.Length; k++)
                        {
                            key[n] = folded[k];
                            start[n] = i;
                            end[n] = i + 1;
                            flags[n] = k == 0 ? f : f & KeyFlags.Hashtag;
                            matcher.StepChar(folded[k], n);
                            n++;
                        }
                    }
                    else
                    {
                        start[n] = i;
                        end[n] = i + width;
                        flags[n] = f;
                        if (width == 1)
                        {
                            key[n] = (char)entry;
                            matcher.Step(entry, n);
                        }
                        else
                        {
                            key[n] = supplementaryKey;
                            matcher.StepChar(supplementaryKey, n);
                        }

                        n++;
                    }

                    boundary = false;
                    apostrophe = false;
                    prevKind = kind;
                    prevUpper = upper;
                    break;
                }

                case CharClass.Transparent:
                    // Combining marks and zero-width characters belong to the letter before them, so a span ends after them.
                    if (n > 0 && !boundary && end[n - 1] == i)
                    {
                        end[n - 1] = i + width;
                    }

                    break;

                case CharClass.Symbol:
                    key[n] = (char)entry;
                    start[n] = i;
                    end[n] = i + 1;
                    flags[n] = KeyFlags.WordStart | KeyFlags.Symbol;
                    matcher.Step(entry, n);
                    n++;
                    boundary = true;
                    apostrophe = false;
                    inTag = false;
                    prevKind = 0;
                    break;

                case CharClass.Hash:
                    boundary = true;
                    apostrophe = false;
                    inTag = i + 1 < chars.Length && IsWordChar(table, chars, i + 1);
                    tagStart = inTag;
                    prevKind = 0;
                    break;

                case CharClass.Apostrophe:
                    if (prevKind == 1 && !boundary && i + 1 < chars.Length && ClassOf(table, chars[i + 1]) is CharClass.Letter or CharClass.LetterMulti)
                    {
                        apostrophe = true;
                    }
                    else
                    {
                        boundary = true;
                        inTag = false;
                        prevKind = 0;
                    }

                    break;

                case CharClass.Underscore:
                    // Inside a hashtag "_" separates words but the hashtag goes on (#en_iyi_klinik).
                    boundary = true;
                    prevKind = 0;
                    break;

                default:
                    boundary = true;
                    apostrophe = false;
                    inTag = false;
                    prevKind = 0;
                    break;
            }

            i += width - 1;
        }

        Length = n;
        step = matcher;
    }

    /// <summary>True when position <paramref name="p"/> ends a word: the text ends or a new word starts there.</summary>
    public bool IsWordEnd(int p) => p >= Length || (Flags[p] & KeyFlags.WordStart) != 0;

    /// <summary>The end of the word running at <paramref name="p"/>; apostrophe-joined parts count as the same word.</summary>
    public int WordEnd(int p)
    {
        var q = p;
        while (q < Length && ((Flags[q] & KeyFlags.WordStart) == 0 || (q > p && (Flags[q] & KeyFlags.Apostrophe) != 0)))
        {
            q++;
        }

        return q;
    }

    /// <summary>The end of the word at <paramref name="p"/> without crossing an apostrophe.</summary>
    public int PlainWordEnd(int p)
    {
        var q = p + 1;
        while (q < Length && (Flags[q] & KeyFlags.WordStart) == 0)
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
        Array.Resize(ref End, capacity);
        Array.Resize(ref Flags, capacity);
    }
}
