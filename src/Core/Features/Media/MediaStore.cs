using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareDialog.Core.Features.Media;

public sealed class MediaOptions
{
    /// <summary>Folder for uploaded files; relative paths are under the content root's data folder.</summary>
    public string Root { get; set; } = "data/media";
    public long MaxImageBytes { get; set; } = 8 * 1024 * 1024;
    public long MaxVideoBytes { get; set; } = 100 * 1024 * 1024;
    /// <summary>
    /// This server's public address (e.g. https://caredialog.example.org). Platforms that fetch media themselves (Instagram)
    /// get an unguessable link below it that works for <see cref="PublicLinkLifetime"/>; without it they cannot publish media.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
    public TimeSpan PublicLinkLifetime { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>Files on disk, named by id inside a per-organisation folder, so no user input ever becomes a path.</summary>
public sealed class MediaStore(IOptions<MediaOptions> options)
{
    public string RootPath { get; } = Path.GetFullPath(options.Value.Root);

    public string AbsolutePath(MediaAttachment media) => Path.Combine(RootPath, media.StoragePath);

    internal string NewRelativePath(Guid organisationId, Guid mediaId, string extension) =>
        Path.Combine(organisationId.ToString("N"), mediaId.ToString("N") + extension);
}

/// <summary>Accepts an image or a video for a post after checking what the bytes really are, not what the name says.</summary>
public sealed class UploadMedia(AppDbContext db, MediaStore store, AuditLog audit, TimeProvider clock, IOptions<MediaOptions> options)
{
    public async Task<Result<MediaAttachment>> HandleAsync(OrgActor actor, string fileName, Stream content, Guid? postId, CancellationToken ct)
    {
        if (actor.Require(Permission.UploadMedia) is { } denied)
        {
            return denied;
        }

        if (postId is { } pid && !await db.Posts.AnyAsync(p => p.Id == pid && p.OrganisationId == actor.OrganisationId, ct))
        {
            return UseCaseError.NotFound("Post");
        }

        // Read one byte more than the largest allowed size so "too large" is detected without trusting a header.
        var limit = Math.Max(options.Value.MaxImageBytes, options.Value.MaxVideoBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return UseCaseError.Invalid($"The file is larger than {limit / (1024 * 1024)} MB.", "file");
            }
        }

        if (buffer.Length == 0)
        {
            return UseCaseError.Invalid("The file is empty.", "file");
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (FileKind.Sniff(bytes) is not { IsDocument: false } kind)
        {
            return UseCaseError.Invalid("Only JPEG, PNG, GIF, WebP images and MP4 videos can be attached; this file is none of them.", "file");
        }

        var max = kind.IsVideo ? options.Value.MaxVideoBytes : options.Value.MaxImageBytes;
        if (buffer.Length > max)
        {
            return UseCaseError.Invalid($"{(kind.IsVideo ? "Videos" : "Images")} may be at most {max / (1024 * 1024)} MB; this one is {buffer.Length / (1024.0 * 1024):0.0} MB.", "file");
        }

        var media = new MediaAttachment
        {
            OrganisationId = actor.OrganisationId,
            PostId = postId,
            FileName = SafeDisplayName(fileName),
            ContentType = kind.ContentType,
            SizeBytes = buffer.Length,
            StoragePath = "",
            UploadedById = actor.UserId,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        media.StoragePath = store.NewRelativePath(actor.OrganisationId, media.Id, kind.Extension);
        var path = store.AbsolutePath(media);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, buffer.ToArray(), ct);

        db.Media.Add(media);
        audit.Record(actor, "media.uploaded", "Media", media.Id, null, new { media.FileName, media.ContentType, media.SizeBytes, PostId = postId });
        await db.SaveChangesAsync(ct);
        return media;
    }

    private static string SafeDisplayName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return string.IsNullOrEmpty(name) ? "upload" : name.Length > 200 ? name[..200] : name;
    }
}
