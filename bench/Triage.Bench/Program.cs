using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CareDialog.Triage;
using CareDialog.Triage.Bench;

// In-process and pinned to one core: the issue states the target per core (20,000 messages/s), and the engine is
// single-threaded per message.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10).WithAffinity(1))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = BenchmarkRunner.Run<TriageBenchmarks>(config, args);

Console.WriteLine();
Console.WriteLine($"Corpus: {TriageBenchmarks.LabelledCount} labelled messages (avg {TriageBenchmarks.LabelledChars / (double)TriageBenchmarks.LabelledCount:0} chars); "
    + $"{TriageBenchmarks.JoinedCount} joined messages (avg {TriageBenchmarks.JoinedChars / (double)TriageBenchmarks.JoinedCount:0} chars); five languages");
foreach (var report in summary.Reports)
{
    if (report.ResultStatistics is not { } stats)
    {
        continue;
    }

    var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
    var (count, bytes) = name == nameof(TriageBenchmarks.Labelled)
        ? (TriageBenchmarks.LabelledCount, TriageBenchmarks.LabelledBytes)
        : (TriageBenchmarks.JoinedCount, TriageBenchmarks.JoinedBytes);
    var seconds = stats.Mean / 1e9;
    Console.WriteLine($"{report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-50} {count / seconds,10:0} messages/s {bytes / seconds / 1024 / 1024,8:0.0} MB/s");
}

Console.WriteLine($"Lexicon compile (as measured by the engine): {TriageEngine.Default.LoadTime.TotalMilliseconds:0.0} ms, {TriageEngine.Default.CueCount} phrases");
