using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CareDialog.Core.Features.Media;

/// <summary>
/// Time-limited, unguessable links to one attachment, for platforms that download media from a URL while publishing. The
/// token is the attachment id encrypted and signed by Data Protection, so it cannot be forged or pointed at another file.
/// </summary>
public sealed class PublicMediaLinks(IDataProtectionProvider provider, IOptions<MediaOptions> options)
{
    public const string RoutePrefix = "/media/public/";

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("CareDialog.PublicMedia.v1").ToTimeLimitedDataProtector();

    /// <summary>Null when no public base URL is configured.</summary>
    public Uri? For(MediaAttachment media) =>
        options.Value.PublicBaseUrl is { } baseUrl
            ? new Uri(baseUrl, RoutePrefix + _protector.Protect(media.Id.ToString("N"), options.Value.PublicLinkLifetime))
            : null;

    /// <summary>The attachment a token names, or null when it is forged, for another purpose or expired.</summary>
    public Guid? Resolve(string token)
    {
        try
        {
            return Guid.TryParseExact(_protector.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
