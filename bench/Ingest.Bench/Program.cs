using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using CareDialog.Core.Data;
using CareDialog.Ingest.Bench;
using Npgsql;

// Ingest throughput (issue #5): webhook POST → stored, triaged inbox item, on SQLite and PostgreSQL, against a bare Kestrel
// endpoint driven by the same load driver with the same payloads in the same process. See docs/benchmarks.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
BenchOptions? options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is FormatException or ArgumentException)
{
    Console.Error.WriteLine(ex.Message);
    options = null;
}

if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var pgMaster = options.Postgres ?? Environment.GetEnvironmentVariable("CAREDIALOG_BENCH_PG") ?? Environment.GetEnvironmentVariable("CAREDIALOG_TEST_PG");
if (options.Providers.Any(v => v.Provider == DatabaseProvider.Postgres) && string.IsNullOrEmpty(pgMaster))
{
    Console.Error.WriteLine("PostgreSQL needs a connection string: --pg \"Host=...\" or CAREDIALOG_BENCH_PG / CAREDIALOG_TEST_PG (./build.sh pg prints one).");
    return 2;
}

var corpus = Payloads.Labelled(Payloads.FindRepoRoot());
var results = new List<PhaseResult>();
var runner = new PhaseRunner(options, corpus);
Machine.Print(pgMaster);
Console.WriteLine($"Load: {options.Items:N0} items per phase, {options.Repeat:P0} delivered twice (half at the same moment), "
    + $"{options.Connections} connections; sustained phase at {options.Rate:N0} items/s; warm-up in rounds of {options.Warmup:N0} items until the JIT settles (at most {options.WarmupLimit.TotalSeconds:0} s).");
Console.WriteLine();

await using (var baseline = await BaselineServer.StartAsync())
{
    results.AddRange(await runner.RunAllAsync(new BaselineTarget(baseline.BaseUrl, "baseline (run 1)")));
}

foreach (var (variant, provider, variantSettings) in options.Providers)
{
    var dataDir = Path.Combine(Path.GetTempPath(), "caredialog-ingest-bench", Guid.NewGuid().ToString("N"));
    string? pgDatabase = null;
    var cs = $"Data Source={Path.Combine(dataDir, "bench.db")}";
    if (provider == DatabaseProvider.Postgres)
    {
        pgDatabase = "cd_bench_" + Guid.NewGuid().ToString("N")[..12];
        cs = new NpgsqlConnectionStringBuilder(pgMaster) { Database = pgDatabase }.ConnectionString;
    }

    try
    {
        var settings = new Dictionary<string, string>(variantSettings);
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        await using var app = new IngestApp(provider, cs, dataDir, options.AppLogLevel, settings);
        var started = Stopwatch.GetTimestamp();
        await app.StartAsync();
        Console.WriteLine($"{variant}: app started (migrations applied) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s at {app.BaseUrl}");
        results.AddRange(await runner.RunAllAsync(new AppTarget(app, variant)));
    }
    finally
    {
        if (pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(pgMaster);
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file the OS still holds is harmless in a temp folder.
        }
    }
}

await using (var baseline = await BaselineServer.StartAsync())
{
    results.AddRange(await runner.RunAllAsync(new BaselineTarget(baseline.BaseUrl, "baseline (run 2)")));
}

Report.Print(results, options);
Console.WriteLine($"Load average at the end: {Machine.LoadAverage()}");
var failures = results.Where(r => r.Failure is not null).ToList();
foreach (var f in failures)
{
    Console.WriteLine($"FAILED {f.Target} / {f.Phase}: {f.Failure}");
}

return failures.Count == 0 ? 0 : 1;

