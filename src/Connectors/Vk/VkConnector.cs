using System.Globalization;
using System.Text.Json;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.Options;

namespace CareDialog.Connectors.Vk;

/// <summary>
/// VK API 5.199 (platform-apis.md §7) on HttpClient, acting as a community with a pasted community token. Posts are text
/// (wall.post with VK's own guid duplicate guard); comments are read by polling and arrive by the Callback API
/// (<see cref="VkCallback"/>); replies are wall.createComment as the community. VK offers no hide for wall comments (only
/// delete, which CareDialog never does), so hiding is not supported.
/// </summary>
public sealed class VkConnector : IChannelConnector
{
    private const string Name = "VK";

    private readonly VkApi _api;
    private readonly VkOptions _vk;
    private readonly TimeProvider _clock;

    public VkConnector(IHttpClientFactory factory, IOptionsMonitor<PlatformOptions> options, IOptions<VkOptions> vk, TimeProvider clock)
    {
        var (http, _) = ConnectorRegistration.Resolve(factory, options, Platform.Vk);
        _vk = vk.Value;
        _api = new VkApi(http, _vk);
        _clock = clock;
    }

    public Platform Platform => Platform.Vk;

    public ConnectorFeatures Features =>
        ConnectorFeatures.Text | ConnectorFeatures.Link | ConnectorFeatures.ReadComments | ConnectorFeatures.Reply
        | ConnectorFeatures.PostMetrics | ConnectorFeatures.AccountMetrics | ConnectorFeatures.Webhooks;

    public ConnectMethod ConnectMethod => ConnectMethod.Token;

    public Uri BuildAuthorizeUrl(OAuthStart start) => throw TokenOnly();

    public Task<IReadOnlyList<ConnectableAccount>> CompleteOAuthAsync(OAuthCallback callback, CancellationToken ct) => throw TokenOnly();

    /// <summary>
    /// groups.getById without group_id answers with the token's own community, which proves the token is a community token
    /// for the community the user named (a token of another community could still read this one's public data).
    /// </summary>
    public Task<ConnectableAccount> ConnectWithTokenAsync(TokenConnect connect, CancellationToken ct) => PublishGuard.CallAsync(Name, async () =>
    {
        var token = connect.Token.Trim();
        if (token.Length == 0)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected, "Paste the community token from the community's settings (Manage → API usage → Access tokens).");
        }

