using System.Globalization;

namespace CareDialog.Compliance.Detectors;

/// <summary>
/// What the words around a number say about it. A checksum or a phone-number plan passes for a fair share of random digit runs
/// (1 in 100 for a TCKN, most 8-digit runs for Denmark), so a number labelled as an order, invoice or account number, or written
/// as an amount of money, is left alone.
/// </summary>
internal static class NumberContext
{
    private const int MaxLookAround = 24;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ReferenceWords = Lookup(
        "order", "ordre", "ordrenr", "ordrenummer", "sipariş", "siparis", "tilaus", "tilausnumero", "заказ", "заказа",
        "invoice", "faktura", "fakturanr", "fakturanummer", "fatura", "lasku", "laskun", "laskunumero", "счет", "счёт", "счета",
        "ref", "reference", "referans", "viite", "viitenumero", "reg", "account", "konto", "kontonr", "kontonummer", "hesap",
        "tili", "tilinumero", "iban", "swift", "tracking", "takip", "kargo", "pakke", "lähetys", "трек", "receipt", "kvittering",
        "makbuz", "kuitti", "чек", "isbn", "issn", "doi", "pmid", "batch", "lot", "parti", "серия");

    // Labels of identifiers: a number under them is not a phone number, whether or not it is personal data.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> IdentifierWords = Lookup(
        "инн", "inn", "огрн", "огрнип", "кпп", "бик", "окпо", "снилс", "snils", "cvr", "cvr-nr", "se-nr", "cpr", "cpr-nr",
        "personnummer", "vkn", "tckn", "kimlik", "y-tunnus", "hetu", "henkilötunnus", "sotu", "ytunnus");

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CurrencyWords = Lookup(
        "kr", "dkk", "eur", "euro", "euroa", "tl", "try", "lira", "rub", "руб", "рублей", "рубля", "рубль", "р", "usd", "gbp");

    // Words between a label and its number: "Order no. 123", "sipariş numarası 123", "ИНН организации 7716450028".
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LinkWords = Lookup(
        "no", "nr", "nro", "num", "number", "nummer", "numara", "numarası", "numaranız", "numero", "номер", "id", "организации",
        "компании", "клиники", "organisation", "company", "firmaets", "şirket", "şirketin", "yrityksen");

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup(params string[] words) =>
        new HashSet<string>(words, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// True when the number at [start, end) reads as a reference number or an amount of money; with <paramref name="asPhone"/>,
    /// also when it is labelled as an identifier ("ИНН организации 7716450028" is not a phone number).
    /// </summary>
    public static bool IsReferenceOrAmount(string text, int start, int end, bool asPhone = false) =>
        IsAmountAfter(text, end) || IsLabelledBefore(text, start, asPhone);

    /// <summary>
    /// "2024-06-21", "21.06.2024", "21/6/24", "20.30-22.00": dates and time ranges that a phone-number plan can read as a number
    /// (20240621 is a valid Danish number).
    /// </summary>
    public static bool IsDateOrTime(ReadOnlySpan<char> s)
    {
        Span<int> values = stackalloc int[4];
        Span<int> lengths = stackalloc int[4];
        Span<char> separators = stackalloc char[3];
        var groups = 0;
        var i = 0;
        while (i < s.Length)
        {
            if (groups == values.Length)
            {
                return false;
            }

            var start = i;
            var value = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 4)
            {
                value = (value * 10) + (s[i] - '0');
                i++;
            }

            if (i == start || (i < s.Length && char.IsAsciiDigit(s[i])))
            {
                return false;
            }

            values[groups] = value;
            lengths[groups] = i - start;
            if (i < s.Length)
            {
                if (groups == separators.Length)
                {
                    return false;
                }

                separators[groups] = s[i];
                i++;
            }

            groups++;
        }

        if (groups == 3 && separators[0] == separators[1] && separators[0] is '-' or '.' or '/')
        {
            return (lengths[0], lengths[1], lengths[2]) switch
            {
                (4, 2, 2) => IsDayMonth(values[2], values[1]),
                ( <= 2, <= 2, 2 or 4) => IsDayMonth(values[0], values[1]) || IsDayMonth(values[1], values[0]),
                _ => false,
            };
        }

        return groups == 4 && lengths[0] <= 2 && lengths[1] == 2 && lengths[2] <= 2 && lengths[3] == 2
            && separators[0] is '.' or ':' && separators[1] is '-' or '\u2013' && separators[2] is '.' or ':'
            && values[0] <= 24 && values[1] <= 59 && values[2] <= 24 && values[3] <= 59;
    }

    private static bool IsDayMonth(int day, int month) => day is >= 1 and <= 31 && month is >= 1 and <= 12;

    /// <summary>The word before the number, or before a link word in front of it, is a label or a currency.</summary>
    private static bool IsLabelledBefore(string text, int start, bool asPhone)
    {
        var word = PreviousWord(text, start, out var wordStart, out var symbol);
        if (symbol || CurrencyWords.Contains(word))
        {
            return true;
        }

        if (LinkWords.Contains(word))
        {
            word = PreviousWord(text, wordStart, out _, out symbol);
            if (symbol)
            {
                return false;
            }
        }

        return ReferenceWords.Contains(word) || (asPhone && IdentifierWords.Contains(word));
    }

    private static bool IsAmountAfter(string text, int end)
    {
        if (end + 1 < text.Length && text[end] is ',' or '.' && (char.IsAsciiDigit(text[end + 1]) || text[end + 1] == '-'))
        {
            return true; // decimals, or the Danish "450,-"
        }

        var i = end;
        while (i < text.Length && i - end < 2 && text[i] is ' ' or '\u00A0' or '\u202F')
        {
            i++;
        }

        if (i >= text.Length)
        {
            return false;
        }

        if (text[i] == '%' || CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.CurrencySymbol)
        {
            return true;
        }

        var wordEnd = i;
        while (wordEnd < text.Length && wordEnd - i < MaxLookAround && char.IsLetter(text[wordEnd]))
        {
            wordEnd++;
        }

        return wordEnd > i && CurrencyWords.Contains(text.AsSpan(i, wordEnd - i));
    }

    /// <summary>
    /// The word before <paramref name="start"/>, skipping the punctuation that sits between a label and its number
    /// ("Order no.: #", "№"). <paramref name="symbol"/> is set when a currency symbol comes first instead.
    /// </summary>
    private static ReadOnlySpan<char> PreviousWord(string text, int start, out int wordStart, out bool symbol)
    {
        symbol = false;
        var i = start;
        while (i > 0 && start - i < MaxLookAround && text[i - 1] is ' ' or '\u00A0' or '\u202F' or '\t' or ':' or '#' or '.' or '-' or '\u2116' or '(')
        {
            i--;
        }

        wordStart = i;
        if (i > 0 && CharUnicodeInfo.GetUnicodeCategory(text[i - 1]) == UnicodeCategory.CurrencySymbol)
        {
            symbol = true;
            return [];
        }

        while (wordStart > 0 && i - wordStart < MaxLookAround && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '-'))
        {
            wordStart--;
        }

        return text.AsSpan(wordStart, i - wordStart);
    }
}

