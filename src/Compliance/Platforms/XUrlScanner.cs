namespace CareDialog.Compliance.Platforms;

/// <summary>
/// Finds the URLs X shortens to t.co links, following the URL extractor of twitter-text v3 for JavaScript
/// (extractUrlsWithIndices.js, the library X's web composer counts with) as a hand-written scanner. Its regular expression
/// relies on lookarounds and backtracking that would be slow on adversarial input; this scanner stays linear on megabyte-sized text.
/// </summary>
/// <remarks>
/// Grammar, as in twitter-text:
/// <list type="bullet">
/// <item>A URL starts at the beginning of the text or after a character that is not an ASCII letter or digit, @, ＠, $, #, ＃, U+FFFE, U+FEFF or U+FFFF.</item>
/// <item>Optional <c>http://</c> or <c>https://</c> (any case).</item>
/// <item>Domain: dot-separated labels of "domain characters" (anything but ASCII punctuation, spaces, U+FFFE/FEFF/FFFF and bidi controls);
/// labels start and end with a domain character, subdomain labels may contain '-' and '_', the label before the TLD only '-'.
/// The TLD must be known (<see cref="TopLevelDomains"/>) or punycode, and must not be followed by a letter, digit, @, + or -.
/// The longest such domain wins.</item>
/// <item>Optional <c>:port</c>, path (with up to two levels of balanced parentheses, not ending in punctuation such as '.' or ',') and query.</item>
/// <item>Rejected, but still consumed so that nothing inside is matched again: a host label over 63 characters once punycode-encoded;
/// URLs over 4,096 characters; <c>t.co</c> slugs over 40 characters; URLs without protocol that follow '-', '_', '.' or '/'.</item>
/// <item>Without protocol, only the ASCII parts of the domain are links (<c>日本example.com</c> links <c>example.com</c>,
/// <c>test_x.example.com</c> links <c>x.example.com</c>), and a port or query not after a path is not part of the link.</item>
/// </list>
/// Known simplification: when no URL can start at a position, the rest of that run of domain characters is skipped (up to the next
/// <c>http</c> protocol) instead of being retried from every later position. Later starts in such a run could only produce URLs that
/// twitter-text rejects anyway, and skipping is what keeps the scan linear.
/// </remarks>
internal static class XUrlScanner
{
    internal const int MaxUrlLength = 4096;
    private const int MaxLabelLength = 63;
    private const int MaxTcoSlugLength = 40;
    private const int DefaultProtocolLength = 8; // twitter-text assumes "https://" when measuring a URL typed without protocol.

    internal readonly record struct UrlSpan(int Start, int End);

    public static List<UrlSpan> Find(string text)
    {
        var urls = new List<UrlSpan>();

        // Every URL contains a dot; this keeps plain prose (and most megabyte inputs) off the scanner entirely.
        if (!text.Contains('.'))
        {
            return urls;
        }

        var i = 0;
        while (i < text.Length)
        {
            if (!IsDomainChar(text[i]) || (i > 0 && !IsValidPrecedingChar(text[i - 1])))
            {
                i++;
                continue;
            }

            var consumedEnd = TryMatchAt(text, i, urls);
            if (consumedEnd < 0)
            {
                i = SkipDomainRun(text, i);
                continue;
            }

            // The character after a match is consumed as the next match's "preceding character", so the next URL starts one later.
            i = consumedEnd + 1;
        }

        return urls;
    }

    /// <summary>Matches the URL grammar at <paramref name="start"/>, adds what is accepted, and returns the end of the match or -1.</summary>
    private static int TryMatchAt(string text, int start, List<UrlSpan> urls)
    {
        var protocolLength = ProtocolLength(text, start);
        if (protocolLength > 0 && MatchDomain(text, start + protocolLength) is { } domainEnd)
        {
            return Complete(text, start, protocolLength, domainEnd, urls);
        }

        return MatchDomain(text, start) is { } plainDomainEnd
            ? Complete(text, start, 0, plainDomainEnd, urls)
            : -1;
    }

