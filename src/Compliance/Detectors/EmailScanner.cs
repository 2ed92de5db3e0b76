namespace CareDialog.Compliance.Detectors;

/// <summary>
/// E-mail addresses, found from each '@' outwards: the local part to the left, dot-separated domain labels to the right. Neither
/// walk crosses another '@', so every character is read at most twice and adversarial input ("a@a@a@…", long dot runs) stays linear,
/// unlike the usual backtracking e-mail regular expressions.
/// </summary>
internal static class EmailScanner
{
    private const int MaxLocalLength = 64;
    private const int MaxDomainLength = 253;
    private const int MaxLabelLength = 63;
    private const string Description = "E-mail address";

    public static void Find(string text, OwnContacts ownContacts, List<Candidate> output)
    {
        var floor = 0; // nothing left of this belongs to a later address
        var at = text.IndexOf('@');
        while (at >= 0)
        {
            var start = LocalStart(text, at, floor);
            var end = DomainEnd(text, at + 1);
            if (start < at && end > at + 1 && at - start <= MaxLocalLength && end - at - 1 <= MaxDomainLength && text[at - 1] != '.')
            {
                if (!ownContacts.IsOwnEmail(text.AsSpan(start, end - start)))
                {
                    output.Add(new Candidate(PersonalDataKinds.Email, start, end - start, Description, Candidate.RankEmail));
                }

                floor = end;
            }
            else
            {
                floor = at + 1;
            }

            at = text.IndexOf('@', floor);
        }
    }

    private static int LocalStart(string text, int at, int floor)
    {
        var start = at;
        while (start > floor && IsLocalChar(text[start - 1]))
        {
            start--;
        }

        // A local part cannot start with a dot ("see.anna@…" keeps the dot, "…:.anna@" does not).
        while (start < at && text[start] == '.')
        {
            start++;
        }

        return start;
    }

    /// <summary>End of the domain after '@' (at <paramref name="from"/>), or <paramref name="from"/> when there is none.</summary>
    private static int DomainEnd(string text, int from)
    {
        var end = from;
        var labels = 0;
        var lastLabelAllLetters = false;
        var pos = from;
        while (true)
        {
            var labelStart = pos;
            var allLetters = true;
            while (pos < text.Length && IsDomainChar(text[pos]))
            {
                allLetters &= char.IsLetter(text[pos]);
                pos++;
            }

            var length = pos - labelStart;
            if (length == 0 || length > MaxLabelLength || text[labelStart] == '-' || text[pos - 1] == '-')
            {
                break;
            }

            labels++;
            end = pos;
            lastLabelAllLetters = allLetters && length >= 2;
            if (pos + 1 < text.Length && text[pos] == '.' && IsDomainChar(text[pos + 1]))
            {
                pos++;
                continue;
            }

            break;
        }

        // Needs a dot and a top-level domain of letters; a trailing sentence dot is not part of it.
        return labels >= 2 && lastLabelAllLetters ? end : from;
    }

    private static bool IsLocalChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '%';

    private static bool IsDomainChar(char c) => char.IsLetterOrDigit(c) || c == '-';
}
