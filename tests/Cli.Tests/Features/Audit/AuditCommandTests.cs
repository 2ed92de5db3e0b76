using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Cli.Tests.Features.Audit;

/// <summary>`caredialog audit verify` against a real SQLite database with a chained audit log.</summary>
public sealed class AuditCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "caredialog-cli-audit", Guid.NewGuid().ToString("N"));
    private string Connection => $"Data Source={Path.Combine(_dir, "audit.db")};Pooling=false";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        await using var db = Open();
        await db.Database.EnsureCreatedAsync();
        var orgId = Guid.NewGuid();
        for (var i = 0; i < 5; i++)
        {
            new AuditLog(db, TimeProvider.System).Record(OrgActor.System(orgId, "cli-test"), "test.entry", "Test", i, null, new { i }, $"entry {i}");
            await db.SaveChangesAsync();
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private AppDbContext Open()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = Connection }.Apply(builder);
        return new AppDbContext(builder.Options);
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, TextReader.Null, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void AuditVerify_OnAnUntouchedLog_ExitsZeroAndCountsTheEntries()
    {
        var (exit, output, _) = Run("audit", "verify", "--connection", Connection);

        Assert.Equal(0, exit);
        Assert.Contains("intact: 5 audit entries", output);
    }

    [Fact]
    public async Task AuditVerify_AfterARowWasModified_ExitsOneAndNamesTheEntry()
    {
        await using (var db = Open())
        {
            await db.AuditEntries.Where(a => a.ChainIndex == 3).ExecuteUpdateAsync(s => s.SetProperty(a => a.Action, "test.nothing"));
        }

        var (exit, output, _) = Run("audit", "verify", "--provider", "sqlite", "--connection", Connection);

        Assert.Equal(1, exit);
        Assert.Contains("broken at entry 3", output);
        Assert.Contains("changed after it was written", output);
    }

    [Fact]
    public void AuditVerify_WithAMissingDatabaseOrProvider_ExitsTwoWithoutCreatingAFile()
    {
        var missing = Path.Combine(_dir, "nope.db");

        var noFile = Run("audit", "verify", "--connection", $"Data Source={missing}");
        var badProvider = Run("audit", "verify", "--provider", "oracle", "--connection", Connection);

        Assert.Equal(2, noFile.Exit);
        Assert.Contains("No SQLite database", noFile.Err);
        Assert.False(File.Exists(missing));
        Assert.Equal(2, badProvider.Exit);
    }
}
