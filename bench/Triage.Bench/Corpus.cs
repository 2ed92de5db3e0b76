using System.Text;
using System.Text.Json;

namespace CareDialog.Triage.Bench;

/// <summary>
/// The labelled set of tests/Triage.Tests (all five languages, dev and held-out) as written, and the same messages joined within
/// one language into messages of about 200 characters, the size the throughput target is stated for.
/// </summary>
public static class Corpus
{
    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "tests", "Triage.Tests", "Labelled")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("tests/Triage.Tests/Labelled not found above " + AppContext.BaseDirectory);
    }

    public static IReadOnlyList<string> Labelled(string repoRoot)
    {
        var texts = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(repoRoot, "tests", "Triage.Tests", "Labelled"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    texts.Add(JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!);
                }
            }
        }

        return texts;
    }

    public static IReadOnlyList<string> Joined(string repoRoot, int targetChars = 200)
    {
        var result = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(repoRoot, "tests", "Triage.Tests", "Labelled"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            var texts = File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l))
                .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToList();
            var sb = new StringBuilder();
            for (var i = 0; i < texts.Count * 3; i++)
            {
                // Rotating the start makes each joined message a different mix of the file's sentences.
                sb.Append(texts[(i * 7) % texts.Count]).Append(' ');
                if (sb.Length >= targetChars)
                {
                    result.Add(sb.ToString().TrimEnd());
                    sb.Clear();
                }
            }
        }

        return result;
    }

    public static long Utf8Bytes(IEnumerable<string> texts) => texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
}