    private static int Complete(string text, int start, int protocolLength, int domainEnd, List<UrlSpan> urls)
    {
        var domainStart = start + protocolLength;
        var end = domainEnd;
        if (end + 1 < text.Length && text[end] == ':' && char.IsAsciiDigit(text[end + 1]))
        {
            end = RunEnd(text, end + 1, char.IsAsciiDigit);
        }

        var hasPath = end < text.Length && text[end] == '/';
        if (hasPath)
        {
            end = PathEnd(text, end);
        }

        if (end < text.Length && text[end] == '?')
        {
            end = QueryEnd(text, end);
        }

        var measuredProtocol = protocolLength > 0 ? protocolLength : DefaultProtocolLength;
        if (!IsValidHost(text, domainStart, domainEnd) || measuredProtocol + (end - start) > MaxUrlLength)
        {
            return end;
        }

        if (protocolLength > 0)
        {
            var urlEnd = end;
            if (TcoEnd(text, domainStart, domainEnd) is { } tco)
            {
                if (tco.SlugLength > MaxTcoSlugLength)
                {
                    return end;
                }

                urlEnd = tco.End;
            }

            urls.Add(new UrlSpan(start, urlEnd));
            return end;
        }

        if (start > 0 && text[start - 1] is '-' or '_' or '.' or '/')
        {
            return end;
        }

        // Without protocol only the ASCII domains inside the match are links; the last one takes the path (and what follows it) along.
        var firstNew = urls.Count;
        foreach (var ascii in AsciiDomains(text, domainStart, domainEnd))
        {
            urls.Add(ascii);
        }

        if (hasPath && urls.Count > firstNew)
        {
            urls[^1] = urls[^1] with { End = end };
        }

        return end;
    }

    /// <summary>
    /// The domain alternative: subdomain* domain-name TLD. Labels are only parsed until the first label that cannot be a subdomain,
    /// which bounds the work per attempt; the last TLD reached is kept, as the regex's greedy star would.
    /// </summary>
    private static int? MatchDomain(string text, int start)
    {
        int? best = null;
        var pos = start;
        while (true)
        {
            var end = pos;
            var hasUnderscore = false;
            while (end < text.Length && IsSubdomainChar(text[end]))
            {
                hasUnderscore |= text[end] == '_';
                end++;
            }

            if (end == pos || end >= text.Length || text[end] != '.')
            {
                return best;
            }

            var isSubdomain = IsDomainChar(text[pos]) && IsDomainChar(text[end - 1]);
            if (isSubdomain && !hasUnderscore && MatchTld(text, end + 1, text.Length, allowPunycode: true) is { } tldEnd)
            {
                best = tldEnd;
            }

            if (!isSubdomain)
            {
                return best;
            }

            pos = end + 1;
        }
    }

    /// <summary>
    /// twitter-text's validAsciiDomain applied to a protocol-less domain: every leftmost run of "ascii-label." repetitions ending in a TLD.
    /// A failed attempt is never retried inside the labels it read, since those starts see a subset of the same TLD positions.
    /// </summary>
    private static List<UrlSpan> AsciiDomains(string text, int domainStart, int domainEnd)
    {
        var found = new List<UrlSpan>();
        var p = domainStart;
        while (p < domainEnd)
        {
            int? best = null;
            var pos = p;
            int stop;
            while (true)
            {
                stop = pos;
                while (stop < domainEnd && IsAsciiDomainChar(text[stop]))
                {
                    stop++;
                }

                if (stop == pos || stop >= domainEnd || text[stop] != '.')
                {
                    break;
                }

                if (MatchTld(text, stop + 1, domainEnd, allowPunycode: true) is { } tldEnd)
                {
                    best = tldEnd;
                }

                pos = stop + 1;
            }

            if (best is { } matchEnd)
            {
                found.Add(new UrlSpan(p, matchEnd));
                p = matchEnd;
            }
            else
            {
                p = Math.Max(p + 1, stop);
            }
        }

        return found;
    }

