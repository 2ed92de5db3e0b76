using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareDialog.Connectors.X;

/// <summary>
/// X (Twitter) API v2 with OAuth 2.0 user-context tokens (authorisation code with PKCE). The channel's AccountId is the X user id.
/// Contract: platform-apis.md §3; the read, hide and metrics endpoints follow docs.x.com (see README.md).
/// </summary>
public sealed class XConnector : IChannelConnector
{
    /// <summary>
    /// Asked for when <c>Connectors:X:Scopes</c> is empty. offline.access is what makes X issue a refresh token (without it the
    /// channel dies after two hours); tweet.moderate.write is needed to hide replies.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultScopes = ["tweet.read", "tweet.write", "users.read", "tweet.moderate.write", "offline.access"];

    /// <summary>X-specific metric: quote posts of a post.</summary>
    public const string QuotesMetric = "quotes";

    /// <summary>X-specific metric: posts the account has published.</summary>
    public const string PostsMetric = "posts";

    /// <summary>Clock skew allowed between CareDialog and X when looking for a post an earlier attempt may have created.</summary>
    internal static readonly TimeSpan FindMargin = TimeSpan.FromMinutes(5);

    /// <summary>Recent search reaches back seven days; a start_time before that is refused with a 400.</summary>
    internal static readonly TimeSpan SearchWindow = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    /// <summary>The documented query length limit of recent search on the standard tiers.</summary>
    internal const int MaxQueryLength = 512;

    private const string Name = "X";
    private const int MaxPages = 5;

    private static readonly (string Metric, string Field)[] PublicPostMetrics =
    [
        (MetricNames.Impressions, "impression_count"),
        (MetricNames.Reactions, "like_count"),
        (MetricNames.Comments, "reply_count"),
        (MetricNames.Shares, "retweet_count"),
        (MetricNames.Saves, "bookmark_count"),
        (QuotesMetric, "quote_count"),
    ];

    private readonly HttpClient _http;
    private readonly PlatformOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<XConnector> _log;

    public XConnector(IHttpClientFactory httpClients, IOptionsMonitor<PlatformOptions> options, TimeProvider clock, ILogger<XConnector> log)
    {
        (_http, _options) = ConnectorRegistration.Resolve(httpClients, options, Platform.X);
        _clock = clock;
        _log = log;
    }

    public Platform Platform => Platform.X;

    /// <summary>No Image/Video: the media upload flow is not part of the researched contract (platform-apis.md §3), so posts carry text and links only.</summary>
    public ConnectorFeatures Features =>
        ConnectorFeatures.Text | ConnectorFeatures.Link | ConnectorFeatures.ReadComments | ConnectorFeatures.Reply | ConnectorFeatures.Hide
        | ConnectorFeatures.PostMetrics | ConnectorFeatures.AccountMetrics;

    public ConnectMethod ConnectMethod => ConnectMethod.OAuth;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Confidential clients (with a secret) must use HTTP Basic at the token endpoint; public clients send only client_id.</summary>
    private ClientAuth ClientAuthentication => string.IsNullOrEmpty(_options.ClientSecret) ? ClientAuth.Body : ClientAuth.Basic;

    /// <summary>A link that works without knowing the account's current @username (which can change).</summary>
    public static string PostUrl(string id) => $"https://x.com/i/web/status/{id}";

    public Uri BuildAuthorizeUrl(OAuthStart start) => OAuthTokens.AuthorizeUrl(_options, Name, start, DefaultScopes);

    public async Task<IReadOnlyList<ConnectableAccount>> CompleteOAuthAsync(OAuthCallback callback, CancellationToken ct)
    {
        var token = await OAuthTokens.ExchangeCodeAsync(_http, Name, _options, callback, ClientAuthentication, ct);
        using var doc = await CallAsync(HttpMethod.Get, "2/users/me", token.AccessToken, null, creates: false, ct);
        var me = doc.RootElement.Get("data");
        var id = me?.Str("id") ?? throw new ConnectorException(ConnectorErrorKind.Rejected, "X signed the user in but did not say which account it is.");
        var username = me?.Str("username") ?? id;
        return [new ConnectableAccount(id, me?.Str("name") ?? username, "@" + username, token.ToCredentials(id, _clock))];
    }

