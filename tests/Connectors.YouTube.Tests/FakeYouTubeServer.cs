using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CareDialog.Connectors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CareDialog.Connectors.YouTube.Tests;

/// <summary>How the fake answers <see cref="Fault.RateLimited"/>: the daily quota (§5.4/§5.5) or the short-term limit.</summary>
public enum GoogleRateLimit { QuotaExceeded, RateLimitExceeded }

public sealed class FakeVideo
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required DateTime PublishedAtUtc { get; init; }
    public string? PrivacyStatus { get; init; }
    public string? CategoryId { get; init; }
    public string? ContentType { get; init; }
    public long Length { get; init; }
    public long Views { get; set; }
    /// <summary>Null when the owner hides the like count: the statistic is then missing from videos.list.</summary>
    public long? Likes { get; set; }
    /// <summary>False when comments are disabled: commentCount is then missing.</summary>
    public bool CommentsEnabled { get; set; } = true;
}

public sealed class FakeComment
{
    public required string Id { get; init; }
    public required string VideoId { get; init; }
    public string? ParentId { get; init; }
    public required string Author { get; init; }
    public required string AuthorChannelId { get; init; }
    public required string Text { get; init; }
    public required DateTime PublishedAtUtc { get; init; }
    public string ModerationStatus { get; set; } = "published";
}

/// <summary>
/// YouTube Data API v3 and Google's token endpoint as documented in platform-apis.md §5 (and the resumable upload guide):
/// channels, videos, playlistItems (the uploads playlist), commentThreads, comments, moderation, the resumable upload
/// session, and errors in Google's JSON shape. Faults are answered the way Google does.
/// </summary>
public sealed class FakeYouTubeServer : FakePlatformServer
{
    public const string ChannelId = "UCx9Kq2tCareDialogClinic";
    public const string ChannelTitle = "Nordby Health Centre";
    public const string ChannelHandle = "@nordbyhealth";
    public const string ClientId = "1234-fake.apps.googleusercontent.com";
    public const string ClientSecret = "fake-client-secret";

    private readonly object _lock = new();
    private readonly ConcurrentDictionary<string, bool> _accessTokens = new();
    private readonly ConcurrentDictionary<string, bool> _refreshTokens = new();
    private readonly ConcurrentDictionary<string, string> _codes = new();
    private readonly List<FakeVideo> _videos = [];
    private readonly List<FakeComment> _comments = [];
    private readonly ConcurrentDictionary<string, UploadSession> _sessions = new();
    private Fault? _byteUploadFault;
    private int _ids;

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public GoogleRateLimit RateLimitAs { get; set; } = GoogleRateLimit.QuotaExceeded;

    /// <summary>Google normally sends no refresh_token on a refresh (§5.6).</summary>
    public bool RefreshReturnsRefreshToken { get; set; }

    /// <summary>What Google does when consent was given before without prompt=consent: no refresh_token on the code exchange.</summary>
    public bool CodeExchangeOmitsRefreshToken { get; set; }

    /// <summary>How many replies commentThreads embeds; the rest only comments.list returns (§5.2).</summary>
    public int EmbeddedReplies { get; set; } = 1;

    public long Subscribers { get; set; } = 1520;

    public bool HiddenSubscriberCount { get; set; }

    public IReadOnlyList<FakeVideo> Videos
    {
        get
        {
            lock (_lock)
            {
                return [.. _videos];
            }
        }
    }

    public string UploadsPlaylistId => "UU" + ChannelId[2..];

    public void AddAccessToken(string token) => _accessTokens[token] = true;

    public void ExpireAccessToken(string token) => _accessTokens.TryRemove(token, out _);

    public void AddRefreshToken(string token) => _refreshTokens[token] = true;

    public void RevokeRefreshToken(string token) => _refreshTokens.TryRemove(token, out _);

    /// <summary>An authorisation code the consent page would have issued for this PKCE verifier.</summary>
    public void GrantCode(string code, string codeVerifier) => _codes[code] = codeVerifier;