    /// <summary>End of the TLD starting at <paramref name="start"/> (not beyond <paramref name="limit"/>), or null.</summary>
    private static int? MatchTld(string text, int start, int limit, bool allowPunycode)
    {
        if (start >= limit)
        {
            return null;
        }

        var end = start;
        while (end < limit && char.IsAsciiLetterOrDigit(text[end]))
        {
            end++;
        }

        if (end > start)
        {
            // The alphanumeric run is maximal, so the TLD can only be the whole run; the regex's lookahead also refuses @, + and -.
            if (!IsForbiddenAfterTld(text, end) && TopLevelDomains.IsAscii(text.AsSpan(start, end - start)))
            {
                return end;
            }
        }
        else if (TopLevelDomains.MatchInternationalised(text.AsSpan(start, limit - start)) is var idnLength and > 0
            && !IsForbiddenAfterTld(text, start + idnLength))
        {
            return start + idnLength;
        }

        if (allowPunycode && text.AsSpan(start, limit - start).StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
        {
            var punyEnd = start + 4;
            while (punyEnd < limit && (char.IsAsciiLetterOrDigit(text[punyEnd]) || text[punyEnd] == '-'))
            {
                punyEnd++;
            }

            if (punyEnd > start + 4)
            {
                return punyEnd;
            }
        }

        return null;
    }

    private static bool IsForbiddenAfterTld(string text, int pos) =>
        pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '@' or '+' or '-');

    /// <summary>
    /// End of the path starting at the '/' at <paramref name="slash"/>: the longest run of path characters and balanced
    /// parentheses, cut back to its last allowed ending character so that a sentence's full stop is not part of the link.
    /// </summary>
    private static int PathEnd(string text, int slash)
    {
        var pos = slash + 1;
        var end = pos;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '(')
            {
                var parenEnd = BalancedParensEnd(text, pos);
                if (parenEnd < 0)
                {
                    break;
                }

                pos = end = parenEnd;
                continue;
            }

            if (!IsPathChar(c))
            {
                break;
            }

