using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CareDialog.Connectors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CareDialog.Connectors.Meta.Tests;

public enum FakeTokenKind { User, Page }

public sealed class FakeToken
{
    public required string Value { get; init; }
    public FakeTokenKind Kind { get; init; }
    /// <summary>The user id for a user token, the Page id for a Page token.</summary>
    public required string SubjectId { get; init; }
    public bool LongLived { get; init; }
    public bool Expired { get; set; }
}

public sealed class FakeUser
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public List<string> PageIds { get; } = [];
}

public sealed class FakePage
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Username { get; init; }
    public required string Token { get; init; }
    public string? InstagramId { get; set; }
    public long Followers { get; set; }
    public string? SubscribedFields { get; set; }
}

public sealed class FakeInstagramUser
{
    public required string Id { get; init; }
    public required string Username { get; init; }
    public required string PageId { get; init; }
    public long Followers { get; set; }
}

public sealed class FakePost
{
    public required string Id { get; init; }
    public required string PageId { get; init; }
    public string? Message { get; init; }
    public string? Link { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public string Type { get; init; } = "status";
    public string? PhotoId { get; init; }
    public string? UploadFileName { get; init; }
    public string? UploadContentType { get; init; }
    public byte[]? UploadBytes { get; init; }
    public long Reactions { get; set; }
    public long Shares { get; set; }
}

public sealed class FakeComment
{
    public required string Id { get; init; }
    /// <summary>The Facebook post or Instagram media the comment is on.</summary>
    public required string ObjectId { get; init; }
    public string? ParentId { get; init; }
    public required string FromId { get; init; }
    public required string FromName { get; init; }
    public required string Message { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public bool Hidden { get; set; }
    public bool Instagram { get; init; }
}

public sealed class FakeContainer
{
    public required string Id { get; init; }
    public required string OwnerId { get; init; }
    public required Dictionary<string, string> Parameters { get; init; }
    public int Polls { get; set; }
    public bool Published { get; set; }
    public bool IsVideo => Parameters.ContainsKey("video_url");
}

public sealed class FakeMedia
{
    public required string Id { get; init; }
    public required string OwnerId { get; init; }
    public string? Caption { get; init; }
    public required string MediaType { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public required string ContainerId { get; init; }
    public string Permalink => $"https://www.instagram.com/p/FAKE{Id}/";
}

/// <summary>
/// The Graph API as platform-apis.md §1–2 describes it, in memory: Pages with Page tokens, posts, photos, comments with
/// hidden flags, Instagram containers and media, insights (a metric listed in <see cref="RetiredMetrics"/> answers error 100
/// as a retired metric does), the OAuth token endpoint and <c>/me/accounts</c>. It checks <c>access_token</c> (query, form or
/// Authorization: Bearer) and answers every <see cref="Fault"/> the way Graph does. Paths may carry a version (<c>/v25.0/</c>).
/// </summary>
public sealed class FakeGraphServer : FakePlatformServer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakePage> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeInstagramUser> _igUsers = new(StringComparer.Ordinal);
    private readonly List<FakePost> _posts = [];
    private readonly List<FakeComment> _comments = [];
    private readonly Dictionary<string, FakeContainer> _containers = new(StringComparer.Ordinal);
    private readonly List<FakeMedia> _media = [];
    private readonly Dictionary<(string Id, string Metric), long> _insights = [];
    private readonly Dictionary<string, (string UserId, string RedirectUri)> _codes = new(StringComparer.Ordinal);
    private long _nextId = 1_000_000;

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public string AppId { get; set; } = "1100220033";

    public string AppSecret { get; set; } = "fake-app-secret";

    /// <summary>The code a rate-limited Page-token call answers (32 Page-level; 80001 Pages BUC; 4 app-level).</summary>
    public int RateLimitCode { get; set; } = 32;

    /// <summary>estimated_time_to_regain_access (minutes) in X-Business-Use-Case-Usage.</summary>
    public int RegainAccessMinutes { get; set; } = 7;

    /// <summary>Signal the rate limit with code 4 and X-App-Usage (no time estimate) instead of the business use-case header.</summary>
    public bool RateLimitWithAppUsage { get; set; }

    /// <summary>How many status polls a video container answers IN_PROGRESS before FINISHED.</summary>
    public int VideoPollsBeforeFinished { get; set; }

    /// <summary>Video containers end in ERROR instead of FINISHED (an unsupported format, for example).</summary>
    public bool VideoProcessingFails { get; set; }

    /// <summary>
    /// Released each time a timeout fault starts holding a response (after the work, for TimeoutAfterProcessing), so a
    /// test whose client timeout runs on a fake clock knows when to advance it.
    /// </summary>
    public SemaphoreSlim Holding { get; } = new(0);

    /// <summary>Which requests take queued faults (method, path without version); null means every request.</summary>
    public Func<string, string, bool>? FaultWhen { get; set; }

