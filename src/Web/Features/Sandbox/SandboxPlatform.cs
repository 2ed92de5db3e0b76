using System.Text.Encodings.Web;
using System.Text.Unicode;
using CareDialog.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Features.Sandbox;

/// <summary>
/// The Sandbox platform's public post page: what a follower would see at the link CareDialog stores after publishing.
/// It is outside CareDialog's own pages on purpose, like a real platform.
/// </summary>
public static class SandboxPlatform
{
    public static void MapSandboxPlatform(this WebApplication app) =>
        app.MapGet("/sandbox/p/{remoteId}", async (string remoteId, AppDbContext db, CancellationToken ct) =>
            {
                var post = await db.SandboxRemotePosts.AsNoTracking().SingleOrDefaultAsync(p => p.RemoteId == remoteId && p.Live, ct);
                if (post is null)
                {
                    return Results.NotFound();
                }

                var channel = await db.Channels.AsNoTracking().Where(c => c.Id == post.ChannelId).Select(c => c.Name).SingleOrDefaultAsync(ct);
                // Encode markup, keep letters: Danish, Turkish and Russian text stays readable in the page source.
                var enc = HtmlEncoder.Create(UnicodeRanges.All);
                var html = $$"""
                    <!DOCTYPE html><html><head><meta charset="utf-8"><title>Sandbox post {{enc.Encode(post.RemoteId)}}</title>
                    <style>body{font-family:system-ui,sans-serif;max-width:560px;margin:40px auto;color:#1c1c1c}
                    .card{border:1px solid #ddd;border-radius:12px;padding:20px}.meta{color:#666;font-size:13px}
                    .text{white-space:pre-wrap;margin:12px 0;line-height:1.45}</style></head>
                    <body><div class="card"><div class="meta">Sandbox platform · {{enc.Encode(channel ?? "")}}</div>
                    <div class="text" id="remote-text">{{enc.Encode(post.Text)}}</div>
                    <div class="meta">id <code id="remote-id">{{enc.Encode(post.RemoteId)}}</code> · {{post.CreatedAtUtc:yyyy-MM-dd HH:mm}} UTC</div></div></body></html>
                    """;
                return Results.Content(html, "text/html; charset=utf-8");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
}
