using System.Buffers;
using System.Text;

namespace CareDialog.Compliance.Platforms;

/// <summary>Unicode helpers that tolerate malformed UTF-16, because editor text can contain lone surrogates (e.g. a truncated paste).</summary>
internal static class UnicodeText
{
    // Surrogates (to find lone ones) and U+FFFE, the only code point .NET's normaliser rejects.
    private static readonly SearchValues<char> NormalizationStoppers = SearchValues.Create(
        string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)) + "\uFFFE");

    /// <summary>
    /// Characters that are NFC on their own, have canonical combining class 0 and never compose with the character before them:
    /// a text made only of them is NFC. Latin-1 and Latin Extended (below U+0300), Cyrillic without its combining marks, the
    /// general punctuation and currency signs Russian, Turkish and Nordic posts use. Tested character by character against .NET's
    /// normaliser (UnicodeTextTests).
    /// </summary>
    internal static readonly SearchValues<char> NfcInert = SearchValues.Create(string.Concat(
        Range('\u0000', '\u02FF'),
        Range('\u0400', '\u0482'),
        Range('\u048A', '\u052F'),
        Range('\u2010', '\u2027'),
        Range('\u2030', '\u205E'),
        Range('\u20A0', '\u20C0'),
        "\u2116"));

    /// <summary>
    /// NFC-normalises <paramref name="text"/>. <see cref="string.Normalize()"/> throws on lone surrogates and U+FFFE,
    /// so the stretches between them are normalised separately and those characters are kept as they are,
    /// which is what JavaScript's normalize() (used by twitter-text) does.
    /// </summary>
    public static string ToNfc(string text)
    {
        // Below U+0300 there are no combining marks and nothing composes, so such text is already NFC; asking ICU
        // costs more than the rest of the count for ordinary Latin-script posts.
        if (!text.AsSpan().ContainsAnyInRange('\u0300', '\uFFFF'))
        {
            return text;
        }

        // Cyrillic, typographic quotes, dashes and currency signs: still nothing to normalise, and checking costs less than ICU.
        if (!text.AsSpan().ContainsAnyExcept(NfcInert))
        {
            return text;
        }

        var firstCut = IndexOfUnnormalizable(text, 0);
        if (firstCut < 0)
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }

        var sb = new StringBuilder(text.Length);
        var start = 0;
        var cut = firstCut;
        while (cut >= 0)
        {
            AppendNormalized(sb, text, start, cut);
            sb.Append(text[cut]);
            start = cut + 1;
            cut = IndexOfUnnormalizable(text, start);
        }

        AppendNormalized(sb, text, start, text.Length);
        return sb.ToString();
    }

    /// <summary>Counts Unicode scalar values; a lone surrogate counts as one because it will be sent as a replacement character.</summary>
    public static int CountScalars(string text)
    {
        var span = text.AsSpan();
        if (!span.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text.Length;
        }

        var count = 0;
        while (!span.IsEmpty)
        {
            Rune.DecodeFromUtf16(span, out _, out var consumed);
            span = span[consumed..];
            count++;
        }

        return count;
    }

    /// <summary>Counts UTF-8 bytes; a lone surrogate counts as the 3 bytes of the replacement character it becomes.</summary>
    public static int CountUtf8Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>True when there is nothing but whitespace (or nothing at all).</summary>
    public static bool IsBlank(string text) => string.IsNullOrWhiteSpace(text);

    private static string Range(char first, char last) =>
        string.Create(last - first + 1, first, static (span, from) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)(from + i);
            }
        });

    private static void AppendNormalized(StringBuilder sb, string text, int start, int end)
    {
        if (end > start)
        {
            sb.Append(text.AsSpan(start, end - start).ToString().Normalize(NormalizationForm.FormC));
        }
    }

    private static int IndexOfUnnormalizable(string text, int from)
    {
        var i = from;
        while (i < text.Length)
        {
            // Vectorised jump to the next candidate keeps megabyte-sized texts cheap.
            var next = text.AsSpan(i).IndexOfAny(NormalizationStoppers);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i += 2;
                continue;
            }

            return i;
        }

        return -1;
    }
}
