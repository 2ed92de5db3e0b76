namespace CareDialog.Ingest.Bench;

internal static class Report
{
    public static void PrintLine(PhaseResult r)
    {
        var l = r.Load;
        var items = r.ItemsPerSecond is { } ips ? $"{ips,8:N0} items/s" : "  (incomplete)  ";
        var lag = r.Check is { ItemLatenciesMs.Length: > 0 } c
            ? $"  POST→item p50 {Stats.Percentile(c.ItemLatenciesMs, 50),6:0.0} p99 {Stats.Percentile(c.ItemLatenciesMs, 99),7:0.0} ms"
            : "";
        Console.WriteLine($"{r.Target,-20} {r.Phase,-14} {items}  {r.PostsPerSecond,8:N0} POST/s  POST ms p50 {l.Percentile(50),6:0.00} p95 {l.Percentile(95),6:0.00} "
            + $"p99 {l.Percentile(99),7:0.00} max {l.LatenciesMs[^1],7:0.0}{lag}  {(r.Failure is null ? (r.Check is null ? "" : "check ok") : "FAILED")}");
    }

    /// <summary>Every app figure as a ratio to the mean of the two baseline runs of the same phase.</summary>
    public static void Print(IReadOnlyList<PhaseResult> results, BenchOptions options)
    {
        Console.WriteLine();
        Console.WriteLine("| target | phase | items/s end to end | POST/s | POST p50 ms | p95 ms | p99 ms | max ms | POST→item p50 / p99 ms | items/s ÷ baseline | p99 ÷ baseline | check |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results.Where(r => r.Phase != "warm-up"))
        {
            var baselines = results.Where(b => b.Target.StartsWith("baseline", StringComparison.Ordinal) && b.Phase == r.Phase && b.ItemsPerSecond is not null).ToList();
            var baseIps = baselines.Count > 0 ? baselines.Average(b => b.ItemsPerSecond!.Value) : double.NaN;
            var baseP99 = baselines.Count > 0 ? baselines.Average(b => b.Load.Percentile(99)) : double.NaN;
            var lag = r.Check is { ItemLatenciesMs.Length: > 0 } c
                ? $"{Stats.Percentile(c.ItemLatenciesMs, 50):0} / {Stats.Percentile(c.ItemLatenciesMs, 99):0}"
                : "—";
            var check = r.Failure is not null ? "**failed**" : r.Check is { } k ? $"{k.Events:N0} events, {k.Items:N0} items: ok" : "—";
            Console.WriteLine($"| {r.Target} | {r.Phase} | {(r.ItemsPerSecond is { } ips ? ips.ToString("N0") : "incomplete")} | {r.PostsPerSecond:N0} | "
                + $"{r.Load.Percentile(50):0.0} | {r.Load.Percentile(95):0.0} | {r.Load.Percentile(99):0.0} | {r.Load.LatenciesMs[^1]:0} | {lag} | "
                + $"{(r.ItemsPerSecond is { } v ? (v / baseIps).ToString("0.00") : "—")} | {r.Load.Percentile(99) / baseP99:0.0} | {check} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Goal of issue #5 on PostgreSQL: ≥ 2,000 items/s sustained with POST p99 < 100 ms (sustained phase: {options.Rate:N0} items/s offered).");
    }
}
