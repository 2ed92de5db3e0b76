namespace CareDialog.Compliance.Platforms;

/// <summary>
/// How a post becomes a YouTube video's title and description: YouTube has no text posts, so the first non-blank line is the
/// title and the rest the description. The connector and the checks use this one split, so what is checked is what is sent.
/// </summary>
public static class YouTubeText
{
    /// <summary>snippet.title: "maximum length of 100 characters and may contain all valid UTF-8 characters except &lt; and &gt;".</summary>
    public const int TitleMaxLength = 100;

    /// <summary>The characters YouTube refuses in both snippet.title and snippet.description.</summary>
    public static readonly char[] RefusedCharacters = ['<', '>'];

    public const string Source =
        "YouTube Data API, videos resource: snippet.title 'maximum length of 100 characters and may contain all valid UTF-8 characters except < and >'; snippet.description 'maximum length of 5000 bytes … except < and >' — https://developers.google.com/youtube/v3/docs/videos";

    /// <summary>Where the title is in the text: the first non-blank line without its surrounding white space; length 0 when the text is blank.</summary>
    public static (int Start, int Length) TitleSpan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        while (start < text.Length)
        {
            var lineEnd = text.AsSpan(start).IndexOfAny('\n', '\r');
            var end = lineEnd < 0 ? text.Length : start + lineEnd;
            var line = text.AsSpan(start, end - start);
            var trimmedStart = line.Length - line.TrimStart().Length;
            var trimmed = line.Trim();
            if (!trimmed.IsEmpty)
            {
                return (start + trimmedStart, trimmed.Length);
            }

            start = end + 1;
        }

        return (text.Length, 0);
    }

    /// <summary>The title and the description (the text after the title's line, trimmed) as they are sent to YouTube.</summary>
    public static (string Title, string Description) Split(string text)
    {
        var (start, length) = TitleSpan(text);
        var title = text.Substring(start, length);
        var after = start + length;
        return (title, after >= text.Length ? "" : text[after..].Trim());
    }

    /// <summary>The title's length in characters as YouTube counts them (Unicode scalars after NFC).</summary>
    public static int TitleLength(string title) => UnicodeText.CountScalars(UnicodeText.ToNfc(title));
}