            pos++;
            if (IsPathEndingChar(c))
            {
                end = pos;
            }
        }

        return end;
    }

    /// <summary>End of "(chars)" or "(chars(chars)chars)" at <paramref name="open"/>, or -1.</summary>
    private static int BalancedParensEnd(string text, int open)
    {
        var pos = RunEnd(text, open + 1, IsPathChar);
        if (pos < text.Length && text[pos] == ')' && pos > open + 1)
        {
            return pos + 1;
        }

        if (pos >= text.Length || text[pos] != '(')
        {
            return -1;
        }

        var innerStart = pos + 1;
        pos = RunEnd(text, innerStart, IsPathChar);
        if (pos == innerStart || pos >= text.Length || text[pos] != ')')
        {
            return -1;
        }

        pos = RunEnd(text, pos + 1, IsPathChar);
        return pos < text.Length && text[pos] == ')' ? pos + 1 : -1;
    }

    /// <summary>End of the query at the '?' at <paramref name="question"/>, or <paramref name="question"/> itself when there is no valid query.</summary>
    private static int QueryEnd(string text, int question)
    {
        var runEnd = RunEnd(text, question + 1, IsQueryChar);
        for (var end = runEnd; end > question + 1; end--)
        {
            if (IsQueryEndingChar(text[end - 1]))
            {
                return end;
            }
        }

        return question;
    }

    private readonly record struct TcoMatch(int End, int SlugLength);

    /// <summary>t.co links are already short: X keeps only the slug (and query), whatever follows it.</summary>
    private static TcoMatch? TcoEnd(string text, int domainStart, int domainEnd)
    {
        if (!text.AsSpan(domainStart, domainEnd - domainStart).Equals("t.co", StringComparison.OrdinalIgnoreCase)
            || domainEnd >= text.Length || text[domainEnd] != '/')
        {
            return null;
        }

        var slugStart = domainEnd + 1;
        var slugEnd = RunEnd(text, slugStart, char.IsAsciiLetterOrDigit);
        if (slugEnd == slugStart)
        {
            return null;
        }

        var end = slugEnd;
        if (end < text.Length && text[end] == '?')
        {
            end = QueryEnd(text, end);
        }

        return new TcoMatch(end, slugEnd - slugStart);
    }

    /// <summary>
    /// twitter-text's idna check: every label must be 1–63 characters once punycode-encoded, and a host starting with "xn--"
    /// must contain an ASCII domain.
    /// </summary>
    private static bool IsValidHost(string text, int domainStart, int domainEnd)
    {
        var host = text.AsSpan(domainStart, domainEnd - domainStart);
        if (host.StartsWith("xn--", StringComparison.Ordinal) && AsciiDomains(text, domainStart, domainEnd).Count == 0)
        {
            return false;
        }

        foreach (var range in host.Split('.'))
        {
            var length = Punycode.EncodedLabelLength(host[range]);
            if (length is < 1 or > MaxLabelLength)
            {
                return false;
            }
        }

        return true;
    }

    private static int ProtocolLength(string text, int start)
    {
        var rest = text.AsSpan(start);
        if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return 7;
        }

        return rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8 : 0;
    }

    /// <summary>After a failed attempt, the rest of the run of domain characters cannot start an accepted URL; skip it in one step.</summary>
    private static int SkipDomainRun(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length && (IsSubdomainChar(text[end]) || text[end] == '.'))
        {
            // A protocol inside the run can still start an accepted URL, e.g. the missing space in "Visit us.https://example.org".
            if (IsValidPrecedingChar(text[end - 1]) && ProtocolLength(text, end) > 0)
            {
                return end;
            }

            end++;
        }

        return end;
    }

    private static int RunEnd(string text, int start, Func<char, bool> predicate)
    {
        var end = start;
        while (end < text.Length && predicate(text[end]))
        {
            end++;
        }

        return end;
    }

    private static bool IsValidPrecedingChar(char c) =>
        !(char.IsAsciiLetterOrDigit(c) || c is '@' or '\uFF20' or '$' or '#' or '\uFF03' or '\uFFFE' or '\uFEFF' or '\uFFFF');

    /// <summary>twitter-text's validDomainChars: anything but its ASCII punctuation set, spaces, invalid characters and bidi controls.</summary>
    private static bool IsDomainChar(char c) => c switch
    {
        '!' or '\'' or '#' or '%' or '&' or '(' or ')' or '*' or '+' or ',' or '\\' or '-' or '.' or '/' or ':' or ';'
            or '<' or '=' or '>' or '?' or '@' or '[' or ']' or '^' or '_' or '{' or '|' or '}' or '~' or '$' => false,
        (>= '\u0009' and <= '\u000D') or ' ' or '\u0085' or '\u00A0' or '\u1680' or '\u180E' or (>= '\u2000' and <= '\u200A')
            or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => false,
        '\uFFFE' or '\uFEFF' or '\uFFFF' => false,
        (>= '\u202A' and <= '\u202E') or '\u061C' or '\u200E' or '\u200F' or (>= '\u2066' and <= '\u2069') => false,
        _ => true,
    };

    private static bool IsSubdomainChar(char c) => IsDomainChar(c) || c is '-' or '_';

    private static bool IsAsciiDomainChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-' || IsLatinAccent(c);

    private static bool IsLatinAccent(char c) => c switch
    {
        >= '\u00C0' and <= '\u00D6' => true,
        >= '\u00D8' and <= '\u00F6' => true,
        >= '\u00F8' and <= '\u024F' => true,
        '\u0253' or '\u0254' or '\u0256' or '\u0257' or '\u0259' or '\u025B' or '\u0263' or '\u0268' or '\u026F' or '\u0272' or '\u0289' or '\u028B' => true,
        '\u02BB' => true,
        >= '\u0300' and <= '\u036F' => true,
        >= '\u1E00' and <= '\u1EFF' => true,
        _ => false,
    };

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    private static bool IsPathChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || IsLatinAccent(c) || IsCyrillic(c)
        || c is '!' or '*' or '\'' or ';' or ':' or '=' or '+' or ',' or '.' or '$' or '/' or '%' or '#' or '[' or ']' or '-' or '\u2013' or '_' or '~' or '|' or '&' or '@';

    private static bool IsPathEndingChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || IsLatinAccent(c) || IsCyrillic(c) || c is '=' or '_' or '#' or '/' or '-' or '+';

    private static bool IsQueryChar(char c) =>
        char.IsAsciiLetterOrDigit(c)
        || c is '!' or '?' or '*' or '\'' or '(' or ')' or ';' or ':' or '&' or '=' or '+' or '$' or '/' or '%' or '#' or '[' or ']' or '-' or '_' or '.' or ',' or '~' or '|' or '@';

    private static bool IsQueryEndingChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '&' or '=' or '#' or '/';
}
