using CareDialog.Compliance.Platforms;

namespace CareDialog.Compliance.Rules;

/// <summary>Length, hashtag and @-tag limits of the target platform, as findings.</summary>
internal static class PlatformChecks
{
    public const string LengthRule = "PLATFORM.LENGTH";
    public const string HashtagsRule = "PLATFORM.HASHTAGS";
    public const string MentionsRule = "PLATFORM.MENTIONS";
    public const string TitleRule = "PLATFORM.TITLE";
    public const string CharactersRule = "PLATFORM.CHARACTERS";

    /// <summary>A text full of refused characters is reported for the first few; the message says how many there are.</summary>
    private const int MaxCharacterFindings = 10;

    // Instagram caption caps next to the 2,200-character limit in the same reference line: "Maximum 2200 characters, 30 hashtags,
    // and 20 @ tags" (platform-apis.md §2.2, IG User Media reference). platform-limits.json only models the length.
    public const int InstagramMaxHashtags = 30;
    public const int InstagramMaxMentions = 20;
    private const string InstagramCapsSource =
        "Instagram Graph API, IG User Media reference, caption: 'Maximum 2200 characters, 30 hashtags, and 20 @ tags' — https://developers.facebook.com/documentation/instagram-platform/instagram-graph-api/reference/ig-user/media.md";

    /// <summary>Telegram sends a post with a photo or video as sendPhoto/sendVideo, whose caption is capped lower than a message.</summary>
    public const int TelegramCaptionLimit = 1024;

    public static void Check(string text, Platform platform, IReadOnlyDictionary<string, SystemText> texts, List<Finding> findings, bool hasMedia = false, bool isReply = false)
    {
        int? captionLimit = platform == Platform.Telegram && hasMedia ? TelegramCaptionLimit : null;
        var measure = PlatformLimits.Measure(platform, text, captionLimit);
        if (!measure.IsWithinLimit)
        {
            var limit = PlatformLimits.For(platform);
            var cut = FirstOverflowIndex(text, platform, measure.MaxLength);
            findings.Add(Make(LengthRule, texts[LengthRule], cut, text.Length - cut, limit.Source, limit.Note, platform, measure.Length, measure.MaxLength, measure.Unit));
        }

        // A reply is a YouTube comment, which has no title and takes '<' and '>'; only a video's title and description do not.
        if (platform == Platform.YouTube && !isReply)
        {
            CheckYouTube(text, texts, findings);
        }

        if (platform != Platform.Instagram)
        {
            return;
        }

        CountTagged(text, '#', out var tags, out var tagSpanStart, out var tagSpanEnd, InstagramMaxHashtags);
        if (tags > InstagramMaxHashtags)
        {
            findings.Add(Make(HashtagsRule, texts[HashtagsRule], tagSpanStart, tagSpanEnd - tagSpanStart, InstagramCapsSource, null, platform, tags, InstagramMaxHashtags, "hashtags"));
        }

        CountTagged(text, '@', out var mentions, out var mentionSpanStart, out var mentionSpanEnd, InstagramMaxMentions);
        if (mentions > InstagramMaxMentions)
        {
            findings.Add(Make(MentionsRule, texts[MentionsRule], mentionSpanStart, mentionSpanEnd - mentionSpanStart, InstagramCapsSource, null, platform, mentions, InstagramMaxMentions, "@ tags"));
        }
    }

    private static void CheckYouTube(string text, IReadOnlyDictionary<string, SystemText> texts, List<Finding> findings)
    {
        var (titleStart, titleLength) = YouTubeText.TitleSpan(text);
        var title = text.Substring(titleStart, titleLength);
        var count = YouTubeText.TitleLength(title);
        if (count > YouTubeText.TitleMaxLength)
        {
            var cut = FirstOverflowIndex(title, YouTubeText.TitleMaxLength, t => YouTubeText.TitleLength(t));
            findings.Add(Make(TitleRule, texts[TitleRule], titleStart + cut, titleLength - cut, YouTubeText.Source, null, Platform.YouTube, count, YouTubeText.TitleMaxLength, "characters"));
        }

        var refused = 0;
        for (var i = text.AsSpan().IndexOfAny(YouTubeText.RefusedCharacters); i >= 0; i = NextRefused(text, i + 1))
        {
            refused++;
            if (refused <= MaxCharacterFindings)
            {
                findings.Add(Make(CharactersRule, texts[CharactersRule], i, 1, YouTubeText.Source, null, Platform.YouTube, refused, 0, "characters"));
            }
        }

        static int NextRefused(string text, int from)
        {
            var next = text.AsSpan(from).IndexOfAny(YouTubeText.RefusedCharacters);
            return next < 0 ? -1 : from + next;
        }
    }

