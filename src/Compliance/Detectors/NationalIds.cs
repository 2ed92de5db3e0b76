namespace CareDialog.Compliance.Detectors;

/// <summary>
/// Checksum and date validators for the national identifiers of compliance-rules.md §7 (algorithms and test vectors from
/// python-stdnum). They accept only the written forms named per method, so a caller can trust that "valid" means "this is the identifier".
/// </summary>
public static class NationalIds
{
    private const string HetuCheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    // SNILS numbers up to 001-001-998 were issued before the check number existed; any check number is accepted for them.
    private const int LastSnilsWithoutCheck = 1_001_998;

    private static readonly int[] InnWeights11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] InnWeights12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] CompanyInnWeights = [2, 4, 10, 3, 5, 9, 4, 6, 8];

    /// <summary>T.C. Kimlik No: exactly 11 ASCII digits, the first not 0, and both check digits right.</summary>
    public static bool IsValidTckn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return IsValidTckn(digits.AsSpan());
    }

    /// <summary>
    /// Danish CPR number, <c>DDMMYY-SSSS</c>, <c>DDMMYY SSSS</c> or <c>DDMMYYSSSS</c>: a real date after the century rule of the 7th digit,
    /// not in the future. There is deliberately no mod-11 test: it was abandoned in 2007 and never held for immigrants.
    /// </summary>
    public static bool IsValidCpr(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsValidCpr(text.AsSpan(), DateOnly.FromDateTime(DateTime.UtcNow));
    }

    /// <summary>
    /// Finnish henkilötunnus <c>DDMMYYCNNNQ</c> (letters in either case): a real date, a century sign of the 2023 set
    /// (+; - Y X W V U; A B C D E F), an individual number from 002, and the mod-31 check character.
    /// </summary>
    /// <param name="text">The identifier, without spaces.</param>
    /// <param name="allowTemporary">Accept the temporary individual numbers 900–999, which python-stdnum rejects by default.</param>
    public static bool IsValidHetu(string text, bool allowTemporary = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsValidHetu(text.AsSpan(), allowTemporary);
    }

    /// <summary>Russian SNILS: 11 digits once spaces and hyphens are removed (<c>XXX-XXX-XXX YY</c>), with the check number right.</summary>
    public static bool IsValidSnils(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> digits = stackalloc byte[11];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || count == digits.Length)
            {
                return false;
            }

            digits[count++] = (byte)(c - '0');
        }

        return count == digits.Length && IsValidSnilsDigits(digits);
    }

    /// <summary>Russian personal INN: exactly 12 ASCII digits with both check digits right. A 10-digit company INN is not valid here.</summary>
    public static bool IsValidPersonalInn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return IsValidPersonalInn(digits.AsSpan());
    }

    internal static bool IsValidTckn(ReadOnlySpan<char> s)
    {
        if (s.Length != 11 || !IsAllAsciiDigits(s) || s[0] == '0')
        {
            return false;
        }

        int odd = 0, even = 0;
        for (var i = 0; i < 9; i++)
        {
            if (i % 2 == 0)
            {
                odd += s[i] - '0';
            }
            else
            {
                even += s[i] - '0';
            }
        }

        var check1 = (((odd * 7) - even) % 10 + 10) % 10;
        var check2 = (odd + even + check1) % 10;
        return s[9] - '0' == check1 && s[10] - '0' == check2;
    }

    internal static bool IsValidCpr(ReadOnlySpan<char> s, DateOnly today)
    {
        Span<char> digits = stackalloc char[10];
        if (s.Length == 10)
        {
            s.CopyTo(digits);
        }
        else if (s.Length == 11 && s[6] is '-' or ' ')
        {
            s[..6].CopyTo(digits);
            s[7..].CopyTo(digits[6..]);
        }
        else
        {
            return false;
        }

        if (!IsAllAsciiDigits(digits))
        {
            return false;
        }

        var day = TwoDigits(digits, 0);
        var month = TwoDigits(digits, 2);
        var yy = TwoDigits(digits, 4);
        var century = (digits[6] - '0') switch
        {
            <= 3 => 1900,
            4 or 9 => yy >= 37 ? 1900 : 2000,
            _ => yy >= 58 ? 1800 : 2000,
        };

        return TryDate(century + yy, month, day, out var birth) && birth <= today;
    }

    internal static bool IsValidHetu(ReadOnlySpan<char> s, bool allowTemporary)
    {
        if (s.Length != 11 || !IsAllAsciiDigits(s[..6]) || !IsAllAsciiDigits(s[7..10]))
        {
            return false;
        }

        var century = char.ToUpperInvariant(s[6]) switch
        {
            '+' => 1800,
            '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
            'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
            _ => 0,
        };
        if (century == 0 || !TryDate(century + TwoDigits(s, 4), TwoDigits(s, 2), TwoDigits(s, 0), out _))
        {
            return false;
        }

        var individual = ((s[7] - '0') * 100) + ((s[8] - '0') * 10) + (s[9] - '0');
        if (individual < 2 || (individual >= 900 && !allowTemporary))
        {
            return false;
        }

        var number = 0;
        for (var i = 0; i < 10; i++)
        {
            if (i != 6)
            {
                number = (number * 10) + (s[i] - '0');
            }
        }

        return HetuCheckCharacters[number % 31] == char.ToUpperInvariant(s[10]);
    }

    internal static bool IsValidSnilsDigits(ReadOnlySpan<byte> d)
    {
        var number = 0;
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            number = (number * 10) + d[i];
            sum += d[i] * (9 - i);
        }

        if (number <= LastSnilsWithoutCheck)
        {
            return true;
        }

        var check = sum < 100 ? sum : sum % 101;
        if (check == 100)
        {
            check = 0;
        }

        return check == (d[9] * 10) + d[10];
    }

    internal static bool IsValidPersonalInn(ReadOnlySpan<char> s) =>
        s.Length == 12 && IsAllAsciiDigits(s)
        && InnCheck(s, InnWeights11) == s[10] - '0'
        && InnCheck(s, InnWeights12) == s[11] - '0';

    /// <summary>A 10-digit company INN; only used to show that such numbers are recognised and left alone.</summary>
    internal static bool IsValidCompanyInn(ReadOnlySpan<char> s) =>
        s.Length == 10 && IsAllAsciiDigits(s) && InnCheck(s, CompanyInnWeights) == s[9] - '0';

    private static int InnCheck(ReadOnlySpan<char> s, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i] * (s[i] - '0');
        }

        return sum % 11 % 10;
    }

    private static bool IsAllAsciiDigits(ReadOnlySpan<char> s) => !s.ContainsAnyExceptInRange('0', '9');

    private static int TwoDigits(ReadOnlySpan<char> s, int at) => ((s[at] - '0') * 10) + (s[at + 1] - '0');

    private static bool TryDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
