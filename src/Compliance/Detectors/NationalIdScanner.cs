namespace CareDialog.Compliance.Detectors;

/// <summary>
/// Finds the §7 identifiers in running text. Each digit run is read once; only the written forms of each identifier are tried,
/// and a run that is part of a longer number (a digit, letter, '+' or decimal separator against it) is skipped.
/// </summary>
/// <remarks>
/// Danish CPR has no check digit any more, so a date-shaped 10-digit number is not enough: the hyphenated form
/// <c>DDMMYY-SSSS</c> is reported on its own, but <c>DDMMYYSSSS</c> and <c>DDMMYY SSSS</c> only when "CPR" or "personnummer"
/// is written shortly before them, because order and account numbers are routinely 10 digits long.
/// </remarks>
internal static class NationalIdScanner
{
    private const int CprContextWindow = 48;
    private const string TcknDescription = "Turkish identity number (T.C. Kimlik No) with valid check digits";
    private const string CprDescription = "Danish CPR number with a valid birth date";
    private const string HetuDescription = "Finnish personal identity code (henkilötunnus) with a valid check character";
    private const string SnilsDescription = "Russian SNILS number with a valid check number";
    private const string InnDescription = "Russian personal taxpayer number (12-digit INN) with valid check digits";

    public static void Find(string text, string? region, List<Candidate> output)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var i = 0;
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOfAnyInRange('0', '9');
            if (next < 0)
            {
                return;
            }

