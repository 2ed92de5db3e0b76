using System.Collections.Concurrent;
using PhoneNumbers;

namespace CareDialog.Compliance.Detectors;

/// <summary>
/// Phone numbers through libphonenumber's matcher (Leniency.VALID). The matcher is only shown short windows: runs of digits and
/// phone punctuation, with one character of context on each side for its own boundary checks. That keeps prose without digits free,
/// bounds the work per window, and gives every window its own try budget, so a text full of prices cannot use up the budget
/// before a real number appears.
/// </summary>
/// <remarks>
/// A libphonenumber call costs microseconds, far more than reading the text, so calls are avoided where they cannot find anything:
/// windows inside an IBAN or inside an identifier already found (a phone number there would be shorter and lose), runs of more
/// digits than any written phone number has, and, without a default region, regions whose numbers cannot start with the window's
/// first digit. Results are cached per window text, because the editor re-checks the same text on every keystroke.
/// </remarks>
internal static class PhoneScanner
{
    // Without a default region these are tried in turn; numbers written with + or 00 are found under any of them.
    internal static readonly string[] FallbackRegions = ["TR", "DK", "FI", "RU"];

    // Shortest national numbers written with their national prefix (FI "09 12345"); shorter runs are never phone numbers here.
    private const int MinDigits = 6;

    // E.164 numbers have at most 15 digits; with an international prefix ("00", "810") an unseparated run stays within this.
    private const int MaxGroupDigits = 18;

    // A window this long is cut into overlapping chunks so that one long run of short digit groups costs linear time.
    private const int MaxWindow = 160;
    private const int ChunkStep = 120;
    private const long MaxTriesPerWindow = 16;
    private const int CacheLimitPerRegion = 4096;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly ShortNumberInfo ShortNumbers = ShortNumberInfo.GetInstance();
    private static readonly HashSet<string> SupportedRegions = [.. Util.GetSupportedRegions()];
    private static readonly ConcurrentDictionary<string, WindowCache> Caches = new(StringComparer.Ordinal);

    // Emergency, medical helpline and EU harmonised numbers; public numbers, not anyone's personal data.
    private static readonly HashSet<string> ServiceNumbers = ["112", "1813", "103", "116117", "116000", "116006", "116111", "116123", "911"];

    /// <summary>The region in upper case when libphonenumber knows it, otherwise null (the fallback regions are tried).</summary>
    public static string? SupportedRegion(string? region)
    {
        var upper = region?.Trim().ToUpperInvariant();
        return upper is not null && SupportedRegions.Contains(upper) ? upper : null;
    }

    public static void Find(string text, string? defaultRegion, OwnContacts ownContacts, ClaimedSpans claimed, List<Candidate> output)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var next = text.AsSpan(pos).IndexOfAnyInRange('0', '9');
            if (next < 0)
            {
                return;
            }

            var digit = pos + next;
            var groupEnd = DigitsEnd(text, digit);
            if (groupEnd - digit > MaxGroupDigits)
            {
                pos = groupEnd; // an account, card or reference number, and nothing inside it is a phone number
                continue;
            }

            var start = digit;
            while (start > pos && IsPhoneChar(text[start - 1]))
            {
                start--;
            }

            var end = groupEnd;
            var digits = groupEnd - digit;
            while (end < text.Length && IsPhoneChar(text[end]))
            {
                if (char.IsAsciiDigit(text[end]))
                {
                    groupEnd = DigitsEnd(text, end);
                    if (groupEnd - end > MaxGroupDigits)
                    {
                        break;
                    }

                    digits += groupEnd - end;
                    end = groupEnd;
                    continue;
                }

                end++;
            }

            pos = end;
            while (start < end && !(char.IsAsciiDigit(text[start]) || text[start] is '+' or '('))
            {
                start++;
            }

            while (end > start && !(char.IsAsciiDigit(text[end - 1]) || text[end - 1] == ')'))
            {
                end--;
            }

