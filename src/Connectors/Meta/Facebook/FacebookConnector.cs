using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.Options;

namespace CareDialog.Connectors.Meta.Facebook;

/// <summary>
/// Facebook Pages through the Graph API (platform-apis.md §1). A channel is one Page: AccountId is the Page id, AccessToken
/// the Page token, which does not expire when it was obtained with a long-lived user token (§1.10).
/// </summary>
public sealed partial class FacebookConnector : IChannelConnector, IRegistersWebhooks
{
    internal const string Name = "Facebook";

    /// <summary>Posting, moderation and reading engagement (§1.1), webhooks on <c>feed</c> (§1.5), and Page/post insights.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes =
    [
        "pages_show_list",
        "pages_manage_posts",
        "pages_read_engagement",
        "pages_read_user_engagement",
        "pages_manage_engagement",
        "pages_manage_metadata",
        "read_insights",
    ];

    /// <summary>Insights names are unconfirmed (§11) and therefore settings; see <see cref="MetaGraphOptions"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultPostMetrics = new Dictionary<string, string>
    {
        [MetricNames.Impressions] = "post_media_view",
        [MetricNames.Reach] = "post_total_media_view_unique",
        [MetricNames.Clicks] = "post_clicks",
    };

    public static readonly IReadOnlyDictionary<string, string> DefaultAccountMetrics = new Dictionary<string, string>
    {
        [MetricNames.Impressions] = "page_media_view",
        [MetricNames.Reach] = "page_total_media_view_unique",
    };

    /// <summary>Clock skew between CareDialog and Meta when looking for the post of an earlier attempt.</summary>
    private static readonly TimeSpan FindMargin = TimeSpan.FromMinutes(5);

    private readonly GraphClient _graph;
    private readonly HttpClient _http;
    private readonly MetaGraphOptions _meta;
    private readonly TimeProvider _clock;

    public FacebookConnector(IHttpClientFactory factory, IOptionsMonitor<PlatformOptions> options, IOptionsMonitor<MetaGraphOptions> meta, TimeProvider clock)
    {
        var (http, platformOptions) = ConnectorRegistration.Resolve(factory, options, Platform.Facebook);
        _http = http;
        _clock = clock;
        _meta = meta.Get(ConnectorRegistration.ClientName(Platform.Facebook));
        _graph = new GraphClient(http, platformOptions, clock, Name);
    }

    public Platform Platform => Platform.Facebook;

    /// <summary>No video: platform-apis.md documents no Page video upload, so CareDialog does not offer one.</summary>
    public ConnectorFeatures Features =>
        ConnectorFeatures.Text | ConnectorFeatures.Image | ConnectorFeatures.Link | ConnectorFeatures.ReadComments | ConnectorFeatures.Reply
        | ConnectorFeatures.Hide | ConnectorFeatures.PostMetrics | ConnectorFeatures.AccountMetrics | ConnectorFeatures.Webhooks;

    public ConnectMethod ConnectMethod => ConnectMethod.OAuth;

    public Uri BuildAuthorizeUrl(OAuthStart start) => MetaLogin.AuthorizeUrl(_graph, start, DefaultScopes);

    /// <summary>One connectable account per Page the user manages, each with its own Page token.</summary>
    public Task<IReadOnlyList<ConnectableAccount>> CompleteOAuthAsync(OAuthCallback callback, CancellationToken ct) =>
        PublishGuard.CallAsync<IReadOnlyList<ConnectableAccount>>(Name, async () =>
        {
            var userToken = await MetaLogin.LongLivedUserTokenAsync(_graph, _http, callback, ct);
            var pages = await MetaLogin.PagesAsync(_graph, userToken, "id,name,username,access_token", ct);
            return pages
                .Where(p => Json.Str(p, "id") is not null && Json.Str(p, "access_token") is not null)
                .Select(p =>
                {
                    var id = Json.Str(p, "id")!;
                    return new ConnectableAccount(id, Json.Str(p, "name") ?? id, Json.Str(p, "username") ?? id, new ChannelCredentials
                    {
                        AccessToken = Json.Str(p, "access_token")!,
                        AccountId = id,
                    });
                })
                .ToList();
        }, ct);

    public Task<ConnectableAccount> ConnectWithTokenAsync(TokenConnect connect, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "Facebook Pages are connected with Facebook Login, not with a pasted token.");

