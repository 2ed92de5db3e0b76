using System.Collections.Concurrent;
using System.Globalization;
using CareDialog.Connectors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CareDialog.Connectors.Vk.Tests;

/// <summary>How the fake answers <see cref="Fault.ServerError"/>: an HTTP 5xx, or VK's error 10 inside HTTP 200.</summary>
public enum VkServerError { Http500, InternalError10 }

public sealed class FakeVkPost
{
    public required long Id { get; init; }
    public required long OwnerId { get; init; }
    public required string Text { get; init; }
    public required DateTime DateUtc { get; init; }
    public string? Guid { get; init; }
    /// <summary>Null when VK does not report views (old posts): the field is then missing from wall.getById.</summary>
    public long? Views { get; set; } = 0;
    public long Likes { get; set; }
    public long Reposts { get; set; }
}

public sealed class FakeVkComment
{
    public required long Id { get; init; }
    public required long PostId { get; init; }
    public required long FromId { get; init; }
    public required string Text { get; init; }
    public required DateTime DateUtc { get; init; }
    public long? ReplyToComment { get; init; }
    /// <summary>The thread root for a reply, empty for a top-level comment.</summary>
    public long[] ParentsStack { get; init; } = [];
    public string? Guid { get; init; }
}

/// <summary>
/// VK API 5.199 as documented in platform-apis.md §7: <c>/method/{name}</c> with form parameters, <c>{"response":…}</c> or an
/// error object inside HTTP 200, an in-memory community wall with comments and threads, and wall.post's guid duplicate guard
/// (the same guid answers with the same post id). Faults are answered the way VK does.
/// </summary>
public sealed class FakeVkServer : FakePlatformServer
{
    public const long GroupId = 218_765_432;
    public const string GroupName = "Поликлиника №1 — Ёлкино";
    public const string ScreenName = "polyclinic1";
    public const string ConfirmationCode = "4f3a2b1c";

    private readonly object _lock = new();
    private readonly ConcurrentDictionary<string, long?> _tokens = new();
    private readonly ConcurrentQueue<int> _vkErrors = new();
    private readonly List<FakeVkPost> _posts = [];
    private readonly List<FakeVkComment> _comments = [];
    private readonly Dictionary<long, (string First, string Last)> _users = [];
    private long _nextPost = 100;
    private long _nextComment = 1000;

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public string ApiVersion { get; set; } = "5.199";

    /// <summary>The error code <see cref="Fault.RateLimited"/> produces: 6 (requests per second) or 9 (flood control).</summary>
    public int RateLimitCode { get; set; } = 6;

    public VkServerError ServerErrorAs { get; set; } = VkServerError.Http500;

    public long Members { get; set; } = 3412;

    /// <summary>The community hides its member count: members_count is missing.</summary>
    public bool HideMembers { get; set; }

    public IReadOnlyList<FakeVkPost> Posts
    {
        get
        {
            lock (_lock)
            {
                return [.. _posts];
            }
        }
    }

    public IReadOnlyList<FakeVkComment> Comments
    {
        get
        {
            lock (_lock)
            {
                return [.. _comments];
            }
        }
    }

    /// <summary>A community token of <see cref="GroupId"/> (or of another community).</summary>
    public void AddCommunityToken(string token, long groupId = GroupId) => _tokens[token] = groupId;

    /// <summary>A personal (user) token: groups.getById without group_id has no community to answer with.</summary>
    public void AddUserToken(string token) => _tokens[token] = null;

    public void RevokeToken(string token) => _tokens.TryRemove(token, out _);

    /// <summary>The next call answers with this VK error code (captcha 14, wrong token type 27/28, ...), before any queued fault.</summary>
    public void EnqueueVkError(int code) => _vkErrors.Enqueue(code);

    public void AddUser(long id, string first, string last)
    {
        lock (_lock)
        {
            _users[id] = (first, last);
        }
    }

