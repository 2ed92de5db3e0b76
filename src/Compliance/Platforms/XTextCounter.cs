using System.Globalization;
using System.Text;

namespace CareDialog.Compliance.Platforms;

/// <summary>
/// X's weighted post length, as twitter-text v3 computes it (config/v3.json, parseTweet):
/// the text is NFC-normalised; each URL weighs 23; each emoji sequence weighs 2; every other code point weighs 1 when it is
/// in U+0000–10FF, U+2000–200D, U+2010–201F or U+2032–2037 (Latin, Cyrillic, Greek, Hebrew, Arabic, Devanagari, Thai,
/// general punctuation…) and 2 otherwise (CJK, kana, Hangul, most symbols). The result is what X compares with 280.
/// </summary>
/// <remarks>
/// Checked against twitter-text 3.1.0 (JavaScript) on generated texts mixing URLs, punctuation, scripts and emoji: URL handling
/// agrees exactly; the only differences are the deliberate emoji ones described on <see cref="EmojiSequence"/>. A sample of
/// those texts with twitter-text's results is kept as a regression test (Compliance.Tests, twitter-text-3.1.0-corpus.json).
/// </remarks>
public static class XTextCounter
{
    // Weights are kept in twitter-text's scaled units (×100) so the arithmetic matches its configuration exactly.
    private const int Scale = 100;
    private const int DefaultWeight = 200;
    private const int LightWeight = 100;
    private const int TransformedUrlLength = 23;

    // An emoji sequence never needs more UTF-16 units than this (the longest recommended ones use 15); the cap keeps
    // grapheme segmentation bounded when an emoji is followed by a very long run of combining marks.
    private const int MaxEmojiSequenceLength = 64;

    /// <summary>The weighted length of <paramref name="text"/>; 0 for empty text. Never throws for malformed UTF-16.</summary>
    public static int WeightedLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return 0;
        }

        var normalized = UnicodeText.ToNfc(text);
        var urls = XUrlScanner.Find(normalized);
        var span = normalized.AsSpan();
        long weight = 0;
        var nextUrl = 0;
        var i = 0;
        while (i < span.Length)
        {
            if (nextUrl < urls.Count && urls[nextUrl].Start == i)
            {
                weight += TransformedUrlLength * Scale;
                i = urls[nextUrl].End;
                nextUrl++;
                continue;
            }

            Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed);
            var codePoint = consumed == 1 && char.IsSurrogate(span[i]) ? span[i] : rune.Value;
            if (EmojiSequence.MayStart(codePoint))
            {
                var limit = Math.Min(i + MaxEmojiSequenceLength, nextUrl < urls.Count ? urls[nextUrl].Start : span.Length);
                var cluster = span[i..limit];
                cluster = cluster[..StringInfo.GetNextTextElementLength(cluster)];
                var emojiLength = EmojiSequence.PrefixLength(cluster);
                if (emojiLength > 0)
                {
                    weight += DefaultWeight;
                    i += emojiLength;
                    continue;
                }
            }

            weight += Weight(codePoint);
            i += consumed;
        }

        return (int)(weight / Scale);
    }

    /// <summary>A lone surrogate is weighed by its own value (2), as twitter-text does with JavaScript strings.</summary>
    private static int Weight(int codePoint) => codePoint switch
    {
        <= 0x10FF => LightWeight,
        >= 0x2000 and <= 0x200D => LightWeight,
        >= 0x2010 and <= 0x201F => LightWeight,
        >= 0x2032 and <= 0x2037 => LightWeight,
        _ => DefaultWeight,
    };
}
