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
/// Like the regular expression, the scanner tries every position; what keeps it linear is <see cref="DomainRun"/>, which parses each
/// run of domain characters once, so that an attempt inside it costs a lookup instead of a re-parse.
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

        var runs = new RunCache(text);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsDomainChar(text[i]) || (i > 0 && !IsValidPrecedingChar(text[i - 1])))
            {
                i++;
                continue;
            }

            var consumedEnd = TryMatchAt(text, i, runs, urls);

            // The character after a match is consumed as the next match's "preceding character", so the next URL starts one later.
            i = consumedEnd < 0 ? i + 1 : consumedEnd + 1;
        }

        return urls;
    }

    /// <summary>Matches the URL grammar at <paramref name="start"/>, adds what is accepted, and returns the end of the match or -1.</summary>
    private static int TryMatchAt(string text, int start, RunCache runs, List<UrlSpan> urls)
    {
        var protocolLength = ProtocolLength(text, start);
        var domainStart = start + protocolLength;
        if (protocolLength > 0 && domainStart < text.Length && IsDomainChar(text[domainStart])
            && runs.At(domainStart).DomainEnd(text, domainStart) is { } domainEnd)
        {
            return Complete(text, start, protocolLength, domainEnd, urls);
        }

        return runs.At(start).DomainEnd(text, start) is { } plainDomainEnd
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
    /// A maximal run of domain characters, '-', '_' and '.', split at its dots into labels and parsed once.
    /// The domain grammar (subdomain* domain-name TLD, greedy) never reaches outside such a run, so every attempt that starts inside
    /// it is answered from two precomputed tables instead of re-reading the labels, as a backtracking regex would.
    /// </summary>
    private sealed class DomainRun
    {
        private readonly int[] _labelStarts;
        private readonly int[] _labelEnds;
        private readonly int[] _lastUnderscores;

        // End of the TLD that directly follows label j's dot, or -1.
        private readonly int[] _tldAfter;

        // End of the longest domain whose first label is all of label j, or -1: the greedy regex takes the last TLD it can reach
        // through labels that are valid subdomains, and the label before that TLD must be a valid domain name.
        private readonly int[] _longestFrom;

        public DomainRun(string text, int start)
        {
            Start = start;
            var starts = new List<int>();
            var ends = new List<int>();
            var underscores = new List<int>();
            var pos = start;
            while (true)
            {
                var labelStart = pos;
                var underscore = -1;
                while (pos < text.Length && IsSubdomainChar(text[pos]))
                {
                    if (text[pos] == '_')
                    {
                        underscore = pos;
                    }

                    pos++;
                }

                starts.Add(labelStart);
                ends.Add(pos);
                underscores.Add(underscore);
                if (pos < text.Length && text[pos] == '.')
                {
                    pos++;
                    continue;
                }

                break;
            }

            End = pos;
            _labelStarts = [.. starts];
            _labelEnds = [.. ends];
            _lastUnderscores = [.. underscores];

            var count = _labelStarts.Length;
            _tldAfter = new int[count];
            _longestFrom = new int[count];
            _tldAfter[count - 1] = -1;
            _longestFrom[count - 1] = -1; // the last label has no dot after it, so no domain can start there
            for (var j = count - 2; j >= 0; j--)
            {
                _tldAfter[j] = MatchTld(text, _labelStarts[j + 1], text.Length, allowPunycode: true) ?? -1;
                var isSubdomain = _labelEnds[j] > _labelStarts[j] && IsDomainChar(text[_labelStarts[j]]) && IsDomainChar(text[_labelEnds[j] - 1]);
                var isDomainName = isSubdomain && _lastUnderscores[j] < 0;
                _longestFrom[j] = isSubdomain && _longestFrom[j + 1] >= 0 ? _longestFrom[j + 1]
                    : isDomainName ? _tldAfter[j]
                    : -1;
            }
        }

        public int Start { get; }

        public int End { get; }

        /// <summary>End of the domain starting at <paramref name="start"/> (a domain character inside this run), or null.</summary>
        public int? DomainEnd(string text, int start)
        {
            var j = Array.BinarySearch(_labelStarts, start);
            if (j < 0)
            {
                j = ~j - 1;
            }

            if (j >= _labelStarts.Length - 1)
            {
                return null;
            }

            // Starting inside label j only drops its head: whether it is a subdomain now depends on its last character alone
            // (the start is a domain character), and it can be a domain name once the start is past its last '_'.
            var isSubdomain = IsDomainChar(text[_labelEnds[j] - 1]);
            if (isSubdomain && _longestFrom[j + 1] >= 0)
            {
                return _longestFrom[j + 1];
            }

            return isSubdomain && _lastUnderscores[j] < start && _tldAfter[j] >= 0 ? _tldAfter[j] : null;
        }
    }

    /// <summary>
    /// The runs in use. Positions are visited left to right and a protocol only looks a few characters ahead,
    /// so the run at hand and the one after a protocol are all that is ever needed.
    /// </summary>
    private sealed class RunCache(string text)
    {
        private DomainRun? _current;
        private DomainRun? _ahead;

        public DomainRun At(int position)
        {
            if (_current is not null && position >= _current.Start && position < _current.End)
            {
                return _current;
            }

            if (_ahead is not null && position >= _ahead.Start && position < _ahead.End)
            {
                (_current, _ahead) = (_ahead, _current);
                return _current;
            }

            // Built from the first position that needs it; later attempts in the run only look at labels from their own start on.
            _ahead = _current;
            _current = new DomainRun(text, position);
            return _current;
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
