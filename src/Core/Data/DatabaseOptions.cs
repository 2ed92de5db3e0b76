using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string ConnectionString { get; set; } = "";

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

        return new DatabaseOptions { Provider = provider, ConnectionString = cs };
    }

    public void Apply(DbContextOptionsBuilder builder)
    {
        _ = Provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
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