    public Task<ConnectableAccount> ConnectWithTokenAsync(TokenConnect connect, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "X accounts are connected through X's sign-in page, not with a pasted token.");

    public Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct) =>
        PublishGuard.RunAsync(Name, async () =>
        {
            if (request.Media.Count > 0)
            {
                return new PublishOutcome.Rejected(
                    "The X connector publishes text and links only; attachments are not uploaded to X. Remove the attachment from the X version of the post.");
            }

            using var doc = await SendAsync(HttpMethod.Post, "2/tweets", request.Access.Credentials.AccessToken, new { text = request.Text }, creates: true, ct);
            var id = doc.RootElement.Get("data")?.Str("id");
            return id is null
                ? new PublishOutcome.Unknown("X accepted the post but sent no post id; CareDialog checks whether the post exists before trying again.")
                : new PublishOutcome.Published(new RemotePost(id, PostUrl(id), Now));
        }, ct);

    /// <summary>
    /// X has no idempotency keys: the account's own timeline since the first attempt (minus <see cref="FindMargin"/>) is searched
    /// for the text. X wraps links in t.co and HTML-escapes &amp;, &lt; and &gt;, so both are undone before comparing.
    /// </summary>
    public async Task<RemotePost?> FindAsync(FindRequest request, CancellationToken ct)
    {
        var credentials = request.Access.Credentials;
        var since = request.AttemptStartedUtc - FindMargin;
        (string Id, DateTime Created)? found = null;
        string? next = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = $"2/users/{Uri.EscapeDataString(credentials.AccountId)}/tweets?max_results=100&exclude=retweets,replies"
                       + $"&tweet.fields=created_at,entities,note_tweet&start_time={Rfc3339(since)}"
                       + (next is null ? "" : "&pagination_token=" + Uri.EscapeDataString(next));
            using var doc = await CallAsync(HttpMethod.Get, path, credentials.AccessToken, null, creates: false, ct);
            foreach (var tweet in doc.RootElement.Array("data"))
            {
                if (tweet.Str("id") is { } id && SameText(tweet, request.Text))
                {
                    var created = tweet.Time("created_at") ?? since;
                    if (found is null || created < found.Value.Created)
                    {
                        found = (id, created);
                    }
                }
            }

            next = doc.RootElement.Get("meta")?.Str("next_token");
            if (next is null)
            {
                break;
            }
        }

        return found is { } f ? new RemotePost(f.Id, PostUrl(f.Id), f.Created) : null;
    }

    /// <summary>
    /// Replies to our posts: recent search by conversation_id (docs.x.com "Conversation ID"), several posts per query. A reply to
    /// the post itself is a <see cref="InboundKind.Comment"/>, a reply to a reply a <see cref="InboundKind.Reply"/> under its parent.
    /// Recent search covers seven days only; older replies are not seen.
    /// </summary>
    public async Task<IReadOnlyList<InboundItem>> ReadInboundAsync(ChannelAccess access, InboundQuery query, CancellationToken ct)
    {
        // Ids go into a search query: anything but digits could smuggle in search operators.
        var ours = query.RemotePostIds.Where(IsPostId).ToHashSet(StringComparer.Ordinal);
        if (ours.Count == 0 || query.Max <= 0)
        {
            return [];
        }

        var credentials = access.Credentials;
        var earliest = Now - SearchWindow;
        var start = query.SinceUtc is { } s && s > earliest ? s : earliest;
        var items = new Dictionary<string, InboundItem>(StringComparer.Ordinal);
        foreach (var search in ConversationQueries(ours.Order(StringComparer.Ordinal)))
        {
            string? next = null;
            for (var page = 0; page < MaxPages && items.Count < query.Max; page++)
            {
                var path = "2/tweets/search/recent?query=" + Uri.EscapeDataString(search) + $"&max_results=100&start_time={Rfc3339(start)}"
                           + "&tweet.fields=author_id,created_at,conversation_id,in_reply_to_user_id,referenced_tweets&expansions=author_id&user.fields=username,name"
                           + (next is null ? "" : "&next_token=" + Uri.EscapeDataString(next));
                using var doc = await CallAsync(HttpMethod.Get, path, credentials.AccessToken, null, creates: false, ct);
                var users = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var user in doc.RootElement.Get("includes")?.Array("users") ?? [])
                {
                    if (user.Str("id") is { } uid)
                    {
                        users.TryAdd(uid, user);
                    }
                }

                foreach (var tweet in doc.RootElement.Array("data"))
                {
                    if (ToInbound(tweet, users, ours, credentials.AccountId) is { } item && (query.SinceUtc is null || item.CreatedAtUtc >= query.SinceUtc))
                    {
                        items.TryAdd(item.RemoteId, item);
                    }
                }

                next = doc.RootElement.Get("meta")?.Str("next_token");
                if (next is null)
                {
                    break;
                }
            }
        }

        return items.Values.OrderBy(i => i.CreatedAtUtc).ThenBy(i => i.RemoteId.Length).ThenBy(i => i.RemoteId, StringComparer.Ordinal).Take(query.Max).ToList();
    }

    public async Task<RemoteReply> ReplyAsync(ReplyRequest request, CancellationToken ct)
    {
        if (request.To.Kind == InboundKind.DirectMessage)
        {
            throw new ConnectorException(ConnectorErrorKind.NotSupported, "The X connector does not read or answer direct messages.");
        }

        var body = new { text = request.Text, reply = new { in_reply_to_tweet_id = request.To.RemoteId } };
        using var doc = await CallAsync(HttpMethod.Post, "2/tweets", request.Access.Credentials.AccessToken, body, creates: true, ct);
        var id = doc.RootElement.Get("data")?.Str("id")
                 ?? throw new ConnectorException(ConnectorErrorKind.Unknown, "X accepted the reply but sent no id; check the conversation on X before replying again.");
        return new RemoteReply(id, Now);
    }

    /// <summary>PUT /2/tweets/:id/hidden (docs.x.com "Hide replies"): only replies in conversations our account started can be hidden.</summary>
    public async Task SetHiddenAsync(ChannelAccess access, InboundItem item, bool hidden, CancellationToken ct)
    {
        if (item.Kind == InboundKind.DirectMessage || !IsPostId(item.RemoteId))
        {
            throw new ConnectorException(ConnectorErrorKind.NotSupported, "X can hide replies to the account's own posts only.");
        }

        using var doc = await CallAsync(HttpMethod.Put, $"2/tweets/{item.RemoteId}/hidden", access.Credentials.AccessToken, new { hidden }, creates: false, ct);
        if (doc.RootElement.Get("data")?.Bool("hidden") != hidden)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected, $"X did not confirm that the reply is now {(hidden ? "hidden" : "shown")}; check it on X.");
        }
    }

    /// <summary>
    /// public_metrics in one call (a missing field becomes a problem, the rest is kept); link clicks come from non_public_metrics,
    /// which X gives only to the author and only for 30 days, so they are asked for separately and a refusal costs nothing else.
    /// </summary>
    public async Task<MetricsResult> GetPostMetricsAsync(ChannelAccess access, string remotePostId, CancellationToken ct)
    {
        if (!IsPostId(remotePostId))
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected, "This is not an X post id.");
        }

        var token = access.Credentials.AccessToken;
        var values = new Dictionary<string, long>();
        var problems = new List<MetricProblem>();
        using (var doc = await CallAsync(HttpMethod.Get, $"2/tweets/{remotePostId}?tweet.fields=public_metrics", token, null, creates: false, ct))
        {
            var metrics = PostData(doc, remotePostId).Get("public_metrics");
            foreach (var (metric, field) in PublicPostMetrics)
            {
                if (metrics?.Long(field) is { } v)
                {
                    values[metric] = v;
                }
                else
                {
                    problems.Add(new MetricProblem(metric, $"X did not report {field} for this post."));
                }
            }
        }

        try
        {
            using var doc = await CallAsync(HttpMethod.Get, $"2/tweets/{remotePostId}?tweet.fields=non_public_metrics", token, null, creates: false, ct);
            if (doc.RootElement.Get("data")?.Get("non_public_metrics")?.Long("url_link_clicks") is { } clicks)
            {
                values[MetricNames.Clicks] = clicks;
            }
            else
            {
                var why = doc.RootElement.Array("errors").Select(e => e.Str("detail")).FirstOrDefault(d => d is not null);
                problems.Add(new MetricProblem(MetricNames.Clicks,
                    $"X did not report link clicks ({why ?? "X keeps private metrics for 30 days and gives them only to the author"})."));
            }
        }
        catch (ConnectorException ex) when (ex.Kind is ConnectorErrorKind.Rejected or ConnectorErrorKind.RetryLater)
        {
            problems.Add(new MetricProblem(MetricNames.Clicks, ex.UserMessage));
        }

        return new MetricsResult(Now, values, problems);
    }

    public async Task<MetricsResult> GetAccountMetricsAsync(ChannelAccess access, CancellationToken ct)
    {
        var credentials = access.Credentials;
        using var doc = await CallAsync(HttpMethod.Get, $"2/users/{Uri.EscapeDataString(credentials.AccountId)}?user.fields=public_metrics",
            credentials.AccessToken, null, creates: false, ct);
        var metrics = doc.RootElement.Get("data")?.Get("public_metrics");
        var values = new Dictionary<string, long>();
        var problems = new List<MetricProblem>();
        foreach (var (metric, field) in new[] { (MetricNames.Followers, "followers_count"), (PostsMetric, "tweet_count") })
        {
            if (metrics?.Long(field) is { } v)
            {
                values[metric] = v;
            }
            else
            {
                problems.Add(new MetricProblem(metric, $"X did not report {field} for this account."));
            }
        }

        return new MetricsResult(Now, values, problems);
    }

    /// <summary>
    /// X access tokens live two hours; each refresh returns a new refresh token and retires the old one, so the result must be
    /// stored at once. A token that is not due is tried against /2/users/me, which also catches a revoked app.
    /// </summary>
    public async Task<TokenCheck> CheckTokenAsync(ChannelAccess access, TimeSpan refreshWithin, CancellationToken ct)
    {
        var credentials = access.Credentials;
        var now = Now;
        if (credentials.AccessTokenExpiresAtUtc is { } expires && expires - now <= refreshWithin)
        {
            return await RefreshAsync(credentials, now, ct);
        }

        try
        {
            using var _ = await CallAsync(HttpMethod.Get, "2/users/me", credentials.AccessToken, null, creates: false, ct);
            return new TokenCheck.Valid(credentials.AccessTokenExpiresAtUtc);
        }
        catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.NeedsReconnect)
        {
            // The access token is refused before its time (revoked, or replaced by another refresh): only the refresh token can tell.
            return string.IsNullOrEmpty(credentials.RefreshToken) ? new TokenCheck.Invalid(ex.UserMessage) : await RefreshAsync(credentials, now, ct);
        }
        catch (ConnectorException ex)
        {
            return new TokenCheck.Unreachable(ex.UserMessage);
        }
    }

    public IReadOnlyList<InboundItem> ParseWebhookEvent(string payload) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "The X connector reads replies by polling; X webhooks (Account Activity API) are not used.");

    private async Task<TokenCheck> RefreshAsync(ChannelCredentials credentials, DateTime now, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(credentials.RefreshToken) || credentials.RefreshTokenExpiresAtUtc <= now)
        {
            return credentials.AccessTokenExpiresAtUtc is { } expires && expires > now
                ? new TokenCheck.Valid(expires)
                : new TokenCheck.Invalid("The X sign-in has expired and cannot be renewed (X gave no refresh token; the offline.access scope is needed). Connect the X account again.");
        }

        // X answers a dead refresh token with invalid_grant or invalid_request (§9): either way only a new sign-in helps.
        return await OAuthTokens.RefreshCheckAsync(_http, Name, _options, credentials, ClientAuthentication, _clock, ct);
    }

    /// <summary>A read or write outside publishing: transport failures become <see cref="ConnectorException"/>s too.</summary>
    private Task<JsonDocument> CallAsync(HttpMethod method, string path, string accessToken, object? body, bool creates, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, () => SendAsync(method, path, accessToken, body, creates, ct), ct);

    /// <summary>Sends one request; a non-2xx answer becomes the mapped <see cref="ConnectorException"/>, transport failures pass through.</summary>
    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, string accessToken, object? body, bool creates, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            var error = XErrors.From(response, text, _clock, creates);
            _log.LogWarning("X answered HTTP {Status} ({Code}) to {Method} {Path}", (int)response.StatusCode, error.PlatformCode, method.Method, PathOnly(path));
            throw error;
        }

        return JsonReading.TryParse(text) ?? JsonDocument.Parse("{}");
    }

    /// <summary>X answers 200 with only errors[] for a post it does not have (deleted, or not visible to this account).</summary>
    private static JsonElement PostData(JsonDocument doc, string id)
    {
        if (doc.RootElement.Get("data") is { } data)
        {
            return data;
        }

        var error = doc.RootElement.Array("errors").FirstOrDefault();
        throw new ConnectorException(ConnectorErrorKind.Rejected,
            $"X has no post {id} for this account (deleted or not visible): {error.Str("detail") ?? error.Str("title") ?? "no details given"}", error.Str("type"));
    }

    internal static InboundItem? ToInbound(JsonElement tweet, IReadOnlyDictionary<string, JsonElement> users, IReadOnlySet<string> ours, string accountId)
    {
        var id = tweet.Str("id");
        if (id is null || ours.Contains(id))
        {
            return null;
        }

        var repliedTo = tweet.Array("referenced_tweets").FirstOrDefault(r => r.Str("type") == "replied_to").Str("id");
        var parent = repliedTo is null || ours.Contains(repliedTo) ? null : repliedTo;
        var authorId = tweet.Str("author_id");
        var user = authorId is not null && users.TryGetValue(authorId, out var u) ? u : default;
        var authorName = user.Str("username") is { } username ? "@" + username : user.Str("name") ?? authorId ?? "X user";
        return new InboundItem(
            id,
            parent is null ? InboundKind.Comment : InboundKind.Reply,
            tweet.Str("text") ?? "",
            authorName,
            authorId,
            tweet.Time("created_at") ?? DateTime.UnixEpoch,
            tweet.Str("conversation_id") ?? repliedTo,
            parent,
            FromOwnAccount: authorId is not null && authorId == accountId);
    }

    /// <summary>"conversation_id:1 OR conversation_id:2 …", split so that no query exceeds <see cref="MaxQueryLength"/>.</summary>
    internal static IEnumerable<string> ConversationQueries(IEnumerable<string> postIds)
    {
        var current = new StringBuilder();
        foreach (var id in postIds)
        {
            var term = "conversation_id:" + id;
            if (current.Length > 0 && current.Length + " OR ".Length + term.Length > MaxQueryLength)
            {
                yield return current.ToString();
                current.Clear();
            }

            current.Append(current.Length > 0 ? " OR " : "").Append(term);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    /// <summary>Compares the sent text with the post as X returns it: long posts in note_tweet, links as t.co, &amp;/&lt;/&gt; escaped.</summary>
    internal static bool SameText(JsonElement tweet, string sent)
    {
        var note = tweet.Get("note_tweet");
        var text = note?.Str("text") ?? tweet.Str("text");
        if (text is null)
        {
            return false;
        }

        var expanded = text;
        var urls = (tweet.Get("entities")?.Array("urls") ?? []).Concat(note?.Get("entities")?.Array("urls") ?? []);
        foreach (var url in urls)
        {
            if (url.Str("url") is { Length: > 0 } shortened && url.Str("expanded_url") is { Length: > 0 } full)
            {
                expanded = expanded.Replace(shortened, full, StringComparison.Ordinal);
            }
        }

        return RemoteText.Same(text, sent) || RemoteText.Same(expanded, sent)
               || RemoteText.Same(UnescapeHtml(text), sent) || RemoteText.Same(UnescapeHtml(expanded), sent);
    }

    private static string UnescapeHtml(string s) =>
        s.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    private static bool IsPostId(string? id) => !string.IsNullOrEmpty(id) && id.Length <= 25 && id.All(char.IsAsciiDigit);

    private static string Rfc3339(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string PathOnly(string path) => path.Split('?', 2)[0];
}