            if (digits >= MinDigits && !claimed.Excludes(start, end))
            {
                ScanWindow(text, start, end, digits, defaultRegion, ownContacts, output);
            }
        }
    }

    /// <summary>The organisation's own numbers as E.164, however they were written, tried against each region that could apply.</summary>
    public static void AddOwnNumber(string entry, string? defaultRegion, HashSet<string> e164)
    {
        foreach (var region in defaultRegion is null ? FallbackRegions : [defaultRegion])
        {
            try
            {
                var number = Util.Parse(entry, region);
                if (Util.IsPossibleNumber(number))
                {
                    e164.Add(Util.Format(number, PhoneNumberFormat.E164));
                }
            }
            catch (NumberParseException)
            {
                // Not a phone number in this region; free text ends up here too.
            }
        }
    }

    private static void ScanWindow(string text, int start, int end, int digits, string? defaultRegion, OwnContacts ownContacts, List<Candidate> output)
    {
        var contextStart = Math.Max(0, start - 1);
        var contextEnd = Math.Min(text.Length, end + 1);
        var firstDigit = text.AsSpan(start, end - start).IndexOfAnyInRange('0', '9') + start;
        for (var chunkStart = contextStart; ; chunkStart += ChunkStep)
        {
            var chunkEnd = Math.Min(contextEnd, chunkStart + MaxWindow);
            if (defaultRegion is not null)
            {
                Add(text, chunkStart, chunkEnd, defaultRegion, defaultRegion, ownContacts, output);
            }
            else
            {
                foreach (var region in FallbackRegions)
                {
                    // International numbers parse the same under every region; national ones only where their first digit can occur.
                    var international = text[start] == '+';
                    if (!international && chunkEnd - chunkStart < MaxWindow && !CanStartNationalNumber(region, text[firstDigit], digits))
                    {
                        continue;
                    }

                    // Once the whole window is one number, no other region can find a longer one.
                    if (Add(text, chunkStart, chunkEnd, region, null, ownContacts, output) == (start, end) || international)
                    {
                        break;
                    }
                }
            }

            if (chunkEnd == contextEnd)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Leading digits and lengths from the general patterns of libphonenumber's metadata (compliance-rules.md §8) as written in the
    /// country: TR 0 + 10 digits or 10 digits from [2-589]; DK 8 digits from [2-9]; FI only with its national prefix 0;
    /// RU 8 + 10 digits or 10 digits from [3479].
    /// </summary>
    private static bool CanStartNationalNumber(string region, char first, int digits) => region switch
    {
        "TR" => digits >= 10 && first is '0' or '2' or '3' or '4' or '5' or '8' or '9',
        "DK" => digits >= 8 && first is >= '2' and <= '9',
        "FI" => first == '0',
        "RU" => digits >= 10 && first is '3' or '4' or '7' or '8' or '9',
        _ => true,
    };

    /// <summary>Adds the matches in text[chunkStart..chunkEnd) and returns the span of the last one found (or (-1, -1)).</summary>
    private static (int Start, int End) Add(
        string text, int chunkStart, int chunkEnd, string region, string? defaultRegion, OwnContacts ownContacts, List<Candidate> output)
    {
        var last = (-1, -1);
        foreach (var match in Matches(text, chunkStart, chunkEnd, region))
        {
            var start = chunkStart + match.Start;
            var end = start + match.Length;
            last = (start, end);
            if (match.IsServiceNumber || NumberContext.IsReferenceOrAmount(text, start, end, asPhone: true)
                || NumberContext.IsDateOrTime(text.AsSpan(start, end - start)) || ownContacts.IsOwnPhone(match.E164))
            {
                continue;
            }

            var rank = Candidate.RankPhone + (defaultRegion is not null && match.Region == defaultRegion ? Candidate.RegionBonus : 0);
            output.Add(new Candidate(PersonalDataKinds.Phone, start, end - start, match.Description, rank));
        }

        return last;
    }

    private static RawMatch[] Matches(string text, int chunkStart, int chunkEnd, string region)
    {
        var cache = Caches.GetOrAdd(region, static _ => new WindowCache());
        var window = text.AsSpan(chunkStart, chunkEnd - chunkStart);
        if (cache.BySpan.TryGetValue(window, out var cached))
        {
            return cached;
        }

        var chunk = window.ToString();
        var found = Util.FindNumbers(chunk, region, PhoneNumberUtil.Leniency.VALID, MaxTriesPerWindow)
            .Select(m => RawMatch.Of(m.Start, m.Length, m.Number))
            .ToArray();

        // A crude bound: keystroke re-checks hit the cache long before it fills, and clearing is cheaper than tracking age.
        if (cache.Map.Count >= CacheLimitPerRegion)
        {
            cache.Map.Clear();
        }

        cache.Map[chunk] = found;
        return found;
    }

    private static bool IsService(PhoneNumber number)
    {
        var national = Util.GetNationalSignificantNumber(number);
        return national.Length <= 6 && (ServiceNumbers.Contains(national) || ShortNumbers.IsValidShortNumber(number));
    }

    private static int DigitsEnd(string text, int from)
    {
        var rest = text.AsSpan(from).IndexOfAnyExceptInRange('0', '9');
        return rest < 0 ? text.Length : from + rest;
    }

    private static bool IsPhoneChar(char c) =>
        char.IsAsciiDigit(c) || c is '+' or '(' or ')' or '-' or '\u2010' or '\u2011' or '\u2013' or '.' or ' ' or '\u00A0' or '\u202F' or '\u2009' or '~';

    /// <summary>A match with everything derived from the number alone, computed once per cached window.</summary>
    private sealed record RawMatch(int Start, int Length, string E164, string? Region, string Description, bool IsServiceNumber)
    {
        public static RawMatch Of(int start, int length, PhoneNumber number)
        {
            var region = Util.GetRegionCodeForNumber(number);
            return new RawMatch(start, length, Util.Format(number, PhoneNumberFormat.E164), region,
                $"Phone number ({region ?? "international"})", IsService(number));
        }
    }

    private sealed class WindowCache
    {
        public WindowCache() => BySpan = Map.GetAlternateLookup<ReadOnlySpan<char>>();

        public ConcurrentDictionary<string, RawMatch[]> Map { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, RawMatch[]>.AlternateLookup<ReadOnlySpan<char>> BySpan { get; }
    }
}

/// <summary>Spans the phone scanner leaves alone: IBANs (any overlap) and identifiers already found (windows inside them).</summary>
internal sealed class ClaimedSpans(List<(int Start, int End)> ibans, List<(int Start, int End)> identifiers)
{
    public bool Excludes(int start, int end) => IbanScanner.Overlaps(ibans, start, end) || IsInside(identifiers, start, end);

    private static bool IsInside(List<(int Start, int End)> spans, int start, int end)
    {
        // Identifier spans are found left to right and never overlap, so the last one starting at or before start is the only candidate.
        int lo = 0, hi = spans.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (spans[mid].Start <= start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo > 0 && spans[lo - 1].End >= end;
    }
}
