using CareDialog.Core.Data;
using CareDialog.Core.Features.Demo;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CareDialog.Web.Infrastructure;

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddCareDialogDatabase(this WebApplicationBuilder builder)
    {
        var options = DatabaseOptions.From(builder.Configuration, builder.Environment.ContentRootPath);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            options.ConnectionString = TunePostgres(options.ConnectionString);
        }

        builder.Services.AddCareDialogDatabase(options);
        builder.Services.AddSingleton(TimeProvider.System);
        // Keys live beside the data: a restart must not sign everyone out (and, later, must still decrypt channel tokens).
        var keys = Path.GetFullPath(builder.Configuration["DataProtection:KeysDirectory"]
            ?? Path.Combine(builder.Configuration["DataDirectory"] ?? Path.Combine(builder.Environment.ContentRootPath, "data"), "keys"));
        builder.Services.AddDataProtection().SetApplicationName("CareDialog").PersistKeysToFileSystem(new DirectoryInfo(keys));
        return builder;
    }

    /// <summary>
    /// Npgsql settings for a server that answers many short requests (each webhook delivery is a look-up and an insert),
    /// unless the connection string says otherwise. The app keeps no session state on its connections (no SET, no temporary
    /// tables), so a pooled connection need not be reset with DISCARD ALL each time it is returned, and statements used
    /// again and again are prepared once per connection instead of parsed and planned on every execution. Under the ingest
    /// benchmark the server spent a large part of its time in exactly that parsing and resetting.
    /// </summary>
    public static string TunePostgres(string connectionString)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        if (!HasKey(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            cs.NoResetOnClose = true;
        }

        if (!HasKey(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            cs.MaxAutoPrepare = 64;
        }

        return cs.ConnectionString;
    }

    private static bool HasKey(string connectionString, params string[] keys) =>
        connectionString.Split(';').Select(p => p.Split('=', 2)[0].Trim()).Any(k => keys.Contains(k, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Applies migrations (the embedded SQLite default must work with zero set-up; on PostgreSQL it can be turned off
    /// with Database:MigrateOnStartup=false and run as a separate step) and seeds the demo in demo mode.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("CareDialog.Startup");
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await db.Database.MigrateAsync();
        }

        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets the inbox and the pages read while webhook deliveries are written (in the default
            // rollback journal every write waits for all readers and blocks them). The mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        if (!app.Configuration.GetValue("CareDialog:DemoMode", false))
        {
            return;
        }

        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        logger.LogInformation(seeded ? "Demo data created." : "Demo data already present.");
        if (!app.Configuration.GetValue("CareDialog:PrintDemoAccounts", true))
        {
            return;
        }

        // Printed on the console on purpose: demo mode exists so a newcomer can sign in at once.
        Console.WriteLine();
        Console.WriteLine("CareDialog demo accounts (password for all: " + DemoSeeder.Password + "):");
        foreach (var a in DemoSeeder.Accounts)
        {
            Console.WriteLine($"  {a.Email,-26} {a.Description}");
        }

        Console.WriteLine();
    }
}
