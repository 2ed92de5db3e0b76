using System.Diagnostics;
using System.Runtime;

namespace CareDialog.Ingest.Bench;

internal interface ITarget
{
    string Name { get; }
    Uri BaseUrl { get; }
    /// <summary>False for the baseline: an answered POST is all it does.</summary>
    bool Processes { get; }
    Task<IReadOnlyList<BenchChannel>> ChannelsAsync(string phase);
    Task<int> CountItemsAsync(IReadOnlyCollection<Guid> channels);
    Task<IngestApp.Check> CheckAsync(IReadOnlyCollection<Guid> channels, IReadOnlyList<Delivery> deliveries, long[] firstSentUtcTicks);
}

internal sealed class AppTarget(IngestApp app, string name) : ITarget
{
    public string Name => name;
    public Uri BaseUrl => app.BaseUrl;
    public bool Processes => true;
    public Task<IReadOnlyList<BenchChannel>> ChannelsAsync(string phase) => app.ConnectChannelsAsync(phase);
    public Task<int> CountItemsAsync(IReadOnlyCollection<Guid> channels) => app.CountItemsAsync(channels);
    public Task<IngestApp.Check> CheckAsync(IReadOnlyCollection<Guid> channels, IReadOnlyList<Delivery> deliveries, long[] firstSentUtcTicks) =>
        app.CheckAsync(channels, deliveries, firstSentUtcTicks);
}

internal sealed class BaselineTarget(Uri baseUrl, string name) : ITarget
{
    private long _nextChatId = 1_000_000;

    public string Name => name;
    public Uri BaseUrl => baseUrl;
    public bool Processes => false;

    public Task<IReadOnlyList<BenchChannel>> ChannelsAsync(string phase) =>
        Task.FromResult<IReadOnlyList<BenchChannel>>(new[] { "TR", "DK", "FI", "RU" }
            .Select(c => new BenchChannel(Guid.NewGuid(), c, -1_001_000_000_000 - _nextChatId++, -1_002_000_000_000 - _nextChatId++, "baseline-secret"))
            .ToList());

    public Task<int> CountItemsAsync(IReadOnlyCollection<Guid> channels) => throw new NotSupportedException();
    public Task<IngestApp.Check> CheckAsync(IReadOnlyCollection<Guid> channels, IReadOnlyList<Delivery> deliveries, long[] firstSentUtcTicks) =>
        throw new NotSupportedException();
}

internal sealed record PhaseResult(string Target, string Phase, int Items, LoadResult Load, double? EndToEndSeconds, IngestApp.Check? Check, string? Failure)
{
    /// <summary>Items per second from the first POST until the last item was visible in the database (baseline: the last answer).</summary>
    public double? ItemsPerSecond => EndToEndSeconds is { } s ? Items / s : null;
    public double PostsPerSecond => Load.Requests / Load.Seconds;
}

/// <summary>The same phases, with the same payload texts (same seeds), for every target.</summary>
internal sealed class PhaseRunner(BenchOptions options, IReadOnlyList<(string Language, string Text)> corpus)
{
    /// <summary>Methods compiled during one warm-up round below which the JIT counts as settled.</summary>
    private const long QuietJit = 100;

    private long _nextUpdateId = 100_000_000;

    public async Task<IReadOnlyList<PhaseResult>> RunAllAsync(ITarget target)
    {
        var results = new List<PhaseResult>();
        // Warm-up, outside every measurement: connection pools, the triage lexicons, the database's caches and above all the
        // JIT. Tiered compilation keeps recompiling hot methods for tens of seconds on two busy cores, so rounds continue
        // until a round compiles almost nothing (or the time is up).
        var started = Stopwatch.GetTimestamp();
        var rounds = 0;
        long compiled;
        do
        {
            var before = JitInfo.GetCompiledMethodCount();
            var warm = await RunAsync(target, "warm-up", options.Warmup, rate: 0, seed: 7);
            compiled = JitInfo.GetCompiledMethodCount() - before;
            rounds++;
            if (warm.Failure is not null)
            {
                results.Add(warm);
                break;
            }
        }
        while (compiled > QuietJit && Stopwatch.GetElapsedTime(started) < options.WarmupLimit);

        Console.WriteLine($"{target.Name,-20} warm-up        {rounds} × {options.Warmup:N0} items in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s; "
            + $"{compiled} methods compiled in the last round");

        results.Add(await RunAsync(target, "max", options.Items, rate: 0, seed: 11));
        if (options.Rate > 0)
        {
            results.Add(await RunAsync(target, $"{options.Rate:0} items/s", options.Items, options.Rate, seed: 13));
        }

        return results;
    }

    private async Task<PhaseResult> RunAsync(ITarget target, string phase, int items, double rate, int seed)
    {
        var channels = await target.ChannelsAsync(phase);
        var ids = channels.Select(c => c.Id).ToArray();
        var deliveries = Payloads.Build(corpus, channels, items, _nextUpdateId, seed);
        _nextUpdateId += items;
        var plan = SendPlan.Build(deliveries, options.Repeat, seed);
        var requestRate = rate > 0 ? rate * SendPlan.Requests(plan) / items : 0;
        // The open loop needs enough workers to keep the schedule while answers take longer than the gap between sends.
        var workers = rate > 0 ? Math.Max(options.Connections, 64) : options.Connections;
        using var driver = new LoadDriver(target.BaseUrl, workers);

        var load = await driver.RunAsync(plan, items, workers, requestRate);
        double? endToEnd = null;
        IngestApp.Check? check = null;
        var failures = new List<string>();
        if (load.Errors > 0)
        {
            failures.Add($"{load.Errors} POSTs not answered 200 (first: {load.FirstError})");
        }

        if (!target.Processes)
        {
            endToEnd = load.Seconds;
        }
        else
        {
            // Polled only from the last answer on: every item has been sent by then, and polling during the load would
            // put the benchmark's own queries on the database it measures.
            using var stop = new CancellationTokenSource(options.Timeout);
            var done = await WaitForItemsAsync(target, ids, items, stop.Token);
            endToEnd = done is { } t ? Stopwatch.GetElapsedTime(load.StartTimestamp, t).TotalSeconds : null;
            // A late duplicate would show up after the count first reached the total; give the processor a moment to make one.
            await Task.Delay(TimeSpan.FromSeconds(1));
            check = await target.CheckAsync(ids, deliveries, load.FirstSentUtcTicks);
            if (done is null)
            {
                failures.Add($"not every item reached the inbox within {options.Timeout.TotalSeconds:0} s of the last POST");
            }

            if (check.Events != items || check.Items != items || check.Missing != 0 || check.Unexpected != 0 || check.Unprocessed != 0 || check.Untriaged != 0)
            {
                failures.Add($"expected {items} events and {items} triaged items; found {check.Events} events ({check.Unprocessed} unprocessed, "
                    + $"{check.Failed} with an error), {check.Items} items ({check.Missing} missing, {check.Unexpected} unexpected, {check.Untriaged} untriaged)");
            }
        }

        var result = new PhaseResult(target.Name, phase, items, load, endToEnd, check, failures.Count == 0 ? null : string.Join("; ", failures));
        if (phase != "warm-up")
        {
            Report.PrintLine(result);
        }

        return result;
    }

    /// <summary>Polls the inbox count until every item of the phase is there; the timestamp when it was.</summary>
    private static async Task<long?> WaitForItemsAsync(ITarget target, Guid[] channels, int items, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                if (await target.CountItemsAsync(channels) >= items)
                {
                    return Stopwatch.GetTimestamp();
                }

                await Task.Delay(TimeSpan.FromMilliseconds(10), ct);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
