namespace CareDialog.Compliance.Detectors;

/// <summary>
/// The organisation's own phone numbers (as E.164) and e-mail addresses (case-insensitive). Phone entries are only parsed when a
/// phone number is found, because most texts have none and parsing costs more than the rest of a keystroke check.
/// </summary>
internal sealed class OwnContacts(IReadOnlyList<string>? entries, string? defaultRegion)
{
    private HashSet<string>? _phones;
    private HashSet<string>? _emails;

    public bool IsOwnPhone(string e164)
    {
        if (entries is null or { Count: 0 })
        {
            return false;
        }

        if (_phones is null)
        {
            _phones = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (!entry.Contains('@'))
                {
                    PhoneScanner.AddOwnNumber(entry, defaultRegion, _phones);
                }
            }
        }

        return _phones.Contains(e164);
    }

    public bool IsOwnEmail(ReadOnlySpan<char> address)
    {
        if (entries is null or { Count: 0 })
        {
            return false;
        }

        _emails ??= new HashSet<string>(
            entries.Where(e => e.Contains('@')).Select(e => e.Trim().StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? e.Trim()[7..] : e.Trim()),
            StringComparer.OrdinalIgnoreCase);
        return _emails.GetAlternateLookup<ReadOnlySpan<char>>().Contains(address);
    }
}
