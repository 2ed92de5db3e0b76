using System.Text.Json;

namespace CareDialog.Triage.Tests;

/// <summary>One line of Labelled/*.jsonl: a realistic message and its expected labels.</summary>
public sealed record LabelledMessage(string Id, string Text, string Language, string Intent, string Sentiment, string Split);

/// <summary>Reads the labelled set copied next to the test assembly (dev = tuned on, test = held out).</summary>
public static class LabelledSet
{
    public static readonly string[] Languages = ["tr", "da", "fi", "ru", "en"];

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Labelled");

    public static IReadOnlyList<LabelledMessage> Load(string language, string split)
    {
        var path = Path.Combine(Directory, $"{language}.{split}.jsonl");
        var list = new List<LabelledMessage>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var e = JsonDocument.Parse(line).RootElement;
            list.Add(new LabelledMessage(
                e.GetProperty("id").GetString()!,
                e.GetProperty("text").GetString()!,
                e.GetProperty("language").GetString()!,
                e.GetProperty("intent").GetString()!,
                e.GetProperty("sentiment").GetString()!,
                split));
        }

        return list;
    }

    public static IReadOnlyList<LabelledMessage> All() =>
        [.. Languages.SelectMany(l => Load(l, "dev").Concat(Load(l, "test")))];
}
