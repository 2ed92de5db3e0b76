using System.Text;
using System.Text.Json;

namespace CareDialog.Compliance.Bench;

public sealed record CorpusPost(string Text, Jurisdiction Jurisdiction);

/// <summary>
/// A mixed corpus in all five languages: the packs' own positive and negative examples, joined into posts of about
/// 1 KB per jurisdiction, so roughly half the sentences trigger something — like real drafts, not like clean text.
/// </summary>
public static class Corpus
{
    public static IReadOnlyList<CorpusPost> Build(string repoRoot, int postBytes = 1024, int postsPerJurisdiction = 200)
    {
        var packs = Path.Combine(repoRoot, "src", "Compliance", "Packs");
        var sentences = new Dictionary<Jurisdiction, List<string>>();
        foreach (var file in Directory.GetFiles(packs, "*.json"))
        {
            if (!Enum.TryParse<Jurisdiction>(Path.GetFileNameWithoutExtension(file), ignoreCase: true, out var j))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var list = sentences.TryGetValue(j, out var l) ? l : sentences[j] = [];
            Collect(doc.RootElement, list);
        }

        var posts = new List<CorpusPost>();
        foreach (var (j, list) in sentences.OrderBy(p => p.Key))
        {
            if (list.Count == 0)
            {
                continue;
            }

            var random = new Random(42 + (int)j);
            for (var i = 0; i < postsPerJurisdiction; i++)
            {
                var sb = new StringBuilder();
                while (Encoding.UTF8.GetByteCount(sb.ToString()) < postBytes)
                {
                    sb.Append(list[random.Next(list.Count)]).Append(random.Next(4) == 0 ? "\n\n" : " ");
                }

                posts.Add(new CorpusPost(sb.ToString(), j));
            }
        }

        return posts;
    }

    /// <summary>Every string inside an "examples" object, wherever the pack keeps it.</summary>
    private static void Collect(JsonElement e, List<string> into, bool inExamples = false)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    Collect(p.Value, into, inExamples || p.NameEquals("examples"));
                }

                break;
            case JsonValueKind.Array:
                foreach (var x in e.EnumerateArray())
                {
                    Collect(x, into, inExamples);
                }

                break;
            case JsonValueKind.String when inExamples:
                into.Add(e.GetString()!);
                break;
        }
    }

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CareDialog.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the CareDialog repository.");
    }
}
