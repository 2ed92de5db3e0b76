using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareDialog.Connectors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CareDialog.Connectors.X.Tests;

/// <summary>
/// X API v2 as documented (platform-apis.md §3 and docs.x.com): OAuth 2.0 token endpoint with PKCE and rotating refresh tokens,
/// /2/users/me, /2/users/:id, the user post timeline, POST /2/tweets, GET /2/tweets/:id with public and private metrics, recent
/// search by conversation_id and PUT /2/tweets/:id/hidden. Errors come in X's shapes: problem JSON, 200 with errors[] for
/// missing resources, x-rate-limit-* headers on every answer. Time comes from <see cref="Now"/> so tests can share their fake clock.
/// </summary>
public sealed partial class FakeXServer : FakePlatformServer
{
    public const string ClientId = "cd-x-client";
    public const string ClientSecret = "cd-x-secret";
    public const int RateLimitPerWindow = 100;
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(2);
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DailyCapReset = TimeSpan.FromHours(6);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, XUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessGrant> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);
    private readonly List<XTweet> _tweets = [];
    private readonly SemaphoreSlim _holds = new(0);
    private long _nextId = 1_900_000_000_000_000_000;
    private int _nextSecret;

    /// <summary>The fake's clock; tests point it at the harness's FakeTimeProvider.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Each refresh issues a new refresh token and retires the old one (widely reported X behaviour, §3.5).</summary>
    public bool RotateRefreshTokens { get; set; } = true;

    /// <summary>The refresh answer carries no refresh_token (the old one stays valid), to prove nothing gets wiped.</summary>
    public bool OmitRefreshTokenOnRefresh { get; set; }

    /// <summary>The OAuth error for a dead refresh token; X is reported to send invalid_grant or invalid_request (§9).</summary>
    public string DeadRefreshTokenError { get; set; } = "invalid_grant";

    /// <summary>Confidential client: the token endpoint insists on HTTP Basic with the client secret.</summary>
    public bool RequireClientSecret { get; set; } = true;

    /// <summary>public_metrics fields X has stopped returning (to test that one missing metric does not cost the others).</summary>
    public HashSet<string> RetiredPublicMetrics { get; } = new(StringComparer.Ordinal);

    /// <summary>non_public_metrics refused with a Field Authorization Error (older than 30 days, or not the author).</summary>
    public bool RefuseNonPublicMetrics { get; set; }

    /// <summary>A RateLimited fault also reports the user's 24-hour cap as spent (x-user-limit-24hour-remaining: 0).</summary>
    public bool DailyCapSpent { get; set; }

    /// <summary>The maximum weighted length of a post (280 for non-Premium accounts).</summary>
    public int MaxWeightedLength { get; set; } = 280;

    public IReadOnlyList<XTweet> Tweets
    {
        get
        {
            lock (_gate)
            {
                return _tweets.ToList();
            }
        }
    }

    public XUser AddUser(string id, string username, string name, long followers = 0)
    {
        var user = new XUser(id, username, name) { Followers = followers };
        lock (_gate)
        {
            _users[id] = user;
        }

        return user;
    }

    public string IssueAccessToken(string userId, TimeSpan? lifetime = null)
    {
        var token = NewSecret("xat");
        lock (_gate)
        {
            _accessTokens[token] = new AccessGrant(userId, Now() + (lifetime ?? AccessTokenLifetime));
        }

        return token;
    }

    public string IssueRefreshToken(string userId)
    {
        var token = NewSecret("xrt");
        lock (_gate)
        {
            _refreshTokens[token] = new RefreshGrant(userId);
        }

        return token;
    }

    public bool IsRefreshTokenLive(string token)
    {
        lock (_gate)
        {
            return _refreshTokens.ContainsKey(token);
        }
    }

    /// <summary>The user revoked the app in their X settings: every token of theirs stops working.</summary>
    public void RevokeAll(string userId)
    {
        lock (_gate)
        {
            foreach (var key in _accessTokens.Where(kv => kv.Value.UserId == userId).Select(kv => kv.Key).ToList())
            {
                _accessTokens.Remove(key);
            }

            foreach (var key in _refreshTokens.Where(kv => kv.Value.UserId == userId).Select(kv => kv.Key).ToList())
            {
                _refreshTokens.Remove(key);
            }
        }
    }

    /// <summary>What X's consent page does when the user approves: a one-time code bound to the PKCE challenge and redirect URI.</summary>
    public string IssueAuthorizationCode(string userId, string codeChallenge, Uri redirectUri, string scope)
    {
        var code = NewSecret("code");
        lock (_gate)
        {
            _codes[code] = new CodeGrant(userId, codeChallenge, redirectUri.ToString(), scope);
        }

        return code;
    }

    public XTweet AddTweet(string authorId, string text, DateTimeOffset? at = null, string? inReplyTo = null)
    {
        lock (_gate)
        {
            return CreateTweet(authorId, text, at ?? Now(), inReplyTo);
        }
    }

    /// <summary>Completes when a timeout fault starts holding a response; the test then moves its clock past the client's timeout.</summary>
    public async Task WaitUntilHoldingAsync()
    {
        if (!await _holds.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("The fake X server never received the request that was to time out.");
        }
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/2/oauth2/token", Api(TokenAsync));
        app.MapGet("/2/users/me", Api(MeAsync));
        app.MapGet("/2/users/{id}", Api(UserAsync));
        app.MapGet("/2/users/{id}/tweets", Api(TimelineAsync));
        app.MapPost("/2/tweets", Api(CreateAsync));
        app.MapGet("/2/tweets/search/recent", Api(SearchAsync));
        app.MapGet("/2/tweets/{id}", Api(LookupAsync));
        app.MapPut("/2/tweets/{id}/hidden", Api(HideAsync));
    }

    private sealed record Answer(int Status, object Body, string ContentType = "application/json; charset=utf-8", IReadOnlyDictionary<string, string>? Headers = null);

    private RequestDelegate Api(Func<HttpContext, Task<Answer>> handler) => async context =>
    {
        var fault = TakeFault();
        switch (fault)
        {
            case Fault.RateLimited:
                await WriteAsync(context, RateLimitedAnswer());
                return;
            case Fault.ServerError:
                await WriteAsync(context, Problem(503, "Service Unavailable", "Service Unavailable"));
                return;
            case Fault.ExpiredToken:
                await WriteAsync(context, Unauthorized());
                return;
            case Fault.PermissionDenied:
                await WriteAsync(context, Problem(403, "Forbidden", "You are not permitted to perform this action."));
                return;
            case Fault.TimeoutBeforeProcessing:
                await HoldAsync(context);
                return;
        }

        var answer = await handler(context);
        if (fault == Fault.TimeoutAfterProcessing)
        {
            await HoldAsync(context);
            return;
        }

        await WriteAsync(context, answer);
    };

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

    private async Task WriteAsync(HttpContext context, Answer answer)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var now = Now();
        context.Response.StatusCode = answer.Status;
        context.Response.Headers["x-rate-limit-limit"] = RateLimitPerWindow.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-rate-limit-remaining"] = (RateLimitPerWindow - 1).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-rate-limit-reset"] = (now + RateLimitWindow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(JsonSerializer.Serialize(answer.Body));
    }

    private Answer RateLimitedAnswer()
    {
        var now = Now();
        var headers = new Dictionary<string, string>
        {
            ["x-rate-limit-remaining"] = DailyCapSpent ? "42" : "0",
            ["x-rate-limit-reset"] = (now + RateLimitWindow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        if (DailyCapSpent)
        {
            headers["x-user-limit-24hour-limit"] = "17";
            headers["x-user-limit-24hour-remaining"] = "0";
            headers["x-user-limit-24hour-reset"] = (now + DailyCapReset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        return new Answer(429, new { title = "Too Many Requests", detail = "Too Many Requests", type = "about:blank", status = 429 },
            "application/problem+json", headers);
    }

    private static Answer Problem(int status, string title, string detail, string type = "about:blank") =>
        new(status, new { detail, type, title, status }, "application/problem+json");

    private static Answer Unauthorized() =>
        new(401, new { title = "Unauthorized", type = "about:blank", status = 401, detail = "Unauthorized" }, "application/problem+json");

    private static Answer InvalidRequest(string message) =>
        new(400, new
        {
            errors = new[] { new { message } },
            title = "Invalid Request",
            detail = "One or more parameters to your request was invalid.",
            type = "https://api.twitter.com/2/problems/invalid-request",
        }, "application/problem+json");

    private static Answer NotFound(string id, string resourceType) =>
        new(200, new
        {
            errors = new[]
            {
                new
                {
                    value = id,
                    detail = $"Could not find {resourceType} with id: [{id}].",
                    title = "Not Found Error",
                    resource_type = resourceType,
                    parameter = "id",
                    resource_id = id,
                    type = "https://api.twitter.com/2/problems/resource-not-found",
                },
            },
        });

    private static Answer OAuthError(int status, string error, string description) =>
        new(status, new { error, error_description = description });

    private XUser? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return null;
        }

        lock (_gate)
        {
            return _accessTokens.TryGetValue(header["Bearer ".Length..], out var grant) && grant.ExpiresAt > Now() && _users.TryGetValue(grant.UserId, out var user)
                ? user
                : null;
        }
    }

    private async Task<Answer> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var basic = context.Request.Headers.Authorization.ToString();
        if (basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic["Basic ".Length..])).Split(':', 2);
            if (pair.Length != 2 || Uri.UnescapeDataString(pair[0]) != ClientId || Uri.UnescapeDataString(pair[1]) != ClientSecret)
            {
                return OAuthError(401, "unauthorized_client", "Missing valid authorization header");
            }
        }
        else if (RequireClientSecret)
        {
            return OAuthError(401, "unauthorized_client", "Missing valid authorization header");
        }

        if (form["client_id"] != ClientId)
        {
            return OAuthError(400, "invalid_request", "Missing required parameter [client_id].");
        }

        lock (_gate)
        {
            switch (form["grant_type"].ToString())
            {
                case "authorization_code":
                {
                    if (!_codes.Remove(form["code"].ToString(), out var grant))
                    {
                        return OAuthError(400, "invalid_request", "Value passed for the authorization code was invalid.");
                    }

                    if (grant.RedirectUri != form["redirect_uri"] || Challenge(form["code_verifier"].ToString()) != grant.CodeChallenge)
                    {
                        return OAuthError(400, "invalid_request", "Value passed for the authorization code was invalid.");
                    }

                    var offline = grant.Scope.Split(' ').Contains("offline.access");
                    return TokenAnswer(grant.UserId, offline ? NewRefreshTokenLocked(grant.UserId) : null, grant.Scope);
                }

                case "refresh_token":
                {
                    var old = form["refresh_token"].ToString();
                    if (!_refreshTokens.TryGetValue(old, out var grant))
                    {
                        return OAuthError(400, DeadRefreshTokenError, "Value passed for the token was invalid.");
                    }

                    string? next = null;
                    if (OmitRefreshTokenOnRefresh)
                    {
                        // The old refresh token stays valid and is not repeated.
                    }
                    else if (RotateRefreshTokens)
                    {
                        _refreshTokens.Remove(old);
                        next = NewRefreshTokenLocked(grant.UserId);
                    }
                    else
                    {
                        next = old;
                    }

                    return TokenAnswer(grant.UserId, next, "tweet.read tweet.write users.read tweet.moderate.write offline.access");
                }

                default:
                    return OAuthError(400, "invalid_request", "Value passed for the grant type was invalid.");
            }
        }
    }

    private Answer TokenAnswer(string userId, string? refreshToken, string scope)
    {
        var access = NewSecret("xat");
        _accessTokens[access] = new AccessGrant(userId, Now() + AccessTokenLifetime);
        var body = new JsonObject
        {
            ["token_type"] = "bearer",
            ["expires_in"] = (long)AccessTokenLifetime.TotalSeconds,
            ["access_token"] = access,
            ["scope"] = scope,
        };
        if (refreshToken is not null)
        {
            body["refresh_token"] = refreshToken;
        }

        return new Answer(200, body);
    }

    private string NewRefreshTokenLocked(string userId)
    {
        var token = NewSecret("xrt");
        _refreshTokens[token] = new RefreshGrant(userId);
        return token;
    }

    private Task<Answer> MeAsync(HttpContext context)
    {
        var user = Authenticate(context);
        return Task.FromResult(user is null ? Unauthorized() : new Answer(200, new { data = UserJson(user, context.Request.Query["user.fields"]) }));
    }

    private Task<Answer> UserAsync(HttpContext context)
    {
        if (Authenticate(context) is null)
        {
            return Task.FromResult(Unauthorized());
        }

        var id = context.Request.RouteValues["id"]?.ToString() ?? "";
        lock (_gate)
        {
            return Task.FromResult(_users.TryGetValue(id, out var user)
                ? new Answer(200, new { data = UserJson(user, context.Request.Query["user.fields"]) })
                : NotFound(id, "user"));
        }
    }

    private Task<Answer> TimelineAsync(HttpContext context)
    {
        if (Authenticate(context) is not { } caller)
        {
            return Task.FromResult(Unauthorized());
        }

        var id = context.Request.RouteValues["id"]?.ToString() ?? "";
        var query = context.Request.Query;
        if (!int.TryParse(query["max_results"], out var max) || max is < 5 or > 100)
        {
            return Task.FromResult(InvalidRequest($"The `max_results` query parameter value [{query["max_results"]}] is not between 5 and 100"));
        }

        if (!TryTime(query["start_time"], out var start))
        {
            return Task.FromResult(InvalidRequest("Invalid 'start_time'."));
        }

        var exclude = query["exclude"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        lock (_gate)
        {
            if (!_users.ContainsKey(id))
            {
                return Task.FromResult(NotFound(id, "user"));
            }

            var matches = _tweets
                .Where(t => t.AuthorId == id && t.CreatedAt >= (start ?? DateTimeOffset.MinValue))
                .Where(t => !exclude.Contains("replies") || t.InReplyToTweetId is null)
                .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id.Length).ThenByDescending(t => t.Id, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(Page(matches, max, query["pagination_token"], query["tweet.fields"], caller, [], "next_token"));
        }
    }

    private async Task<Answer> CreateAsync(HttpContext context)
    {
        if (Authenticate(context) is not { } caller)
        {
            return Unauthorized();
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body);
        }
        catch (JsonException)
        {
            return InvalidRequest("Request body is not valid JSON.");
        }

        var text = body?["text"]?.GetValue<string>();
        if (string.IsNullOrEmpty(text))
        {
            return InvalidRequest("$.text: is missing but it is required");
        }

        var inReplyTo = body?["reply"]?["in_reply_to_tweet_id"]?.GetValue<string>();
        lock (_gate)
        {
            if (WeightedLength(text) > MaxWeightedLength)
            {
                return Problem(403, "Forbidden", "You are not permitted to perform this action.");
            }

            if (_tweets.Any(t => t.AuthorId == caller.Id && t.ReceivedText == text))
            {
                return Problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
            }

            if (inReplyTo is not null && _tweets.All(t => t.Id != inReplyTo))
            {
                return InvalidRequest("The Tweet you are replying to does not exist or is not visible to you.");
            }

            var tweet = CreateTweet(caller.Id, text, Now(), inReplyTo);
            return new Answer(201, new { data = new { id = tweet.Id, text = tweet.Text, edit_history_tweet_ids = new[] { tweet.Id } } });
        }
    }

    private Task<Answer> SearchAsync(HttpContext context)
    {
        if (Authenticate(context) is not { } caller)
        {
            return Task.FromResult(Unauthorized());
        }

        var query = context.Request.Query;
        var q = query["query"].ToString();
        if (q.Length is 0 or > 512)
        {
            return Task.FromResult(InvalidRequest($"There were errors processing your request: Query length must be between 1 and 512 (at position 1)"));
        }

        var conversations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in q.Split(" OR "))
        {
            if (ConversationTerm().Match(term.Trim()) is not { Success: true } m)
            {
                return Task.FromResult(InvalidRequest($"There were errors processing your request: this fake understands only conversation_id:<id> terms"));
            }

            conversations.Add(m.Groups[1].Value);
        }

        if (!int.TryParse(query["max_results"], out var max) || max is < 10 or > 100)
        {
            return Task.FromResult(InvalidRequest($"The `max_results` query parameter value [{query["max_results"]}] is not between 10 and 100"));
        }

        if (!TryTime(query["start_time"], out var start) || start < Now() - TimeSpan.FromDays(7))
        {
            return Task.FromResult(InvalidRequest("Invalid 'start_time'. 'start_time' must be on or after the last 7 days."));
        }

        lock (_gate)
        {
            var matches = _tweets
                .Where(t => conversations.Contains(t.ConversationId) && t.Id != t.ConversationId && t.CreatedAt >= (start ?? DateTimeOffset.MinValue))
                .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id.Length).ThenByDescending(t => t.Id, StringComparer.Ordinal)
                .ToList();
            var authors = query["expansions"].ToString().Split(',').Contains("author_id")
                ? matches.Select(t => t.AuthorId).Distinct().Where(_users.ContainsKey).Select(a => _users[a]).ToList()
                : [];
            return Task.FromResult(Page(matches, max, query["next_token"], query["tweet.fields"], caller, authors, "next_token", query["user.fields"]));
        }
    }

    private Task<Answer> LookupAsync(HttpContext context)
    {
        if (Authenticate(context) is not { } caller)
        {
            return Task.FromResult(Unauthorized());
        }

        var id = context.Request.RouteValues["id"]?.ToString() ?? "";
        var fields = context.Request.Query["tweet.fields"].ToString();
        lock (_gate)
        {
            var tweet = _tweets.FirstOrDefault(t => t.Id == id);
            if (tweet is null)
            {
                return Task.FromResult(NotFound(id, "tweet"));
            }

            var data = TweetJson(tweet, fields, caller);
            if (fields.Split(',').Contains("non_public_metrics") && (RefuseNonPublicMetrics || tweet.AuthorId != caller.Id))
            {
                return Task.FromResult(new Answer(200, new JsonObject
                {
                    ["data"] = data,
                    ["errors"] = new JsonArray(new JsonObject
                    {
                        ["value"] = "non_public_metrics",
                        ["detail"] = "Sorry, you are not authorized to access 'non_public_metrics' on a Tweet.",
                        ["title"] = "Field Authorization Error",
                        ["resource_type"] = "tweet",
                        ["parameter"] = "tweet.fields",
                        ["resource_id"] = id,
                        ["type"] = "https://api.twitter.com/2/problems/not-authorized-for-field",
                    }),
                }));
            }

            return Task.FromResult(new Answer(200, new JsonObject { ["data"] = data }));
        }
    }

    private async Task<Answer> HideAsync(HttpContext context)
    {
        if (Authenticate(context) is not { } caller)
        {
            return Unauthorized();
        }

        var id = context.Request.RouteValues["id"]?.ToString() ?? "";
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body);
        }
        catch (JsonException)
        {
            return InvalidRequest("Request body is not valid JSON.");
        }

        if (body?["hidden"] is not JsonValue value || !value.TryGetValue<bool>(out var hidden))
        {
            return InvalidRequest("$.hidden: is missing but it is required");
        }

        lock (_gate)
        {
            var tweet = _tweets.FirstOrDefault(t => t.Id == id);
            if (tweet is null)
            {
                return NotFound(id, "tweet");
            }

            var root = _tweets.FirstOrDefault(t => t.Id == tweet.ConversationId);
            if (tweet.Id == tweet.ConversationId || root?.AuthorId != caller.Id)
            {
                return Problem(403, "Forbidden", "You can only hide or unhide replies to conversations you authored.");
            }

            tweet.Hidden = hidden;
            return new Answer(200, new { data = new { hidden } });
        }
    }

    private Answer Page(List<XTweet> matches, int max, string? token, string? fields, XUser caller, List<XUser> users, string nextName, string? userFields = null)
    {
        var offset = int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var page = matches.Skip(offset).Take(max).ToList();
        var meta = new JsonObject { ["result_count"] = page.Count };
        if (page.Count > 0)
        {
            meta["newest_id"] = page[0].Id;
            meta["oldest_id"] = page[^1].Id;
        }

        if (offset + page.Count < matches.Count)
        {
            meta[nextName] = (offset + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        var answer = new JsonObject { ["meta"] = meta };
        if (page.Count > 0)
        {
            answer["data"] = new JsonArray(page.Select(t => (JsonNode)TweetJson(t, fields ?? "", caller)).ToArray());
        }

        if (users.Count > 0)
        {
            answer["includes"] = new JsonObject { ["users"] = new JsonArray(users.Select(u => JsonSerializer.SerializeToNode(UserJson(u, userFields ?? ""))).ToArray()) };
        }

        return new Answer(200, answer);
    }

    private JsonObject TweetJson(XTweet t, string fields, XUser caller)
    {
        var wanted = fields.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var json = new JsonObject { ["id"] = t.Id, ["text"] = t.Text, ["edit_history_tweet_ids"] = new JsonArray(t.Id) };
        foreach (var field in wanted)
        {
            switch (field)
            {
                case "created_at":
                    json["created_at"] = t.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                    break;
                case "author_id":
                    json["author_id"] = t.AuthorId;
                    break;
                case "conversation_id":
                    json["conversation_id"] = t.ConversationId;
                    break;
                case "in_reply_to_user_id" when t.InReplyToTweetId is not null:
                    json["in_reply_to_user_id"] = _tweets.FirstOrDefault(p => p.Id == t.InReplyToTweetId)?.AuthorId;
                    break;
                case "referenced_tweets" when t.InReplyToTweetId is not null:
                    json["referenced_tweets"] = new JsonArray(new JsonObject { ["type"] = "replied_to", ["id"] = t.InReplyToTweetId });
                    break;
                case "entities" when t.Links.Count > 0:
                    json["entities"] = new JsonObject
                    {
                        ["urls"] = new JsonArray(t.Links.Select(l => (JsonNode)new JsonObject
                        {
                            ["start"] = l.Start,
                            ["end"] = l.Start + l.Short.Length,
                            ["url"] = l.Short,
                            ["expanded_url"] = l.Expanded,
                            ["display_url"] = l.Expanded.Replace("https://", "", StringComparison.Ordinal),
                        }).ToArray()),
                    };
                    break;
                case "public_metrics":
                    var metrics = new JsonObject();
                    foreach (var (name, value) in new (string, long)[]
                             {
                                 ("retweet_count", t.Retweets), ("reply_count", _tweets.Count(r => r.InReplyToTweetId == t.Id)), ("like_count", t.Likes),
                                 ("quote_count", t.Quotes), ("bookmark_count", t.Bookmarks), ("impression_count", t.Impressions),
                             })
                    {
                        if (!RetiredPublicMetrics.Contains(name))
                        {
                            metrics[name] = value;
                        }
                    }

                    json["public_metrics"] = metrics;
                    break;
                case "non_public_metrics" when !RefuseNonPublicMetrics && t.AuthorId == caller.Id:
                    json["non_public_metrics"] = new JsonObject { ["impression_count"] = t.Impressions, ["url_link_clicks"] = t.LinkClicks, ["user_profile_clicks"] = 0 };
                    break;
            }
        }

        return json;
    }

    private static Dictionary<string, object> UserJson(XUser user, string? fields)
    {
        var json = new Dictionary<string, object> { ["id"] = user.Id, ["name"] = user.Name, ["username"] = user.Username };
        if ((fields ?? "").Split(',').Contains("public_metrics"))
        {
            json["public_metrics"] = new { followers_count = user.Followers, following_count = 12, tweet_count = user.PostCount, listed_count = 3, like_count = 40 };
        }

        return json;
    }

    private XTweet CreateTweet(string authorId, string text, DateTimeOffset at, string? inReplyTo)
    {
        var id = (_nextId += 1_000).ToString(CultureInfo.InvariantCulture);
        var parent = inReplyTo is null ? null : _tweets.FirstOrDefault(t => t.Id == inReplyTo);
        // X stores links as t.co links and lists the originals in entities.urls.
        var links = new List<XLink>();
        var shortened = UrlPattern().Replace(text, m =>
        {
            var shortUrl = "https://t.co/" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(m.Value)))[..10].ToLowerInvariant();
            links.Add(new XLink(m.Index, shortUrl, m.Value));
            return shortUrl;
        });
        var tweet = new XTweet(id, authorId, text, shortened, at, parent?.ConversationId ?? id, inReplyTo, links);
        _tweets.Add(tweet);
        if (_users.TryGetValue(authorId, out var user))
        {
            user.PostCount++;
        }

        return tweet;
    }

    /// <summary>twitter-text v3 weighting, simplified: URLs 23, code points in the light ranges 1, everything else 2.</summary>
    internal static int WeightedLength(string text)
    {
        var withoutUrls = UrlPattern().Replace(text.Normalize(NormalizationForm.FormC), "");
        var weight = UrlPattern().Matches(text).Count * 23;
        foreach (var rune in withoutUrls.EnumerateRunes())
        {
            var v = rune.Value;
            weight += v <= 0x10FF || v is >= 0x2000 and <= 0x200D or >= 0x2010 and <= 0x201F or >= 0x2032 and <= 0x2037 ? 1 : 2;
        }

        return weight;
    }

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryTime(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            time = t;
            return true;
        }

        return false;
    }

    private string NewSecret(string prefix) => $"{prefix}-{Interlocked.Increment(ref _nextSecret)}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}";

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^conversation_id:(\d+)$")]
    private static partial Regex ConversationTerm();

    private sealed record AccessGrant(string UserId, DateTimeOffset ExpiresAt);

    private sealed record RefreshGrant(string UserId);

    private sealed record CodeGrant(string UserId, string CodeChallenge, string RedirectUri, string Scope);
}

public sealed class XUser(string id, string username, string name)
{
    public string Id { get; } = id;
    public string Username { get; } = username;
    public string Name { get; } = name;
    public long Followers { get; set; }
    public long PostCount { get; set; }
}

public sealed record XLink(int Start, string Short, string Expanded);

/// <summary>A post as the fake stores it: <see cref="ReceivedText"/> exactly as sent, <see cref="Text"/> as X returns it (t.co links).</summary>
public sealed class XTweet(string id, string authorId, string receivedText, string text, DateTimeOffset createdAt, string conversationId, string? inReplyToTweetId, IReadOnlyList<XLink> links)
{
    public string Id { get; } = id;
    public string AuthorId { get; } = authorId;
    public string ReceivedText { get; } = receivedText;
    public string Text { get; } = text;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public string ConversationId { get; } = conversationId;
    public string? InReplyToTweetId { get; } = inReplyToTweetId;
    public IReadOnlyList<XLink> Links { get; } = links;
    public bool Hidden { get; set; }
    public long Likes { get; set; }
    public long Retweets { get; set; }
    public long Quotes { get; set; }
    public long Bookmarks { get; set; }
    public long Impressions { get; set; }
    public long LinkClicks { get; set; }
}