            var start = i + next;
            var end = start + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            i = IsFreeStart(text, start) ? TryMatch(text, start, end, region, today, output) : end;
        }
    }

    /// <summary>Tries every written form that starts with the digit run [start, runEnd); returns where to continue.</summary>
    private static int TryMatch(string text, int start, int runEnd, string? region, DateOnly today, List<Candidate> output)
    {
        var digits = text.AsSpan(start, runEnd - start);
        switch (digits.Length)
        {
            case 11 when IsFreeEnd(text, runEnd) && !NumberContext.IsReferenceOrAmount(text, start, runEnd):
                if (NationalIds.IsValidTckn(digits))
                {
                    Add(output, PersonalDataKinds.TrIdentity, start, runEnd, TcknDescription, region, "TR");
                }

                // Bare low numbers (up to 001-001-998) have no check number to test; as 11 loose digits they are more likely padding.
                if (IsSnilsWithCheck(digits))
                {
                    Add(output, PersonalDataKinds.RuSnils, start, runEnd, SnilsDescription, region, "RU");
                }

                break;
            case 12 when IsFreeEnd(text, runEnd) && NationalIds.IsValidPersonalInn(digits) && !NumberContext.IsReferenceOrAmount(text, start, runEnd):
                Add(output, PersonalDataKinds.RuInn, start, runEnd, InnDescription, region, "RU");
                break;
            case 10 when IsFreeEnd(text, runEnd) && NationalIds.IsValidCpr(digits, today) && HasCprContext(text, start)
                && !NumberContext.IsReferenceOrAmount(text, start, runEnd):
                Add(output, PersonalDataKinds.DkCpr, start, runEnd, CprDescription, region, "DK");
                break;
            case 6:
                return TryDateFirstForms(text, start, runEnd, region, today, output);
            case 3:
                return TrySnilsGroups(text, start, region, output);
        }

        return runEnd;
    }

    /// <summary><c>DDMMYY-SSSS</c> / <c>DDMMYY SSSS</c> (CPR) and <c>DDMMYYCNNNQ</c> (henkilötunnus).</summary>
    private static int TryDateFirstForms(string text, int start, int runEnd, string? region, DateOnly today, List<Candidate> output)
    {
        if (runEnd + 5 > text.Length)
        {
            return runEnd;
        }

        Span<char> id = stackalloc char[11];
        text.AsSpan(start, 11).CopyTo(id);
        var separator = text[runEnd];
        var end = runEnd + 5;
        if (IsHyphen(separator))
        {
            id[6] = '-';
        }

        if (!IsFreeEnd(text, end))
        {
            return runEnd;
        }

        // Temporary numbers (900-999) identify a person as much as permanent ones do, so they are reported too. A henkilötunnus
        // with a digit check character is often also a valid CPR date; the mod-31 check makes it the likelier reading.
        var found = false;
        if (NationalIds.IsValidHetu(id, allowTemporary: true))
        {
            Add(output, PersonalDataKinds.FiHetu, start, end, HetuDescription, region, "FI", rankBonus: 1);
            found = true;
        }

        if ((IsHyphen(separator) || (separator == ' ' && HasCprContext(text, start))) && NationalIds.IsValidCpr(id, today))
        {
            Add(output, PersonalDataKinds.DkCpr, start, end, CprDescription, region, "DK");
            found = true;
        }

        return found ? end : runEnd;
    }

    /// <summary><c>XXX-XXX-XXX YY</c>, <c>XXX XXX XXX YY</c> and mixes of hyphens and spaces.</summary>
    private static int TrySnilsGroups(string text, int start, string? region, List<Candidate> output)
    {
        ReadOnlySpan<int> groups = [3, 3, 3, 2];
        Span<byte> digits = stackalloc byte[11];
        var pos = start;
        var count = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            if (g > 0)
            {
                if (pos >= text.Length || !(IsHyphen(text[pos]) || text[pos] is ' ' or '\u00A0'))
                {
                    return start + 3;
                }

                pos++;
            }

            for (var k = 0; k < groups[g]; k++, pos++)
            {
                if (pos >= text.Length || !char.IsAsciiDigit(text[pos]))
                {
                    return start + 3;
                }

                digits[count++] = (byte)(text[pos] - '0');
            }
        }

        if (!IsFreeEnd(text, pos) || !NationalIds.IsValidSnilsDigits(digits))
        {
            return start + 3;
        }

        Add(output, PersonalDataKinds.RuSnils, start, pos, SnilsDescription, region, "RU");
        return pos;
    }

    private static bool IsSnilsWithCheck(ReadOnlySpan<char> digits)
    {
        Span<byte> d = stackalloc byte[11];
        var number = 0;
        for (var k = 0; k < 11; k++)
        {
            d[k] = (byte)(digits[k] - '0');
            if (k < 9)
            {
                number = (number * 10) + d[k];
            }
        }

        return number > 1_001_998 && NationalIds.IsValidSnilsDigits(d);
    }

    private static void Add(List<Candidate> output, string kind, int start, int end, string description, string? region, string country, int rankBonus = 0) =>
        output.Add(new Candidate(kind, start, end - start, description, Candidate.RankNationalId + rankBonus + (region == country ? Candidate.RegionBonus : 0)));

    /// <summary>"CPR", "cpr-nr.", "personnummer", "personnr." shortly before the number.</summary>
    private static bool HasCprContext(string text, int start)
    {
        var from = Math.Max(0, start - CprContextWindow);
        var before = text.AsSpan(from, start - from);
        return before.Contains("cpr", StringComparison.OrdinalIgnoreCase) || before.Contains("personn", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011' or '\u2013';

    /// <summary>Not glued to a word, a '+' (international phone prefix), or a longer number ("1.211062-5629", "4-17291716060").</summary>
    private static bool IsFreeStart(string text, int start)
    {
        if (start == 0)
        {
            return true;
        }

        var before = text[start - 1];
        if (char.IsLetterOrDigit(before) || before == '+')
        {
            return false;
        }

        return !(start >= 2 && before is '.' or ',' or '/' or '-' && char.IsAsciiDigit(text[start - 2]));
    }

    private static bool IsFreeEnd(string text, int end)
    {
        if (end >= text.Length)
        {
            return true;
        }

        var after = text[end];
        if (char.IsLetterOrDigit(after))
        {
            return false;
        }

        return !(end + 1 < text.Length && after is '.' or ',' or '/' or '-' && char.IsAsciiDigit(text[end + 1]));
    }
}
