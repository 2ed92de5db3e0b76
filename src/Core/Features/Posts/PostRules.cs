using System.Text;
using CareDialog.Core.Common;

namespace CareDialog.Core.Features.Posts;

/// <summary>Text hygiene shared by every write of post text: what CareDialog refuses before any platform sees it.</summary>
public static class PostRules
{
    /// <summary>UTF-16 code units; above every platform's limit but small enough to keep rows and previews sane.</summary>
    public const int MaxTextLength = 20_000;
    public const int MaxTitleLength = 200;

    public static Result<string> CleanText(string? text, string field, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? UseCaseError.Invalid("The text is empty.", field) : "";
        }

        if (text.Length > MaxTextLength)
        {
            return UseCaseError.Invalid($"The text is {text.Length:N0} characters; at most {MaxTextLength:N0} are allowed.", field);
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return UseCaseError.Invalid($"The text contains a broken character at position {i + 1} (an unpaired surrogate).", field);
            }

            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return UseCaseError.Invalid($"The text contains an invisible control character (U+{(int)c:X4}) at position {i + 1}.", field);
            }

            if (c is '\u202D' or '\u202E')
            {
                // Direction overrides make text read differently from how it is stored: a known spoofing trick.
                return UseCaseError.Invalid($"The text contains a text-direction override (U+{(int)c:X4}) at position {i + 1}.", field);
            }
        }

        // Platforms count NFC; storing NFC keeps our counts and theirs the same.
        return text.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    public static Result<string> CleanTitle(string? title)
    {
        var t = title?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return UseCaseError.Invalid("The title is empty.", "title");
        }

        if (t.Length > MaxTitleLength)
        {
            return UseCaseError.Invalid($"The title may be at most {MaxTitleLength} characters.", "title");
        }

        return CleanText(t, "title");
    }
}
