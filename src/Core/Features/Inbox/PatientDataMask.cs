using System.Text;
using CareDialog.Compliance.Detectors;

namespace CareDialog.Core.Features.Inbox;

/// <summary>
/// Masks patient data (national ids, phone numbers, e-mail addresses, names next to a health condition) in inbound text for
/// lists and exports; the full text is shown only on the item itself, to roles that may answer it.
/// </summary>
public static class PatientDataMask
{
    public const string Mask = "•••";

    public static string Apply(string text, string country, IReadOnlyList<string>? ownContacts = null)
    {
        var region = country is "TR" or "DK" or "FI" or "RU" ? country : null;
        var matches = PersonalDataDetector.Find(text, new PersonalDataOptions(region, ownContacts));
        if (matches.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var m in matches)
        {
            sb.Append(text, at, m.Start - at).Append(Mask);
            at = m.Start + m.Length;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }
}
