using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.Options;

namespace CareDialog.Connectors.Meta.Instagram;

/// <summary>
/// An Instagram professional account connected to a Facebook Page, through the Instagram API with Facebook Login
/// (platform-apis.md §2): AccountId is the Instagram user id, AccessToken the Page's token, and Extra[<see cref="PageIdKey"/>]
/// the Page. Instagram fetches media itself from public URLs, so publishing needs <see cref="PublishMedia.PublicUrl"/>.
/// </summary>
public sealed class InstagramConnector : IChannelConnector, IRegistersWebhooks
{
    internal const string Name = "Instagram";

    /// <summary>The credentials' Extra key of the Facebook Page the Instagram account is connected to.</summary>
    public const string PageIdKey = "PageId";

    /// <summary>Instagram permissions (§2.1) plus what is needed to find the account through its Page and to read insights.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes =
    [
        "instagram_basic",
        "instagram_content_publish",
        "instagram_manage_comments",
        "instagram_manage_insights",
        "pages_show_list",
        "pages_read_engagement",
        "pages_manage_metadata",
    ];

    /// <summary>Media insights; "impressions" was retired for media in favour of "views" (a retired name becomes a metric problem).</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultPostMetrics = new Dictionary<string, string>
    {
        [MetricNames.Impressions] = "views",
        [MetricNames.Reach] = "reach",
        [MetricNames.Reactions] = "likes",
        [MetricNames.Comments] = "comments",
        [MetricNames.Shares] = "shares",
        [MetricNames.Saves] = "saved",
    };

    public static readonly IReadOnlyDictionary<string, string> DefaultAccountMetrics = new Dictionary<string, string>
    {
        [MetricNames.Reach] = "reach",
    };

    /// <summary>A carousel holds at most ten items.</summary>
    private const int MaxCarouselItems = 10;

    private static readonly TimeSpan FindMargin = TimeSpan.FromMinutes(5);

    private readonly GraphClient _graph;
    private readonly HttpClient _http;
    private readonly MetaGraphOptions _meta;
    private readonly TimeProvider _clock;

    public InstagramConnector(IHttpClientFactory factory, IOptionsMonitor<PlatformOptions> options, IOptionsMonitor<MetaGraphOptions> meta, TimeProvider clock)
    {
        var (http, platformOptions) = ConnectorRegistration.Resolve(factory, options, Platform.Instagram);
        _http = http;
        _clock = clock;
        _meta = meta.Get(ConnectorRegistration.ClientName(Platform.Instagram));
        _graph = new GraphClient(http, platformOptions, clock, Name);
    }

    public Platform Platform => Platform.Instagram;

    /// <summary>No Text and no Link: Instagram posts need media, and links in captions are not clickable.</summary>
    public ConnectorFeatures Features =>
        ConnectorFeatures.Image | ConnectorFeatures.Video | ConnectorFeatures.ReadComments | ConnectorFeatures.Reply | ConnectorFeatures.Hide
        | ConnectorFeatures.PostMetrics | ConnectorFeatures.AccountMetrics | ConnectorFeatures.Webhooks;

    public ConnectMethod ConnectMethod => ConnectMethod.OAuth;

    public Uri BuildAuthorizeUrl(OAuthStart start) => MetaLogin.AuthorizeUrl(_graph, start, DefaultScopes);

    /// <summary>The Instagram accounts connected to the user's Pages (<c>instagram_business_account</c>), each with its Page's token.</summary>
    public Task<IReadOnlyList<ConnectableAccount>> CompleteOAuthAsync(OAuthCallback callback, CancellationToken ct) =>
        PublishGuard.CallAsync<IReadOnlyList<ConnectableAccount>>(Name, async () =>
        {
            var userToken = await MetaLogin.LongLivedUserTokenAsync(_graph, _http, callback, ct);
            var pages = await MetaLogin.PagesAsync(_graph, userToken, "id,name,access_token,instagram_business_account{id,username,name}", ct);
            var accounts = new List<ConnectableAccount>();
            foreach (var page in pages)
            {
                if (Json.Str(page, "id") is not { } pageId || Json.Str(page, "access_token") is not { } pageToken
                    || Json.Obj(page, "instagram_business_account") is not { } ig || Json.Str(ig, "id") is not { } igId)
                {
                    continue;
                }

                var username = Json.Str(ig, "username");
                accounts.Add(new ConnectableAccount(igId, Json.Str(ig, "name") ?? username ?? igId, username ?? igId, new ChannelCredentials
                {
                    AccessToken = pageToken,
                    AccountId = igId,
                    Extra = ImmutableDictionary<string, string>.Empty.Add(PageIdKey, pageId),
                }));
            }

            return accounts;
        }, ct);