    /// <summary>Metric names Graph no longer knows; asking for one is error 100.</summary>
    public HashSet<string> RetiredMetrics { get; } = new(StringComparer.Ordinal);

    // ----- Arrange -------------------------------------------------------------------------------------------------

    public FakeUser AddUser(string id, string name, params string[] pageIds)
    {
        lock (_gate)
        {
            var user = new FakeUser { Id = id, Name = name };
            user.PageIds.AddRange(pageIds);
            _users[id] = user;
            return user;
        }
    }

    public FakePage AddPage(string id, string name, string? username = null)
    {
        lock (_gate)
        {
            var page = new FakePage { Id = id, Name = name, Username = username, Token = "EAAPage" + id };
            _pages[id] = page;
            _tokens[page.Token] = new FakeToken { Value = page.Token, Kind = FakeTokenKind.Page, SubjectId = id, LongLived = true };
            return page;
        }
    }

    public FakeInstagramUser AddInstagram(string pageId, string igId, string username)
    {
        lock (_gate)
        {
            var ig = new FakeInstagramUser { Id = igId, Username = username, PageId = pageId };
            _igUsers[igId] = ig;
            _pages[pageId].InstagramId = igId;
            return ig;
        }
    }

    /// <summary>An authorisation code Facebook Login would hand the redirect for this user.</summary>
    public string IssueCode(string userId, string redirectUri)
    {
        lock (_gate)
        {
            var code = "code-" + NextId();
            _codes[code] = (userId, redirectUri);
            return code;
        }
    }

    public FakePost AddPost(string pageId, string message, DateTime createdAtUtc)
    {
        lock (_gate)
        {
            var post = new FakePost { Id = $"{pageId}_{NextId()}", PageId = pageId, Message = message, CreatedAtUtc = createdAtUtc };
            _posts.Add(post);
            return post;
        }
    }

    public FakeMedia AddMedia(string igId, string caption, DateTime createdAtUtc)
    {
        lock (_gate)
        {
            var media = new FakeMedia { Id = NextId(), OwnerId = igId, Caption = caption, MediaType = "IMAGE", CreatedAtUtc = createdAtUtc, ContainerId = "" };
            _media.Add(media);
            return media;
        }
    }

    public FakeComment AddComment(string objectId, string fromId, string fromName, string message, DateTime createdAtUtc, string? parentId = null, bool hidden = false)
    {
        lock (_gate)
        {
            var instagram = _media.Any(m => m.Id == objectId);
            var local = NextId();
            var comment = new FakeComment
            {
                Id = instagram ? local : $"{objectId.Split('_').Last()}_{local}",
                ObjectId = objectId,
                ParentId = parentId,
                FromId = fromId,
                FromName = fromName,
                Message = message,
                CreatedAtUtc = createdAtUtc,
                Hidden = hidden,
                Instagram = instagram,
            };
            _comments.Add(comment);
            return comment;
        }
    }

    public void SetInsight(string objectId, string metric, long value)
    {
        lock (_gate)
        {
            _insights[(objectId, metric)] = value;
        }
    }

    public void ExpireToken(string token)
    {
        lock (_gate)
        {
            _tokens[token].Expired = true;
        }
    }

    // ----- Assert --------------------------------------------------------------------------------------------------

    public IReadOnlyList<FakePost> PostsOf(string pageId)
    {
        lock (_gate)
        {
            return _posts.Where(p => p.PageId == pageId).ToList();
        }
    }

    public IReadOnlyList<FakeMedia> MediaOf(string igId)
    {
        lock (_gate)
        {
            return _media.Where(m => m.OwnerId == igId).ToList();
        }
    }

    public IReadOnlyList<FakeContainer> ContainersOf(string igId)
    {
        lock (_gate)
        {
            return _containers.Values.Where(c => c.OwnerId == igId).ToList();
        }
    }

    public FakeComment Comment(string id)
    {
        lock (_gate)
        {
            return _comments.Single(c => c.Id == id);
        }
    }

    public IReadOnlyList<FakeComment> RepliesTo(string id)
    {
        lock (_gate)
        {
            return _comments.Where(c => c.ParentId == id).ToList();
        }
    }

    public FakeInstagramUser InstagramUser(string id)
    {
        lock (_gate)
        {
            return _igUsers[id];
        }
    }

    public FakePage Page(string id)
    {
        lock (_gate)
        {
            return _pages[id];
        }
    }

    public FakeToken? Token(string value)
    {
        lock (_gate)
        {
            return _tokens.GetValueOrDefault(value);
        }
    }

    // ----- Server --------------------------------------------------------------------------------------------------

    private sealed record Reply(int Status, JsonNode Body, IReadOnlyDictionary<string, string>? Headers = null);

    private sealed record Upload(string FileName, string ContentType, byte[] Bytes);