    /// <summary>The next byte upload (PUT to a session) gets this fault, whatever the session start got.</summary>
    public void FailByteUpload(Fault fault)
    {
        lock (_lock)
        {
            _byteUploadFault = fault;
        }
    }

    public FakeVideo AddVideo(string title, string description, DateTime publishedAtUtc)
    {
        var video = new FakeVideo { Id = NextId("vid"), Title = title, Description = description, PublishedAtUtc = publishedAtUtc, Views = 10, Likes = 1 };
        lock (_lock)
        {
            _videos.Add(video);
        }

        return video;
    }

    public FakeComment AddComment(string videoId, string author, string text, DateTime atUtc, string? parentId = null, string? authorChannelId = null)
    {
        var comment = new FakeComment
        {
            Id = NextId(parentId is null ? "Ugz" : "Ugx"),
            VideoId = videoId,
            ParentId = parentId,
            Author = author,
            AuthorChannelId = authorChannelId ?? "UC" + author.GetHashCode(StringComparison.Ordinal).ToString("x8", CultureInfo.InvariantCulture),
            Text = text,
            PublishedAtUtc = atUtc,
        };
        lock (_lock)
        {
            _comments.Add(comment);
        }

        return comment;
    }

    public FakeComment? Comment(string id)
    {
        lock (_lock)
        {
            return _comments.FirstOrDefault(c => c.Id == id);
        }
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/token", Token);
        app.MapGet("/youtube/v3/channels", ctx => Api(ctx, Channels));
        app.MapGet("/youtube/v3/videos", ctx => Api(ctx, VideosList));
        app.MapGet("/youtube/v3/playlistItems", ctx => Api(ctx, PlaylistItems));
        app.MapGet("/youtube/v3/commentThreads", ctx => Api(ctx, CommentThreads));
        app.MapGet("/youtube/v3/comments", ctx => Api(ctx, CommentsList));
        app.MapPost("/youtube/v3/comments", ctx => Api(ctx, CommentsInsert));
        app.MapPost("/youtube/v3/comments/setModerationStatus", ctx => Api(ctx, SetModerationStatus));
        app.MapPost("/upload/youtube/v3/videos", StartUpload);
        app.MapPut("/upload/youtube/v3/videos", UploadBytes);
    }

    private sealed record Reply(int Status, object? Body, string? Location = null);

    private sealed record UploadSession(JsonNode Metadata, long Length, string ContentType, Fault? Deferred);

    /// <summary>Every API call: one queued fault, then authentication, then the work.</summary>
    private async Task Api(HttpContext ctx, Func<HttpContext, Task<Reply>> work)
    {
        var fault = TakeFault();
        if (fault == Fault.TimeoutBeforeProcessing)
        {
            if (await HoldAsync(ctx))
            {
                await WriteFaultAsync(ctx, Fault.ServerError);
            }

            return;
        }

        if (fault is { } f && f != Fault.TimeoutAfterProcessing)
        {
            await WriteFaultAsync(ctx, f);
            return;
        }

        if (!Authorized(ctx))
        {
            await WriteGoogleErrorAsync(ctx, 401, "global", "authError", "Request had invalid authentication credentials.");
            return;
        }

        var reply = await work(ctx);
        if (fault == Fault.TimeoutAfterProcessing && !await HoldAsync(ctx))
        {
            return;
        }

        await WriteAsync(ctx, reply);
    }

    private async Task Token(HttpContext ctx)
    {
        var fault = TakeFault();
        if (fault is Fault.TimeoutBeforeProcessing or Fault.TimeoutAfterProcessing)
        {
            await HoldAsync(ctx);
            return;
        }

        var form = await ctx.Request.ReadFormAsync();
        switch (fault)
        {
            case Fault.ServerError:
                await Json(ctx, 500, new { error = "internal_failure", error_description = "Backend error." });
                return;
            case Fault.RateLimited:
                await Json(ctx, 429, new { error = "rate_limit_exceeded" });
                return;
            case Fault.ExpiredToken:
                await Json(ctx, 400, new { error = "invalid_grant", error_description = "Token has been expired or revoked." });
                return;
            case Fault.PermissionDenied:
                await Json(ctx, 401, new { error = "invalid_client", error_description = "Unauthorized" });
                return;
        }

        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            await Json(ctx, 401, new { error = "invalid_client", error_description = "Unauthorized" });
            return;
        }

