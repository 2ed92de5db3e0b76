using System.Security.Cryptography;
using System.Text;
using CareDialog.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Posts;

public static class PostQueries
{
    /// <summary>Every load is scoped by organisation: an id from another organisation is simply not found.</summary>
    public static Task<Post?> LoadAsync(AppDbContext db, Guid organisationId, Guid postId, CancellationToken ct) =>
        db.Posts
            .Include(p => p.Targets).ThenInclude(t => t.Channel)
            .Include(p => p.Media)
            .Include(p => p.Consents).ThenInclude(c => c.Consent)
            .Include(p => p.Overrides)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == postId && p.OrganisationId == organisationId, ct);

    /// <summary>Posts whose planned or published instant falls in [fromUtc, toUtc).</summary>
    public static Task<List<Post>> InRangeAsync(AppDbContext db, Guid organisationId, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        db.Posts.AsNoTracking()
            .Include(p => p.Targets).ThenInclude(t => t.Channel)
            .AsSplitQuery()
            .Where(p => p.OrganisationId == organisationId
                        && ((p.PublishedAtUtc != null && p.PublishedAtUtc >= fromUtc && p.PublishedAtUtc < toUtc)
                            || (p.PublishedAtUtc == null && p.ScheduledAtUtc != null && p.ScheduledAtUtc >= fromUtc && p.ScheduledAtUtc < toUtc)))
            .OrderBy(p => p.ScheduledAtUtc)
            .ToListAsync(ct);
}

/// <summary>What the audit log keeps of a post: enough to see what changed, without copying the text itself.</summary>
public sealed record PostSnapshot(string Title, PostStatus Status, int TextLength, string TextSha256, string? ScheduledLocal, IReadOnlyList<Guid> Channels, int Version)
{
    public static PostSnapshot Of(Post p) => new(
        p.Title, p.Status, p.Text.Length,
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(p.Text)))[..16],
        p.ScheduledLocal, p.Targets.Select(t => t.ChannelId).Order().ToList(), p.Version);
}
