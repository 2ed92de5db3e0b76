using BenchmarkDotNet.Attributes;
using CareDialog.Compliance.Detectors;

namespace CareDialog.Triage.Bench;

/// <summary>
/// One operation = triaging a whole corpus once, single-threaded. The personal-data detector alone is measured on the same
/// ~200-char corpus so the report shows how much of a triage is the shared compliance detector.
/// </summary>
[MemoryDiagnoser]
public class TriageBenchmarks
{
    private IReadOnlyList<string> _labelled = [];
    private IReadOnlyList<string> _joined = [];

    public static int LabelledCount { get; private set; }
    public static long LabelledBytes { get; private set; }
    public static long LabelledChars { get; private set; }
    public static int JoinedCount { get; private set; }
    public static long JoinedBytes { get; private set; }
    public static long JoinedChars { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = Corpus.FindRepoRoot();
        _labelled = Corpus.Labelled(root);
        _joined = Corpus.Joined(root);
        LabelledCount = _labelled.Count;
        LabelledBytes = Corpus.Utf8Bytes(_labelled);
        LabelledChars = _labelled.Sum(t => (long)t.Length);
        JoinedCount = _joined.Count;
        JoinedBytes = Corpus.Utf8Bytes(_joined);
        JoinedChars = _joined.Sum(t => (long)t.Length);

        // Load outside the measurement: a cold start pays it once per process.
        _ = TriageEngine.Default.Analyze(new TriageRequest("warm-up"));
    }

    [Benchmark(Description = "Triage, labelled messages as written")]
    public int Labelled() => Run(_labelled);

    [Benchmark(Description = "Triage, ~200-char messages")]
    public int Joined() => Run(_joined);

    [Benchmark(Description = "PersonalDataDetector alone, ~200-char messages")]
    public int DetectorOnly()
    {
        var n = 0;
        foreach (var t in _joined)
        {
            n += PersonalDataDetector.Find(t).Count;
        }

        return n;
    }

    private static int Run(IReadOnlyList<string> texts)
    {
        var n = 0;
        foreach (var t in texts)
        {
            n += (int)TriageEngine.Default.Analyze(new TriageRequest(t)).Intent;
        }

        return n;
    }
}