        var access = NextId("ya29.");
        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                if (!_codes.TryRemove(form["code"].ToString(), out var verifier) || verifier != form["code_verifier"])
                {
                    await Json(ctx, 400, new { error = "invalid_grant", error_description = "Malformed auth code." });
                    return;
                }

                AddAccessToken(access);
                var refresh = NextId("1//");
                AddRefreshToken(refresh);
                var body = new Dictionary<string, object>
                {
                    ["access_token"] = access,
                    ["expires_in"] = 3599,
                    ["scope"] = "https://www.googleapis.com/auth/youtube.force-ssl https://www.googleapis.com/auth/youtube.upload",
                    ["token_type"] = "Bearer",
                };
                if (!CodeExchangeOmitsRefreshToken)
                {
                    body["refresh_token"] = refresh;
                }

                await Json(ctx, 200, body);
                return;
            case "refresh_token":
                if (!_refreshTokens.ContainsKey(form["refresh_token"].ToString()))
                {
                    await Json(ctx, 400, new { error = "invalid_grant", error_description = "Token has been expired or revoked." });
                    return;
                }

                AddAccessToken(access);
                var refreshed = new Dictionary<string, object>
                {
                    ["access_token"] = access,
                    ["expires_in"] = 3599,
                    ["scope"] = "https://www.googleapis.com/auth/youtube.force-ssl https://www.googleapis.com/auth/youtube.upload",
                    ["token_type"] = "Bearer",
                };
                if (RefreshReturnsRefreshToken)
                {
                    var rotated = NextId("1//");
                    AddRefreshToken(rotated);
                    refreshed["refresh_token"] = rotated;
                }

