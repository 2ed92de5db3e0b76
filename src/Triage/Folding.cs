using System.Globalization;
using System.Text;

namespace CareDialog.Triage;

/// <summary>
/// Folds text to a loose Latin skeleton, the same way for lexicon entries and for messages, so that one entry matches the ways
/// people actually type: Turkish İ/I/ı all become i (which also makes the Turkish upper/lower case problem disappear), letters lose
/// their diacritics (ş→s, ä→a, ø→oe→o, å→aa→a, æ→ae→a), Cyrillic is transliterated, and the usual variants of transliterated
/// Russian are merged (y/j→i, kh→h, doubled letters → one), so "записаться", "zapisatsya" and "zapisat'sia" meet.
/// </summary>
internal static class Folding
{
    private const int TableSize = 0x500;
    private static readonly string?[] Table = BuildTable();

    /// <summary>Folds <paramref name="text"/> into <paramref name="output"/>; map[i] is the index in text of output[i]. Words are separated by single spaces.</summary>
    public static int Fold(ReadOnlySpan<char> text, Span<char> output, Span<int> map)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? mapped;
            if (c < TableSize)
            {
                mapped = Table[c];
            }
            else if (c is '\u2019' or '\u02BC' or '\u2018')
            {
                mapped = "";
            }
            else if (char.IsLetterOrDigit(c))
            {
                mapped = null;
                Append(output, map, ref n, char.ToLowerInvariant(c), i);
                continue;
            }
            else
            {
                mapped = " ";
            }

            if (mapped is null)
            {
                mapped = " ";
            }

            foreach (var m in mapped)
            {
                Append(output, map, ref n, m, i);
            }
        }

        if (n > 0 && output[n - 1] == ' ')
        {
            n--;
        }

        return n;
    }

    /// <summary>Folds a whole string (lexicon entries at load time).</summary>
    public static string Fold(string text)
    {
        var buffer = new char[(text.Length * 4) + 1];
        var map = new int[buffer.Length];
        var n = Fold(text, buffer, map);
        return new string(buffer, 0, n);
    }

    private static void Append(Span<char> output, Span<int> map, ref int n, char c, int source)
    {
        if (c == ' ')
        {
            if (n > 0 && output[n - 1] != ' ')
            {
                output[n] = ' ';
                map[n++] = source;
            }

            return;
        }

        if (c is 'y' or 'j')
        {
            c = 'i';
        }

        if (n > 0)
        {
            var prev = output[n - 1];
            if (prev == c && char.IsLetter(c))
            {
                return;
            }

            // Digraphs of transliterated Russian and of Danish/Finnish typed without æ, ø, ä, ö collapse to one letter.
            if ((c == 'h' && prev == 'k') || (c == 'e' && prev is 'a' or 'o'))
            {
                if (c == 'h')
                {
                    output[n - 1] = 'h';
                }

                return;
            }
        }

        output[n] = c;
        map[n++] = source;
    }

    private static string?[] BuildTable()
    {
        var table = new string?[TableSize];
        for (var i = 0; i < TableSize; i++)
        {
            var c = (char)i;
            if (c is '\'' or '`' or '´')
            {
                table[i] = "";
            }
            else if (char.IsDigit(c))
            {
                table[i] = c.ToString();
            }
            else if (char.IsLetter(c))
            {
                table[i] = LetterFold(c);
            }
        }

        return table;
    }

    private static string LetterFold(char c)
    {
        switch (c)
        {
            case 'İ' or 'I' or 'ı':
                return "i";
            case 'Æ' or 'æ':
                return "ae";
            case 'Ø' or 'ø':
                return "oe";
            case 'Å' or 'å':
                return "aa";
            case 'ß':
                return "ss";
        }

        var lower = char.ToLowerInvariant(c);
        if (lower is >= 'а' and <= 'я' or 'ё')
        {
            return Cyrillic(lower);
        }

        var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(d);
            }
        }

        return sb.ToString();
    }

    private static string Cyrillic(char c) => c switch
    {
        'а' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'д' => "d", 'е' or 'ё' or 'э' => "e", 'ж' => "zh", 'з' => "z",
        'и' or 'й' or 'ы' => "i", 'к' => "k", 'л' => "l", 'м' => "m", 'н' => "n", 'о' => "o", 'п' => "p", 'р' => "r",
        'с' => "s", 'т' => "t", 'у' => "u", 'ф' => "f", 'х' => "h", 'ц' => "ts", 'ч' => "ch", 'ш' => "sh", 'щ' => "sh",
        'ю' => "iu", 'я' => "ia",
        _ => "",
    };
}
