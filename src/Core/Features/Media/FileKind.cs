namespace CareDialog.Core.Features.Media;

/// <summary>What a file really is, judged by its first bytes: a name or a browser's content type can say anything.</summary>
public sealed record FileKind(string ContentType, string Extension, bool IsVideo, bool IsDocument)
{
    public static FileKind? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return new("image/jpeg", ".jpg", false, false);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return new("image/png", ".png", false, false);
        }

        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8))
        {
            return new("image/gif", ".gif", false, false);
        }

        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return new("image/webp", ".webp", false, false);
        }

        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
        {
            return new("video/mp4", ".mp4", true, false);
        }

        if (b.StartsWith("%PDF"u8))
        {
            return new("application/pdf", ".pdf", false, true);
        }

        return null;
    }
}