                await Json(ctx, 200, refreshed);
                return;
            default:
                await Json(ctx, 400, new { error = "unsupported_grant_type" });
                return;
        }
    }

    private Task<Reply> Channels(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var parts = Parts(ctx);
        var mine = q["mine"] == "true";
        var ids = q["id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (!mine && ids.Length == 0)
        {
            return Task.FromResult(BadRequest("missingRequiredParameter", "No filter selected."));
        }

        var items = new List<object>();
        if (mine || ids.Contains(ChannelId))
        {
            var item = new Dictionary<string, object> { ["kind"] = "youtube#channel", ["etag"] = "e1", ["id"] = ChannelId };
            if (parts.Contains("snippet"))
            {
                item["snippet"] = new { title = ChannelTitle, description = "", customUrl = ChannelHandle, publishedAt = "2019-04-02T08:00:00Z" };
            }

            if (parts.Contains("contentDetails"))
            {
                item["contentDetails"] = new { relatedPlaylists = new { likes = "", uploads = UploadsPlaylistId } };
            }

            if (parts.Contains("statistics"))
            {
                var stats = new Dictionary<string, object>
                {
                    ["viewCount"] = "48211",
                    ["hiddenSubscriberCount"] = HiddenSubscriberCount,
                    ["videoCount"] = Videos.Count.ToString(CultureInfo.InvariantCulture),
                };
                if (!HiddenSubscriberCount)
                {
                    stats["subscriberCount"] = Subscribers.ToString(CultureInfo.InvariantCulture);
                }

                item["statistics"] = stats;
            }

            items.Add(item);
        }

        return Task.FromResult(List("youtube#channelListResponse", items, null));
    }

    private Task<Reply> VideosList(HttpContext ctx)
    {
        var ids = ctx.Request.Query["id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var items = Videos.Where(v => ids.Contains(v.Id)).Select(v =>
        {
            var stats = new Dictionary<string, object> { ["viewCount"] = v.Views.ToString(CultureInfo.InvariantCulture), ["favoriteCount"] = "0" };
            if (v.Likes is { } likes)
            {
                stats["likeCount"] = likes.ToString(CultureInfo.InvariantCulture);
            }

            if (v.CommentsEnabled)
            {
                stats["commentCount"] = PublishedComments(v.Id).Count().ToString(CultureInfo.InvariantCulture);
            }

            return (object)new Dictionary<string, object> { ["kind"] = "youtube#video", ["etag"] = "e", ["id"] = v.Id, ["statistics"] = stats };
        }).ToList();
        return Task.FromResult(List("youtube#videoListResponse", items, null));
    }

    private Task<Reply> PlaylistItems(HttpContext ctx)
    {
        if (ctx.Request.Query["playlistId"] != UploadsPlaylistId)
        {
            return Task.FromResult(NotFound("playlistNotFound", "The playlist identified with the request's playlistId parameter cannot be found."));
        }

        var all = Videos.OrderByDescending(v => v.PublishedAtUtc).Select((v, i) => (object)new
        {
            kind = "youtube#playlistItem",
            etag = "e",
            id = "PLI" + v.Id,
            snippet = new
            {
                publishedAt = Iso(v.PublishedAtUtc),
                channelId = ChannelId,
                title = v.Title,
                description = v.Description,
                playlistId = UploadsPlaylistId,
                position = i,
                resourceId = new { kind = "youtube#video", videoId = v.Id },
            },
        }).ToList();
        return Task.FromResult(Page(ctx, "youtube#playlistItemListResponse", all, defaultSize: 5));
    }

    private Task<Reply> CommentThreads(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var parts = Parts(ctx);
        IEnumerable<FakeComment> tops;
        lock (_lock)
        {
            tops = _comments.Where(c => c.ParentId is null).ToList();
        }

        if (q["allThreadsRelatedToChannelId"].Count > 0)
        {
            if (q["allThreadsRelatedToChannelId"] != ChannelId)
            {
                return Task.FromResult(Forbidden("forbidden", "The request is not properly authorized to retrieve the specified comment threads."));
            }
        }
        else if (q["videoId"].Count > 0)
        {
            var video = Videos.FirstOrDefault(v => v.Id == q["videoId"]);
            if (video is null)
            {
                return Task.FromResult(NotFound("videoNotFound", "The video identified by the videoId parameter could not be found."));
            }

            if (!video.CommentsEnabled)
            {
                return Task.FromResult(Forbidden("commentsDisabled", "The video identified by the videoId parameter has disabled comments."));
            }

            tops = tops.Where(c => c.VideoId == video.Id);
        }
        else
        {
            return Task.FromResult(BadRequest("missingRequiredParameter", "No filter selected."));
        }

        var status = q["moderationStatus"].Count > 0 ? q["moderationStatus"].ToString() : "published";
        var plain = q["textFormat"] == "plainText";
        var threads = tops.Where(c => c.ModerationStatus == status).OrderByDescending(c => c.PublishedAtUtc).Select(top =>
        {
            var replies = PublishedReplies(top.Id).ToList();
            var thread = new Dictionary<string, object>
            {
                ["kind"] = "youtube#commentThread",
                ["etag"] = "e",
                ["id"] = top.Id,
                ["snippet"] = new Dictionary<string, object>
                {
                    ["channelId"] = ChannelId,
                    ["videoId"] = top.VideoId,
                    ["topLevelComment"] = CommentJson(top, plain),
                    ["canReply"] = true,
                    ["totalReplyCount"] = replies.Count,
                    ["isPublic"] = true,
                },
            };
            if (parts.Contains("replies") && replies.Count > 0)
            {
                thread["replies"] = new { comments = replies.Take(EmbeddedReplies).Select(r => CommentJson(r, plain)).ToList() };
            }

            return (object)thread;
        }).ToList();
        return Task.FromResult(Page(ctx, "youtube#commentThreadListResponse", threads, defaultSize: 20));
    }

    private Task<Reply> CommentsList(HttpContext ctx)
    {
        var parentId = ctx.Request.Query["parentId"].ToString();
        var plain = ctx.Request.Query["textFormat"] == "plainText";
        var replies = PublishedReplies(parentId).Select(r => (object)CommentJson(r, plain)).ToList();
        return Task.FromResult(Page(ctx, "youtube#commentListResponse", replies, defaultSize: 20));
    }

    private async Task<Reply> CommentsInsert(HttpContext ctx)
    {
        if (ctx.Request.Query["part"] != "snippet")
        {
            return BadRequest("invalidPart", "The part parameter must be snippet.");
        }

        var body = await JsonNode.ParseAsync(ctx.Request.Body);
        var parentId = body?["snippet"]?["parentId"]?.GetValue<string>();
        var text = body?["snippet"]?["textOriginal"]?.GetValue<string>();
        if (string.IsNullOrEmpty(text))
        {
            return BadRequest("commentTextRequired", "The comment resource must contain the snippet.textOriginal property.");
        }

        var parent = parentId is null ? null : Comment(parentId);
        if (parent is null || parent.ParentId is not null)
        {
            return NotFound("commentNotFound", "The parent comment could not be found.");
        }

        var reply = AddComment(parent.VideoId, ChannelTitle, text, Clock.GetUtcNow().UtcDateTime, parent.Id, ChannelId);
        return new Reply(200, CommentJson(reply, plain: true));
    }

    private Task<Reply> SetModerationStatus(HttpContext ctx)
    {
        var status = ctx.Request.Query["moderationStatus"].ToString();
        if (status is not ("heldForReview" or "published" or "rejected"))
        {
            return Task.FromResult(BadRequest("invalidModerationStatus", "The moderation status is invalid."));
        }

        var ids = ctx.Request.Query["id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var found = ids.Select(Comment).ToList();
        if (found.Count == 0 || found.Any(c => c is null))
        {
            return Task.FromResult(NotFound("commentNotFound", "One or more of the comments could not be found."));
        }

        foreach (var c in found)
        {
            c!.ModerationStatus = status;
        }

        return Task.FromResult(new Reply(204, null));
    }

    /// <summary>Step 1 of the resumable protocol. Storing the video is the byte upload's work, so timeouts are deferred to it.</summary>
    private async Task StartUpload(HttpContext ctx)
    {
        var fault = TakeFault();
        if (fault is { } f and not (Fault.TimeoutAfterProcessing or Fault.TimeoutBeforeProcessing))
        {
            await WriteFaultAsync(ctx, f);
            return;
        }

        if (!Authorized(ctx))
        {
            await WriteGoogleErrorAsync(ctx, 401, "global", "authError", "Request had invalid authentication credentials.");
            return;
        }

        var q = ctx.Request.Query;
        var parts = Parts(ctx);
        var contentType = ctx.Request.Headers["X-Upload-Content-Type"].ToString();
        if (q["uploadType"] != "resumable" || !parts.Contains("snippet") || !parts.Contains("status")
            || !long.TryParse(ctx.Request.Headers["X-Upload-Content-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || !(contentType.StartsWith("video/", StringComparison.Ordinal) || contentType == "application/octet-stream")
            || ctx.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            await WriteAsync(ctx, BadRequest("invalidValue", "Malformed resumable upload request."));
            return;
        }

        var metadata = await JsonNode.ParseAsync(ctx.Request.Body);
        var title = metadata?["snippet"]?["title"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(title) || title.Length > 100 || title.AsSpan().IndexOfAny('<', '>') >= 0)
        {
            await WriteAsync(ctx, BadRequest("invalidTitle", "The request metadata specifies an invalid or empty video title."));
            return;
        }

        var id = NextId("upl");
        _sessions[id] = new UploadSession(metadata!, length, contentType, fault);
        var location = new Uri(BaseUrl, $"upload/youtube/v3/videos?uploadType=resumable&part={Uri.EscapeDataString(q["part"].ToString())}&upload_id={id}");
        await WriteAsync(ctx, new Reply(200, null, location.ToString()));
    }

    private async Task UploadBytes(HttpContext ctx)
    {
        if (!_sessions.TryRemove(ctx.Request.Query["upload_id"].ToString(), out var session))
        {
            await WriteAsync(ctx, NotFound("notFound", "Upload session not found."));
            return;
        }

        Fault? fault;
        lock (_lock)
        {
            fault = session.Deferred ?? _byteUploadFault;
            _byteUploadFault = null;
        }

        if (fault == Fault.TimeoutBeforeProcessing)
        {
            if (await HoldAsync(ctx))
            {
                await WriteFaultAsync(ctx, Fault.ServerError);
            }

            return;
        }

        if (fault is { } f && f != Fault.TimeoutAfterProcessing)
        {
            await WriteFaultAsync(ctx, f);
            return;
        }

        using var bytes = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(bytes);
        if (bytes.Length != session.Length || ctx.Request.ContentType != session.ContentType)
        {
            await WriteAsync(ctx, BadRequest("badContent", "The uploaded bytes do not match the session."));
            return;
        }

        var snippet = session.Metadata["snippet"]!;
        var video = new FakeVideo
        {
            Id = NextId("dQw"),
            Title = snippet["title"]!.GetValue<string>(),
            Description = snippet["description"]?.GetValue<string>() ?? "",
            CategoryId = snippet["categoryId"]?.GetValue<string>(),
            PrivacyStatus = session.Metadata["status"]?["privacyStatus"]?.GetValue<string>(),
            PublishedAtUtc = Clock.GetUtcNow().UtcDateTime,
            ContentType = session.ContentType,
            Length = bytes.Length,
        };
        lock (_lock)
        {
            _videos.Add(video);
        }

        if (fault == Fault.TimeoutAfterProcessing && !await HoldAsync(ctx))
        {
            return;
        }

        await WriteAsync(ctx, new Reply(201, new
        {
            kind = "youtube#video",
            etag = "e",
            id = video.Id,
            snippet = new { publishedAt = Iso(video.PublishedAtUtc), channelId = ChannelId, title = video.Title, description = video.Description, categoryId = video.CategoryId },
            status = new { uploadStatus = "uploaded", privacyStatus = video.PrivacyStatus },
        }));
    }

    private bool Authorized(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && _accessTokens.ContainsKey(header["Bearer ".Length..]);
    }

    private Task WriteFaultAsync(HttpContext ctx, Fault fault) => fault switch
    {
        Fault.RateLimited when RateLimitAs == GoogleRateLimit.QuotaExceeded => WriteGoogleErrorAsync(ctx, 403, "youtube.quota", "quotaExceeded",
            "The request cannot be completed because you have exceeded your <a href=\"/youtube/v3/getting-started#quota\">quota</a>."),
        Fault.RateLimited => WriteGoogleErrorAsync(ctx, 429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded"),
        Fault.ServerError => WriteGoogleErrorAsync(ctx, 503, "global", "backendError", "Backend Error"),
        Fault.ExpiredToken => WriteGoogleErrorAsync(ctx, 401, "global", "authError", "Request had invalid authentication credentials."),
        Fault.PermissionDenied => WriteGoogleErrorAsync(ctx, 403, "global", "insufficientPermissions", "Request had insufficient authentication scopes."),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private static Task WriteGoogleErrorAsync(HttpContext ctx, int status, string domain, string reason, string message) =>
        WriteAsync(ctx, GoogleError(status, domain, reason, message));

    private static Reply GoogleError(int status, string domain, string reason, string message) => new(status, new
    {
        error = new { code = status, message, errors = new[] { new { message, domain, reason } } },
    });

    private static Reply BadRequest(string reason, string message) => GoogleError(400, "youtube.api", reason, message);

    private static Reply NotFound(string reason, string message) => GoogleError(404, "youtube.api", reason, message);

    private static Reply Forbidden(string reason, string message) => GoogleError(403, "youtube.api", reason, message);

    private static async Task WriteAsync(HttpContext ctx, Reply reply)
    {
        if (reply.Location is not null)
        {
            ctx.Response.Headers.Location = reply.Location;
        }

        if (reply.Body is null)
        {
            ctx.Response.StatusCode = reply.Status;
            return;
        }

        await Json(ctx, reply.Status, reply.Body);
    }

    /// <summary>Answers later than the client waits (<see cref="FakePlatformServer.TimeoutDelay"/>); false when the client has gone.</summary>
    private async Task<bool> HoldAsync(HttpContext ctx)
    {
        try
        {
            await Task.Delay(TimeoutDelay, ctx.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static Reply List(string kind, List<object> items, string? next)
    {
        var body = new Dictionary<string, object>
        {
            ["kind"] = kind,
            ["etag"] = "e",
            ["pageInfo"] = new { totalResults = items.Count, resultsPerPage = items.Count },
            ["items"] = items,
        };
        if (next is not null)
        {
            body["nextPageToken"] = next;
        }

        return new Reply(200, body);
    }

    private static Reply Page(HttpContext ctx, string kind, List<object> all, int defaultSize)
    {
        var size = int.TryParse(ctx.Request.Query["maxResults"], out var m) ? Math.Clamp(m, 1, 100) : defaultSize;
        var offset = int.TryParse(ctx.Request.Query["pageToken"], out var p) ? p : 0;
        var page = all.Skip(offset).Take(size).ToList();
        var next = offset + size < all.Count ? (offset + size).ToString(CultureInfo.InvariantCulture) : null;
        return List(kind, page, next);
    }

    private static HashSet<string> Parts(HttpContext ctx) =>
        [.. ctx.Request.Query["part"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private IEnumerable<FakeComment> PublishedReplies(string parentId)
    {
        lock (_lock)
        {
            return _comments.Where(c => c.ParentId == parentId && c.ModerationStatus == "published").OrderBy(c => c.PublishedAtUtc).ToList();
        }
    }

    private IEnumerable<FakeComment> PublishedComments(string videoId)
    {
        lock (_lock)
        {
            return _comments.Where(c => c.VideoId == videoId && c.ModerationStatus == "published").ToList();
        }
    }

    /// <summary>The comment resource (§5.2): textOriginal only for the author (here: the channel), textDisplay HTML unless plainText was asked for.</summary>
    private static Dictionary<string, object> CommentJson(FakeComment c, bool plain)
    {
        var snippet = new Dictionary<string, object>
        {
            ["authorDisplayName"] = c.Author,
            ["authorProfileImageUrl"] = "https://yt3.ggpht.com/a",
            ["authorChannelUrl"] = "http://www.youtube.com/channel/" + c.AuthorChannelId,
            ["authorChannelId"] = new { value = c.AuthorChannelId },
            ["channelId"] = ChannelId,
            ["videoId"] = c.VideoId,
            ["textDisplay"] = plain ? c.Text : WebUtility.HtmlEncode(c.Text),
            ["canRate"] = true,
            ["viewerRating"] = "none",
            ["likeCount"] = 0,
            ["publishedAt"] = Iso(c.PublishedAtUtc),
            ["updatedAt"] = Iso(c.PublishedAtUtc),
        };
        if (c.AuthorChannelId == ChannelId)
        {
            snippet["textOriginal"] = c.Text;
        }

        if (c.ParentId is not null)
        {
            snippet["parentId"] = c.ParentId;
        }

        if (c.ModerationStatus != "published")
        {
            snippet["moderationStatus"] = c.ModerationStatus;
        }

        return new Dictionary<string, object> { ["kind"] = "youtube#comment", ["etag"] = "e", ["id"] = c.Id, ["snippet"] = snippet };
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string NextId(string prefix) => prefix + Interlocked.Increment(ref _ids).ToString("D6", CultureInfo.InvariantCulture);
}