    /// <summary>
    /// Counts #tags or @tags the way a reader sees them: the mark at the start of a word (so e-mail addresses and "C#" do not count),
    /// followed by a letter, digit or underscore. The span runs from the first tag over the cap to the end of the last tag.
    /// </summary>
    internal static void CountTagged(string text, char mark, out int count, out int overStart, out int overEnd, int cap)
    {
        count = 0;
        overStart = overEnd = 0;
        var i = 0;
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOfAny(mark, mark == '#' ? '\uFF03' : '\uFF20');
            if (next < 0)
            {
                break;
            }

            var at = i + next;
            i = at + 1;
            if (at > 0 && IsTagChar(text, at - 1, mark))
            {
                continue;
            }

            var end = at + 1;
            while (end < text.Length && IsTagChar(text, end, mark))
            {
                end += char.IsHighSurrogate(text[end]) ? 2 : 1;
            }

            if (end == at + 1)
            {
                continue;
            }

            count++;
            if (count == cap + 1)
            {
                overStart = at;
            }

            if (count > cap)
            {
                overEnd = end;
            }

            i = end;
        }
    }

    private static bool IsTagChar(string text, int i, char mark)
    {
        var c = text[i];
        if (char.IsLetterOrDigit(c) || c == '_' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark)
        {
            return true;
        }

        if (mark == '@' && c == '.' && i + 1 < text.Length && (char.IsLetterOrDigit(text[i + 1]) || text[i + 1] == '_'))
        {
            return true;
        }

        return char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLetter(text, i);
    }

    /// <summary>The first UTF-16 index past the limit: the longest prefix that still fits ends there (binary search on the platform's own counter).</summary>
    private static int FirstOverflowIndex(string text, Platform platform, int max) =>
        FirstOverflowIndex(text, max, prefix => PlatformLimits.Measure(platform, prefix).Length);

    private static int FirstOverflowIndex(string text, int max, Func<string, int> measure)
    {
        // The overflow is near the limit, not near the end of a long text: gallop forward to a prefix that is over the limit, then
        // binary-search inside it. Invariant: the prefix of length lo fits, the prefix of length hi does not.
        var lo = 0;
        var hi = Math.Min(text.Length, max + 1);
        while (hi < text.Length && Fits(hi))
        {
            lo = hi;
            hi = (int)Math.Min(text.Length, hi * 2L);
        }

        while (hi - lo > 1)
        {
            var mid = (lo + hi) >>> 1;
            if (Fits(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo > 0 && char.IsLowSurrogate(text[lo]) && char.IsHighSurrogate(text[lo - 1]) ? lo - 1 : lo;

        bool Fits(int length) => measure(text[..length]) <= max;
    }

    private static Finding Make(string rule, SystemText t, int start, int length, string source, string? note, Platform platform, int count, int max, string unit)
    {
        string Fill(string s) => s
            .Replace("{platform}", PlatformNames.ToWire(platform), StringComparison.Ordinal)
            .Replace("{count}", count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{max}", max.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{unit}", unit, StringComparison.Ordinal);

        // A limit the platform documents is certain; one the research could not confirm says so in its note.
        var confidence = note is not null && note.Contains("UNCONFIRMED", StringComparison.Ordinal) ? "U" : "C";
        return new Finding(rule, Categories.PlatformLimit, Severity.Block, start, length, Fill(t.Message), Fill(t.MessageEn), Fill(t.Suggestion), Fill(t.SuggestionEn), source, confidence);
    }
}