    public Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct) =>
        PublishGuard.RunAsync(Name, () => PublishCoreAsync(request, ct), ct);

    private async Task<PublishOutcome> PublishCoreAsync(PublishRequest request, CancellationToken ct)
    {
        var credentials = request.Access.Credentials;
        var pageId = GraphClient.Id(credentials.AccountId);
        if (request.Media.Count > 1)
        {
            return new PublishOutcome.Rejected("Facebook: CareDialog publishes at most one image per Facebook post; remove the extra attachments or split the post.");
        }

        var media = request.Media.FirstOrDefault();
        if (media is null)
        {
            if (string.IsNullOrWhiteSpace(request.Text))
            {
                return new PublishOutcome.Rejected("Facebook: the post has neither text nor an image.");
            }

            List<KeyValuePair<string, string>> form = [new("message", request.Text)];
            if (FirstLink(request.Text) is { } link)
            {
                form.Add(new("link", link));
            }

            var created = await _graph.PostAsync($"{pageId}/feed", form, credentials.AccessToken, GraphCall.Create, ct);
            return Published(Json.Str(created, "id"));
        }

        if (media.IsVideo || !media.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return new PublishOutcome.Rejected($"Facebook: CareDialog publishes text, links and images to Pages; “{media.FileName}” ({media.ContentType}) cannot be published there.");
        }

        if (!File.Exists(media.AbsolutePath))
        {
            return new PublishOutcome.Rejected($"Facebook: the image “{media.FileName}” is missing on the CareDialog server; attach it again.");
        }

        List<KeyValuePair<string, string>> fields = [];
        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            fields.Add(new("message", request.Text));
        }

        var photo = await _graph.PostMultipartAsync($"{pageId}/photos", fields, new GraphUpload("source", media.FileName, media.ContentType, media.AbsolutePath), credentials.AccessToken, GraphCall.Create, ct);
        // post_id is the Page post the photo appears in; comments and insights are read from it, not from the photo.
        return Published(Json.Str(photo, "post_id") ?? Json.Str(photo, "id"));
    }

    private PublishOutcome Published(string? postId) => postId is { Length: > 0 }
        ? new PublishOutcome.Published(new RemotePost(postId, PostUrl(postId), _clock.GetUtcNow().UtcDateTime))
        : new PublishOutcome.Unknown("Facebook answered without the id of the new post; CareDialog checks whether it exists before trying again.");

    /// <summary>Facebook has no idempotency keys: the Page's own posts since the attempt began are matched by text.</summary>
    public Task<RemotePost?> FindAsync(FindRequest request, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, async () =>
        {
            var credentials = request.Access.Credentials;
            var since = DateTime.SpecifyKind(request.AttemptStartedUtc, DateTimeKind.Utc) - FindMargin;
            var posts = await _graph.ListAsync(
                $"{GraphClient.Id(credentials.AccountId)}/posts",
                [
                    new("fields", "id,message,created_time,permalink_url"),
                    new("since", new DateTimeOffset(since).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                    new("limit", "25"),
                ],
                credentials.AccessToken,
                maxItems: 100,
                maxPages: 4,
                last => (Json.Time(last, "created_time") ?? DateTime.MaxValue) >= since,
                ct);
            foreach (var post in posts)
            {
                if (Json.Str(post, "id") is { } id && Json.Time(post, "created_time") is { } created && created >= since
                    && RemoteText.Same(Json.Str(post, "message") ?? "", request.Text))
                {
                    return new RemotePost(id, Json.Str(post, "permalink_url") ?? PostUrl(id), created);
                }
            }

            return (RemotePost?)null;
        }, ct);

    /// <summary>Comments and replies (<c>filter=stream</c>, §1.3) of each post, newest first, back to <see cref="InboundQuery.SinceUtc"/>.</summary>
    public Task<IReadOnlyList<InboundItem>> ReadInboundAsync(ChannelAccess access, InboundQuery query, CancellationToken ct) =>
        PublishGuard.CallAsync<IReadOnlyList<InboundItem>>(Name, async () =>
        {
            var credentials = access.Credentials;
            var items = new List<InboundItem>();
            foreach (var postId in query.RemotePostIds.Distinct(StringComparer.Ordinal))
            {
                if (items.Count >= query.Max)
                {
                    break;
                }

                List<JsonElement> comments;
                try
                {
                    comments = await _graph.ListAsync(
                        $"{GraphClient.Id(postId)}/comments",
                        [
                            new("fields", "id,message,from,created_time,parent{id},is_hidden"),
                            new("filter", "stream"),
                            new("order", "reverse_chronological"),
                            new("limit", "100"),
                        ],
                        credentials.AccessToken,
                        maxItems: query.Max - items.Count,
                        maxPages: 10,
                        last => query.SinceUtc is not { } since || (Json.Time(last, "created_time") ?? DateTime.MaxValue) >= since,
                        ct);
                }
                catch (ConnectorException ex) when (GraphErrors.IsMissingObject(ex))
                {
                    // A post deleted on Facebook has no comments to read; the other posts still do.
                    continue;
                }

                foreach (var comment in comments)
                {
                    if (ToInbound(comment, postId, credentials.AccountId) is { } item && (query.SinceUtc is not { } since || item.CreatedAtUtc >= since))
                    {
                        items.Add(item);
                    }
                }
            }

            return items.OrderBy(i => i.CreatedAtUtc).ToList();
        }, ct);

    /// <summary>Facebook threads are two levels deep, so an answer to a reply goes under the comment it belongs to (§1.4).</summary>
    public Task<RemoteReply> ReplyAsync(ReplyRequest request, CancellationToken ct)
    {
        var to = request.To;
        if (to.Kind == InboundKind.DirectMessage)
        {
            throw new ConnectorException(ConnectorErrorKind.NotSupported, "Facebook Page messages (Messenger) are not supported by CareDialog; only comments can be answered.");
        }

        var target = to.Kind == InboundKind.Reply && to.RemoteParentId is { Length: > 0 } parent ? parent : to.RemoteId;
        return PublishGuard.CallAsync(Name, async () =>
        {
            var created = await _graph.PostAsync($"{GraphClient.Id(target)}/comments", [new("message", request.Text)], request.Access.Credentials.AccessToken, GraphCall.Create, ct);
            return Json.Str(created, "id") is { Length: > 0 } id
                ? new RemoteReply(id, _clock.GetUtcNow().UtcDateTime)
                : throw new ConnectorException(ConnectorErrorKind.Unknown, "Facebook answered without the id of the reply; check the comment on Facebook before answering again.");
        }, ct);
    }

    /// <summary><c>POST /{comment-id}</c> with <c>is_hidden</c> (§1.4): hidden from everyone but the author and their friends, never deleted.</summary>
    public Task SetHiddenAsync(ChannelAccess access, InboundItem item, bool hidden, CancellationToken ct)
    {
        if (item.Kind == InboundKind.DirectMessage)
        {
            throw new ConnectorException(ConnectorErrorKind.NotSupported, "Only comments can be hidden on Facebook.");
        }

        return PublishGuard.CallAsync(Name, async () =>
        {
            var root = await _graph.PostAsync(GraphClient.Id(item.RemoteId), [new("is_hidden", hidden ? "true" : "false")], access.Credentials.AccessToken, GraphCall.Update, ct);
            return Json.Bool(root, "success") || root.ValueKind == JsonValueKind.True
                ? true
                : throw new ConnectorException(ConnectorErrorKind.Rejected, "Facebook did not confirm the change; the comment may not allow hiding (for example the Page's own comments).");
        }, ct);
    }

    /// <summary>Reactions, comments and shares from the post's fields, the rest from insights, each read on its own.</summary>
    public Task<MetricsResult> GetPostMetricsAsync(ChannelAccess access, string remotePostId, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, async () =>
        {
            var metrics = new GraphMetrics(_graph, remotePostId, access.Credentials.AccessToken);
            await metrics.FieldAsync(MetricNames.Reactions, "reactions.summary(total_count).limit(0)", p => Summary(p, "reactions"), ct);
            await metrics.FieldAsync(MetricNames.Comments, "comments.filter(stream).summary(total_count).limit(0)", p => Summary(p, "comments"), ct);
            // Graph leaves "shares" out when a post has none.
            await metrics.FieldAsync(MetricNames.Shares, "shares", p => Json.Obj(p, "shares") is { } s ? Json.Long(s, "count") : 0, ct);
            await metrics.InsightsAsync(_meta.PostMetrics, null, ct);
            return metrics.Result(_clock);
        }, ct);

    public Task<MetricsResult> GetAccountMetricsAsync(ChannelAccess access, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, () => GraphMetrics.ForAccountAsync(_graph, _meta, access.Credentials, _clock, ct), ct);

    /// <summary>
    /// Page tokens have no expiry and no refresh (§1.10), so the check is a cheap read of the Page: error 190 means the token
    /// was invalidated (password change, app removed, admin removed) and only a new Facebook Login helps.
    /// </summary>
    public Task<TokenCheck> CheckTokenAsync(ChannelAccess access, TimeSpan refreshWithin, CancellationToken ct) =>
        _graph.CheckTokenAsync(access.Credentials, ct);

    /// <summary>
    /// Comments from a <c>feed</c> change (§1.7): <c>item=comment</c> with verb <c>add</c> or <c>edited</c>. A top-level
    /// comment's parent_id is the post itself; only a reply has a comment as parent.
    /// </summary>
    public IReadOnlyList<InboundItem> ParseWebhookEvent(string payload)
    {
        var envelope = MetaWebhook.Payload.Read(payload);
        if (envelope.Object != "page")
        {
            return [];
        }

        var pageId = Json.Str(envelope.Entry, "id");
        var items = new List<InboundItem>();
        foreach (var (field, value) in envelope.Changes())
        {
            if (field != "feed" || Json.Str(value, "item") != "comment" || Json.Str(value, "verb") is not ("add" or "edited")
                || Json.Str(value, "comment_id") is not { Length: > 0 } commentId)
            {
                continue;
            }

            var postId = Json.Str(value, "post_id") ?? Json.Str(Json.Obj(value, "post") ?? default, "id");
            var parentId = Json.Str(value, "parent_id");
            var isReply = parentId is not null && parentId != postId;
            var from = Json.Obj(value, "from");
            var authorId = from is { } f ? Json.Str(f, "id") : null;
            items.Add(new InboundItem(
                commentId,
                isReply ? InboundKind.Reply : InboundKind.Comment,
                Json.Str(value, "message") ?? "",
                from is { } a ? Json.Str(a, "name") ?? "Facebook user" : "Facebook user",
                authorId,
                Json.Time(value, "created_time") ?? envelope.Time ?? _clock.GetUtcNow().UtcDateTime,
                postId,
                isReply ? parentId : null,
                FromOwnAccount: authorId is not null && authorId == pageId,
                Hidden: Json.Bool(value, "is_hidden")));
        }

        return items;
    }

    /// <summary>Installs the app on the Page for <c>feed</c> webhooks (§1.5); the Web layer calls this once the channel is saved.</summary>
    public Task SubscribeWebhooksAsync(ChannelAccess access, CancellationToken ct) =>
        MetaLogin.SubscribeAsync(_graph, access.Credentials.AccountId, access.Credentials.AccessToken, "feed", ct);

    /// <summary>Meta sends to the callback URL configured in the app dashboard; connecting only installs the app on the Page.</summary>
    Task IRegistersWebhooks.RegisterWebhookAsync(ChannelAccess access, Uri webhookUrl, CancellationToken ct) => SubscribeWebhooksAsync(access, ct);

    /// <summary>facebook.com/{page-id}_{post-id} opens the post.</summary>
    public static string PostUrl(string postId) => "https://www.facebook.com/" + Uri.EscapeDataString(postId);

    private static InboundItem? ToInbound(JsonElement comment, string postId, string pageId)
    {
        if (Json.Str(comment, "id") is not { Length: > 0 } id)
        {
            return null;
        }

        var from = Json.Obj(comment, "from");
        var authorId = from is { } f ? Json.Str(f, "id") : null;
        var parentId = Json.Obj(comment, "parent") is { } parent ? Json.Str(parent, "id") : null;
        return new InboundItem(
            id,
            parentId is null ? InboundKind.Comment : InboundKind.Reply,
            Json.Str(comment, "message") ?? "",
            // "from" is only returned with a Page token and may be withheld (§1.3, §1.7).
            from is { } a ? Json.Str(a, "name") ?? "Facebook user" : "Facebook user",
            authorId,
            Json.Time(comment, "created_time") ?? DateTime.MinValue,
            postId,
            parentId,
            FromOwnAccount: authorId is not null && authorId == pageId,
            Hidden: Json.Bool(comment, "is_hidden"));
    }

    private static long? Summary(JsonElement post, string edge) =>
        Json.Obj(post, edge) is { } e && Json.Obj(e, "summary") is { } s ? Json.Long(s, "total_count") : null;

    /// <summary>The first web link in the text, sent as <c>link</c> so Facebook attaches its preview (§1.2).</summary>
    internal static string? FirstLink(string text)
    {
        var match = LinkPattern().Match(text);
        return match.Success ? match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"') : null;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();
}