internal sealed record BenchOptions(int Items, int Warmup, TimeSpan WarmupLimit, int Connections, double Rate, double Repeat, IReadOnlyList<Variant> Providers,
    string? Postgres, TimeSpan Timeout, string AppLogLevel, IReadOnlyDictionary<string, string> Settings)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Ingest.Bench -- [--items 20000] [--warmup 4000] [--warmup-limit 90] [--connections 32]
               [--rate 2000] [--repeat 0.2] [--providers sqlite,sqlite-normal,postgres] [--pg "Host=...;Database=postgres"] [--timeout 120]
               [--app-log Warning] [--set Key=Value ...]
          --app-log   the app's default log level (Microsoft.* stays at Warning); Information shows batches that fell back to one by one
          --set       an app setting for the run, e.g. --set Inbox:OnArrivalPause=00:00:00.050
          --warmup    items per warm-up round; rounds repeat until a round compiles < 100 methods or --warmup-limit seconds pass
          --providers sqlite (synchronous=FULL, the default), sqlite-normal (Database:SqliteSynchronous=Normal), postgres
          --rate      items/s of the sustained (open-loop) phase; 0 skips it
          --pg        a PostgreSQL server the benchmark may create (and drop) a database on; default: $CAREDIALOG_BENCH_PG,
                      then $CAREDIALOG_TEST_PG (./build.sh pg starts a throwaway cluster and prints it)
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions(20_000, 4_000, TimeSpan.FromSeconds(90), 32, 2_000, 0.2, [Variant.Parse("sqlite"), Variant.Parse("sqlite-normal"), Variant.Parse("postgres")], null, TimeSpan.FromSeconds(120), "Warning",
            new Dictionary<string, string>());
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                return null;
            }

            o = args[i] switch
            {
                "--items" => o with { Items = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => o with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup-limit" => o with { WarmupLimit = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--connections" => o with { Connections = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rate" => o with { Rate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--repeat" => o with { Repeat = double.Parse(value, CultureInfo.InvariantCulture) },
                "--providers" => o with
                {
                    Providers = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Variant.Parse).ToList(),
                },
                "--pg" => o with { Postgres = value },
                "--app-log" => o with { AppLogLevel = value },
                "--set" when value.Split('=', 2) is [var key, var setting] => o with { Settings = new Dictionary<string, string>(o.Settings) { [key] = setting } },
                "--timeout" => o with { Timeout = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                _ => null,
            };
            if (o is null)
            {
                return null;
            }

            i++;
        }

        return o;
    }
}

/// <summary>A database set-up the app is measured on.</summary>
internal sealed record Variant(string Name, DatabaseProvider Provider, IReadOnlyDictionary<string, string> Settings)
{
    public static Variant Parse(string name) => name.ToLowerInvariant() switch
    {
        "sqlite" => new("SQLite", DatabaseProvider.Sqlite, new Dictionary<string, string>()),
        "sqlite-normal" => new("SQLite, sync=NORMAL", DatabaseProvider.Sqlite, new Dictionary<string, string> { ["Database:SqliteSynchronous"] = "Normal" }),
        "postgres" => new("PostgreSQL", DatabaseProvider.Postgres, new Dictionary<string, string>()),
        _ => throw new ArgumentException($"Unknown provider {name}: sqlite, sqlite-normal or postgres."),
    };
}

internal static class Machine
{
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static void Print(string? pg)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        Console.WriteLine($"Machine: {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"Runtime: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, "
            + $"{(Debugger.IsAttached ? "debugger attached" : "no debugger")}; load average at the start: {LoadAverage()}");
        if (pg is not null)
        {
            try
            {
                using var conn = new NpgsqlConnection(pg);
                conn.Open();
                using var cmd = new NpgsqlCommand("SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')", conn);
                using var reader = cmd.ExecuteReader();
                reader.Read();
                Console.WriteLine($"PostgreSQL {reader.GetString(0)} at {conn.Host}:{conn.Port} (fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)})");
            }
            catch (NpgsqlException ex)
            {
                Console.WriteLine("PostgreSQL not reachable: " + ex.Message);
            }
        }
    }
}