    public FakeVkPost AddPost(string text, DateTime dateUtc)
    {
        lock (_lock)
        {
            var post = new FakeVkPost { Id = ++_nextPost, OwnerId = -GroupId, Text = text, DateUtc = dateUtc };
            _posts.Add(post);
            return post;
        }
    }

    public FakeVkComment AddComment(long postId, long fromId, string text, DateTime dateUtc, FakeVkComment? replyTo = null)
    {
        lock (_lock)
        {
            return AddCommentLocked(postId, fromId, text, dateUtc, replyTo, null);
        }
    }

    protected override void Map(WebApplication app) => app.MapMethods("/method/{name}", ["GET", "POST"], Handle);

    private sealed record VkError(int Code, string Message);

    private async Task Handle(HttpContext ctx)
    {
        var name = (string)ctx.Request.RouteValues["name"]!;
        var p = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (k, v) in ctx.Request.Query)
        {
            p[k] = v;
        }

        if (ctx.Request.HasFormContentType)
        {
            foreach (var (k, v) in await ctx.Request.ReadFormAsync())
            {
                p[k] = v;
            }
        }

        if (_vkErrors.TryDequeue(out var forced))
        {
            await WriteErrorAsync(ctx, new VkError(forced, $"Forced error {forced}"), name, p);
            return;
        }

        var fault = TakeFault();
        if (fault == Fault.TimeoutBeforeProcessing)
        {
            if (await HoldAsync(ctx))
            {
                ctx.Response.StatusCode = 504;
            }

            return;
        }

        if (fault is { } f && f != Fault.TimeoutAfterProcessing)
        {
            await WriteFaultAsync(ctx, f, name, p);
            return;
        }

        if (!p.TryGetValue("v", out var version) || StringValues.IsNullOrEmpty(version))
        {
            await WriteErrorAsync(ctx, new VkError(8, "Invalid request: v (version) is required"), name, p);
            return;
        }

        var token = p.TryGetValue("access_token", out var t) ? t.ToString() : ctx.Request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
        if (!_tokens.TryGetValue(token, out var tokenGroup))
        {
            await WriteErrorAsync(ctx, new VkError(5, "User authorization failed: invalid access_token (4)."), name, p);
            return;
        }

        object result;
        lock (_lock)
        {
            result = name switch
            {
                "groups.getById" => GroupsGetById(p, tokenGroup),
                "groups.getCallbackConfirmationCode" => ConfirmationCodeFor(p, tokenGroup),
                "wall.post" => WallPost(p, tokenGroup),
                "wall.get" => WallGet(p),
                "wall.getById" => WallGetById(p),
                "wall.getComments" => WallGetComments(p),
                "wall.createComment" => WallCreateComment(p, tokenGroup),
                _ => new VkError(3, "Unknown method passed"),
            };
        }

        if (fault == Fault.TimeoutAfterProcessing && !await HoldAsync(ctx))
        {
            return;
        }

        if (result is VkError error)
        {
            await WriteErrorAsync(ctx, error, name, p);
            return;
        }

