using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CareDialog.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Audit;

/// <summary>What a verification found: how many entries were checked and the first one that breaks the chain, if any.</summary>
public sealed record AuditChainReport(long Checked, long? BrokenAt, string? Problem)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>
/// The audit log as a hash chain: every entry carries the hash of the one before it (ChainIndex − 1) and a SHA-256 of its own
/// fields including that previous hash. Changing, deleting or inserting a row in the middle changes a hash the next entry
/// depends on, so <see cref="VerifyAsync"/> finds it. Entries are chained inside the same transaction that stores them, under a
/// lock (a PostgreSQL advisory lock across nodes; a process-wide gate on SQLite, which is single-node by design), so two writers
/// can never take the same place; the unique ChainIndex refuses it even if they tried. Cutting off the newest entries is not
/// detectable from the chain alone: publish or export the latest hash to notice that (docs/security.md).
/// </summary>
public static class AuditChain
{
    /// <summary>Arbitrary constant naming CareDialog's audit lock among PostgreSQL advisory locks.</summary>
    private const long AdvisoryLockKey = 0x43_44_41_55_44_49_54; // "CDAUDIT"

    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    /// <summary>Chains the added entries in <paramref name="added"/> order and saves; called by AppDbContext.SaveChangesAsync.</summary>
    internal static async Task<int> SaveChainedAsync(AppDbContext db, IReadOnlyList<AuditEntry> added, Func<Task<int>> save, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            await SqliteGate.WaitAsync(ct);
        }

        try
        {
            var own = db.Database.CurrentTransaction is null;
            await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
            if (!sqlite)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
            }

            var last = await db.AuditEntries.AsNoTracking().Where(a => a.ChainIndex != null)
                .OrderByDescending(a => a.ChainIndex).Select(a => new { a.ChainIndex, a.Hash }).FirstOrDefaultAsync(ct);
            var index = last?.ChainIndex ?? 0;
            var previous = last?.Hash ?? Genesis;
            foreach (var entry in added)
            {
                // PostgreSQL keeps microseconds; hash what will be read back, not the 100 ns ticks in memory.
                entry.AtUtc = new DateTime(entry.AtUtc.Ticks - (entry.AtUtc.Ticks % 10), DateTimeKind.Utc);
                entry.ChainIndex = ++index;
                entry.PreviousHash = previous;
                entry.Hash = HashOf(entry);
                previous = entry.Hash;
            }

            var saved = await save();
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }

            return saved;
        }
        finally
        {
            if (sqlite)
            {
                SqliteGate.Release();
            }
        }
    }

    /// <summary>The hash the chain starts from: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(AuditEntry e)
    {
        var sb = new StringBuilder();
        foreach (var field in new[]
                 {
                     e.ChainIndex?.ToString(CultureInfo.InvariantCulture), e.PreviousHash, e.OrganisationId?.ToString("D"), e.UserId, e.UserName,
                     DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture), e.Action, e.EntityType, e.EntityId,
                     e.Before, e.After, e.Reason,
                 })
        {
            // Length-prefixed, so moving text from one field to the next changes the hash; null differs from empty.
            sb.Append(field is null ? "-1:" : $"{field.Length}:").Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>Walks the whole chain in order, in pages, and reports the first entry whose link or hash does not hold.</summary>
    public static async Task<AuditChainReport> VerifyAsync(AppDbContext db, CancellationToken ct)
    {
        long checkedCount = 0, expectedIndex = 1;
        var previous = Genesis;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking().Where(a => a.ChainIndex >= expectedIndex)
                .OrderBy(a => a.ChainIndex).Take(1000).ToListAsync(ct);
            if (page.Count == 0)
            {
                return new AuditChainReport(checkedCount, null, null);
            }

            foreach (var e in page)
            {
                if (e.ChainIndex != expectedIndex)
                {
                    return new AuditChainReport(checkedCount, expectedIndex, $"entry {expectedIndex} is missing (the next one is {e.ChainIndex})");
                }

                if (e.PreviousHash != previous)
                {
                    return new AuditChainReport(checkedCount, e.ChainIndex, $"entry {e.ChainIndex} does not point to the hash of entry {e.ChainIndex - 1}");
                }

                if (e.Hash != HashOf(e))
                {
                    return new AuditChainReport(checkedCount, e.ChainIndex, $"entry {e.ChainIndex} was changed after it was written (its hash no longer matches)");
                }

                previous = e.Hash!;
                expectedIndex++;
                checkedCount++;
            }
        }
    }
}
