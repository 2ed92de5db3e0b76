using System.Net;
using System.Net.Http.Json;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Audit;

/// <summary>The audit log is a hash chain: every change to a stored entry, and every removed entry, is found by verification.</summary>
public abstract class AuditChainTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    private async Task WriteEntriesConcurrentlyAsync(int count)
    {
        var orgId = (await OrgAsync("DK")).OrgId;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), async (i, ct) =>
        {
            using var scope = App.Services.CreateScope();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            audit.Record(OrgActor.System(orgId, "test"), "test.concurrent", "Test", i, null, new { i }, $"entry {i} – ærø, İstanbul, Москва");
            await scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>().SaveChangesAsync(ct);
        });
    }

    [Fact]
    public async Task EntriesWrittenConcurrently_FormOneUnbrokenChain_AndVerifyAsIntact()
    {
        await WriteEntriesConcurrentlyAsync(40);

        var indexes = await Db(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.ChainIndex).Select(a => a.ChainIndex).ToListAsync());
        var report = await Db(db => AuditChain.VerifyAsync(db, default));
        var viaApi = await (await SignInAsync("admin@caredialog.demo")).GetFromJsonAsync<AuditChainReport>($"/api/v1/orgs/{(await OrgAsync("DK")).Slug}/audit/verify", Json);

        Assert.All(indexes, i => Assert.NotNull(i));
        Assert.Equal(Enumerable.Range(1, indexes.Count).Select(i => (long?)i), indexes);
        Assert.True(report.Intact, report.Problem);
        Assert.Equal(indexes.Count, report.Checked);
        Assert.True(viaApi!.Intact);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync("editor@caredialog.demo")).GetAsync($"/api/v1/orgs/{(await OrgAsync("DK")).Slug}/audit/verify")).StatusCode);
    }

}

/// <summary>Tampering, in a class of its own: it leaves its fixture's chain broken on purpose.</summary>
public abstract class AuditTamperTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    [Fact]
    public async Task ChangedOrRemovedEntry_IsFoundByVerification_AtItsPlaceInTheChain()
    {
        var orgId = (await OrgAsync("DK")).OrgId;
        for (var i = 0; i < 10; i++)
        {
            using var scope = App.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<AuditLog>().Record(OrgActor.System(orgId, "test"), "test.concurrent", "Test", i, null, new { i }, $"entry {i}");
            await scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>().SaveChangesAsync();
        }

        var victim = await Db(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "test.concurrent").OrderBy(a => a.ChainIndex).Skip(3).FirstAsync());

        // The database itself refuses to change or remove an entry...
        var refusedUpdate = await Record.ExceptionAsync(() => Db(db => db.AuditEntries.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Reason, "nothing happened"))));
        var refusedDelete = await Record.ExceptionAsync(() => Db(db => db.AuditEntries.Where(a => a.Id == victim.Id).ExecuteDeleteAsync()));
        Assert.Contains("append-only", refusedUpdate?.Message + refusedUpdate?.InnerException?.Message);
        Assert.Contains("append-only", refusedDelete?.Message + refusedDelete?.InnerException?.Message);

        // ...so someone with the database owner's rights drops that guard first and rewrites the reason of one entry.
        await Db(db => db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite()
            ? "DROP TRIGGER \"AuditEntries_no_update\"; DROP TRIGGER \"AuditEntries_no_delete\";"
            : "DROP TRIGGER \"AuditEntries_append_only\" ON \"AuditEntries\";"));
        await Db(db => db.AuditEntries.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Reason, "nothing happened")));
        var changed = await Db(db => AuditChain.VerifyAsync(db, default));
        await Db(db => db.AuditEntries.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Reason, victim.Reason)));
        var restored = await Db(db => AuditChain.VerifyAsync(db, default));
        await Db(db => db.AuditEntries.Where(a => a.Id == victim.Id).ExecuteDeleteAsync());
        var removed = await Db(db => AuditChain.VerifyAsync(db, default));

        Assert.Equal(victim.ChainIndex, changed.BrokenAt);
        Assert.Contains("changed after it was written", changed.Problem);
        Assert.True(restored.Intact);
        Assert.Equal(victim.ChainIndex, removed.BrokenAt);
        Assert.Contains("missing", removed.Problem);
    }
}

public sealed class AuditChainTests_Sqlite(SqliteAppFixture app) : AuditChainTests<SqliteAppFixture>(app);

public sealed class AuditChainTests_Postgres(PostgresAppFixture app) : AuditChainTests<PostgresAppFixture>(app);

public sealed class AuditTamperTests_Sqlite(SqliteAppFixture app) : AuditTamperTests<SqliteAppFixture>(app);

public sealed class AuditTamperTests_Postgres(PostgresAppFixture app) : AuditTamperTests<PostgresAppFixture>(app);
