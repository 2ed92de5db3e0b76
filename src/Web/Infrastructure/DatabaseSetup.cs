using CareDialog.Core.Data;
using CareDialog.Core.Features.Demo;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Infrastructure;

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddCareDialogDatabase(this WebApplicationBuilder builder)
    {
        var options = DatabaseOptions.From(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddCareDialogDatabase(options);
        builder.Services.AddSingleton(TimeProvider.System);
        // Keys live beside the data: a restart must not sign everyone out (and, later, must still decrypt channel tokens).
        var keys = Path.GetFullPath(builder.Configuration["DataProtection:KeysDirectory"]
            ?? Path.Combine(builder.Configuration["DataDirectory"] ?? Path.Combine(builder.Environment.ContentRootPath, "data"), "keys"));
        builder.Services.AddDataProtection().SetApplicationName("CareDialog").PersistKeysToFileSystem(new DirectoryInfo(keys));
        return builder;
    }

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