    public Task<ConnectableAccount> ConnectWithTokenAsync(TokenConnect connect, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "Instagram accounts are connected with Facebook Login through their Facebook Page, not with a pasted token.");

    public Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct) =>
        PublishGuard.RunAsync(Name, () => PublishCoreAsync(request, ct), ct);

    /// <summary>Container(s) first, then <c>media_publish</c> (§2.2); only the last step makes anything public.</summary>
    private async Task<PublishOutcome> PublishCoreAsync(PublishRequest request, CancellationToken ct)
    {
        if (Refusal(request.Media) is { } refusal)
        {
            return new PublishOutcome.Rejected(refusal);
        }

        var credentials = request.Access.Credentials;
        var igUser = GraphClient.Id(credentials.AccountId);
        string containerId;
        if (request.Media.Count == 1)
        {
            var media = request.Media[0];
            List<KeyValuePair<string, string>> form = media.IsVideo
                ? [new("media_type", "REELS"), new("video_url", media.PublicUrl!.AbsoluteUri)]
                : [new("image_url", media.PublicUrl!.AbsoluteUri)];
            AddCaption(form, request.Text);
            containerId = await CreateContainerAsync(igUser, form, credentials.AccessToken, ct);
            if (media.IsVideo && await WaitUntilReadyAsync(containerId, credentials.AccessToken, ct) is { } notReady)
            {
                return notReady;
            }
        }
        else
        {
            var children = new List<string>();
            foreach (var media in request.Media)
            {
                List<KeyValuePair<string, string>> item = media.IsVideo
                    ? [new("is_carousel_item", "true"), new("media_type", "VIDEO"), new("video_url", media.PublicUrl!.AbsoluteUri)]
                    : [new("is_carousel_item", "true"), new("image_url", media.PublicUrl!.AbsoluteUri)];
                var child = await CreateContainerAsync(igUser, item, credentials.AccessToken, ct);
                if (media.IsVideo && await WaitUntilReadyAsync(child, credentials.AccessToken, ct) is { } notReady)
                {
                    return notReady;
                }

                children.Add(child);
            }

            List<KeyValuePair<string, string>> form = [new("media_type", "CAROUSEL"), new("children", string.Join(",", children))];
            AddCaption(form, request.Text);
            containerId = await CreateContainerAsync(igUser, form, credentials.AccessToken, ct);
        }

        var published = await _graph.PostAsync($"{igUser}/media_publish", [new("creation_id", containerId)], credentials.AccessToken, GraphCall.Create, ct);
        if (Json.Str(published, "id") is not { Length: > 0 } mediaId)
        {
            return new PublishOutcome.Unknown("Instagram answered without the id of the new post; CareDialog checks whether it exists before trying again.");
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        return new PublishOutcome.Published(new RemotePost(mediaId, await PermalinkAsync(mediaId, request.Access, ct), now));
    }

    /// <summary>Why Instagram would refuse these attachments before anything is sent, or null.</summary>
    private static string? Refusal(IReadOnlyList<PublishMedia> media)
    {
        if (media.Count == 0)
        {
            return "Instagram needs an image or video; a text-only post cannot be published there.";
        }

        if (media.Count > MaxCarouselItems)
        {
            return $"Instagram: a post holds at most {MaxCarouselItems} images or videos; this one has {media.Count}.";
        }

        foreach (var m in media)
        {
            if (m.PublicUrl is null)
            {
                return $"Instagram fetches images and videos from a public web address, and “{m.FileName}” has none. Configure CareDialog's public media URL, or publish this post without Instagram.";
            }

            // Instagram takes JPEG only (§2.2).
            if (!m.IsVideo && !m.ContentType.Equals("image/jpeg", StringComparison.OrdinalIgnoreCase) && !m.ContentType.Equals("image/jpg", StringComparison.OrdinalIgnoreCase))
            {
                return $"Instagram accepts JPEG images only; “{m.FileName}” is {m.ContentType}. Convert it to JPEG and attach it again.";
            }
        }

        return null;
    }

    private static void AddCaption(List<KeyValuePair<string, string>> form, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            form.Add(new("caption", text));
        }
    }

    /// <summary>A container publishes nothing, so a temporary failure here is a plain retry, not an unknown outcome.</summary>
    private async Task<string> CreateContainerAsync(string igUser, List<KeyValuePair<string, string>> form, string token, CancellationToken ct)
    {
        var root = await _graph.PostAsync($"{igUser}/media", form, token, GraphCall.Update, ct);
        return Json.Str(root, "id") is { Length: > 0 } id
            ? id
            : throw new ConnectorException(ConnectorErrorKind.RetryLater, "Instagram did not return a media container; CareDialog tries again shortly.", null, RateLimits.DefaultWait);
    }

    /// <summary>Videos are processed asynchronously; publishing before <c>FINISHED</c> fails (§2.2). Null when ready.</summary>
    private async Task<PublishOutcome?> WaitUntilReadyAsync(string containerId, string token, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Math.Max(1, _meta.VideoPollAttempts); attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(_meta.VideoPollInterval, _clock, ct);
            }

            var root = await _graph.GetAsync(GraphClient.Id(containerId), [new("fields", "status_code,status")], token, ct);
            switch (Json.Str(root, "status_code"))
            {
                case "FINISHED":
                    return null;
                case "ERROR":
                case "EXPIRED":
                    return new PublishOutcome.Rejected($"Instagram could not process the video (status {Json.Str(root, "status_code")}{(Json.Str(root, "status") is { } s ? ": " + s : "")}). Check its format and length.");
            }
        }

        return new PublishOutcome.RetryLater("Instagram is still processing the video; nothing was published, CareDialog tries again later.", RateLimits.DefaultWait);
    }

    /// <summary>The post is already public here, so a failure to read its link must not turn the outcome into a failure.</summary>
    private async Task<string> PermalinkAsync(string mediaId, ChannelAccess access, CancellationToken ct)
    {
        try
        {
            var root = await PublishGuard.CallAsync(Name, () => _graph.GetAsync(GraphClient.Id(mediaId), [new("fields", "permalink")], access.Credentials.AccessToken, ct), ct);
            if (Json.Str(root, "permalink") is { Length: > 0 } permalink)
            {
                return permalink;
            }
        }
        catch (ConnectorException)
        {
            // Fall back to the profile link below.
        }

        return ProfileUrl(access);
    }

    private static string ProfileUrl(ChannelAccess access) =>
        "https://www.instagram.com/" + Uri.EscapeDataString(access.Channel.Handle.TrimStart('@')) + "/";

    public Task<RemotePost?> FindAsync(FindRequest request, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, async () =>
        {
            var credentials = request.Access.Credentials;
            var since = DateTime.SpecifyKind(request.AttemptStartedUtc, DateTimeKind.Utc) - FindMargin;
            var media = await _graph.ListAsync(
                $"{GraphClient.Id(credentials.AccountId)}/media",
                [
                    new("fields", "id,caption,timestamp,permalink"),
                    new("since", new DateTimeOffset(since).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                    new("limit", "25"),
                ],
                credentials.AccessToken,
                maxItems: 100,
                maxPages: 4,
                last => (Json.Time(last, "timestamp") ?? DateTime.MaxValue) >= since,
                ct);
            foreach (var item in media)
            {
                if (Json.Str(item, "id") is { } id && Json.Time(item, "timestamp") is { } created && created >= since
                    && RemoteText.Same(Json.Str(item, "caption") ?? "", request.Text))
                {
                    return new RemotePost(id, Json.Str(item, "permalink") ?? ProfileUrl(request.Access), created);
                }
            }

            return (RemotePost?)null;
        }, ct);

    /// <summary>Comments of each media with their replies inlined (§2.3), back to <see cref="InboundQuery.SinceUtc"/>.</summary>
    public Task<IReadOnlyList<InboundItem>> ReadInboundAsync(ChannelAccess access, InboundQuery query, CancellationToken ct) =>
        PublishGuard.CallAsync<IReadOnlyList<InboundItem>>(Name, async () =>
        {
            const string fields = "id,text,timestamp,username,from,hidden";
            var items = new List<InboundItem>();
            foreach (var mediaId in query.RemotePostIds.Distinct(StringComparer.Ordinal))
            {
                List<JsonElement> comments;
                try
                {
                    comments = await _graph.ListAsync(
                        $"{GraphClient.Id(mediaId)}/comments",
                        [new("fields", $"{fields},replies{{{fields}}}"), new("limit", "50")],
                        access.Credentials.AccessToken,
                        maxItems: 500,
                        maxPages: 10,
                        _ => true,
                        ct);
                }
                catch (ConnectorException ex) when (GraphErrors.IsMissingObject(ex))
                {
                    continue;
                }

                foreach (var comment in comments)
                {
                    Add(comment, mediaId, null);
                    foreach (var reply in Json.Obj(comment, "replies") is { } replies ? Json.Arr(replies, "data") : [])
                    {
                        Add(reply, mediaId, Json.Str(comment, "id"));
                    }
                }
            }

            return items.OrderBy(i => i.CreatedAtUtc).Take(query.Max).ToList();

            void Add(JsonElement c, string mediaId, string? parentId)
            {
                if (ToInbound(c, mediaId, parentId, access) is { } item && (query.SinceUtc is not { } since || item.CreatedAtUtc >= since))
                {
                    items.Add(item);
                }
            }
        }, ct);

    /// <summary>Instagram threads are two levels deep: an answer to a reply goes under its top-level comment.</summary>
    public Task<RemoteReply> ReplyAsync(ReplyRequest request, CancellationToken ct)
    {
        var to = request.To;
        if (to.Kind == InboundKind.DirectMessage)
        {
            throw new ConnectorException(ConnectorErrorKind.NotSupported, "Instagram direct messages are not supported by CareDialog; only comments can be answered.");
        }

        var target = to.Kind == InboundKind.Reply && to.RemoteParentId is { Length: > 0 } parent ? parent : to.RemoteId;
        return PublishGuard.CallAsync(Name, async () =>
        {
            var created = await _graph.PostAsync($"{GraphClient.Id(target)}/replies", [new("message", request.Text)], request.Access.Credentials.AccessToken, GraphCall.Create, ct);
            return Json.Str(created, "id") is { Length: > 0 } id
                ? new RemoteReply(id, _clock.GetUtcNow().UtcDateTime)
                : throw new ConnectorException(ConnectorErrorKind.Unknown, "Instagram answered without the id of the reply; check the comment on Instagram before answering again.");
        }, ct);
    }

    /// <summary><c>POST /{comment-id}</c> with <c>hide</c> (§2.3); CareDialog never deletes.</summary>
    public Task SetHiddenAsync(ChannelAccess access, InboundItem item, bool hidden, CancellationToken ct)
    {
        if (item.Kind == InboundKind.DirectMessage)
        {
            throw new ConnectorException(ConnectorErrorKind.NotSupported, "Only comments can be hidden on Instagram.");
        }

        return PublishGuard.CallAsync(Name, async () =>
        {
            var root = await _graph.PostAsync(GraphClient.Id(item.RemoteId), [new("hide", hidden ? "true" : "false")], access.Credentials.AccessToken, GraphCall.Update, ct);
            return Json.Bool(root, "success") || root.ValueKind == JsonValueKind.True
                ? true
                : throw new ConnectorException(ConnectorErrorKind.Rejected, "Instagram did not confirm the change; the comment may not allow hiding (for example the account's own comments).");
        }, ct);
    }

    public Task<MetricsResult> GetPostMetricsAsync(ChannelAccess access, string remotePostId, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, async () =>
        {
            var metrics = new GraphMetrics(_graph, remotePostId, access.Credentials.AccessToken);
            await metrics.InsightsAsync(_meta.PostMetrics, null, ct);
            return metrics.Result(_clock);
        }, ct);

    public Task<MetricsResult> GetAccountMetricsAsync(ChannelAccess access, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, () => GraphMetrics.ForAccountAsync(_graph, _meta, access.Credentials, _clock, ct), ct);

    /// <summary>The Page token has no expiry (§2.5 → §1.10); a cheap read of the account tells whether it still works.</summary>
    public Task<TokenCheck> CheckTokenAsync(ChannelAccess access, TimeSpan refreshWithin, CancellationToken ct) =>
        _graph.CheckTokenAsync(access.Credentials, ct);

    /// <summary>
    /// The <c>comments</c> field (§2.4): id, text, from{id,username}, media{id}, parent_id for replies. The value carries no
    /// time, so the entry's time is used.
    /// </summary>
    public IReadOnlyList<InboundItem> ParseWebhookEvent(string payload)
    {
        var envelope = MetaWebhook.Payload.Read(payload);
        if (envelope.Object != "instagram")
        {
            return [];
        }

        var accountId = Json.Str(envelope.Entry, "id");
        var items = new List<InboundItem>();
        foreach (var (field, value) in envelope.Changes())
        {
            if (field != "comments" || Json.Str(value, "id") is not { Length: > 0 } id)
            {
                continue;
            }

            var from = Json.Obj(value, "from");
            var authorId = from is { } f ? Json.Str(f, "id") : null;
            var parentId = Json.Str(value, "parent_id");
            items.Add(new InboundItem(
                id,
                parentId is null ? InboundKind.Comment : InboundKind.Reply,
                Json.Str(value, "text") ?? "",
                from is { } a ? Json.Str(a, "username") ?? "Instagram user" : "Instagram user",
                authorId,
                Json.Time(value, "timestamp") ?? envelope.Time ?? _clock.GetUtcNow().UtcDateTime,
                Json.Obj(value, "media") is { } media ? Json.Str(media, "id") : null,
                parentId,
                FromOwnAccount: authorId is not null && authorId == accountId));
        }

        return items;
    }

    /// <summary>
    /// Installs the app on the Instagram account's Facebook Page so comment webhooks are delivered (§1.5); the Web layer calls
    /// this once the channel is saved. The Page field used is <see cref="MetaGraphOptions.InstagramPageSubscribedFields"/>.
    /// </summary>
    /// <summary>Meta sends to the callback URL configured in the app dashboard; connecting only subscribes the account's Page.</summary>
    Task IRegistersWebhooks.RegisterWebhookAsync(ChannelAccess access, Uri webhookUrl, CancellationToken ct) => SubscribeWebhooksAsync(access, ct);

    public Task SubscribeWebhooksAsync(ChannelAccess access, CancellationToken ct)
    {
        if (!access.Credentials.Extra.TryGetValue(PageIdKey, out var pageId))
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected, "The Instagram channel does not know its Facebook Page; reconnect it.");
        }

        return MetaLogin.SubscribeAsync(_graph, pageId, access.Credentials.AccessToken, _meta.InstagramPageSubscribedFields, ct);
    }

    private static InboundItem? ToInbound(JsonElement c, string mediaId, string? parentId, ChannelAccess access)
    {
        if (Json.Str(c, "id") is not { Length: > 0 } id)
        {
            return null;
        }

        var from = Json.Obj(c, "from");
        var authorId = from is { } f ? Json.Str(f, "id") : null;
        var username = Json.Str(c, "username") ?? (from is { } u ? Json.Str(u, "username") : null);
        var own = authorId is not null
            ? authorId == access.Credentials.AccountId
            : username is not null && string.Equals(username, access.Channel.Handle.TrimStart('@'), StringComparison.OrdinalIgnoreCase);
        return new InboundItem(
            id,
            parentId is null ? InboundKind.Comment : InboundKind.Reply,
            Json.Str(c, "text") ?? "",
            username ?? "Instagram user",
            authorId,
            Json.Time(c, "timestamp") ?? DateTime.MinValue,
            mediaId,
            parentId,
            FromOwnAccount: own,
            Hidden: Json.Bool(c, "hidden"));
    }
}
