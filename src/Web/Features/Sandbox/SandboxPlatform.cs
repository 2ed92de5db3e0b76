using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing.Sandbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Features.Sandbox;

/// <summary>
/// The Sandbox platform's public post page: what a follower would see at the link CareDialog stores after publishing, with
/// its comments and forms to comment or send the page a private message — so the demo inbox can be fed by hand. It is
/// outside CareDialog's own pages on purpose, like a real platform (anonymous, no CareDialog session involved).
/// </summary>
public static class SandboxPlatform
{
    private const int MaxName = 100;

    public static void MapSandboxPlatform(this WebApplication app)
    {
        app.MapGet("/sandbox/p/{remoteId}", async (string remoteId, AppDbContext db, CancellationToken ct) =>
            {
                var post = await db.SandboxRemotePosts.AsNoTracking().SingleOrDefaultAsync(p => p.RemoteId == remoteId && p.Live, ct);
                if (post is null)
                {
                    return Results.NotFound();
                }

                var channel = await db.Channels.AsNoTracking().Where(c => c.Id == post.ChannelId).Select(c => c.Name).SingleOrDefaultAsync(ct);
                var comments = await db.SandboxRemoteComments.AsNoTracking()
                    .Where(c => c.ChannelId == post.ChannelId && c.PostRemoteId == remoteId && !c.Hidden)
                    .OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id).ToListAsync(ct);
                return Results.Content(Page(post, channel ?? "", comments), "text/html; charset=utf-8");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        // The simulated platform's own forms; CareDialog's antiforgery protects CareDialog, not this stand-in for a foreign site.
        app.MapPost("/sandbox/p/{remoteId}/comments", (string remoteId, [FromForm] string? author, [FromForm] string? text, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                AddAsync(remoteId, author, text, message: false, db, clock, ct))
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/sandbox/p/{remoteId}/messages", (string remoteId, [FromForm] string? author, [FromForm] string? text, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                AddAsync(remoteId, author, text, message: true, db, clock, ct))
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> AddAsync(string remoteId, string? author, string? text, bool message, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var post = await db.SandboxRemotePosts.AsNoTracking().SingleOrDefaultAsync(p => p.RemoteId == remoteId && p.Live, ct);
        if (post is null)
        {
            return Results.NotFound();
        }

        var clean = PostRules.CleanText(text, "text");
        var name = author?.Trim() ?? "";
        if (clean.Error is { } error || name.Length is 0 or > MaxName)
        {
            return Results.Problem(statusCode: 400, title: "Invalid input", detail: clean.Error?.Message ?? $"A name of 1–{MaxName} characters is needed.");
        }

        var authorId = "visitor-" + SyntheticEngagement.Seed(name).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        db.SandboxRemoteComments.Add(new SandboxRemoteComment
        {
            RemoteId = "sbc_" + Guid.NewGuid().ToString("N")[..16],
            ChannelId = post.ChannelId,
            PostRemoteId = message ? null : remoteId,
            ConversationId = message ? authorId : null,
            AuthorName = name,
            AuthorId = authorId,
            Text = clean.Value,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return Results.Redirect($"/sandbox/p/{Uri.EscapeDataString(remoteId)}");
    }

    private static string Page(SandboxRemotePost post, string channel, List<SandboxRemoteComment> comments)
    {
        // Encode markup, keep letters: Danish, Turkish and Russian text stays readable in the page source.
        var enc = HtmlEncoder.Create(UnicodeRanges.All);
        var list = new StringBuilder();
        foreach (var c in comments)
        {
            list.Append($"""<div class="comment{(c.FromPage ? " page" : "")}" data-comment="{enc.Encode(c.RemoteId)}"><b>{enc.Encode(c.AuthorName)}</b> <span class="meta">{c.CreatedAtUtc:yyyy-MM-dd HH:mm} UTC</span><div class="text">{enc.Encode(c.Text)}</div></div>""");
        }

        var id = enc.Encode(post.RemoteId);
        return $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>Sandbox post {{id}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:560px;margin:40px auto;color:#1c1c1c}
            .card{border:1px solid #ddd;border-radius:12px;padding:20px;margin-bottom:16px}.meta{color:#666;font-size:13px}
            .text{white-space:pre-wrap;margin:8px 0;line-height:1.45}.comment{border-top:1px solid #eee;padding:8px 0}.page{margin-left:18px}
            form{display:flex;flex-direction:column;gap:6px;margin-top:10px}</style></head>
            <body><div class="card"><div class="meta">Sandbox platform · {{enc.Encode(channel)}}</div>
            <div class="text" id="remote-text">{{enc.Encode(post.Text)}}</div>
            <div class="meta">id <code id="remote-id">{{id}}</code> · {{post.CreatedAtUtc:yyyy-MM-dd HH:mm}} UTC</div></div>
            <div class="card" id="comments"><div class="meta">Comments</div>{{list}}
            <form method="post" action="/sandbox/p/{{id}}/comments" id="comment-form"><input name="author" placeholder="Your name" maxlength="100" required>
            <textarea name="text" placeholder="Write a comment" required></textarea><button>Comment</button></form>
            <form method="post" action="/sandbox/p/{{id}}/messages" id="message-form"><textarea name="text" placeholder="Send the page a private message" required></textarea>
            <input name="author" placeholder="Your name" maxlength="100" required><button>Send message</button></form></div></body></html>
            """;
    }
}
