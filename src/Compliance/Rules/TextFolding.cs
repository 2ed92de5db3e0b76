using System.Globalization;
using System.Text;

namespace CareDialog.Compliance.Rules;

/// <summary>What a UTF-16 code unit is to the matcher.</summary>
internal enum CharClass : byte
{
    Separator = 0,
    Letter = 1,
    LetterMulti = 2,
    Digit = 3,
    Transparent = 4,
    Symbol = 5,
    Hash = 6,
    Apostrophe = 7,
    Underscore = 8,
    At = 9,
    Surrogate = 10,
}

/// <summary>
/// Per-code-unit folding into the matching key: culture-correct lower case first, then diacritics, compatibility forms
/// and the spelling variants triggers must not care about (ı/i, ё/е, æ→ae, ø→oe, å→aa, ß→ss). Built once as lookup tables so the
/// hot loop is two array reads per character.
/// </summary>
internal sealed class TextFolding
{
    public const byte UpperFlag = 0x80;
    private const byte ClassMask = 0x7F;

    /// <summary>The only code points whose tr-TR lower case differs from the invariant one (verified against ICU by a test).</summary>
    internal static readonly char[] TurkishCasedLetters = ['I', '\u0130'];

    private static readonly Lazy<TextFolding> DefaultTable = new(() => new TextFolding(CultureInfo.InvariantCulture.TextInfo, null));
    private static readonly Lazy<TextFolding> TurkishTable = new(() => new TextFolding(new CultureInfo("tr-TR").TextInfo, DefaultTable.Value));

    private readonly byte[] _class = new byte[65536];
    private readonly char[] _single = new char[65536];
    private readonly Dictionary<char, string> _multi = [];

    /// <summary>Builds the table for <paramref name="casing"/>; with <paramref name="basedOn"/>, copies it and redoes only the letters the casings disagree on.</summary>
    private TextFolding(TextInfo casing, TextFolding? basedOn)
    {
        if (basedOn is null)
        {
            for (var i = 0; i < 65536; i++)
            {
                if (IsCaselessIdeographRange(i))
                {
                    _class[i] = (byte)CharClass.Letter;
                    _single[i] = (char)i;
                    continue;
                }

                Classify((char)i, casing);
            }
        }
        else
        {
            basedOn._class.CopyTo(_class, 0);
            basedOn._single.CopyTo(_single, 0);
            foreach (var kv in basedOn._multi)
            {
                _multi[kv.Key] = kv.Value;
            }

            foreach (var c in TurkishCasedLetters)
            {
                Classify(c, casing);
            }
        }

        Packed = new uint[65536];
        for (var i = 0; i < 65536; i++)
        {
            Packed[i] = _single[i] | ((uint)_class[i] << 16);
        }
    }

    /// <summary>Key character in bits 0–15, class in bits 16–22, <see cref="UpperFlag"/> in bit 23: one read per character in the hot loop.</summary>
    public uint[] Packed { get; }

    /// <summary>
    /// Turkish casing for TR (I→ı, İ→i); the invariant table for the rest, because Danish, Finnish and Russian casing is the
    /// invariant one. Both end in the same key for I/İ/ı/i, but only culture-aware lowering turns İ into a lower-case letter at all:
    /// invariant ToLower leaves U+0130 unchanged.
    /// </summary>
    public static TextFolding For(Jurisdiction jurisdiction) => jurisdiction == Jurisdiction.TR ? TurkishTable.Value : DefaultTable.Value;

    public static TextFolding Default => DefaultTable.Value;

    public CharClass ClassOf(char c, out bool upper)
    {
        var b = _class[c];
        upper = (b & UpperFlag) != 0;
        return (CharClass)(b & ClassMask);
    }

    public char Single(char c) => _single[c];

    public string Multi(char c) => _multi[c];

    // CJK ideographs, Hangul syllables and Yi have no case and no decomposition worth folding: filling them directly saves tens of
    // thousands of ICU calls at load.
    private static bool IsCaselessIdeographRange(int c) =>
        c is (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA48C) or (>= 0xAC00 and <= 0xD7A3);

    /// <summary>Folds a whole string (trigger words, suffix lists) the same way text is folded, dropping everything that is not a letter or digit.</summary>
    public string FoldWord(string word)
    {
        var sb = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            switch (ClassOf(c, out _))
            {
                case CharClass.Letter:
                case CharClass.Digit:
                case CharClass.Symbol:
                    sb.Append(_single[c]);
                    break;
                case CharClass.LetterMulti:
                    sb.Append(_multi[c]);
                    break;
            }
        }

