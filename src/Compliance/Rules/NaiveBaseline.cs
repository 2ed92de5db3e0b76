using System.Text;
using System.Text.RegularExpressions;

namespace CareDialog.Compliance.Rules;

/// <summary>
/// The approach the engine is measured against: one .NET <see cref="Regex"/> per rule, built from the same pack triggers
/// (IgnoreCase | CultureInvariant, no folding, no word-ending logic beyond <c>\w*</c>). Only for benchmarks, in the same process.
/// </summary>
public static class NaiveBaseline
{
    private static readonly Lazy<Regex[]>[] ByJurisdiction = Enum.GetValues<Jurisdiction>()
        .Select(j => new Lazy<Regex[]>(() => Build(j), LazyThreadSafetyMode.ExecutionAndPublication))
        .ToArray();

    /// <summary>How many trigger occurrences the per-rule regexes of <paramref name="j"/>'s packs find in <paramref name="text"/>.</summary>
    public static int CountMatches(string text, Jurisdiction j)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var regex in ByJurisdiction[(int)j].Value)
        {
            count += regex.Count(text);
        }

        return count;
    }

    /// <summary>The number of regexes, i.e. rules, checked for <paramref name="j"/>.</summary>
    public static int RegexCount(Jurisdiction j) => ByJurisdiction[(int)j].Value.Length;

    private static Regex[] Build(Jurisdiction j)
    {
        var list = new List<Regex>();
        foreach (var rule in ComplianceEngine.Default.PackSet.Rules)
        {
            if ((rule.Jurisdictions & (1u << (int)j)) == 0)
            {
                continue;
            }

            var triggers = rule.Triggers.Concat(rule.AppliesWhen.SelectMany(g => g)).Concat(rule.Parts.SelectMany(g => g)).ToList();
            if (triggers.Count == 0)
            {
                continue;
            }

            var pattern = string.Join("|", triggers.Select(t => "(?:" + ToRegex(t) + ")"));
            list.Add(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        }

        return [.. list];
    }

    internal static string ToRegex(string trigger)
    {
        var body = trigger.Trim();
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon is 2 or 3 && body[..colon].All(char.IsAsciiLetterLower))
        {
            body = body[(colon + 1)..].Trim();
        }

        var sb = new StringBuilder();
        if (body.StartsWith('#') && body.Length > 1)
        {
            sb.Append('#');
            body = body[1..];
        }

        var first = true;
        foreach (var raw in body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw == "..")
            {
                sb.Append(@"(?:[\W_]+\w+){0,3}");
                continue;
            }

            if (!first)
            {
                sb.Append(@"[\W_]+");
            }

            first = false;
            if (raw == "_")
            {
                sb.Append(@"\w+");
                continue;
            }

            var word = raw;
            var infix = word.StartsWith('*');
            if (infix)
            {
                word = word[1..];
            }

            var open = word.Length > 1 && (word.EndsWith('*') || word.EndsWith('+'));
            if (open)
            {
                word = word[..^1];
            }

            sb.Append(infix ? @"\w*" : char.IsLetterOrDigit(word[0]) ? @"\b" : "");
            foreach (var c in word)
            {
                sb.Append(char.IsLetterOrDigit(c) ? Regex.Escape(c.ToString()) : c is '\'' or '-' or '.' ? @"[\W_]*" : Regex.Escape(c.ToString()));
            }

            sb.Append(open ? @"\w*" : char.IsLetterOrDigit(word[^1]) ? @"\b" : "");
        }

        return sb.ToString();
    }
}
