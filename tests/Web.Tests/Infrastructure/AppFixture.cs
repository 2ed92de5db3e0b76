using CareDialog.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CareDialog.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database with demo data and a fake clock. One subclass per provider, so every test class
/// that derives from <see cref="AppTests{TFixture}"/> runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Friday 20 March 2026, 09:00 UTC: nine days before Europe's spring daylight-saving change.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "caredialog-tests", Guid.NewGuid().ToString("N"));

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Seed the demo organisations and accounts (off to test production's first run).</summary>
    protected virtual bool DemoMode => true;

    /// <summary>Run the Quartz publisher in the background (off by default so tests drive sweeps themselves).</summary>
    protected virtual bool RunScheduler => false;

    /// <summary>Replace the app's TimeProvider with <see cref="Clock"/>.</summary>
    protected virtual bool UseFakeClock => true;

    /// <summary>The clock the app runs on: <see cref="Clock"/>, or the system clock when the fake one is off.</summary>
    public TimeProvider AppClock => Services.GetRequiredService<TimeProvider>();
    protected abstract string ConnectionString { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Media:Root", Path.Combine(DataDirectory, "media"));
        builder.UseSetting("CareDialog:DemoMode", DemoMode ? "true" : "false");
        builder.UseSetting("CareDialog:PrintDemoAccounts", "false");
        builder.UseSetting("Publishing:RunScheduler", RunScheduler ? "true" : "false");
        builder.UseSetting("Publishing:SweepInterval", "00:00:01");
        builder.UseSetting("Publishing:SchedulerName", "tests-" + Guid.NewGuid().ToString("N"));
        builder.ConfigureServices(services =>
        {
            if (UseFakeClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
        });
    }

    public T Service<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public virtual Task InitializeAsync()
    {
        _ = Server; // starts the host: migrations and demo seeding run now, not inside the first test
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await CleanUpAsync();
    }

    protected virtual Task CleanUpAsync()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is harmless in a temp folder.
        }

        return Task.CompletedTask;
    }
}

public class SqliteAppFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string ConnectionString => $"Data Source={Path.Combine(DataDirectory, "test.db")}";
}

public class PostgresAppFixture : AppFixture
{
    private readonly string _database = "cd_test_" + Guid.NewGuid().ToString("N")[..12];

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = _database }.ConnectionString;

    protected override async Task CleanUpAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(PostgresServer.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
        await base.CleanUpAsync();
    }
}

public static class PostgresServer
{
    /// <summary>Set by ./build.sh test, which starts a throwaway cluster on a loopback port.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("CAREDIALOG_TEST_PG")
        ?? throw new InvalidOperationException(
            "CAREDIALOG_TEST_PG is not set. Run the tests with ./build.sh test, which starts a throwaway PostgreSQL cluster and sets it.");
}

/// <summary>Production's first run: no demo data, no users.</summary>
public sealed class EmptySqliteAppFixture : SqliteAppFixture
{
    protected override bool DemoMode => false;
}

public sealed class EmptyPostgresAppFixture : PostgresAppFixture
{
    protected override bool DemoMode => false;
}

/// <summary>
/// PostgreSQL with the clustered Quartz store running the publisher every second, on the real clock: Quartz's ADO
/// store takes the container's TimeProvider, and a frozen fake clock would freeze its trigger acquisition too.
/// </summary>
public sealed class ClusteredPostgresAppFixture : PostgresAppFixture
{
    protected override bool RunScheduler => true;
    protected override bool UseFakeClock => false;
}
