using System.Text;

namespace CareDialog.Compliance.Platforms;

/// <summary>
/// Recognises an emoji sequence at the start of a grapheme cluster, so that X can count it as one unit.
/// twitter-text matches emoji with twemoji's generated list of known sequences; we cannot ship that list,
/// so "is emoji" is decided by code point ranges and the sequence grammar of Unicode TR #51:
/// <list type="bullet">
/// <item>Keycap: <c>[0-9#*] FE0F? 20E3</c>.</item>
/// <item>Flag: two regional indicators U+1F1E6–1F1FF.</item>
/// <item>Tag sequence: U+1F3F4 followed by tag characters U+E0020–E007E and the cancel tag U+E007F (England, Scotland, Wales).</item>
/// <item>Element: an emoji base, then optionally FE0F and/or a skin-tone modifier U+1F3FB–1F3FF; elements joined by ZWJ U+200D form one sequence.</item>
/// </list>
/// Emoji bases (ranges in <see cref="IsEmojiBase"/>): U+1F000–1FAFF except regional indicators, the Miscellaneous Symbols and
/// Dingbats blocks U+2600–27BF, and the individual BMP emoji twemoji lists (U+00A9, 00AE, 203C, 2049, 2122, 2139, 2194–2199,
/// 21A9–21AA, 231A–231B, 2328, 23CF, 23E9–23F3, 23F8–23FA, 24C2, 25AA–25AB, 25B6, 25C0, 25FB–25FE, 2934–2935, 2B05–2B07,
/// 2B1B–2B1C, 2B50, 2B55, 3030, 303D, 3297, 3299).
/// As in twemoji, ©, ®, ™ and ♟ are emoji only when followed by FE0F (otherwise they are ordinary text), any base
/// followed by the text presentation selector FE0E is not an emoji, and FE0F belongs to the emoji only after a base that has a
/// standardized emoji variation sequence (<see cref="HasVariationSequence"/>); a redundant FE0F after e.g. 😀 is a character of its own.
/// Known differences, both deliberate: a well-formed ZWJ sequence that is not in Unicode's recommended list (e.g. 👨‍🐱) counts as
/// one emoji here, while twitter-text splits it into the parts it knows and counts the ZWJ characters; and emoji newer than
/// twitter-text's emoji data (e.g. 🫶, ❤️‍🔥) count as one emoji here, as an up-to-date emoji list would, while twitter-text 3.1.0 counts their parts.
/// </summary>
internal static class EmojiSequence
{
    private const int Zwj = 0x200D;
    private const int TextPresentation = 0xFE0E;
    private const int EmojiPresentation = 0xFE0F;
    private const int CombiningKeycap = 0x20E3;
    private const int BlackFlag = 0x1F3F4;
    private const int CancelTag = 0xE007F;