/// <summary>
/// IBAN-shaped runs ("DK50 0040 0440 1162 43", "TR330006100519786457841326"): two capital letters, two digits, then letters and
/// digits in groups of up to four, 15 to 34 in all. The digits inside are account numbers, not phone numbers or identifiers.
/// </summary>
internal static class IbanScanner
{
    private const int MinLength = 15;
    private const int MaxLength = 34;

    public static void Find(string text, List<(int Start, int End)> spans)
    {
        var i = 0;
        while (i + 3 < text.Length)
        {
            var next = text.AsSpan(i, text.Length - i - 3).IndexOfAnyInRange('A', 'Z');
            if (next < 0)
            {
                return;
            }

            i += next;
            if (IsIbanStart(text, i) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                var end = Scan(text, i, out var count);
                if (count is >= MinLength and <= MaxLength)
                {
                    spans.Add((i, end));
                    i = end;
                    continue;
                }
            }

            i++;
        }
    }

    private static bool IsIbanStart(string text, int i) =>
        i + 3 < text.Length && char.IsAsciiLetterUpper(text[i]) && char.IsAsciiLetterUpper(text[i + 1])
        && char.IsAsciiDigit(text[i + 2]) && char.IsAsciiDigit(text[i + 3]);

    /// <summary>Whether [start, end) overlaps one of <paramref name="spans"/>, which <see cref="Find"/> returns sorted and disjoint.</summary>
    public static bool Overlaps(List<(int Start, int End)> spans, int start, int end)
    {
        int lo = 0, hi = spans.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (spans[mid].End <= start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo < spans.Count && spans[lo].Start < end;
    }

    /// <summary>Reads space-separated groups of capital letters and digits; a group that runs into a lower-case word is not part of it.</summary>
    private static int Scan(string text, int start, out int count)
    {
        count = 0;
        var end = start;
        var i = start;
        while (true)
        {
            var groupEnd = i;
            while (groupEnd < text.Length && (char.IsAsciiLetterUpper(text[groupEnd]) || char.IsAsciiDigit(text[groupEnd])))
            {
                groupEnd++;
            }

            if (groupEnd == i || (groupEnd < text.Length && char.IsLetterOrDigit(text[groupEnd])))
            {
                break;
            }

            // A new "XX00" group starts the next IBAN; past 34 characters the rest is not part of this one.
            if ((count > 0 && groupEnd - i >= 4 && IsIbanStart(text, i)) || count + (groupEnd - i) > MaxLength)
            {
                break;
            }

            count += groupEnd - i;
            end = groupEnd;
            if (groupEnd + 1 < text.Length && text[groupEnd] is ' ' or '\u00A0')
            {
                i = groupEnd + 1;
                continue;
            }

            break;
        }

        return end;
    }
}
