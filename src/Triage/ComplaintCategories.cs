using System.Text.Json;

namespace CareDialog.Triage;

/// <summary>The incident categories of issue #5; Other when nothing in the text points elsewhere.</summary>
public enum ComplaintCategory { WaitingTime, StaffBehaviour, TreatmentQuality, Billing, TestResults, Facilities, Medication, Accessibility, Other }

/// <summary>A suggested category with the words that suggested it (empty for Other).</summary>
public sealed record CategoryGuess(ComplaintCategory Category, IReadOnlyList<string> Evidence);

/// <summary>
/// Suggests the category of a complaint from keyword stems in <c>Categories/complaint-categories.json</c>, folded like the triage
/// lexicons so text typed without diacritics or in transliterated Russian matches too. It only pre-fills a field a responder can
/// change, so it prefers saying Other to guessing: the category with most matched entries wins, the enum order breaks ties.
/// </summary>
public static class ComplaintCategories
{
    private sealed record Entry(ComplaintCategory Category, string Phrase, string[] Words, bool Prefix);

    private static readonly Lazy<Entry[]> Entries = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static CategoryGuess Guess(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Folding.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hits = new Dictionary<ComplaintCategory, List<string>>();
        foreach (var entry in Entries.Value)
        {
            if (Occurs(entry, words))
            {
                if (!hits.TryGetValue(entry.Category, out var list))
                {
                    hits[entry.Category] = list = [];
                }

                list.Add(entry.Phrase);
            }
        }

        if (hits.Count == 0)
        {
            return new CategoryGuess(ComplaintCategory.Other, []);
        }

        var best = hits.OrderByDescending(h => h.Value.Count).ThenBy(h => h.Key).First();
        return new CategoryGuess(best.Key, best.Value);
    }

    private static bool Occurs(Entry entry, string[] words)
    {
        var n = entry.Words.Length;
        for (var i = 0; i + n <= words.Length; i++)
        {
            var match = true;
            for (var k = 0; k < n && match; k++)
            {
                var last = k == n - 1;
                match = last && entry.Prefix
                    ? words[i + k].StartsWith(entry.Words[k], StringComparison.Ordinal)
                    : words[i + k] == entry.Words[k];
            }

            if (match)
            {
                return true;
            }
        }

        return false;
    }

    private static Entry[] Load()
    {
        using var stream = typeof(ComplaintCategories).Assembly.GetManifestResourceStream("CareDialog.Triage.Categories.complaint-categories.json")
            ?? throw new InvalidOperationException("complaint-categories.json is not embedded.");
        using var doc = JsonDocument.Parse(stream);
        var entries = new List<Entry>();
        foreach (var category in doc.RootElement.GetProperty("categories").EnumerateObject())
        {
            var value = Enum.Parse<ComplaintCategory>(category.Name);
            foreach (var phrase in category.Value.EnumerateArray().Select(p => p.GetString()!))
            {
                var prefix = phrase.EndsWith('*');
                var words = Folding.Fold(prefix ? phrase[..^1] : phrase).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0)
                {
                    throw new InvalidOperationException($"Empty category phrase '{phrase}' in {category.Name}.");
                }

                entries.Add(new Entry(value, phrase, words, prefix));
            }
        }

        return [.. entries];
    }
}