        return sb.ToString();
    }

    private void Classify(char c, TextInfo casing)
    {
        if (char.IsSurrogate(c))
        {
            _class[c] = (byte)CharClass.Surrogate;
            return;
        }

        switch (c)
        {
            case '#' or '\uFF03':
                _class[c] = (byte)CharClass.Hash;
                return;
            case '@' or '\uFF20':
                _class[c] = (byte)CharClass.At;
                return;
            case '\'' or '\u2019' or '\u02BC' or '\u2018' or '`' or '\u00B4':
                _class[c] = (byte)CharClass.Apostrophe;
                return;
            case '_':
                _class[c] = (byte)CharClass.Underscore;
                return;
            case '%' or '\uFF05' or '\u2116':
                Set(c, CharClass.Symbol, c == '\uFF05' ? '%' : c);
                return;
        }

        // Characters that change nothing visible or only steer layout: a zero-width joiner or a soft hyphen inside a word must not
        // split it, or "ga\u200Branti" would slip past the "garanti" trigger.
        if (c is '\u00AD' or '\u034F' or '\u061C' or (>= '\u180B' and <= '\u180E') or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E')
            or (>= '\u2060' and <= '\u206F') or '\uFEFF' or (>= '\uFE00' and <= '\uFE0F'))
        {
            _class[c] = (byte)CharClass.Transparent;
            return;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        switch (category)
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.Format:
                _class[c] = (byte)CharClass.Transparent;
                return;
            case UnicodeCategory.CurrencySymbol:
                Set(c, CharClass.Symbol, c);
                return;
            case UnicodeCategory.DecimalDigitNumber:
                var value = CharUnicodeInfo.GetDecimalDigitValue(c);
                Set(c, CharClass.Digit, value is >= 0 and <= 9 ? (char)('0' + value) : c);
                return;
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
                break;
            default:
                _class[c] = (byte)CharClass.Separator;
                return;
        }

        var upper = category is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter;
        var key = FoldLetter(c, casing);
        if (key.Length == 0)
        {
            _class[c] = (byte)CharClass.Transparent;
            return;
        }

        if (key.Length == 1)
        {
            Set(c, CharClass.Letter, key[0]);
        }
        else
        {
            _class[c] = (byte)CharClass.LetterMulti;
            _multi[c] = key;
        }

        if (upper)
        {
            _class[c] |= UpperFlag;
        }
    }

    private void Set(char c, CharClass cls, char key)
    {
        _class[c] = (byte)cls;
        _single[c] = key;
    }

    // Scripts whose letters carry diacritics or compatibility forms worth folding; CJK and Hangul are left alone (NFKD would split
    // Hangul syllables into jamo), which also keeps table construction to a few milliseconds.
    private static bool MayDecompose(char c) =>
        c < '\u0590' || c is (>= '\u1D00' and <= '\u1FFF') or (>= '\u2C60' and <= '\u2C7F') or (>= '\uA720' and <= '\uA7FF')
            or (>= '\uFB00' and <= '\uFB06') or (>= '\uFF00' and <= '\uFFEF');

    private static string FoldLetter(char c, TextInfo casing)
    {
        var lower = c == '\u0130' ? 'i' : casing.ToLower(c);
        if (lower < 0x80 || !MayDecompose(lower))
        {
            return lower.ToString();
        }

        // Compatibility decomposition also folds ligatures (ﬁ), full-width Latin and similar look-alike forms; only letters that
        // have such a decomposition pay for the normaliser, and only once, here.
        var decomposed = lower.ToString().Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(3);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            var l = char.ToLowerInvariant(d);
            sb.Append(l switch
            {
                '\u0131' => "i",
                '\u00E6' => "ae",
                '\u00F8' => "oe",
                '\u0153' => "oe",
                '\u00DF' => "ss",
                '\u0111' => "d",
                '\u0142' => "l",
                _ => l.ToString(),
            });
        }

        var folded = sb.ToString();

        // Danish "å" is written "aa" without Danish letters; ring-above is stripped above, so the pair is restored here.
        if (lower == '\u00E5')
        {
            folded = "aa";
        }

        return folded.Length <= 3 ? folded : folded[..3];
    }
}