    private sealed record GraphRequest(string Method, string[] Segments, IReadOnlyDictionary<string, string> Params, string? Token, Upload? Upload);

    protected override void Map(WebApplication app) => app.Run(HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        var fault = FaultWhen is null || FaultWhen(request.Method, "/" + string.Join('/', request.Segments)) ? TakeFault() : null;
        Reply reply;
        switch (fault)
        {
            case Fault.TimeoutBeforeProcessing:
                await HoldAsync(context);
                reply = Error(503, 2, "Service temporarily unavailable", transient: true);
                break;
            case Fault.RateLimited:
                reply = RateLimited(request);
                break;
            case Fault.ServerError:
                reply = Error(500, 2, "An unexpected error has occurred. Please retry your request later.", transient: true);
                break;
            case Fault.ExpiredToken:
                reply = Expired();
                break;
            case Fault.PermissionDenied:
                reply = Error(403, 200, "(#200) The user hasn't authorized the application to perform this action");
                break;
            default:
                lock (_gate)
                {
                    reply = Route(request);
                }

                if (fault == Fault.TimeoutAfterProcessing)
                {
                    // The work is done; the client just never hears about it in time.
                    await HoldAsync(context);
                }

                break;
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(reply.Body.ToJsonString(), context.RequestAborted);
    }

    private async Task HoldAsync(HttpContext context)
    {
        Holding.Release();
        try
        {
            await Task.Delay(TimeoutDelay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as intended.
        }
    }

    private static async Task<GraphRequest> ReadAsync(HttpContext context)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in context.Request.Query)
        {
            parameters[k] = v.ToString();
        }

        Upload? upload = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            foreach (var (k, v) in form)
            {
                parameters[k] = v.ToString();
            }

            if (form.Files.GetFile("source") is { } file)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, context.RequestAborted);
                upload = new Upload(file.FileName, file.ContentType, buffer.ToArray());
            }
        }

