using CareDialog.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CareDialog.Migrations.Postgres;

/// <summary>Lets dotnet-ef build the model with the Postgres provider; the connection is never opened to add a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsAssembly(DatabaseOptions.PostgresMigrationsAssembly)).Options);
}
