using BenchmarkDotNet.Attributes;
using CareDialog.Compliance.Platforms;
using CareDialog.Compliance.Rules;

namespace CareDialog.Compliance.Bench;

/// <summary>
/// One operation = checking the whole corpus once, single-threaded. The baseline is the naive design the engine
/// replaces: one .NET Regex per rule over the same packs, in the same process.
/// </summary>
[MemoryDiagnoser]
public class LintBenchmarks
{
    private IReadOnlyList<CorpusPost> _posts = [];

    public static long CorpusBytes { get; private set; }
    public static int CorpusPosts { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _posts = Corpus.Build(Corpus.FindRepoRoot());
        CorpusPosts = _posts.Count;
        CorpusBytes = _posts.Sum(p => (long)System.Text.Encoding.UTF8.GetByteCount(p.Text));
        // Load outside the measurement: load time is reported separately.
        _ = ComplianceEngine.Default.Check(new CheckRequest("warm-up", Jurisdiction.EU));
        _ = NaiveBaseline.CountMatches("warm-up", Jurisdiction.EU);
    }

    [Benchmark(Baseline = true, Description = "Regex per rule (naive baseline)")]
    public int RegexPerRule()
    {
        var n = 0;
        foreach (var p in _posts)
        {
            n += NaiveBaseline.CountMatches(p.Text, p.Jurisdiction);
        }

        return n;
    }

    [Benchmark(Description = "ComplianceEngine, all packs + detectors + platform limits")]
    public int Engine()
    {
        var n = 0;
        foreach (var p in _posts)
        {
            n += ComplianceEngine.Default.Check(new CheckRequest(p.Text, p.Jurisdiction, Platform.Instagram)).Findings.Count;
        }

        return n;
    }
}