        await Json(ctx, 200, new { response = result });
    }

    private object GroupsGetById(Dictionary<string, StringValues> p, long? tokenGroup)
    {
        var ids = (p.TryGetValue("group_id", out var one) ? one.ToString() : p.TryGetValue("group_ids", out var many) ? many.ToString() : "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length == 0)
        {
            if (tokenGroup is null)
            {
                return new VkError(100, "One of the parameters specified was missing or invalid: group_ids is undefined");
            }

            ids = [tokenGroup.Value.ToString(CultureInfo.InvariantCulture)];
        }

        var fields = p.TryGetValue("fields", out var f) ? f.ToString().Split(',') : [];
        var groups = new List<object>();
        foreach (var id in ids)
        {
            if (id != GroupId.ToString(CultureInfo.InvariantCulture) && id != ScreenName)
            {
                return new VkError(100, "One of the parameters specified was missing or invalid: group_ids is invalid");
            }

            var group = new Dictionary<string, object>
            {
                ["id"] = GroupId,
                ["name"] = GroupName,
                ["screen_name"] = ScreenName,
                ["is_closed"] = 0,
                ["type"] = "group",
                ["photo_50"] = "https://sun9-1.userapi.com/c50.jpg",
            };
            if (fields.Contains("members_count") && !HideMembers)
            {
                group["members_count"] = Members;
            }

            groups.Add(group);
        }

        return new { groups, profiles = Array.Empty<object>() };
    }

    private static object ConfirmationCodeFor(Dictionary<string, StringValues> p, long? tokenGroup) =>
        p.TryGetValue("group_id", out var g) && g == tokenGroup?.ToString(CultureInfo.InvariantCulture)
            ? new { code = ConfirmationCode }
            : new VkError(15, "Access denied: no access to call this method");

    private object WallPost(Dictionary<string, StringValues> p, long? tokenGroup)
    {
        if (tokenGroup is null || p.GetValueOrDefault("owner_id") != (-tokenGroup.Value).ToString(CultureInfo.InvariantCulture))
        {
            return new VkError(214, "Access to adding post denied");
        }

        var message = p.GetValueOrDefault("message").ToString();
        if (message.Length == 0 && StringValues.IsNullOrEmpty(p.GetValueOrDefault("attachments")))
        {
            return new VkError(100, "One of the parameters specified was missing or invalid: message is empty or invalid");
        }

        var guid = p.GetValueOrDefault("guid").ToString();
        if (guid.Length > 0 && _posts.FirstOrDefault(x => x.Guid == guid) is { } existing)
        {
            return new { post_id = existing.Id };
        }

        var post = new FakeVkPost { Id = ++_nextPost, OwnerId = -tokenGroup.Value, Text = message, DateUtc = Now(), Guid = guid.Length > 0 ? guid : null };
        _posts.Add(post);
        return new { post_id = post.Id };
    }

    private object WallGet(Dictionary<string, StringValues> p)
    {
        if (p.GetValueOrDefault("owner_id") != (-GroupId).ToString(CultureInfo.InvariantCulture))
        {
            return new VkError(15, "Access denied: this wall is not available");
        }

        var count = int.TryParse(p.GetValueOrDefault("count"), out var c) ? Math.Clamp(c, 1, 100) : 20;
        var offset = int.TryParse(p.GetValueOrDefault("offset"), out var o) ? o : 0;
        var items = _posts.OrderByDescending(x => x.DateUtc).ThenByDescending(x => x.Id).Skip(offset).Take(count).Select(PostJson).ToList();
        return new { count = _posts.Count, items };
    }

    private object WallGetById(Dictionary<string, StringValues> p)
    {
        var items = new List<object>();
        foreach (var key in p.GetValueOrDefault("posts").ToString().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = key.Split('_');
            if (parts.Length == 2 && long.TryParse(parts[0], out var owner) && long.TryParse(parts[1], out var id)
                && _posts.FirstOrDefault(x => x.OwnerId == owner && x.Id == id) is { } post)
            {
                items.Add(PostJson(post));
            }
        }

        return new { items };
    }

    private object WallGetComments(Dictionary<string, StringValues> p)
    {
        if (!long.TryParse(p.GetValueOrDefault("post_id"), out var postId) || _posts.All(x => x.Id != postId)
            || p.GetValueOrDefault("owner_id") != (-GroupId).ToString(CultureInfo.InvariantCulture))
        {
            return new VkError(100, "One of the parameters specified was missing or invalid: post_id is invalid");
        }

        var count = int.TryParse(p.GetValueOrDefault("count"), out var c) ? Math.Clamp(c, 0, 100) : 10;
        var preview = int.TryParse(p.GetValueOrDefault("preview_length"), out var pl) ? pl : 90;
        var threadItems = int.TryParse(p.GetValueOrDefault("thread_items_count"), out var ti) ? Math.Clamp(ti, 0, 10) : 0;
        var desc = p.GetValueOrDefault("sort") == "desc";
        IEnumerable<FakeVkComment> level = long.TryParse(p.GetValueOrDefault("comment_id"), out var root)
            ? _comments.Where(x => x.PostId == postId && x.ParentsStack.FirstOrDefault() == root)
            : _comments.Where(x => x.PostId == postId && x.ParentsStack.Length == 0);
        var ordered = (desc ? level.OrderByDescending(x => x.Id) : level.OrderBy(x => x.Id)).ToList();
        var page = ordered.Take(count).ToList();
        var shown = new List<FakeVkComment>(page);
        var items = page.Select(x =>
        {
            var json = CommentJson(x, preview);
            if (x.ParentsStack.Length == 0 && root == 0)
            {
                var replies = _comments.Where(r => r.ParentsStack.FirstOrDefault() == x.Id).OrderBy(r => r.Id).ToList();
                shown.AddRange(replies.Take(threadItems));
                json["thread"] = new
                {
                    count = replies.Count,
                    items = replies.Take(threadItems).Select(r => CommentJson(r, preview)).ToList(),
                    can_post = true,
                    show_reply_button = true,
                    groups_can_post = true,
                };
            }

            return json;
        }).ToList();

        var body = new Dictionary<string, object>
        {
            ["count"] = level.Count(),
            ["current_level_count"] = level.Count(),
            ["can_post"] = true,
            ["show_reply_button"] = true,
            ["groups_can_post"] = true,
            ["items"] = items,
        };
        if (p.GetValueOrDefault("extended") == "1")
        {
            body["profiles"] = shown.Where(x => x.FromId > 0).Select(x => x.FromId).Distinct()
                .Where(_users.ContainsKey).Select(id => new { id, first_name = _users[id].First, last_name = _users[id].Last }).ToList();
            body["groups"] = shown.Any(x => x.FromId == -GroupId)
                ? new object[] { new { id = GroupId, name = GroupName, screen_name = ScreenName } }
                : [];
        }

        return body;
    }

    private object WallCreateComment(Dictionary<string, StringValues> p, long? tokenGroup)
    {
        if (!long.TryParse(p.GetValueOrDefault("post_id"), out var postId) || _posts.All(x => x.Id != postId))
        {
            return new VkError(100, "One of the parameters specified was missing or invalid: post_id is invalid");
        }

        var fromGroup = p.GetValueOrDefault("from_group").ToString();
        if (tokenGroup is null || fromGroup != tokenGroup.Value.ToString(CultureInfo.InvariantCulture))
        {
            return new VkError(15, "Access denied: a community token can only comment as its community");
        }

        var message = p.GetValueOrDefault("message").ToString();
        if (message.Length == 0)
        {
            return new VkError(100, "One of the parameters specified was missing or invalid: message is empty");
        }

        FakeVkComment? replyTo = null;
        if (long.TryParse(p.GetValueOrDefault("reply_to_comment"), out var replyToId))
        {
            replyTo = _comments.FirstOrDefault(x => x.Id == replyToId && x.PostId == postId);
            if (replyTo is null)
            {
                return new VkError(100, "One of the parameters specified was missing or invalid: reply_to_comment is invalid");
            }
        }

        var guid = p.GetValueOrDefault("guid").ToString();
        if (guid.Length > 0 && _comments.FirstOrDefault(x => x.Guid == guid && x.PostId == postId) is { } existing)
        {
            return new { comment_id = existing.Id, parents_stack = existing.ParentsStack };
        }

        var comment = AddCommentLocked(postId, -tokenGroup.Value, message, Now(), replyTo, guid.Length > 0 ? guid : null);
        return new { comment_id = comment.Id, parents_stack = comment.ParentsStack };
    }

    private FakeVkComment AddCommentLocked(long postId, long fromId, string text, DateTime dateUtc, FakeVkComment? replyTo, string? guid)
    {
        var comment = new FakeVkComment
        {
            Id = ++_nextComment,
            PostId = postId,
            FromId = fromId,
            Text = text,
            DateUtc = dateUtc,
            ReplyToComment = replyTo?.Id,
            ParentsStack = replyTo is null ? [] : [replyTo.ParentsStack.Length > 0 ? replyTo.ParentsStack[0] : replyTo.Id],
            Guid = guid,
        };
        _comments.Add(comment);
        return comment;
    }

    private Dictionary<string, object> PostJson(FakeVkPost post)
    {
        var json = new Dictionary<string, object>
        {
            ["id"] = post.Id,
            ["owner_id"] = post.OwnerId,
            ["from_id"] = post.OwnerId,
            ["date"] = Unix(post.DateUtc),
            ["post_type"] = "post",
            ["text"] = post.Text,
            ["comments"] = new { count = _comments.Count(c => c.PostId == post.Id), can_post = 1 },
            ["likes"] = new { count = post.Likes, user_likes = 0, can_like = 1 },
            ["reposts"] = new { count = post.Reposts, user_reposted = 0 },
        };
        if (post.Views is { } views)
        {
            json["views"] = new { count = views };
        }

        return json;
    }

    private Dictionary<string, object> CommentJson(FakeVkComment c, int preview)
    {
        var text = preview > 0 && c.Text.Length > preview ? c.Text[..preview] + "…" : c.Text;
        var json = new Dictionary<string, object>
        {
            ["id"] = c.Id,
            ["from_id"] = c.FromId,
            ["post_id"] = c.PostId,
            ["owner_id"] = -GroupId,
            ["parents_stack"] = c.ParentsStack,
            ["date"] = Unix(c.DateUtc),
            ["text"] = text,
        };
        if (c.ReplyToComment is { } r)
        {
            json["reply_to_comment"] = r;
            json["reply_to_user"] = _comments.First(x => x.Id == r).FromId;
        }

        return json;
    }

    private Task WriteFaultAsync(HttpContext ctx, Fault fault, string method, Dictionary<string, StringValues> p) => fault switch
    {
        Fault.RateLimited => WriteErrorAsync(ctx, RateLimitCode == 9 ? new VkError(9, "Flood control") : new VkError(RateLimitCode, "Too many requests per second"), method, p),
        Fault.ServerError when ServerErrorAs == VkServerError.InternalError10 => WriteErrorAsync(ctx, new VkError(10, "Internal server error"), method, p),
        Fault.ServerError => WriteHttp500Async(ctx),
        Fault.ExpiredToken => WriteErrorAsync(ctx, new VkError(5, "User authorization failed: access_token has expired."), method, p),
        Fault.PermissionDenied => WriteErrorAsync(ctx, new VkError(15, "Access denied"), method, p),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private static Task WriteHttp500Async(HttpContext ctx)
    {
        ctx.Response.StatusCode = 500;
        ctx.Response.ContentType = "text/html";
        return ctx.Response.WriteAsync("<html><body><h1>500 Internal Server Error</h1></body></html>");
    }

    /// <summary>VK's error shape (§7.2), with HTTP 200; request_params echo the call like VK does, never the token.</summary>
    private static Task WriteErrorAsync(HttpContext ctx, VkError error, string method, Dictionary<string, StringValues> p)
    {
        var echo = new List<object> { new { key = "method", value = method }, new { key = "oauth", value = "1" } };
        if (p.TryGetValue("v", out var v))
        {
            echo.Add(new { key = "v", value = v.ToString() });
        }

        var body = new Dictionary<string, object>
        {
            ["error_code"] = error.Code,
            ["error_msg"] = error.Message,
            ["request_params"] = echo,
        };
        if (error.Code == 14)
        {
            body["captcha_sid"] = "548283453683";
            body["captcha_img"] = "https://api.vk.com/captcha.php?sid=548283453683&s=1";
        }

        return Json(ctx, 200, new { error = body });
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

    private DateTime Now() => Clock.GetUtcNow().UtcDateTime;

    private static long Unix(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds();
}