    /// <summary>
    /// Code points with an emoji variation sequence (base + FE0F, Unicode's emoji-variation-sequences.txt), besides the keycap bases:
    /// exactly those after which twitter-text 3.1.0 absorbs FE0F (measured code point by code point), plus ♾ U+267E and ⚧ U+26A7,
    /// whose sequences its emoji parser predates.
    /// </summary>
    private static readonly (int First, int Last)[] VariationSequenceBases =
    [
        (0xA9, 0xA9), (0xAE, 0xAE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122), (0x2139, 0x2139), (0x2194, 0x2199),
        (0x21A9, 0x21AA), (0x231A, 0x231B), (0x2328, 0x2328), (0x23CF, 0x23CF), (0x23ED, 0x23EF), (0x23F1, 0x23F2), (0x23F8, 0x23FA),
        (0x24C2, 0x24C2), (0x25AA, 0x25AB), (0x25B6, 0x25B6), (0x25C0, 0x25C0), (0x25FB, 0x25FE), (0x2600, 0x2604), (0x260E, 0x260E),
        (0x2611, 0x2611), (0x2614, 0x2615), (0x2618, 0x2618), (0x261D, 0x261D), (0x2620, 0x2620), (0x2622, 0x2623), (0x2626, 0x2626),
        (0x262A, 0x262A), (0x262E, 0x262F), (0x2638, 0x263A), (0x2640, 0x2640), (0x2642, 0x2642), (0x2648, 0x2653), (0x265F, 0x2660),
        (0x2663, 0x2663), (0x2665, 0x2666), (0x2668, 0x2668), (0x267B, 0x267B), (0x267E, 0x267F), (0x2692, 0x2697), (0x2699, 0x2699),
        (0x269B, 0x269C), (0x26A0, 0x26A1), (0x26A7, 0x26A7), (0x26AA, 0x26AB), (0x26B0, 0x26B1), (0x26BD, 0x26BE), (0x26C4, 0x26C5),
        (0x26C8, 0x26C8), (0x26CF, 0x26CF), (0x26D1, 0x26D1), (0x26D3, 0x26D4), (0x26E9, 0x26EA), (0x26F0, 0x26F5), (0x26F7, 0x26FA),
        (0x26FD, 0x26FD), (0x2702, 0x2702), (0x2708, 0x2709), (0x270C, 0x270D), (0x270F, 0x270F), (0x2712, 0x2712), (0x2714, 0x2714),
        (0x2716, 0x2716), (0x271D, 0x271D), (0x2721, 0x2721), (0x2733, 0x2734), (0x2744, 0x2744), (0x2747, 0x2747), (0x2757, 0x2757),
        (0x2763, 0x2764), (0x27A1, 0x27A1), (0x2934, 0x2935), (0x2B05, 0x2B07), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
        (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3297), (0x3299, 0x3299), (0x1F004, 0x1F004), (0x1F170, 0x1F171), (0x1F17E, 0x1F17F),
        (0x1F202, 0x1F202), (0x1F21A, 0x1F21A), (0x1F22F, 0x1F22F), (0x1F237, 0x1F237), (0x1F321, 0x1F321), (0x1F324, 0x1F32C),
        (0x1F336, 0x1F336), (0x1F37D, 0x1F37D), (0x1F396, 0x1F397), (0x1F399, 0x1F39B), (0x1F39E, 0x1F39F), (0x1F3CB, 0x1F3CE),
        (0x1F3D4, 0x1F3DF), (0x1F3F3, 0x1F3F3), (0x1F3F5, 0x1F3F5), (0x1F3F7, 0x1F3F7), (0x1F43F, 0x1F43F), (0x1F441, 0x1F441),
        (0x1F4FD, 0x1F4FD), (0x1F549, 0x1F54A), (0x1F56F, 0x1F570), (0x1F573, 0x1F579), (0x1F587, 0x1F587), (0x1F58A, 0x1F58D),
        (0x1F590, 0x1F590), (0x1F5A5, 0x1F5A5), (0x1F5A8, 0x1F5A8), (0x1F5B1, 0x1F5B2), (0x1F5BC, 0x1F5BC), (0x1F5C2, 0x1F5C4),
        (0x1F5D1, 0x1F5D3), (0x1F5DC, 0x1F5DE), (0x1F5E1, 0x1F5E1), (0x1F5E3, 0x1F5E3), (0x1F5E8, 0x1F5E8), (0x1F5EF, 0x1F5EF),
        (0x1F5F3, 0x1F5F3), (0x1F5FA, 0x1F5FA), (0x1F6CB, 0x1F6CB), (0x1F6CD, 0x1F6CF), (0x1F6E0, 0x1F6E5), (0x1F6E9, 0x1F6E9),
        (0x1F6F0, 0x1F6F0), (0x1F6F3, 0x1F6F3),
    ];

    /// <summary>
    /// Length in UTF-16 code units of the emoji sequence at the start of <paramref name="cluster"/>, or 0 when it does not start with one.
    /// Never reads past <paramref name="cluster"/>, which should be one grapheme cluster.
    /// </summary>
    public static int PrefixLength(ReadOnlySpan<char> cluster)
    {
        if (!TryRead(cluster, 0, out var first, out var pos))
        {
            return 0;
        }

        if (first is '#' or '*' or (>= '0' and <= '9'))
        {
            if (Peek(cluster, pos) == EmojiPresentation)
            {
                pos++;
            }

            return Peek(cluster, pos) == CombiningKeycap ? pos + 1 : 0;
        }

        if (IsRegionalIndicator(first))
        {
            return TryRead(cluster, pos, out var second, out var end) && IsRegionalIndicator(second) ? end : 0;
        }

        if (first == BlackFlag && TagSequenceEnd(cluster, pos) is var tagEnd and > 0)
        {
            return tagEnd;
        }

        pos = ElementEnd(cluster, first, pos);
        if (pos == 0)
        {
            return 0;
        }

        // A ZWJ only joins when an emoji follows it; a trailing or dangling ZWJ is ordinary text.
        while (Peek(cluster, pos) == Zwj
            && TryRead(cluster, pos + 1, out var next, out var afterNext)
            && ElementEnd(cluster, next, afterNext) is var elementEnd and > 0)
        {
            pos = elementEnd;
        }

        return pos;
    }

