namespace CareDialog.Compliance.Detectors;

/// <summary>
/// Finds patient data in a post: the national identifiers of compliance-rules.md §7, phone numbers, e-mail addresses and names in a
/// sentence about a health condition. Pure and thread-safe; linear in the text length, so it can run on every keystroke.
/// </summary>
public static class PersonalDataDetector
{
    /// <summary>All personal data in the text, sorted by Start and non-overlapping (the longest match wins).</summary>
    /// <remarks>
    /// A number that passes an identifier's checks is reported as that identifier, not as a phone number. Where two identifiers
    /// cover the same characters (11 digits that are both a valid TCKN and a valid SNILS), the one of
    /// <see cref="PersonalDataOptions.DefaultRegion"/> wins; without one, a henkilötunnus beats a CPR number and a TCKN a SNILS.
    /// A region libphonenumber does not know is treated as no region.
    /// </remarks>
    public static IReadOnlyList<PersonalDataMatch> Find(string text, PersonalDataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var region = PhoneScanner.SupportedRegion(options?.DefaultRegion);
        var candidates = new List<Candidate>();
        var ownContacts = new OwnContacts(options?.OwnContacts, region);

        if (text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            var ibans = new List<(int Start, int End)>();
            IbanScanner.Find(text, ibans);
            NationalIdScanner.Find(text, region, candidates);
            candidates.RemoveAll(c => IbanScanner.Overlaps(ibans, c.Start, c.Start + c.Length));
            var identifiers = candidates.ConvertAll(c => (c.Start, c.Start + c.Length));
            PhoneScanner.Find(text, region, ownContacts, new ClaimedSpans(ibans, identifiers), candidates);
        }

        if (text.Contains('@'))
        {
            EmailScanner.Find(text, ownContacts, candidates);
        }

        HealthNameScanner.Find(text, candidates);
        return Resolve(candidates);
    }

    /// <summary>Keeps the longest of every group of overlapping candidates (then the higher rank, then the earlier found).</summary>
    private static List<PersonalDataMatch> Resolve(List<Candidate> candidates)
    {
        var result = new List<PersonalDataMatch>(candidates.Count);
        if (candidates.Count == 0)
        {
            return result;
        }

        var order = new int[candidates.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byStart = candidates[a].Start.CompareTo(candidates[b].Start);
            return byStart != 0 ? byStart : a.CompareTo(b);
        });

        // Overlapping candidates form clusters along the text; each cluster is settled on its own, so the work stays proportional
        // to the cluster sizes, which are bounded by the few detectors that can claim the same characters.
        var cluster = new List<int>();
        var clusterEnd = -1;
        foreach (var index in order)
        {
            var c = candidates[index];
            if (cluster.Count > 0 && c.Start >= clusterEnd)
            {
                Settle(candidates, cluster, result);
                cluster.Clear();
            }

            cluster.Add(index);
            clusterEnd = Math.Max(clusterEnd, c.Start + c.Length);
        }

        Settle(candidates, cluster, result);
        return result;
    }

    private static void Settle(List<Candidate> candidates, List<int> cluster, List<PersonalDataMatch> result)
    {
        if (cluster.Count == 1)
        {
            var only = candidates[cluster[0]];
            result.Add(new PersonalDataMatch(only.Kind, only.Start, only.Length, only.Description));
            return;
        }

        cluster.Sort((a, b) =>
        {
            var (ca, cb) = (candidates[a], candidates[b]);
            var byLength = cb.Length.CompareTo(ca.Length);
            if (byLength != 0)
            {
                return byLength;
            }

            var byRank = cb.Rank.CompareTo(ca.Rank);
            return byRank != 0 ? byRank : a.CompareTo(b);
        });

        var firstKept = result.Count;
        foreach (var index in cluster)
        {
            var c = candidates[index];
            var free = true;
            for (var k = firstKept; k < result.Count && free; k++)
            {
                free = c.Start + c.Length <= result[k].Start || result[k].Start + result[k].Length <= c.Start;
            }

            if (free)
            {
                result.Add(new PersonalDataMatch(c.Kind, c.Start, c.Length, c.Description));
            }
        }

        result.Sort(firstKept, result.Count - firstKept, Comparer<PersonalDataMatch>.Create((a, b) => a.Start.CompareTo(b.Start)));
    }
}

/// <summary>A match before overlaps are settled; Rank breaks ties between equally long matches.</summary>
internal readonly record struct Candidate(string Kind, int Start, int Length, string Description, int Rank)
{
    public const int RankName = 0;
    public const int RankEmail = 1;
    public const int RankPhone = 2;
    public const int RankNationalId = 3;

    /// <summary>Added when the match belongs to the default region, so that it beats any reading from elsewhere.</summary>
    public const int RegionBonus = 10;
}
