using CareDialog.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CareDialog.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build the model with the Sqlite provider; the connection is never opened to add a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(DatabaseOptions.SqliteMigrationsAssembly)).Options);
}
