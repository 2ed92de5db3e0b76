using System.Text;

namespace CareDialog.Connectors.Common;

/// <summary>
/// Platforms have no idempotency keys, so reconciliation recognises our post by its text. Platforms normalise what they store
/// (trailing white space, CRLF, NFC), so texts are compared after the same normalisation.
/// </summary>
public static class RemoteText
{
    public static bool Same(string? remote, string sent) =>
        remote is not null && string.Equals(Normalise(remote), Normalise(sent), StringComparison.Ordinal);

    private static string Normalise(string s)
    {
        var text = s.ReplaceLineEndings("\n").Trim();
        try
        {
            text = text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates: compare as they are.
        }

        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t')
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