        var token = parameters.GetValueOrDefault("access_token");
        var auth = context.Request.Headers.Authorization.ToString();
        if (token is null && (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || auth.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase)))
        {
            token = auth[(auth.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim();
        }

        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length > 0 && segments[0].StartsWith('v') && segments[0].Contains('.', StringComparison.Ordinal))
        {
            segments = segments[1..];
        }

        return new GraphRequest(context.Request.Method, segments, parameters, token, upload);
    }

    private Reply Route(GraphRequest r)
    {
        if (r.Segments is ["oauth", "access_token"])
        {
            return OAuthToken(r);
        }

        if (r.Token is null)
        {
            return Error(400, 2500, "An active access token must be used to query information about the current user.");
        }

        if (!_tokens.TryGetValue(r.Token, out var token))
        {
            return Error(400, 190, "Invalid OAuth access token - Cannot parse access token");
        }

        if (token.Expired)
        {
            return Expired();
        }

        var get = r.Method == "GET";
        return r.Segments switch
        {
            ["me", "accounts"] when get => MeAccounts(r, token),
            ["me"] when get => Me(token),
            [var id] when get => ReadObject(r, token, id),
            [var id] when r.Method == "POST" => UpdateObject(r, token, id),
            [var id, "feed"] when r.Method == "POST" => CreatePost(r, token, id),
            [var id, "posts" or "feed"] when get => ListPosts(r, token, id),
            [var id, "photos"] when r.Method == "POST" => CreatePhoto(r, token, id),
            [var id, "subscribed_apps"] when r.Method == "POST" => Subscribe(r, token, id),
            [var id, "comments"] when get => ListComments(r, token, id),
            [var id, "comments"] when r.Method == "POST" => CreateFacebookComment(r, token, id),
            [var id, "replies"] when r.Method == "POST" => CreateInstagramReply(r, token, id),
            [var id, "insights"] when get => Insights(r, token, id),
            [var id, "media"] when r.Method == "POST" => CreateContainer(r, token, id),
            [var id, "media"] when get => ListMedia(r, token, id),
            [var id, "media_publish"] when r.Method == "POST" => PublishContainer(r, token, id),
            [var id, ..] => Missing(id),
            _ => Error(400, 100, "Unsupported request"),
        };
    }

    // ----- OAuth (§1.10) -------------------------------------------------------------------------------------------

    private Reply OAuthToken(GraphRequest r)
    {
        if (r.Params.GetValueOrDefault("client_id") != AppId || r.Params.GetValueOrDefault("client_secret") != AppSecret)
        {
            return Error(400, 1, "Error validating client secret.");
        }

        if (r.Params.GetValueOrDefault("grant_type") == "fb_exchange_token")
        {
            if (r.Params.GetValueOrDefault("fb_exchange_token") is not { } old || !_tokens.TryGetValue(old, out var shortLived) || shortLived.Kind != FakeTokenKind.User)
            {
                return Error(400, 190, "Invalid OAuth access token - Cannot parse access token");
            }

            if (shortLived.Expired)
            {
                return Expired();
            }

            var longLived = Issue(FakeTokenKind.User, shortLived.SubjectId, longLived: true);
            return Ok(new JsonObject { ["access_token"] = longLived, ["token_type"] = "bearer", ["expires_in"] = 5183944 });
        }

        if (r.Params.GetValueOrDefault("code") is not { } code || !_codes.Remove(code, out var grant))
        {
            return Error(400, 100, "Invalid verification code format.", subcode: 36007);
        }

        if (r.Params.GetValueOrDefault("redirect_uri") != grant.RedirectUri)
        {
            return Error(400, 100, "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request", subcode: 36008);
        }

        var token = Issue(FakeTokenKind.User, grant.UserId, longLived: false);
        return Ok(new JsonObject { ["access_token"] = token, ["token_type"] = "bearer", ["expires_in"] = 3600 });
    }

    private string Issue(FakeTokenKind kind, string subject, bool longLived)
    {
        var value = (longLived ? "EAALong" : "EAAShort") + NextId();
        _tokens[value] = new FakeToken { Value = value, Kind = kind, SubjectId = subject, LongLived = longLived };
        return value;
    }

    private Reply MeAccounts(GraphRequest r, FakeToken token)
    {
        if (token.Kind != FakeTokenKind.User)
        {
            return Error(400, 100, "(#100) Tried accessing nonexisting field (accounts) on node type (Page)");
        }

        var data = new JsonArray();
        foreach (var page in _users[token.SubjectId].PageIds.Select(id => _pages[id]))
        {
            var item = new JsonObject { ["id"] = page.Id, ["name"] = page.Name, ["access_token"] = page.Token };
            if (page.Username is not null)
            {
                item["username"] = page.Username;
            }

            if (page.InstagramId is { } igId && Wants(r, "instagram_business_account"))
            {
                var ig = _igUsers[igId];
                item["instagram_business_account"] = new JsonObject { ["id"] = ig.Id, ["username"] = ig.Username, ["name"] = ig.Username };
            }

            data.Add(item);
        }

        return Ok(new JsonObject { ["data"] = data, ["paging"] = new JsonObject { ["cursors"] = new JsonObject { ["before"] = "QVFIUb", ["after"] = "QVFIUa" } } });
    }

    private Reply Me(FakeToken token) => token.Kind == FakeTokenKind.User
        ? Ok(new JsonObject { ["id"] = token.SubjectId, ["name"] = _users[token.SubjectId].Name })
        : Ok(new JsonObject { ["id"] = token.SubjectId, ["name"] = _pages[token.SubjectId].Name });

    // ----- Objects -------------------------------------------------------------------------------------------------

    /// <summary>The Page an object belongs to, whose Page token may act on it.</summary>
    private string? PageOf(string id)
    {
        if (_pages.ContainsKey(id))
        {
            return id;
        }

        if (_igUsers.TryGetValue(id, out var ig))
        {
            return ig.PageId;
        }

        if (_posts.FirstOrDefault(p => p.Id == id || p.PhotoId == id) is { } post)
        {
            return post.PageId;
        }

        if (_comments.FirstOrDefault(c => c.Id == id) is { } comment)
        {
            return PageOf(comment.ObjectId);
        }

        if (_containers.TryGetValue(id, out var container))
        {
            return PageOf(container.OwnerId);
        }

        return _media.FirstOrDefault(m => m.Id == id) is { } media ? PageOf(media.OwnerId) : null;
    }

    /// <summary>Null when the token may act on the object; else Graph's answer.</summary>
    private Reply? Denied(FakeToken token, string id)
    {
        if (PageOf(id) is not { } pageId)
        {
            return Missing(id);
        }

        return token.Kind == FakeTokenKind.Page && token.SubjectId == pageId
            ? null
            : Error(403, 200, "(#200) Permissions error");
    }

    private Reply ReadObject(GraphRequest r, FakeToken token, string id)
    {
        if (Denied(token, id) is { } denied)
        {
            return denied;
        }

        if (_pages.TryGetValue(id, out var page))
        {
            var o = new JsonObject { ["id"] = page.Id };
            Add(o, r, "name", page.Name);
            Add(o, r, "followers_count", page.Followers);
            return Ok(o);
        }

        if (_igUsers.TryGetValue(id, out var ig))
        {
            var o = new JsonObject { ["id"] = ig.Id };
            Add(o, r, "username", ig.Username);
            Add(o, r, "followers_count", ig.Followers);
            return Ok(o);
        }

        if (_posts.FirstOrDefault(p => p.Id == id) is { } post)
        {
            var o = PostJson(post, r);
            if (Wants(r, "reactions"))
            {
                o["reactions"] = new JsonObject { ["data"] = new JsonArray(), ["summary"] = new JsonObject { ["total_count"] = post.Reactions, ["viewer_reaction"] = "NONE" } };
            }

            if (Wants(r, "comments"))
            {
                var count = _comments.Count(c => c.ObjectId == post.Id);
                o["comments"] = new JsonObject { ["data"] = new JsonArray(), ["summary"] = new JsonObject { ["order"] = "ranked", ["total_count"] = count, ["can_comment"] = true } };
            }

            // Graph leaves the field out when nobody shared the post.
            if (Wants(r, "shares") && post.Shares > 0)
            {
                o["shares"] = new JsonObject { ["count"] = post.Shares };
            }

            return Ok(o);
        }

        if (_containers.TryGetValue(id, out var container))
        {
            container.Polls++;
            var finished = !container.IsVideo || container.Polls > VideoPollsBeforeFinished;
            if (container.IsVideo && VideoProcessingFails)
            {
                return Ok(new JsonObject { ["id"] = container.Id, ["status_code"] = "ERROR", ["status"] = "Error: Media upload has failed with error code 2207026" });
            }

            return Ok(new JsonObject { ["id"] = container.Id, ["status_code"] = container.Published ? "PUBLISHED" : finished ? "FINISHED" : "IN_PROGRESS" });
        }

        if (_media.FirstOrDefault(m => m.Id == id) is { } media)
        {
            return Ok(MediaJson(media));
        }

        var comment = _comments.First(c => c.Id == id);
        return Ok(new JsonObject { ["id"] = comment.Id, [comment.Instagram ? "text" : "message"] = comment.Message });
    }

    /// <summary>Node update: <c>is_hidden</c> on a Facebook comment (§1.4), <c>hide</c> on an Instagram comment (§2.3).</summary>
    private Reply UpdateObject(GraphRequest r, FakeToken token, string id)
    {
        if (Denied(token, id) is { } denied)
        {
            return denied;
        }

        if (_comments.FirstOrDefault(c => c.Id == id) is not { } comment)
        {
            return Error(400, 100, "(#100) Unsupported post request.");
        }

        var field = comment.Instagram ? "hide" : "is_hidden";
        if (r.Params.GetValueOrDefault(field) is not ("true" or "false") || r.Params.ContainsKey(comment.Instagram ? "is_hidden" : "hide"))
        {
            return Error(400, 100, $"(#100) The parameter {field} is required");
        }

        comment.Hidden = r.Params[field] == "true";
        return Ok(new JsonObject { ["success"] = true });
    }

    // ----- Facebook Pages (§1.2–1.5) --------------------------------------------------------------------------------

    private Reply CreatePost(GraphRequest r, FakeToken token, string pageId)
    {
        if (!_pages.ContainsKey(pageId))
        {
            return Missing(pageId);
        }

        if (Denied(token, pageId) is { } denied)
        {
            return denied;
        }

        var message = r.Params.GetValueOrDefault("message");
        var link = r.Params.GetValueOrDefault("link");
        if (string.IsNullOrEmpty(message) && string.IsNullOrEmpty(link))
        {
            return Error(400, 100, "(#100) Missing message or attachment.");
        }

        var post = new FakePost { Id = $"{pageId}_{NextId()}", PageId = pageId, Message = message, Link = link, CreatedAtUtc = Now() };
        _posts.Add(post);
        return Ok(new JsonObject { ["id"] = post.Id });
    }

    private Reply CreatePhoto(GraphRequest r, FakeToken token, string pageId)
    {
        if (!_pages.ContainsKey(pageId))
        {
            return Missing(pageId);
        }

        if (Denied(token, pageId) is { } denied)
        {
            return denied;
        }

        if (r.Upload is null && !r.Params.ContainsKey("url"))
        {
            return Error(400, 324, "(#324) Requires upload file");
        }

        var photoId = NextId();
        var post = new FakePost
        {
            Id = $"{pageId}_{NextId()}",
            PageId = pageId,
            Message = r.Params.GetValueOrDefault("message"),
            CreatedAtUtc = Now(),
            Type = "photo",
            PhotoId = photoId,
            UploadFileName = r.Upload?.FileName,
            UploadContentType = r.Upload?.ContentType,
            UploadBytes = r.Upload?.Bytes,
        };
        _posts.Add(post);
        return Ok(new JsonObject { ["id"] = photoId, ["post_id"] = post.Id });
    }

    private Reply ListPosts(GraphRequest r, FakeToken token, string pageId)
    {
        if (!_pages.ContainsKey(pageId))
        {
            return Missing(pageId);
        }

        if (Denied(token, pageId) is { } denied)
        {
            return denied;
        }

        var since = Since(r);
        var posts = _posts.Where(p => p.PageId == pageId && p.CreatedAtUtc >= since).OrderByDescending(p => p.CreatedAtUtc).Select(p => (JsonNode)PostJson(p, r));
        return Ok(Paged(r, posts.ToList()));
    }

    private Reply Subscribe(GraphRequest r, FakeToken token, string pageId)
    {
        if (!_pages.TryGetValue(pageId, out var page))
        {
            return Missing(pageId);
        }

        if (Denied(token, pageId) is { } denied)
        {
            return denied;
        }

        page.SubscribedFields = r.Params.GetValueOrDefault("subscribed_fields");
        return Ok(new JsonObject { ["success"] = true });
    }

    private Reply ListComments(GraphRequest r, FakeToken token, string objectId)
    {
        if (Denied(token, objectId) is { } denied)
        {
            return denied;
        }

        if (_media.Any(m => m.Id == objectId))
        {
            var top = _comments.Where(c => c.ObjectId == objectId && c.ParentId is null).OrderBy(c => c.CreatedAtUtc)
                .Select(c =>
                {
                    var o = InstagramCommentJson(c);
                    var replies = _comments.Where(x => x.ParentId == c.Id).OrderBy(x => x.CreatedAtUtc).Select(x => (JsonNode)InstagramCommentJson(x)).ToArray();
                    if (replies.Length > 0 && Wants(r, "replies"))
                    {
                        o["replies"] = new JsonObject { ["data"] = new JsonArray(replies) };
                    }

                    return (JsonNode)o;
                });
            return Ok(Paged(r, top.ToList()));
        }

        if (!_posts.Any(p => p.Id == objectId))
        {
            return Missing(objectId);
        }

        // filter=stream returns replies too (§1.3); the default returns top-level comments only.
        var stream = r.Params.GetValueOrDefault("filter") == "stream";
        var comments = _comments.Where(c => c.ObjectId == objectId && (stream || c.ParentId is null));
        comments = r.Params.GetValueOrDefault("order") == "reverse_chronological"
            ? comments.OrderByDescending(c => c.CreatedAtUtc)
            : comments.OrderBy(c => c.CreatedAtUtc);
        return Ok(Paged(r, comments.Select(c =>
        {
            var o = new JsonObject
            {
                ["id"] = c.Id,
                ["message"] = c.Message,
                ["from"] = new JsonObject { ["id"] = c.FromId, ["name"] = c.FromName },
                ["created_time"] = GraphTime(c.CreatedAtUtc),
                ["is_hidden"] = c.Hidden,
            };
            if (c.ParentId is not null && stream)
            {
                o["parent"] = new JsonObject { ["id"] = c.ParentId };
            }

            return (JsonNode)o;
        }).ToList()));
    }

    /// <summary><c>POST /{post-or-comment-id}/comments</c>: a comment as the Page (§1.4).</summary>
    private Reply CreateFacebookComment(GraphRequest r, FakeToken token, string targetId)
    {
        if (Denied(token, targetId) is { } denied)
        {
            return denied;
        }

        if (r.Params.GetValueOrDefault("message") is not { Length: > 0 } message)
        {
            return Error(400, 100, "(#100) Missing message");
        }

        var parent = _comments.FirstOrDefault(c => c.Id == targetId);
        var postId = parent?.ObjectId ?? targetId;
        var page = _pages[PageOf(targetId)!];
        var comment = new FakeComment
        {
            Id = $"{postId.Split('_').Last()}_{NextId()}",
            ObjectId = postId,
            ParentId = parent?.Id,
            FromId = page.Id,
            FromName = page.Name,
            Message = message,
            CreatedAtUtc = Now(),
        };
        _comments.Add(comment);
        return Ok(new JsonObject { ["id"] = comment.Id });
    }

    // ----- Instagram (§2.2–2.3) ------------------------------------------------------------------------------------

    private Reply CreateContainer(GraphRequest r, FakeToken token, string igId)
    {
        if (!_igUsers.ContainsKey(igId))
        {
            return Missing(igId);
        }

        if (Denied(token, igId) is { } denied)
        {
            return denied;
        }

        var p = r.Params.Where(kv => kv.Key != "access_token").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var type = p.GetValueOrDefault("media_type");
        var valid = type switch
        {
            "CAROUSEL" => p.TryGetValue("children", out var children)
                          && children.Split(',').All(c => _containers.TryGetValue(c, out var child) && child.OwnerId == igId && child.Parameters.GetValueOrDefault("is_carousel_item") == "true"),
            "REELS" or "VIDEO" => IsPublicUrl(p.GetValueOrDefault("video_url")),
            null => IsPublicUrl(p.GetValueOrDefault("image_url")),
            _ => false,
        };
        if (!valid)
        {
            return Error(400, 100, "(#100) The parameter image_url is required.", subcode: 2207001);
        }

        var container = new FakeContainer { Id = NextId(), OwnerId = igId, Parameters = p };
        _containers[container.Id] = container;
        return Ok(new JsonObject { ["id"] = container.Id });
    }

    private Reply PublishContainer(GraphRequest r, FakeToken token, string igId)
    {
        if (!_igUsers.ContainsKey(igId))
        {
            return Missing(igId);
        }

        if (Denied(token, igId) is { } denied)
        {
            return denied;
        }

        if (r.Params.GetValueOrDefault("creation_id") is not { } creationId || !_containers.TryGetValue(creationId, out var container) || container.OwnerId != igId)
        {
            return Error(400, 100, "(#100) Param creation_id must be a valid media container id");
        }

        var notReady = container.IsVideo && container.Polls <= VideoPollsBeforeFinished
                       || container.Parameters.GetValueOrDefault("children")?.Split(',').Any(c => _containers[c].IsVideo && _containers[c].Polls <= VideoPollsBeforeFinished) == true;
        if (container.Published || notReady || container.Parameters.GetValueOrDefault("is_carousel_item") == "true")
        {
            return Error(400, 9007, "The media is not ready for publishing, please wait for a moment", subcode: 2207027);
        }

        container.Published = true;
        var type = container.Parameters.GetValueOrDefault("media_type") switch { "CAROUSEL" => "CAROUSEL_ALBUM", "REELS" => "VIDEO", _ => "IMAGE" };
        var media = new FakeMedia { Id = NextId(), OwnerId = igId, Caption = container.Parameters.GetValueOrDefault("caption"), MediaType = type, CreatedAtUtc = Now(), ContainerId = creationId };
        _media.Add(media);
        return Ok(new JsonObject { ["id"] = media.Id });
    }

    private Reply ListMedia(GraphRequest r, FakeToken token, string igId)
    {
        if (!_igUsers.ContainsKey(igId))
        {
            return Missing(igId);
        }

        if (Denied(token, igId) is { } denied)
        {
            return denied;
        }

        var since = Since(r);
        return Ok(Paged(r, _media.Where(m => m.OwnerId == igId && m.CreatedAtUtc >= since).OrderByDescending(m => m.CreatedAtUtc).Select(m => (JsonNode)MediaJson(m)).ToList()));
    }

    private Reply CreateInstagramReply(GraphRequest r, FakeToken token, string commentId)
    {
        if (Denied(token, commentId) is { } denied)
        {
            return denied;
        }

        if (_comments.FirstOrDefault(c => c.Id == commentId && c.Instagram) is not { } parent)
        {
            return Missing(commentId);
        }

        if (parent.ParentId is not null)
        {
            return Error(400, 100, "(#100) Replies can only be made to top-level comments");
        }

        if (r.Params.GetValueOrDefault("message") is not { Length: > 0 } message)
        {
            return Error(400, 100, "(#100) The parameter message is required");
        }

        var owner = _igUsers[_media.Single(m => m.Id == parent.ObjectId).OwnerId];
        var reply = new FakeComment
        {
            Id = NextId(),
            ObjectId = parent.ObjectId,
            ParentId = parent.Id,
            FromId = owner.Id,
            FromName = owner.Username,
            Message = message,
            CreatedAtUtc = Now(),
            Instagram = true,
        };
        _comments.Add(reply);
        return Ok(new JsonObject { ["id"] = reply.Id });
    }

    // ----- Insights ------------------------------------------------------------------------------------------------

    private Reply Insights(GraphRequest r, FakeToken token, string id)
    {
        if (Denied(token, id) is { } denied)
        {
            return denied;
        }

        var data = new JsonArray();
        foreach (var metric in (r.Params.GetValueOrDefault("metric") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (RetiredMetrics.Contains(metric))
            {
                return Error(400, 100, $"(#100) Starting from version v22.0 and above, the {metric} metric is no longer supported. Please use views instead.");
            }

            var period = r.Params.GetValueOrDefault("period") ?? "lifetime";
            data.Add(new JsonObject
            {
                ["name"] = metric,
                ["period"] = period,
                ["values"] = new JsonArray(new JsonObject { ["value"] = _insights.GetValueOrDefault((id, metric)) }),
                ["title"] = metric,
                ["id"] = $"{id}/insights/{metric}/{period}",
            });
        }

        return data.Count == 0 ? Error(400, 100, "(#100) The parameter metric is required") : Ok(new JsonObject { ["data"] = data });
    }

    // ----- Faults --------------------------------------------------------------------------------------------------

    /// <summary>Page tokens hit the Page's business use-case limit (X-Business-Use-Case-Usage); others the app limit (X-App-Usage, §1.9).</summary>
    private Reply RateLimited(GraphRequest r)
    {
        FakeToken? token;
        lock (_gate)
        {
            token = r.Token is null ? null : _tokens.GetValueOrDefault(r.Token);
        }

        if (RateLimitWithAppUsage || token is not { Kind: FakeTokenKind.Page })
        {
            return Error(400, 4, "(#4) Application request limit reached", transient: true, headers: new Dictionary<string, string>
            {
                ["X-App-Usage"] = """{"call_count":100,"total_cputime":21,"total_time":34}""",
            });
        }

        var usage = new JsonObject
        {
            [token.SubjectId] = new JsonArray(new JsonObject
            {
                ["type"] = "pages",
                ["call_count"] = 100,
                ["total_cputime"] = 25,
                ["total_time"] = 25,
                ["estimated_time_to_regain_access"] = RegainAccessMinutes,
            }),
        };
        return Error(400, RateLimitCode, "(#32) Page request limit reached", headers: new Dictionary<string, string>
        {
            ["X-Business-Use-Case-Usage"] = usage.ToJsonString(),
        });
    }

    private Reply Expired() => Error(400, 190, "Error validating access token: Session has expired on Friday, 20-Mar-26 01:00:00 PDT.", subcode: 463);

    private static Reply Missing(string id) =>
        Error(400, 100, $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", type: "GraphMethodException", subcode: 33);

    private static Reply Error(int status, int code, string message, string type = "OAuthException", int? subcode = null, bool transient = false, IReadOnlyDictionary<string, string>? headers = null)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code };
        if (subcode is not null)
        {
            error["error_subcode"] = subcode;
        }

        if (transient)
        {
            error["is_transient"] = true;
        }

        error["fbtrace_id"] = "AbCdEfFake";
        return new Reply(status, new JsonObject { ["error"] = error }, headers);
    }

    // ----- JSON ----------------------------------------------------------------------------------------------------

    private static Reply Ok(JsonNode body) => new(200, body);

    private DateTime Now() => Clock.GetUtcNow().UtcDateTime;

    private string NextId() => (++_nextId).ToString(CultureInfo.InvariantCulture);

    /// <summary>Graph's read format: <c>2025-03-22T18:20:04+0000</c>.</summary>
    public static string GraphTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";

    private static bool IsPublicUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    private static bool Wants(GraphRequest r, string field) =>
        r.Params.GetValueOrDefault("fields") is { } fields && fields.Contains(field, StringComparison.Ordinal);

    private static void Add(JsonObject o, GraphRequest r, string field, JsonNode? value)
    {
        if (Wants(r, field))
        {
            o[field] = value;
        }
    }

    private static DateTime Since(GraphRequest r) =>
        long.TryParse(r.Params.GetValueOrDefault("since"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var since)
            ? DateTimeOffset.FromUnixTimeSeconds(since).UtcDateTime
            : DateTime.MinValue;

    private static JsonObject PostJson(FakePost p, GraphRequest r)
    {
        var o = new JsonObject { ["id"] = p.Id };
        if (p.Message is not null)
        {
            Add(o, r, "message", p.Message);
        }

        Add(o, r, "created_time", GraphTime(p.CreatedAtUtc));
        Add(o, r, "permalink_url", $"https://www.facebook.com/{p.Id}");
        return o;
    }

    private static JsonObject MediaJson(FakeMedia m)
    {
        var o = new JsonObject { ["id"] = m.Id, ["media_type"] = m.MediaType, ["timestamp"] = GraphTime(m.CreatedAtUtc), ["permalink"] = m.Permalink };
        if (m.Caption is not null)
        {
            o["caption"] = m.Caption;
        }

        return o;
    }

    private static JsonObject InstagramCommentJson(FakeComment c) => new()
    {
        ["id"] = c.Id,
        ["text"] = c.Message,
        ["timestamp"] = GraphTime(c.CreatedAtUtc),
        ["username"] = c.FromName,
        ["from"] = new JsonObject { ["id"] = c.FromId, ["username"] = c.FromName },
        ["hidden"] = c.Hidden,
    };

    /// <summary>Graph's list shape with cursor paging; <c>next</c> only while there is more.</summary>
    private JsonObject Paged(GraphRequest r, List<JsonNode> items)
    {
        var limit = int.TryParse(r.Params.GetValueOrDefault("limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : 25;
        var start = r.Params.GetValueOrDefault("after") is { } after ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(after)), CultureInfo.InvariantCulture) : 0;
        var page = items.Skip(start).Take(limit).ToList();
        var result = new JsonObject { ["data"] = new JsonArray(page.ToArray()) };
        if (page.Count > 0)
        {
            var next = Convert.ToBase64String(Encoding.UTF8.GetBytes((start + page.Count).ToString(CultureInfo.InvariantCulture)));
            var paging = new JsonObject
            {
                ["cursors"] = new JsonObject { ["before"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(start.ToString(CultureInfo.InvariantCulture))), ["after"] = next },
            };
            if (start + page.Count < items.Count)
            {
                paging["next"] = new Uri(BaseUrl, $"v25.0/{string.Join('/', r.Segments)}?after={Uri.EscapeDataString(next)}&limit={limit}").AbsoluteUri;
            }

            result["paging"] = paging;
        }

        return result;
    }
}
