using System.Globalization;
using System.Text;

namespace CareDialog.Connectors.LinkedIn;

/// <summary>
/// LinkedIn's "little" text format for post commentary (platform-apis.md §4.2). Every reserved character must be
/// backslash-escaped even outside a template, or LinkedIn truncates or misreads the text; hashtags written as <c>#word</c>
/// become the documented hashtag template so they stay hashtags.
/// </summary>
public static class LittleText
{
    /// <summary>The reserved set: <c>| { } @ [ ] ( ) &lt; &gt; # \ * _ ~</c>.</summary>
    public const string Reserved = @"|{}@[]()<>#\*_~";

    private const string HashtagStart = @"{hashtag|\#|";

    /// <summary>Text as written → commentary for POST /rest/posts.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1])) && HashtagLength(text, i + 1) is > 0 and var n)
            {
                sb.Append(HashtagStart);
                AppendEscaped(sb, text.AsSpan(i + 1, n));
                sb.Append('}');
                i += n;
                continue;
            }

            if (Reserved.Contains(c))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Commentary as LinkedIn returns it → the text a reader sees (escapes removed, hashtag and mention templates resolved).</summary>
    public static string Unescape(string little)
    {
        var sb = new StringBuilder(little.Length);
        for (var i = 0; i < little.Length; i++)
        {
            var c = little[i];
            if (c == '\\' && i + 1 < little.Length)
            {
                sb.Append(little[++i]);
            }
            else if (c == '{' && TryHashtag(little, i, out var tag, out var end))
            {
                sb.Append('#').Append(Unescape(tag));
                i = end;
            }
            else if (c == '@' && TryMention(little, i, out var name, out end))
            {
                sb.Append(Unescape(name));
                i = end;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (Reserved.Contains(c))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }
    }

    /// <summary>Letters, digits, combining marks and underscores after '#', with at least one letter ("#1" is not a hashtag).</summary>
    private static int HashtagLength(string text, int from)
    {
        var n = 0;
        var letter = false;
        while (from + n < text.Length)
        {
            var c = text[from + n];
            var category = char.GetUnicodeCategory(c);
            if (!(char.IsLetterOrDigit(c) || c == '_' || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                break;
            }

            letter |= char.IsLetter(c);
            n++;
        }

        return letter ? n : 0;
    }

    /// <summary><c>{hashtag|\#|tag}</c> (the '#' may also come unescaped); <paramref name="end"/> is the closing brace.</summary>
    private static bool TryHashtag(string s, int start, out string tag, out int end)
    {
        tag = "";
        end = start;
        var i = start;
        if (string.CompareOrdinal(s, i, "{hashtag|", 0, 9) != 0)
        {
            return false;
        }

        i += 9;
        if (i < s.Length && s[i] == '\\')
        {
            i++;
        }

        if (i + 1 >= s.Length || s[i] != '#' || s[i + 1] != '|')
        {
            return false;
        }

        var from = i + 2;
        var close = ClosingIndex(s, from, '}');
        if (close < 0)
        {
            return false;
        }

        tag = s[from..close];
        end = close;
        return true;
    }

    /// <summary><c>@[Name](urn:li:…)</c>; the name is what a reader sees.</summary>
    private static bool TryMention(string s, int start, out string name, out int end)
    {
        name = "";
        end = start;
        if (start + 1 >= s.Length || s[start + 1] != '[')
        {
            return false;
        }

        var closeName = ClosingIndex(s, start + 2, ']');
        if (closeName < 0 || closeName + 1 >= s.Length || s[closeName + 1] != '(')
        {
            return false;
        }

        var closeUrn = ClosingIndex(s, closeName + 2, ')');
        if (closeUrn < 0)
        {
            return false;
        }

        name = s[(start + 2)..closeName];
        end = closeUrn;
        return true;
    }

    private static int ClosingIndex(string s, int from, char close)
    {
        for (var i = from; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == close)
            {
                return i;
            }
        }

        return -1;
    }
}
