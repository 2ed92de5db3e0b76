using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// SQLite's synchronous setting in WAL mode. Full (SQLite's default) flushes every commit to disk, so an answered webhook
/// delivery survives a power loss; Normal flushes at checkpoints only: still safe against an application crash and never
/// corrupt, but the last commits can be lost with the machine — for two to three times the write throughput (bench/Ingest.Bench).
/// </summary>
public enum SqliteSynchronous { Full, Normal }

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string ConnectionString { get; set; } = "";
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    public const string SqliteMigrationsAssembly = "CareDialog.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "CareDialog.Migrations.Postgres";

    public static DatabaseOptions From(IConfiguration configuration, string contentRoot)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var cs = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException(
                    "Database:Provider=Postgres needs ConnectionStrings:Default, e.g. Host=127.0.0.1;Port=5432;Username=...;Password=...;Database=caredialog");
            }

            var dataDir = Path.GetFullPath(configuration["DataDirectory"] ?? Path.Combine(contentRoot, "data"));
            Directory.CreateDirectory(dataDir);
            cs = $"Data Source={Path.Combine(dataDir, "caredialog.db")}";
        }

        return new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = cs,
            SqliteSynchronous = configuration.GetValue("Database:SqliteSynchronous", SqliteSynchronous.Full),
        };
    }

    public void Apply(DbContextOptionsBuilder builder)
    {
        _ = Provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(new SqliteConnectionPragmas(SqliteSynchronous)),
            DatabaseProvider.Postgres => builder.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)),
            _ => throw new InvalidOperationException($"Unknown database provider {Provider}."),
        };
    }
}

public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddCareDialogDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        // Pooled: building the options and a fresh context for every request and job run was a tenth of the CPU of a webhook
        // delivery (bench/Ingest.Bench); AppDbContext takes nothing but its options, so reusing instances is safe.
        services.AddDbContextPool<AppDbContext>(options.Apply);
        return services;
    }
}

/// <summary>
/// Per-connection SQLite settings, applied whenever EF opens a connection. The busy timeout lets SQLite itself wait for the
/// write lock: Microsoft.Data.Sqlite sets none and instead retries a locked statement after sleeping 150 ms, so with a few
/// concurrent writers (webhook deliveries while a batch is committed) a delivery waited 150, 300, 600 ms for a lock held a
/// few milliseconds; SQLite's own handler retries within a millisecond or two. See <see cref="Data.SqliteSynchronous"/>.
/// </summary>
internal sealed class SqliteConnectionPragmas(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA busy_timeout = 30000; PRAGMA synchronous = {(synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