        VkResponse response;
        try
        {
            response = await _api.CallAsync("groups.getById", token, [new("fields", "members_count")], ct);
        }
        catch (VkCallException ex) when (ex.Code is 5 or 27 or 28 or 100)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected,
                $"VK did not accept this as a community token (error {ex.Code}). Create a community token with wall, photos and manage rights under Manage → API usage → Access tokens, and paste it.",
                Code(ex));
        }
        catch (VkCallException ex)
        {
            throw Map(ex, changes: false);
        }

        using (response)
        {
            var group = Groups(response.Response).FirstOrDefault();
            var id = Json.Long(group, "id");
            if (id is not { } groupId)
            {
                throw new ConnectorException(ConnectorErrorKind.Rejected, "VK returned no community for this token; paste a community token, not a personal one.");
            }

            var screenName = Json.String(group, "screen_name");
            var wanted = NormaliseCommunity(connect.AccountId);
            if (wanted.Length > 0
                && wanted != groupId.ToString(CultureInfo.InvariantCulture)
                && !string.Equals(wanted, screenName, StringComparison.OrdinalIgnoreCase))
            {
                throw new ConnectorException(ConnectorErrorKind.Rejected,
                    $"This token belongs to the community \"{Json.String(group, "name")}\" (id {groupId}), not to {connect.AccountId}. Paste that community's token.");
            }

            var accountId = groupId.ToString(CultureInfo.InvariantCulture);
            return new ConnectableAccount(
                accountId,
                Json.String(group, "name") ?? "club" + accountId,
                screenName ?? "club" + accountId,
                new ChannelCredentials { AccessToken = token, AccountId = accountId });
        }
    }, ct);

    /// <summary>
    /// The confirmation string VK expects in answer to its <c>confirmation</c> callback (§7.5). It changes when callback
    /// servers are added or edited, so the Web layer may ask for it when the confirmation arrives instead of storing it.
    /// </summary>
    public Task<string> GetCallbackConfirmationCodeAsync(ChannelAccess access, CancellationToken ct) =>
        CallAsync(access, "groups.getCallbackConfirmationCode", [new("group_id", Group(access))], changes: false,
            r => Json.String(r, "code") ?? throw new ConnectorException(ConnectorErrorKind.Rejected, "VK returned no confirmation code."), ct);

    public Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct) => PublishGuard.RunAsync(Name, async () =>
    {
        if (request.Media.Count > 0)
        {
            // platform-apis.md §7.3 leaves the photo upload flow unconfirmed; a post without its pictures would differ from what was approved.
            return new PublishOutcome.Rejected("CareDialog publishes text posts to VK; photo and video upload to VK is not supported yet. Remove the attachments.");
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return new PublishOutcome.Rejected("VK needs text for a post without attachments.");
        }

        var group = Group(request.Access);
        var postId = await CallAsync(request.Access, "wall.post",
            [
                new("owner_id", "-" + group),
                new("from_group", "1"),
                new("message", request.Text),
                // VK's own duplicate guard: the same guid returns the post it already made.
                new("guid", request.IdempotencyKey),
            ],
            changes: true,
            r => Json.Long(r, "post_id") ?? throw new ConnectorException(ConnectorErrorKind.Unknown, "VK accepted the post but did not say which post it created."),
            ct);
        return new PublishOutcome.Published(new RemotePost(postId.ToString(CultureInfo.InvariantCulture), PostUrl(group, postId), _clock.GetUtcNow().UtcDateTime));
    }, ct);

    public Task<RemotePost?> FindAsync(FindRequest request, CancellationToken ct)
    {
        var group = Group(request.Access);
        var since = request.AttemptStartedUtc - _vk.FindClockSkew;
        return CallAsync<RemotePost?>(request.Access, "wall.get", [new("owner_id", "-" + group), new("filter", "owner"), new("count", "20")], changes: false, r =>
        {
            foreach (var post in Json.Array(r, "items"))
            {
                var at = Json.UnixTime(post, "date");
                if (Json.Long(post, "id") is { } id && at >= since && RemoteText.Same(Json.String(post, "text"), request.Text))
                {
                    return new RemotePost(id.ToString(CultureInfo.InvariantCulture), PostUrl(group, id), at.Value);
                }
            }

            return null;
        }, ct);
    }

    public Task<IReadOnlyList<InboundItem>> ReadInboundAsync(ChannelAccess access, InboundQuery query, CancellationToken ct) => PublishGuard.CallAsync(Name, async () =>
    {
        var group = Group(access);
        var posts = query.RemotePostIds.Count > 0
            ? query.RemotePostIds.Distinct(StringComparer.Ordinal).ToList()
            : await CallCoreAsync(access, "wall.get", [new("owner_id", "-" + group), new("filter", "owner"), new("count", "10")], false,
                r => Json.Array(r, "items").Select(p => Json.Long(p, "id")).OfType<long>().Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList(), ct);

        var items = new Dictionary<string, InboundItem>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            try
            {
                var threads = await CallCoreAsync(access, "wall.getComments", CommentParams(group, post, null), false, r => ReadComments(r, group, post, null, items), ct);
                foreach (var (commentId, _) in threads)
                {
                    await CallCoreAsync(access, "wall.getComments", CommentParams(group, post, commentId), false, r => ReadComments(r, group, post, commentId, items), ct);
                }
            }
            catch (ConnectorException ex) when (ex.PlatformCode is "100" or "212")
            {
                // A deleted post (100) or one with comments closed (212) must not stop the others from being read.
            }
        }

        IReadOnlyList<InboundItem> result = [.. items.Values
            .Where(i => query.SinceUtc is not { } since || i.CreatedAtUtc >= since)
            .OrderBy(i => i.CreatedAtUtc).ThenBy(i => i.RemoteId, StringComparer.Ordinal)
            .Take(query.Max)];
        return result;
    }, ct);

    private static List<KeyValuePair<string, string>> CommentParams(string group, string post, string? threadOf)
    {
        var p = new List<KeyValuePair<string, string>>
        {
            new("owner_id", "-" + group),
            new("post_id", post),
            new("count", "100"),
            new("sort", "desc"),
            // The default cuts texts to 90 characters (§7.4); 0 returns them whole.
            new("preview_length", "0"),
            new("extended", "1"),
        };
        p.Add(threadOf is null ? new("thread_items_count", "10") : new("comment_id", threadOf));
        return p;
    }

    /// <summary>Adds the comments of one wall.getComments page; returns the threads with more replies than were embedded.</summary>
    private static List<(string CommentId, long Count)> ReadComments(JsonElement r, string group, string post, string? threadOf, Dictionary<string, InboundItem> into)
    {
        var names = Names(r);
        var incomplete = new List<(string, long)>();
        foreach (var comment in Json.Array(r, "items"))
        {
            if (ToInbound(comment, group, post, threadOf, names) is not { } item)
            {
                continue;
            }

            into[item.RemoteId] = item;
            if (threadOf is null && Json.Get(comment, "thread") is { } thread)
            {
                var replies = Json.Array(thread, "items").ToList();
                foreach (var reply in replies)
                {
                    if (ToInbound(reply, group, post, item.RemoteId, names) is { } r2)
                    {
                        into[r2.RemoteId] = r2;
                    }
                }

                if ((Json.Long(thread, "count") ?? 0) > replies.Count)
                {
                    incomplete.Add((item.RemoteId, Json.Long(thread, "count") ?? 0));
                }
            }
        }

        return incomplete;
    }

    private static Dictionary<long, string> Names(JsonElement r)
    {
        var names = new Dictionary<long, string>();
        foreach (var p in Json.Array(r, "profiles"))
        {
            if (Json.Long(p, "id") is { } id)
            {
                names[id] = $"{Json.String(p, "first_name")} {Json.String(p, "last_name")}".Trim();
            }
        }

        foreach (var g in Json.Array(r, "groups"))
        {
            if (Json.Long(g, "id") is { } id && Json.String(g, "name") is { } name)
            {
                names[-id] = name;
            }
        }

        return names;
    }

    /// <summary>A wall comment (wall_wall_comment, §7.5) as an inbound item; null for deleted comments.</summary>
    internal static InboundItem? ToInbound(JsonElement comment, string group, string? post, string? parent, IReadOnlyDictionary<long, string>? names)
    {
        if (Json.Long(comment, "id") is not { } id || Json.Get(comment, "deleted") is { ValueKind: JsonValueKind.True })
        {
            return null;
        }

        var fromId = Json.Long(comment, "from_id");
        var stackRoot = Json.Array(comment, "parents_stack").Select(e => e.TryGetInt64(out var n) ? n : (long?)null).FirstOrDefault(n => n is not null);
        var parentId = parent ?? (stackRoot ?? Json.Long(comment, "reply_to_comment"))?.ToString(CultureInfo.InvariantCulture);
        var author = fromId is { } f
            ? names is not null && names.TryGetValue(f, out var n2) && n2.Length > 0 ? n2 : f > 0 ? "id" + f.ToString(CultureInfo.InvariantCulture) : "club" + (-f).ToString(CultureInfo.InvariantCulture)
            : "VK user";
        return new InboundItem(
            id.ToString(CultureInfo.InvariantCulture),
            parentId is null ? InboundKind.Comment : InboundKind.Reply,
            Json.String(comment, "text") ?? "",
            author,
            fromId?.ToString(CultureInfo.InvariantCulture),
            Json.UnixTime(comment, "date") ?? DateTime.UnixEpoch,
            Json.Long(comment, "post_id")?.ToString(CultureInfo.InvariantCulture) ?? post,
            parentId,
            null,
            fromId == -long.Parse(group, CultureInfo.InvariantCulture));
    }

    public Task<RemoteReply> ReplyAsync(ReplyRequest request, CancellationToken ct)
    {
        if (request.To.Kind is InboundKind.DirectMessage or InboundKind.Mention)
        {
            throw new ConnectorException(ConnectorErrorKind.NotSupported, "CareDialog answers VK wall comments only; community messages are not supported.");
        }

        var post = request.To.RemotePostId
                   ?? throw new ConnectorException(ConnectorErrorKind.Rejected, "The VK comment has no post id, so CareDialog cannot answer under it.");
        var group = Group(request.Access);
        return CallAsync(request.Access, "wall.createComment",
            [
                new("owner_id", "-" + group),
                new("post_id", post),
                new("from_group", group),
                new("message", request.Text),
                new("reply_to_comment", request.To.RemoteId),
                new("guid", request.IdempotencyKey),
            ],
            changes: true,
            r => Json.Long(r, "comment_id") is { } id
                ? new RemoteReply(id.ToString(CultureInfo.InvariantCulture), _clock.GetUtcNow().UtcDateTime)
                : throw new ConnectorException(ConnectorErrorKind.Unknown, "VK accepted the reply but did not say which comment it created."),
            ct);
    }

    public Task SetHiddenAsync(ChannelAccess access, InboundItem item, bool hidden, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported,
            "VK cannot hide a wall comment, only delete it, and CareDialog never deletes. Handle it in the inbox or on VK.");

    public Task<MetricsResult> GetPostMetricsAsync(ChannelAccess access, string remotePostId, CancellationToken ct)
    {
        var group = Group(access);
        return CallAsync(access, "wall.getById", [new("posts", $"-{group}_{remotePostId}")], changes: false, r =>
        {
            var post = Items(r).Cast<JsonElement?>().FirstOrDefault()
                       ?? throw new ConnectorException(ConnectorErrorKind.Rejected, "VK has no such post (deleted, or not on this community's wall).");
            var values = new Dictionary<string, long>();
            var problems = new List<MetricProblem>();
            Read(post, "views", MetricNames.Impressions, "VK did not report views for this post.", values, problems);
            Read(post, "likes", MetricNames.Reactions, "VK did not report likes for this post.", values, problems);
            Read(post, "reposts", MetricNames.Shares, "VK did not report reposts for this post.", values, problems);
            Read(post, "comments", MetricNames.Comments, "VK did not report comments for this post (comments may be closed).", values, problems);
            return new MetricsResult(_clock.GetUtcNow().UtcDateTime, values, problems);
        }, ct);
    }

    public Task<MetricsResult> GetAccountMetricsAsync(ChannelAccess access, CancellationToken ct) =>
        CallAsync(access, "groups.getById", [new("group_id", Group(access)), new("fields", "members_count")], changes: false, r =>
        {
            var group = Groups(r).FirstOrDefault();
            var values = new Dictionary<string, long>();
            var problems = new List<MetricProblem>();
            if (Json.Long(group, "members_count") is { } members)
            {
                values[MetricNames.Followers] = members;
            }
            else
            {
                problems.Add(new MetricProblem(MetricNames.Followers, "VK did not report the member count (the community may hide it)."));
            }

            return new MetricsResult(_clock.GetUtcNow().UtcDateTime, values, problems);
        }, ct);

    private static void Read(JsonElement post, string field, string metric, string missing, Dictionary<string, long> values, List<MetricProblem> problems)
    {
        if (Json.Count(post, field) is { } n)
        {
            values[metric] = n;
        }
        else
        {
            problems.Add(new MetricProblem(metric, missing));
        }
    }

    /// <summary>Community tokens do not expire (§7.6); the check asks VK whether it still accepts this one.</summary>
    public async Task<TokenCheck> CheckTokenAsync(ChannelAccess access, TimeSpan refreshWithin, CancellationToken ct)
    {
        try
        {
            await CallAsync(access, "groups.getById", [new("group_id", Group(access))], changes: false, _ => true, ct);
            return new TokenCheck.Valid(null);
        }
        catch (ConnectorException ex)
        {
            return ex.Kind is ConnectorErrorKind.RetryLater or ConnectorErrorKind.Unknown
                ? new TokenCheck.Unreachable(ex.UserMessage)
                : new TokenCheck.Invalid(ex.UserMessage);
        }
    }

    /// <summary>
    /// The inbound items in a stored callback (<see cref="VkCallbackEvent.Payload"/>): wall_reply_new and wall_reply_edit.
    /// Community messages (message_new) are not supported; every other type yields nothing.
    /// </summary>
    public IReadOnlyList<InboundItem> ParseWebhookEvent(string payload)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            throw new WebhookFormatException("The stored VK callback is not JSON.");
        }

        using (doc)
        {
            var root = doc.RootElement;
            var type = Json.String(root, "type");
            if (type is not ("wall_reply_new" or "wall_reply_edit"))
            {
                return [];
            }

            var group = Json.Long(root, "group_id") is { } g ? g.ToString(CultureInfo.InvariantCulture) : throw new WebhookFormatException("The VK callback has no group_id.");
            var item = Json.Get(root, "object") is { } o ? ToInbound(o, group, null, null, null) : null;
            return item is null ? [] : [item];
        }
    }

    private Task<T> CallAsync<T>(ChannelAccess access, string method, List<KeyValuePair<string, string>> parameters, bool changes, Func<JsonElement, T> read, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, () => CallCoreAsync(access, method, parameters, changes, read, ct), ct);

    private async Task<T> CallCoreAsync<T>(ChannelAccess access, string method, List<KeyValuePair<string, string>> parameters, bool changes, Func<JsonElement, T> read, CancellationToken ct)
    {
        try
        {
            using var response = await _api.CallAsync(method, access.Credentials.AccessToken, parameters, ct);
            return read(response.Response);
        }
        catch (VkCallException ex)
        {
            throw Map(ex, changes);
        }
    }

    /// <summary>VK's error codes (§7.2) as what CareDialog does next.</summary>
    /// <param name="changes">The call creates something (post, comment): a server-side failure then leaves the outcome unknown.</param>
    private ConnectorException Map(VkCallException ex, bool changes)
    {
        var code = Code(ex);
        if (ex.Code is null)
        {
            if (ex.HttpStatus == 429)
            {
                return new ConnectorException(ConnectorErrorKind.RetryLater, "VK asks CareDialog to slow down.", code, _vk.TooManyRequestsWait);
            }

            if (ex.HttpStatus is >= 400 and < 500)
            {
                return new ConnectorException(ConnectorErrorKind.Rejected, $"VK refused the request (HTTP {ex.HttpStatus}).", code);
            }

            return changes
                ? new ConnectorException(ConnectorErrorKind.Unknown, "VK failed after receiving the request; CareDialog checks what exists before trying again.", code)
                : new ConnectorException(ConnectorErrorKind.RetryLater, "VK is having problems; CareDialog will try again shortly.", code, RateLimits.DefaultWait);
        }

        return ex.Code switch
        {
            5 => new ConnectorException(ConnectorErrorKind.NeedsReconnect,
                "VK no longer accepts the community token (error 5: revoked or regenerated). Create a new community token and connect the channel again.", code),
            27 or 28 => new ConnectorException(ConnectorErrorKind.NeedsReconnect,
                $"VK refused this kind of token for this action (error {ex.Code}: {(ex.Code == 27 ? "community" : "application")} authorization failed). Connect the channel with a community token that has wall, photos and manage rights.", code),
            6 => new ConnectorException(ConnectorErrorKind.RetryLater, "VK received too many requests per second; CareDialog tries again in a moment.", code, _vk.TooManyRequestsWait),
            9 => new ConnectorException(ConnectorErrorKind.RetryLater, "VK's flood control stopped this action (too many similar actions); CareDialog waits before trying again.", code, _vk.FloodControlWait),
            29 => new ConnectorException(ConnectorErrorKind.RetryLater, "VK's daily limit for this action is reached; CareDialog waits before trying again.", code, _vk.FloodControlWait),
            14 => new ConnectorException(ConnectorErrorKind.RetryLater,
                "VK asks for a captcha (anti-spam), which CareDialog cannot answer; it waits and tries again. If this repeats, post from VK directly for a while.", code, _vk.CaptchaWait),
            1 or 10 => changes
                ? new ConnectorException(ConnectorErrorKind.Unknown, $"VK reported an internal error (error {ex.Code}) after receiving the request; CareDialog checks what exists before trying again.", code)
                : new ConnectorException(ConnectorErrorKind.RetryLater, $"VK reported an internal error (error {ex.Code}); CareDialog will try again shortly.", code, RateLimits.DefaultWait),
            7 or 15 or 18 or 210 or 212 or 213 or 214 or 220 => new ConnectorException(ConnectorErrorKind.Rejected,
                $"VK denied access (error {ex.Code}). Check that the community token has wall rights and that the wall and comments are open.", code),
            8 or 100 => new ConnectorException(ConnectorErrorKind.Rejected, $"VK refused the request as invalid (error {ex.Code}).", code),
            222 => new ConnectorException(ConnectorErrorKind.Rejected, "VK refused the text because it contains links that are not allowed here (error 222).", code),
            223 => new ConnectorException(ConnectorErrorKind.Rejected, "VK refused the reply: the thread has too many replies (error 223).", code),
            _ => new ConnectorException(ConnectorErrorKind.Rejected, $"VK refused the request (error {ex.Code}).", code),
        };
    }

    private static string? Code(VkCallException ex) =>
        ex.Code?.ToString(CultureInfo.InvariantCulture) ?? (ex.HttpStatus is { } s ? "HTTP " + s.ToString(CultureInfo.InvariantCulture) : null);

    /// <summary>groups.getById answers <c>{"groups":[…]}</c> in 5.199 and a bare array in older versions.</summary>
    private static IEnumerable<JsonElement> Groups(JsonElement r) =>
        r.ValueKind == JsonValueKind.Array ? r.EnumerateArray() : Json.Array(r, "groups");

    /// <summary>wall.getById answers <c>{"items":[…]}</c> in 5.199 and a bare array in older versions.</summary>
    private static IEnumerable<JsonElement> Items(JsonElement r) =>
        r.ValueKind == JsonValueKind.Array ? r.EnumerateArray() : Json.Array(r, "items");

    /// <summary>The community id without the minus sign that owner_id needs.</summary>
    private static string Group(ChannelAccess access) =>
        long.TryParse(access.Credentials.AccountId.TrimStart('-'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id.ToString(CultureInfo.InvariantCulture)
            : throw new ConnectorException(ConnectorErrorKind.Rejected, "The channel's VK community id is not a number; connect the channel again.");

    /// <summary>"123", "-123", "club123", "public123", "https://vk.com/club123" → "123"; a screen name stays as it is.</summary>
    private static string NormaliseCommunity(string accountId)
    {
        var s = accountId.Trim();
        var slash = s.LastIndexOf('/');
        if (slash >= 0)
        {
            s = s[(slash + 1)..];
        }

        s = s.TrimStart('@', '-');
        foreach (var prefix in new[] { "club", "public", "event" })
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && s.Length > prefix.Length && s[prefix.Length..].All(char.IsAsciiDigit))
            {
                return s[prefix.Length..];
            }
        }

        return s;
    }

    private string PostUrl(string group, long postId) => new Uri(_vk.WebBaseUrl, $"wall-{group}_{postId.ToString(CultureInfo.InvariantCulture)}").ToString();

    private static ConnectorException TokenOnly() =>
        new(ConnectorErrorKind.NotSupported, "VK channels are connected with a community token, not by signing in.");
}