    /// <summary>True for code points that start an emoji element (see the class remarks for the ranges).</summary>
    public static bool IsEmojiBase(int cp) => cp switch
    {
        >= 0x1F1E6 and <= 0x1F1FF => false,
        >= 0x1F000 and <= 0x1FAFF => true,
        >= 0x2600 and <= 0x27BF => true,
        0x00A9 or 0x00AE or 0x203C or 0x2049 or 0x2122 or 0x2139 => true,
        >= 0x2194 and <= 0x2199 => true,
        0x21A9 or 0x21AA or 0x231A or 0x231B or 0x2328 or 0x23CF => true,
        >= 0x23E9 and <= 0x23F3 => true,
        >= 0x23F8 and <= 0x23FA => true,
        0x24C2 or 0x25AA or 0x25AB or 0x25B6 or 0x25C0 => true,
        >= 0x25FB and <= 0x25FE => true,
        0x2934 or 0x2935 => true,
        >= 0x2B05 and <= 0x2B07 => true,
        0x2B1B or 0x2B1C or 0x2B50 or 0x2B55 or 0x3030 or 0x303D or 0x3297 or 0x3299 => true,
        _ => false,
    };

    /// <summary>True when <paramref name="cp"/> may begin an emoji sequence; lets the counter skip segmentation for ordinary text.</summary>
    public static bool MayStart(int cp) =>
        IsEmojiBase(cp) || IsRegionalIndicator(cp) || cp is '#' or '*' or (>= '0' and <= '9');

    internal static bool HasVariationSequence(int cp)
    {
        var lo = 0;
        var hi = VariationSequenceBases.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var (first, last) = VariationSequenceBases[mid];
            if (cp < first)
            {
                hi = mid - 1;
            }
            else if (cp > last)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRegionalIndicator(int cp) => cp is >= 0x1F1E6 and <= 0x1F1FF;

    private static bool IsSkinToneModifier(int cp) => cp is >= 0x1F3FB and <= 0x1F3FF;

    // twemoji treats these text-default symbols as emoji only with an explicit FE0F, so "©" in a footer stays weight 1.
    private static bool NeedsEmojiPresentation(int cp) => cp is 0x00A9 or 0x00AE or 0x2122 or 0x265F;

    /// <summary>End of the emoji element whose base <paramref name="cp"/> ends at <paramref name="pos"/>, or 0 when it is not one.</summary>
    private static int ElementEnd(ReadOnlySpan<char> s, int cp, int pos)
    {
        if (!IsEmojiBase(cp))
        {
            return 0;
        }

        var next = Peek(s, pos);
        if (next == TextPresentation || (NeedsEmojiPresentation(cp) && next != EmojiPresentation))
        {
            return 0;
        }

        if (next == EmojiPresentation && HasVariationSequence(cp))
        {
            pos++;
        }

        if (TryRead(s, pos, out var modifier, out var afterModifier) && IsSkinToneModifier(modifier))
        {
            pos = afterModifier;
            if (Peek(s, pos) == EmojiPresentation)
            {
                pos++;
            }
        }

        return pos;
    }

    private static int TagSequenceEnd(ReadOnlySpan<char> s, int pos)
    {
        var tags = 0;
        while (TryRead(s, pos, out var cp, out var next))
        {
            if (cp == CancelTag)
            {
                return tags > 0 ? next : 0;
            }

            if (cp is < 0xE0020 or > 0xE007E)
            {
                return 0;
            }

            tags++;
            pos = next;
        }

        return 0;
    }

    /// <summary>The code point at <paramref name="pos"/>, or -1 at the end or on a lone surrogate.</summary>
    private static int Peek(ReadOnlySpan<char> s, int pos) => TryRead(s, pos, out var cp, out _) ? cp : -1;

    private static bool TryRead(ReadOnlySpan<char> s, int pos, out int cp, out int next)
    {
        if (pos < s.Length && Rune.DecodeFromUtf16(s[pos..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            cp = rune.Value;
            next = pos + consumed;
            return true;
        }

        cp = -1;
        next = pos;
        return false;
    }
}
