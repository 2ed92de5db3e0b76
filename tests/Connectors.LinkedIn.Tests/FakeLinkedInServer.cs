using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareDialog.Connectors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CareDialog.Connectors.LinkedIn.Tests;

/// <summary>
/// LinkedIn's versioned REST API as documented (platform-apis.md §4 and learn.microsoft.com/linkedin): the OAuth token endpoint,
/// /rest/me, organizationAcls, organizations, POST/GET /rest/posts, image upload, socialActions comments, share statistics and
/// networkSizes. Every /rest call must carry a Bearer token, a LinkedIn-Version that is active and X-Restli-Protocol-Version 2.0.0;
/// errors come in LinkedIn's <c>{"status","serviceErrorCode","code","message"}</c> shape. Commentary is stored as received and
/// also rendered the way LinkedIn reads little text: an unescaped reserved character ends the text, as LinkedIn truncates there.
/// </summary>
public sealed class FakeLinkedInServer : FakePlatformServer
{
    public const string ClientId = "cd-linkedin-client";
    public const string ClientSecret = "cd-linkedin-secret";
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromDays(60);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(365);
    private const string Reserved = @"|{}@[]()<>#\*_~";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedInMember> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedInOrganization> _organizations = new(StringComparer.Ordinal);
    private readonly List<(string MemberId, string Organization, string Role, string State)> _acls = [];
    private readonly Dictionary<string, AccessGrant> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);
    private readonly List<LinkedInPost> _posts = [];
    private readonly List<LinkedInComment> _comments = [];
    private readonly Dictionary<string, byte[]?> _images = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _holds = new(0);
    private long _nextId = 7_100_000_000_000_000_000;
    private int _nextSecret;

    /// <summary>The fake's clock; tests point it at the harness's FakeTimeProvider.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Monthly versions LinkedIn still serves; anything else is answered 426 NONEXISTENT_VERSION.</summary>
    public HashSet<string> ActiveVersions { get; } = new(StringComparer.Ordinal) { "202604", "202605", "202606", "202607", "202608" };

    /// <summary>The app is approved for programmatic refresh tokens (partners only, §4.6).</summary>
    public bool IssueRefreshTokens { get; set; } = true;

    /// <summary>A refresh returns a new refresh token (with the old one's remaining lifetime) and retires the old one.</summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary>The refresh answer carries no refresh_token (the old one stays valid), to prove nothing gets wiped.</summary>
    public bool OmitRefreshTokenOnRefresh { get; set; }

    /// <summary>totalShareStatistics fields LinkedIn has stopped returning.</summary>
    public HashSet<string> RetiredShareStatistics { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<LinkedInPost> Posts
    {
        get
        {
            lock (_gate)
            {
                return _posts.ToList();
            }
        }
    }

    public IReadOnlyList<LinkedInComment> Comments
    {
        get
        {
            lock (_gate)
            {
                return _comments.ToList();
            }
        }
    }

    public byte[]? UploadedImage(string urn)
    {
        lock (_gate)
        {
            return _images.GetValueOrDefault(urn);
        }
    }

    public LinkedInMember AddMember(string id, string firstName, string lastName, string vanityName)
    {
        var member = new LinkedInMember(id, firstName, lastName, vanityName);
        lock (_gate)
        {
            _members[id] = member;
        }

        return member;
    }

    public LinkedInOrganization AddOrganization(string id, string name, string vanityName, long followers = 0)
    {
        var org = new LinkedInOrganization(id, name, vanityName) { Followers = followers };
        lock (_gate)
        {
            _organizations[id] = org;
        }

        return org;
    }

    public void Grant(string memberId, string organizationId, string role, string state = "APPROVED")
    {
        lock (_gate)
        {
            _acls.Add((memberId, "urn:li:organization:" + organizationId, role, state));
        }
    }

    public string IssueAccessToken(string memberId, TimeSpan? lifetime = null)
    {
        lock (_gate)
        {
            return NewAccessTokenLocked(memberId, lifetime ?? AccessTokenLifetime);
        }
    }

    public string IssueRefreshToken(string memberId, TimeSpan? lifetime = null)
    {
        lock (_gate)
        {
            return NewRefreshTokenLocked(memberId, Now() + (lifetime ?? RefreshTokenLifetime));
        }
    }

    public bool IsRefreshTokenLive(string token)
    {
        lock (_gate)
        {
            return _refreshTokens.TryGetValue(token, out var grant) && grant.ExpiresAt > Now();
        }
    }

    /// <summary>The member removed the app from their LinkedIn settings.</summary>
    public void RevokeAll(string memberId)
    {
        lock (_gate)
        {
            foreach (var grant in _accessTokens.Values.Where(g => g.MemberId == memberId))
            {
                grant.Revoked = true;
            }

            foreach (var key in _refreshTokens.Where(kv => kv.Value.MemberId == memberId).Select(kv => kv.Key).ToList())
            {
                _refreshTokens.Remove(key);
            }
        }
    }

    public string IssueAuthorizationCode(string memberId, Uri redirectUri)
    {
        var code = NewSecret("code");
        lock (_gate)
        {
            _codes[code] = new CodeGrant(memberId, redirectUri.ToString());
        }

        return code;
    }

    public LinkedInPost AddPost(string author, string commentary, DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            return CreatePost(author, commentary, at ?? Now(), null);
        }
    }

    public LinkedInComment AddComment(LinkedInPost post, string actor, string text, LinkedInComment? parent = null, DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            return CreateComment(post, actor, text, parent, at ?? Now());
        }
    }

    /// <summary>Completes when a timeout fault starts holding a response; the test then moves its clock past the client's timeout.</summary>
    public async Task WaitUntilHoldingAsync()
    {
        if (!await _holds.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("The fake LinkedIn server never received the request that was to time out.");
        }
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/oauth/v2/accessToken", Endpoint(TokenAsync, rest: false));
        app.MapGet("/rest/me", Endpoint(MeAsync));
        app.MapGet("/rest/organizationAcls", Endpoint(AclsAsync));
        app.MapGet("/rest/organizations/{id}", Endpoint(OrganizationAsync));
        app.MapPost("/rest/posts", Endpoint(CreatePostAsync));
        app.MapGet("/rest/posts", Endpoint(PostsByAuthorAsync));
        app.MapPost("/rest/images", Endpoint(InitializeUploadAsync));
        app.MapPut("/upload/{id}", Endpoint(UploadAsync, rest: false));
        app.MapGet("/rest/socialActions/{target}/comments", Endpoint(CommentsAsync));
        app.MapPost("/rest/socialActions/{target}/comments", Endpoint(CreateCommentAsync));
        app.MapGet("/rest/organizationalEntityShareStatistics", Endpoint(ShareStatisticsAsync));
        app.MapGet("/rest/networkSizes/{urn}", Endpoint(NetworkSizeAsync));
    }

    private sealed record Answer(int Status, JsonNode? Body, IReadOnlyDictionary<string, string>? Headers = null);

    private sealed record Call(HttpContext Context, LinkedInMember? Member);

    private RequestDelegate Endpoint(Func<Call, Task<Answer>> handler, bool rest = true) => async context =>
    {
        var fault = TakeFault();
        switch (fault)
        {
            case Fault.RateLimited:
                await WriteAsync(context, Error(429, "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.", "TOO_MANY_REQUESTS", 101));
                return;
            case Fault.ServerError:
                await WriteAsync(context, Error(500, "Internal Server Error"));
                return;
            case Fault.ExpiredToken:
                await WriteAsync(context, Error(401, "The token used in the request has expired", "EXPIRED_ACCESS_TOKEN", 65602));
                return;
            case Fault.PermissionDenied:
                await WriteAsync(context, Error(403, $"Not enough permissions to access: {context.Request.Method} {context.Request.Path}", "ACCESS_DENIED", 100));
                return;
            case Fault.TimeoutBeforeProcessing:
                await HoldAsync(context);
                return;
        }

        LinkedInMember? member = null;
        if (rest)
        {
            if (Refusal(context, out member) is { } refusal)
            {
                await WriteAsync(context, refusal);
                return;
            }
        }

        var answer = await handler(new Call(context, member));
        if (fault == Fault.TimeoutAfterProcessing)
        {
            await HoldAsync(context);
            return;
        }

        await WriteAsync(context, answer);
    };

    /// <summary>What LinkedIn answers before looking at the request: bad token, then missing or sunset version, then the wrong protocol.</summary>
    private Answer? Refusal(HttpContext context, out LinkedInMember? member)
    {
        member = null;
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : "";
        if (token.Length == 0)
        {
            return Error(401, "Empty oauth2_access_token", serviceErrorCode: 401);
        }

        lock (_gate)
        {
            if (!_accessTokens.TryGetValue(token, out var grant))
            {
                return Error(401, "Invalid access token", "INVALID_ACCESS_TOKEN", 65600);
            }

            if (grant.Revoked)
            {
                return Error(401, "The token used in the request has been revoked by the user", "REVOKED_ACCESS_TOKEN", 65601);
            }

            if (grant.ExpiresAt <= Now())
            {
                return Error(401, "The token used in the request has expired", "EXPIRED_ACCESS_TOKEN", 65602);
            }

            member = _members[grant.MemberId];
        }

        var version = context.Request.Headers["LinkedIn-Version"].ToString();
        if (version.Length == 0)
        {
            return Error(400, "A version must be present. Please specify a version by adding the LinkedIn-Version header.", "VERSION_MISSING");
        }

        if (!ActiveVersions.Contains(version))
        {
            return Error(426, $"Requested version {version} is not active", "NONEXISTENT_VERSION");
        }

        if (context.Request.Headers["X-Restli-Protocol-Version"].ToString() != "2.0.0")
        {
            // LinkedIn reads URNs and finders with Rest.li 1.0 rules without this header and then fails to parse the request.
            return Error(400, "Invalid query parameters passed to request: X-Restli-Protocol-Version 2.0.0 is required for this resource", "ILLEGAL_ARGUMENT");
        }

        return null;
    }

    private async Task HoldAsync(HttpContext context)
    {
        _holds.Release();
        try
        {
            await Task.Delay(TimeoutDelay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as intended: there is nobody to answer.
        }
    }

    private static async Task WriteAsync(HttpContext context, Answer answer)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body.ToJsonString());
        }
    }

    private static Answer Error(int status, string message, string? code = null, long? serviceErrorCode = null)
    {
        var body = new JsonObject { ["status"] = status };
        if (serviceErrorCode is not null)
        {
            body["serviceErrorCode"] = serviceErrorCode;
        }

        if (code is not null)
        {
            body["code"] = code;
        }

        body["message"] = message;
        return new Answer(status, body);
    }

    private static Answer Ok(JsonNode body) => new(200, body);

    private static Answer Denied(Call call) =>
        Error(403, $"Not enough permissions to access: {call.Context.Request.Method} {call.Context.Request.Path}", "ACCESS_DENIED", 100);

    private async Task<Answer> TokenAsync(Call call)
    {
        var form = await call.Context.Request.ReadFormAsync();
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return new Answer(401, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Client authentication failed" });
        }

        lock (_gate)
        {
            var now = Now();
            switch (form["grant_type"].ToString())
            {
                case "authorization_code":
                {
                    if (!_codes.Remove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"])
                    {
                        return OAuthError("invalid_grant", "The provided authorization grant or redirect_uri is invalid, expired or revoked.");
                    }

                    var refresh = IssueRefreshTokens ? NewRefreshTokenLocked(grant.MemberId, now + RefreshTokenLifetime) : null;
                    return TokenAnswer(grant.MemberId, refresh, refresh is null ? null : RefreshTokenLifetime);
                }

                case "refresh_token":
                {
                    var old = form["refresh_token"].ToString();
                    if (!_refreshTokens.TryGetValue(old, out var grant) || grant.ExpiresAt <= now)
                    {
                        return OAuthError("invalid_grant", "The provided authorization grant or refresh token is invalid, expired or revoked.");
                    }

                    // Refreshing never extends the refresh token's life (§4.6).
                    var remaining = grant.ExpiresAt - now;
                    if (OmitRefreshTokenOnRefresh)
                    {
                        return TokenAnswer(grant.MemberId, null, null);
                    }

                    if (RotateRefreshTokens)
                    {
                        _refreshTokens.Remove(old);
                        return TokenAnswer(grant.MemberId, NewRefreshTokenLocked(grant.MemberId, grant.ExpiresAt), remaining);
                    }

                    return TokenAnswer(grant.MemberId, old, remaining);
                }

                default:
                    return OAuthError("unsupported_grant_type", "The grant type is not supported.");
            }
        }
    }

    private static Answer OAuthError(string error, string description) =>
        new(400, new JsonObject { ["error"] = error, ["error_description"] = description });

    private Answer TokenAnswer(string memberId, string? refreshToken, TimeSpan? refreshLifetime)
    {
        var body = new JsonObject
        {
            ["access_token"] = NewAccessTokenLocked(memberId, AccessTokenLifetime),
            ["expires_in"] = (long)AccessTokenLifetime.TotalSeconds,
            ["scope"] = "r_basicprofile,w_member_social,r_organization_social,w_organization_social,rw_organization_admin",
        };
        if (refreshToken is not null && refreshLifetime is { } lifetime)
        {
            body["refresh_token"] = refreshToken;
            body["refresh_token_expires_in"] = (long)lifetime.TotalSeconds;
        }

        return Ok(body);
    }

    private Task<Answer> MeAsync(Call call)
    {
        var m = call.Member!;
        return Task.FromResult(Ok(new JsonObject
        {
            ["id"] = m.Id,
            ["localizedFirstName"] = m.FirstName,
            ["localizedLastName"] = m.LastName,
            ["vanityName"] = m.VanityName,
        }));
    }

    private Task<Answer> AclsAsync(Call call)
    {
        var query = call.Context.Request.Query;
        if (query["q"] != "roleAssignee")
        {
            return Task.FromResult(Error(400, "Invalid query parameters passed to request", "ILLEGAL_ARGUMENT"));
        }

        lock (_gate)
        {
            var rows = _acls.Where(a => a.MemberId == call.Member!.Id)
                .Where(a => query["role"].Count == 0 || a.Role == query["role"])
                .Where(a => query["state"].Count == 0 || a.State == query["state"])
                .Select(a => (JsonNode)new JsonObject
                {
                    ["roleAssignee"] = "urn:li:person:" + a.MemberId,
                    ["state"] = a.State,
                    ["role"] = a.Role,
                    ["organization"] = a.Organization,
                })
                .ToArray();
            return Task.FromResult(Ok(new JsonObject { ["paging"] = Paging(0, rows.Length, rows.Length), ["elements"] = new JsonArray(rows) }));
        }
    }

    private Task<Answer> OrganizationAsync(Call call)
    {
        var id = call.Context.Request.RouteValues["id"]?.ToString() ?? "";
        lock (_gate)
        {
            return Task.FromResult(_organizations.TryGetValue(id, out var org)
                ? Ok(new JsonObject { ["id"] = long.Parse(org.Id, CultureInfo.InvariantCulture), ["localizedName"] = org.Name, ["vanityName"] = org.VanityName })
                : Error(404, $"Organization {id} not found", "NOT_FOUND"));
        }
    }

    private async Task<Answer> CreatePostAsync(Call call)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(call.Context.Request.Body);
        }
        catch (JsonException)
        {
            return Error(400, "Request body could not be converted to data map", "ILLEGAL_ARGUMENT");
        }

        var missing = new[] { "author", "commentary", "visibility", "distribution", "lifecycleState" }.Where(f => body?[f] is null).ToList();
        if (missing.Count > 0)
        {
            return Error(422, string.Concat(missing.Select(f => $"ERROR :: /{f} :: field is required but not found and has no default value\n")));
        }

        if (body!["lifecycleState"]!.GetValue<string>() != "PUBLISHED")
        {
            return Error(422, "ERROR :: /lifecycleState :: PUBLISHED is the only accepted field during creation\n");
        }

        var author = body["author"]!.GetValue<string>();
        var commentary = body["commentary"]!.GetValue<string>();
        var image = body["content"]?["media"]?["id"]?.GetValue<string>();
        lock (_gate)
        {
            if (!MayActAs(call.Member!, author))
            {
                return Denied(call);
            }

            if (image is not null && _images.GetValueOrDefault(image) is null)
            {
                return Error(422, $"ERROR :: /content/media/id :: {image} has not been uploaded\n");
            }

            if (_posts.FirstOrDefault(p => p.Author == author && p.Commentary == commentary) is { } duplicate)
            {
                return Error(422, $"Content is a duplicate of {duplicate.Urn}", "DUPLICATE_POST");
            }

            var post = CreatePost(author, commentary, Now(), image);
            return new Answer(201, null, new Dictionary<string, string> { ["x-restli-id"] = post.Urn });
        }
    }

    private Task<Answer> PostsByAuthorAsync(Call call)
    {
        var query = call.Context.Request.Query;
        var author = query["author"].ToString();
        if (query["q"] != "author" || author.Length == 0)
        {
            return Task.FromResult(Error(400, "Invalid query parameters passed to request", "ILLEGAL_ARGUMENT"));
        }

        var start = int.TryParse(query["start"], out var s) ? s : 0;
        var count = int.TryParse(query["count"], out var c) ? Math.Clamp(c, 1, 100) : 10;
        lock (_gate)
        {
            if (!MayActAs(call.Member!, author))
            {
                return Task.FromResult(Denied(call));
            }

            var all = _posts.Where(p => p.Author == author)
                .OrderByDescending(p => query["sortBy"] == "CREATED" ? p.CreatedAt : p.LastModifiedAt).ThenByDescending(p => p.Urn, StringComparer.Ordinal)
                .ToList();
            var page = all.Skip(start).Take(count).Select(p => (JsonNode)PostJson(p)).ToArray();
            return Task.FromResult(Ok(new JsonObject { ["paging"] = Paging(start, count, all.Count), ["elements"] = new JsonArray(page) }));
        }
    }

    private async Task<Answer> InitializeUploadAsync(Call call)
    {
        if (call.Context.Request.Query["action"] != "initializeUpload")
        {
            return Error(400, "Invalid query parameters passed to request", "ILLEGAL_ARGUMENT");
        }

        var body = await JsonNode.ParseAsync(call.Context.Request.Body);
        var owner = body?["initializeUploadRequest"]?["owner"]?.GetValue<string>();
        if (owner is null)
        {
            return Error(422, "ERROR :: /initializeUploadRequest/owner :: field is required but not found and has no default value\n");
        }

        lock (_gate)
        {
            if (!MayActAs(call.Member!, owner))
            {
                return Denied(call);
            }

            var id = "D4E10AQ" + NextId();
            _images["urn:li:image:" + id] = null;
            return Ok(new JsonObject
            {
                ["value"] = new JsonObject
                {
                    ["uploadUrlExpiresAt"] = (Now() + TimeSpan.FromDays(1)).ToUnixTimeMilliseconds(),
                    ["uploadUrl"] = new Uri(BaseUrl, "upload/" + id).ToString(),
                    ["image"] = "urn:li:image:" + id,
                },
            });
        }
    }

    private async Task<Answer> UploadAsync(Call call)
    {
        var urn = "urn:li:image:" + call.Context.Request.RouteValues["id"];
        using var buffer = new MemoryStream();
        await call.Context.Request.Body.CopyToAsync(buffer);
        lock (_gate)
        {
            if (!_images.ContainsKey(urn))
            {
                return Error(404, "Upload URL not found or expired");
            }

            _images[urn] = buffer.ToArray();
            return new Answer(201, null);
        }
    }

    private Task<Answer> CommentsAsync(Call call)
    {
        var target = call.Context.Request.RouteValues["target"]?.ToString() ?? "";
        var query = call.Context.Request.Query;
        var start = int.TryParse(query["start"], out var s) ? s : 0;
        var count = int.TryParse(query["count"], out var c) ? Math.Clamp(c, 1, 100) : 10;
        lock (_gate)
        {
            List<LinkedInComment> all;
            if (FindPost(target) is { } post)
            {
                all = _comments.Where(k => k.Post == post && k.Parent is null).ToList();
            }
            else if (_comments.FirstOrDefault(k => k.Urn == target) is { } parent)
            {
                all = _comments.Where(k => k.Parent == parent).ToList();
            }
            else
            {
                return Task.FromResult(Error(404, $"Not found: {target}", "NOT_FOUND"));
            }

            var page = all.OrderBy(k => k.CreatedAt).Skip(start).Take(count).Select(k => (JsonNode)CommentJson(k)).ToArray();
            return Task.FromResult(Ok(new JsonObject { ["paging"] = Paging(start, count, all.Count), ["elements"] = new JsonArray(page) }));
        }
    }

    private async Task<Answer> CreateCommentAsync(Call call)
    {
        var target = call.Context.Request.RouteValues["target"]?.ToString() ?? "";
        var body = await JsonNode.ParseAsync(call.Context.Request.Body);
        var actor = body?["actor"]?.GetValue<string>();
        var obj = body?["object"]?.GetValue<string>();
        var text = body?["message"]?["text"]?.GetValue<string>();
        var parentUrn = body?["parentComment"]?.GetValue<string>();
        if (actor is null || obj is null || text is null)
        {
            return Error(422, "ERROR :: /actor, /object and /message are required\n");
        }

        lock (_gate)
        {
            if (!MayActAs(call.Member!, actor))
            {
                return Denied(call);
            }

            var post = FindPost(obj);
            var parent = parentUrn is null ? null : _comments.FirstOrDefault(k => k.Urn == parentUrn);
            if (post is null || (parentUrn is not null && (parent is null || parent.Post != post || parent.Parent is not null)))
            {
                return Error(400, "Invalid object or parentComment", "ILLEGAL_ARGUMENT");
            }

            if ((parent is null && FindPost(target) != post) || (parent is not null && target != parent.Urn))
            {
                return Error(400, "The path must name the post, or the parent comment of a nested comment", "ILLEGAL_ARGUMENT");
            }

            var comment = CreateComment(post, actor, text, parent, Now());
            return new Answer(201, CommentJson(comment), new Dictionary<string, string> { ["x-restli-id"] = comment.Urn });
        }
    }

    private Task<Answer> ShareStatisticsAsync(Call call)
    {
        var query = call.Context.Request.Query;
        var org = query["organizationalEntity"].ToString();
        if (query["q"] != "organizationalEntity" || !org.StartsWith("urn:li:organization:", StringComparison.Ordinal))
        {
            return Task.FromResult(Error(400, "Invalid query parameters passed to request", "ILLEGAL_ARGUMENT"));
        }

        var list = query["shares"].Count > 0 ? "shares" : "ugcPosts";
        var urns = ParseList(query[list].ToString());
        lock (_gate)
        {
            if (!_acls.Any(a => a.MemberId == call.Member!.Id && a.Organization == org && a.Role == "ADMINISTRATOR" && a.State == "APPROVED"))
            {
                return Task.FromResult(Denied(call));
            }

            var elements = new JsonArray();
            foreach (var urn in urns)
            {
                if (_posts.FirstOrDefault(p => p.Urn == urn && p.Author == org) is not { } post)
                {
                    continue;
                }

                var stats = new JsonObject();
                foreach (var (name, value) in new (string, long)[]
                         {
                             ("uniqueImpressionsCount", post.UniqueImpressions), ("shareCount", post.Shares), ("clickCount", post.Clicks),
                             ("likeCount", post.Likes), ("impressionCount", post.Impressions), ("commentCount", _comments.Count(k => k.Post == post)),
                         })
                {
                    if (!RetiredShareStatistics.Contains(name))
                    {
                        stats[name] = value;
                    }
                }

                stats["engagement"] = 0.05;
                elements.Add(new JsonObject { ["organizationalEntity"] = org, [list == "shares" ? "share" : "ugcPost"] = urn, ["totalShareStatistics"] = stats });
            }

            return Task.FromResult(Ok(new JsonObject { ["paging"] = Paging(0, elements.Count, elements.Count), ["elements"] = elements }));
        }
    }

    private Task<Answer> NetworkSizeAsync(Call call)
    {
        var urn = call.Context.Request.RouteValues["urn"]?.ToString() ?? "";
        if (call.Context.Request.Query["edgeType"] != "COMPANY_FOLLOWED_BY_MEMBER")
        {
            return Task.FromResult(Error(400, "Invalid query parameters passed to request", "ILLEGAL_ARGUMENT"));
        }

        lock (_gate)
        {
            return Task.FromResult(urn.StartsWith("urn:li:organization:", StringComparison.Ordinal) && _organizations.TryGetValue(urn["urn:li:organization:".Length..], out var org)
                ? Ok(new JsonObject { ["firstDegreeSize"] = org.Followers })
                : Error(404, $"Not found: {urn}", "NOT_FOUND"));
        }
    }

    private bool MayActAs(LinkedInMember member, string author) =>
        author == "urn:li:person:" + member.Id
        || _acls.Any(a => a.MemberId == member.Id && a.Organization == author && a.State == "APPROVED"
                          && a.Role is "ADMINISTRATOR" or "CONTENT_ADMIN" or "DIRECT_SPONSORED_CONTENT_POSTER");

    private LinkedInPost? FindPost(string urn) => _posts.FirstOrDefault(p => p.Urn == urn || p.ActivityUrn == urn);

    private LinkedInPost CreatePost(string author, string commentary, DateTimeOffset at, string? image)
    {
        var id = NextId();
        var post = new LinkedInPost("urn:li:share:" + id, "urn:li:activity:" + id, author, commentary, Render(commentary), at, image);
        _posts.Add(post);
        return post;
    }

    private LinkedInComment CreateComment(LinkedInPost post, string actor, string text, LinkedInComment? parent, DateTimeOffset at)
    {
        var id = NextId();
        var comment = new LinkedInComment($"urn:li:comment:({post.ActivityUrn},{id})", id, post, actor, text, parent, at);
        _comments.Add(comment);
        return comment;
    }

    private JsonObject PostJson(LinkedInPost p)
    {
        var json = new JsonObject
        {
            ["id"] = p.Urn,
            ["author"] = p.Author,
            ["commentary"] = p.Commentary,
            ["visibility"] = "PUBLIC",
            ["lifecycleState"] = "PUBLISHED",
            ["distribution"] = new JsonObject { ["feedDistribution"] = "MAIN_FEED", ["targetEntities"] = new JsonArray(), ["thirdPartyDistributionChannels"] = new JsonArray() },
            ["createdAt"] = p.CreatedAt.ToUnixTimeMilliseconds(),
            ["publishedAt"] = p.CreatedAt.ToUnixTimeMilliseconds(),
            ["lastModifiedAt"] = p.LastModifiedAt.ToUnixTimeMilliseconds(),
            ["isReshareDisabledByAuthor"] = false,
        };
        if (p.Image is not null)
        {
            json["content"] = new JsonObject { ["media"] = new JsonObject { ["id"] = p.Image } };
        }

        return json;
    }

    private JsonObject CommentJson(LinkedInComment k)
    {
        var replies = _comments.Count(r => r.Parent == k);
        var json = new JsonObject
        {
            ["actor"] = k.Actor,
            ["commentUrn"] = k.Urn,
            ["id"] = k.Id,
            ["created"] = new JsonObject { ["actor"] = k.Actor, ["time"] = k.CreatedAt.ToUnixTimeMilliseconds() },
            ["lastModified"] = new JsonObject { ["actor"] = k.Actor, ["time"] = k.CreatedAt.ToUnixTimeMilliseconds() },
            ["message"] = new JsonObject { ["text"] = k.Text, ["attributes"] = new JsonArray() },
            ["object"] = k.Post.ActivityUrn,
            ["commentsSummary"] = new JsonObject { ["aggregatedTotalComments"] = replies, ["totalFirstLevelComments"] = replies },
        };
        if (k.Parent is not null)
        {
            json["parentComment"] = k.Parent.Urn;
        }

        return json;
    }

    private static JsonObject Paging(int start, int count, int total) => new() { ["start"] = start, ["count"] = count, ["total"] = total, ["links"] = new JsonArray() };

    /// <summary>List(a,b) as Rest.li 2.0 writes it (items URL-encoded, so commas inside URNs never split).</summary>
    private static List<string> ParseList(string value) =>
        value.StartsWith("List(", StringComparison.Ordinal) && value.EndsWith(')')
            ? value[5..^1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList()
            : [];

    /// <summary>
    /// How a reader sees little text: escapes resolved, hashtag and mention templates shown as #tag and the name, and the text cut
    /// at the first unescaped reserved character, which is how LinkedIn loses unescaped text.
    /// </summary>
    internal static string Render(string little)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < little.Length; i++)
        {
            var c = little[i];
            if (c == '\\' && i + 1 < little.Length)
            {
                sb.Append(little[++i]);
                continue;
            }

            if (c == '{' && little.AsSpan(i).StartsWith(@"{hashtag|\#|") && little.IndexOf('}', i) is > 0 and var close)
            {
                sb.Append('#').Append(Render(little[(i + 12)..close]));
                i = close;
                continue;
            }

            if (Reserved.Contains(c))
            {
                break;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private string NewAccessTokenLocked(string memberId, TimeSpan lifetime)
    {
        var token = NewSecret("lat");
        _accessTokens[token] = new AccessGrant(memberId, Now() + lifetime);
        return token;
    }

    private string NewRefreshTokenLocked(string memberId, DateTimeOffset expiresAt)
    {
        var token = NewSecret("lrt");
        _refreshTokens[token] = new RefreshGrant(memberId, expiresAt);
        return token;
    }

    private string NextId() => (_nextId += 1_000).ToString(CultureInfo.InvariantCulture);

    private string NewSecret(string prefix) => $"{prefix}-{Interlocked.Increment(ref _nextSecret)}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}";

    private sealed class AccessGrant(string memberId, DateTimeOffset expiresAt)
    {
        public string MemberId { get; } = memberId;
        public DateTimeOffset ExpiresAt { get; } = expiresAt;
        public bool Revoked { get; set; }
    }

    private sealed record RefreshGrant(string MemberId, DateTimeOffset ExpiresAt);

    private sealed record CodeGrant(string MemberId, string RedirectUri);
}

public sealed record LinkedInMember(string Id, string FirstName, string LastName, string VanityName);

public sealed class LinkedInOrganization(string id, string name, string vanityName)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public string VanityName { get; } = vanityName;
    public long Followers { get; set; }
}

/// <summary>A post as stored: <see cref="Commentary"/> exactly as received, <see cref="RenderedText"/> as a LinkedIn reader would see it.</summary>
public sealed class LinkedInPost(string urn, string activityUrn, string author, string commentary, string renderedText, DateTimeOffset createdAt, string? image)
{
    public string Urn { get; } = urn;
    public string ActivityUrn { get; } = activityUrn;
    public string Author { get; } = author;
    public string Commentary { get; } = commentary;
    public string RenderedText { get; } = renderedText;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset LastModifiedAt { get; } = createdAt;
    public string? Image { get; } = image;
    public long Impressions { get; set; }
    public long UniqueImpressions { get; set; }
    public long Likes { get; set; }
    public long Shares { get; set; }
    public long Clicks { get; set; }
}

public sealed class LinkedInComment(string urn, string id, LinkedInPost post, string actor, string text, LinkedInComment? parent, DateTimeOffset createdAt)
{
    public string Urn { get; } = urn;
    public string Id { get; } = id;
    public LinkedInPost Post { get; } = post;
    public string Actor { get; } = actor;
    public string Text { get; } = text;
    public LinkedInComment? Parent { get; } = parent;
    public DateTimeOffset CreatedAt { get; } = createdAt;
}
