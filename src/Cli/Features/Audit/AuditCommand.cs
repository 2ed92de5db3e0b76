using System.CommandLine;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Cli.Features.Audit;

/// <summary>
/// <c>caredialog audit verify --provider sqlite|postgres --connection "..."</c>: walks the audit log's hash chain in the
/// database and exits 0 when it is intact, 1 naming the first entry that was changed, removed or inserted, 2 on bad input
/// or when the database cannot be read. It only reads; it never needs the web app running.
/// </summary>
public static class AuditCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var provider = new Option<string>("--provider") { Description = "sqlite (default) or postgres", DefaultValueFactory = _ => "sqlite" };
        var connection = new Option<string?>("--connection")
        {
            Description = "the database's connection string, e.g. \"Data Source=data/caredialog.db\" (default: $CAREDIALOG_DB)",
        };
        var verify = new Command("verify", "Check that no audit entry was changed, removed or inserted since it was written.") { provider, connection };
        verify.SetAction(parse =>
        {
            var cs = parse.GetValue(connection) ?? Environment.GetEnvironmentVariable("CAREDIALOG_DB");
            if (string.IsNullOrWhiteSpace(cs))
            {
                stderr.WriteLine("audit verify needs --connection \"...\" (or CAREDIALOG_DB).");
                return ExitCodes.BadInput;
            }

            DatabaseProvider which;
            switch (parse.GetValue(provider)?.ToLowerInvariant())
            {
                case "sqlite":
                    which = DatabaseProvider.Sqlite;
                    if (ExistingSqliteFile(cs) is { } missing)
                    {
                        stderr.WriteLine(missing);
                        return ExitCodes.BadInput;
                    }

                    break;
                case "postgres":
                    which = DatabaseProvider.Postgres;
                    break;
                default:
                    stderr.WriteLine("--provider is sqlite or postgres.");
                    return ExitCodes.BadInput;
            }

            try
            {
                var builder = new DbContextOptionsBuilder<AppDbContext>();
                new DatabaseOptions { Provider = which, ConnectionString = cs }.Apply(builder);
                using var db = new AppDbContext(builder.Options);
                var report = AuditChain.VerifyAsync(db, CancellationToken.None).GetAwaiter().GetResult();
                if (report.Intact)
                {
                    stdout.WriteLine($"intact: {report.Checked} audit entries, every hash and link holds.");
                    return ExitCodes.Ok;
                }

                stdout.WriteLine($"broken at entry {report.BrokenAt}: {report.Problem}. {report.Checked} entries before it are intact.");
                return ExitCodes.Blocked;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or ArgumentException or System.Data.Common.DbException)
            {
                // The connection string may hold a password: say what failed, not the string.
                stderr.WriteLine($"Could not read the audit log: {ex.GetType().Name}: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return new Command("audit", "The audit log.") { verify };
    }

    /// <summary>SQLite would create an empty file for a mistyped path and report an intact, empty chain; refuse instead.</summary>
    private static string? ExistingSqliteFile(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        return string.IsNullOrEmpty(builder.DataSource) || !File.Exists(builder.DataSource)
            ? $"No SQLite database at '{builder.DataSource}'."
            : null;
    }
}
