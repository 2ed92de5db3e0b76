using System.Globalization;

namespace CareDialog.Compliance.Detectors;

/// <summary>
/// The character tests the name scanner asks for every character, answered by one table lookup: char.IsLetterOrDigit and
/// the Unicode category behind it cost several table walks outside Latin-1, and Cyrillic and Turkish posts are mostly outside it.
/// </summary>
internal static class CharClasses
{
    public const byte LetterOrDigit = 1;
    public const byte NonSpacingMark = 2;
    public const byte Upper = 4;
    public const byte Lower = 8;
    public const byte LatinOrCyrillic = 16;

    private static readonly byte[] Table = Build();

    public static byte Of(char c) => Table[c];

    public static bool IsWordChar(char c) => (Table[c] & (LetterOrDigit | NonSpacingMark)) != 0;

    public static bool IsLetterOrDigitChar(char c) => (Table[c] & LetterOrDigit) != 0;

    private static byte[] Build()
    {
        var table = new byte[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            byte flags = 0;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c))
            {
                flags |= LetterOrDigit;
            }

            if (category == UnicodeCategory.NonSpacingMark)
            {
                flags |= NonSpacingMark;
            }

            if (category == UnicodeCategory.UppercaseLetter)
            {
                flags |= Upper;
            }

            if (category == UnicodeCategory.LowercaseLetter)
            {
                flags |= Lower;
            }

            if (c < '\u0250' || c is >= '\u1E00' and <= '\u1EFF' or >= '\u0400' and <= '\u052F')
            {
                flags |= LatinOrCyrillic;
            }

            table[i] = flags;
        }

        return table;
    }
}
