using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CareDialog.Compliance;
using CareDialog.Compliance.Bench;

// In-process so the baseline and the engine share one process, one JIT and one machine state: the figure that
// matters is the ratio between them. One core: the engine is single-threaded per check.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10).WithAffinity(1))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = BenchmarkRunner.Run<LintBenchmarks>(config, args);

Console.WriteLine();
Console.WriteLine($"Corpus: {LintBenchmarks.CorpusPosts} posts, {LintBenchmarks.CorpusBytes / 1024.0 / 1024.0:0.00} MB (UTF-8), five jurisdictions");
foreach (var report in summary.Reports)
{
    if (report.ResultStatistics is not { } stats)
    {
        continue;
    }

    var seconds = stats.Mean / 1e9;
    Console.WriteLine($"{report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-60} {LintBenchmarks.CorpusBytes / seconds / 1024 / 1024,8:0.0} MB/s {LintBenchmarks.CorpusPosts / seconds,10:0} posts/s");
}

// Pack loading: a fresh process-wide load is what a cold CLI start pays.
Console.WriteLine($"Pack load (as measured by the engine): {ComplianceEngine.LoadTime.TotalMilliseconds:0.0} ms");
