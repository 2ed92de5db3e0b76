using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CareDialog.Connectors.YouTube;

/// <summary>
/// YouTube Data API v3 (platform-apis.md §5) on HttpClient. YouTube has no text posts: a post is a video whose title and
/// description come from <see cref="YouTubeText.Split"/>. Comments are read and answered; "hide" is the owner's moderation
/// status heldForReview, never a delete.
/// </summary>
public sealed class YouTubeConnector : IChannelConnector
{
    private const string Name = "YouTube";

    /// <summary>force-ssl covers reading and answering comments, moderation and statistics; upload covers videos.insert.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes =
    [
        "https://www.googleapis.com/auth/youtube.force-ssl",
        "https://www.googleapis.com/auth/youtube.upload",
    ];

    private readonly HttpClient _http;
    private readonly HttpClient _upload;
    private readonly PlatformOptions _options;
    private readonly YouTubeOptions _youtube;
    private readonly TimeProvider _clock;
    private readonly GoogleErrors _errors;

    public YouTubeConnector(IHttpClientFactory factory, IOptionsMonitor<PlatformOptions> options, IOptions<YouTubeOptions> youtube, TimeProvider clock)
    {
        (_http, _options) = ConnectorRegistration.Resolve(factory, options, Platform.YouTube);
        _upload = factory.CreateClient(YouTubeConnectorSetup.UploadClientName);
        _youtube = youtube.Value;
        _clock = clock;
        _errors = new GoogleErrors(clock, _youtube);
    }

    public Platform Platform => Platform.YouTube;

    public ConnectorFeatures Features =>
        ConnectorFeatures.Video | ConnectorFeatures.ReadComments | ConnectorFeatures.Reply | ConnectorFeatures.Hide
        | ConnectorFeatures.PostMetrics | ConnectorFeatures.AccountMetrics;

    public ConnectMethod ConnectMethod => ConnectMethod.OAuth;

    public Uri BuildAuthorizeUrl(OAuthStart start) =>
        OAuthTokens.AuthorizeUrl(_options, Name, start, DefaultScopes, " ", new Dictionary<string, string>
        {
            // Without offline access Google issues no refresh token; without consent it does not re-issue one on a reconnect.
            ["access_type"] = "offline",
            ["prompt"] = "consent",
        });

    public async Task<IReadOnlyList<ConnectableAccount>> CompleteOAuthAsync(OAuthCallback callback, CancellationToken ct)
    {
        var tokens = await OAuthTokens.ExchangeCodeAsync(_http, Name, _options, callback, ClientAuth.Body, ct);
        if (string.IsNullOrEmpty(tokens.RefreshToken))
        {
            // An access token alone dies within the hour and the channel would silently need reconnecting.
            throw new ConnectorException(ConnectorErrorKind.Rejected,
                "Google did not grant offline access (no refresh token). Remove CareDialog under myaccount.google.com/permissions and connect again.");
        }

        using var doc = await GetAsync("channels?part=snippet&mine=true&maxResults=50", tokens.AccessToken, ct);
        var accounts = Json.Array(doc.RootElement, "items")
            .Select(item => (Id: Json.String(item, "id"), Snippet: Json.Get(item, "snippet")))
            .Where(c => !string.IsNullOrEmpty(c.Id))
            .Select(c => new ConnectableAccount(
                c.Id!,
                (c.Snippet is { } s ? Json.String(s, "title") : null) ?? c.Id!,
                (c.Snippet is { } s2 ? Json.String(s2, "customUrl") : null) ?? c.Id!,
                tokens.ToCredentials(c.Id!, _clock)))
            .ToList();
        if (accounts.Count == 0)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected,
                "This Google account has no YouTube channel. Create the channel on YouTube (or pick the brand account that owns it) and connect again.");
        }

        return accounts;
    }

    public Task<ConnectableAccount> ConnectWithTokenAsync(TokenConnect connect, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "YouTube channels are connected by signing in with Google.");

    public Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct) =>
        PublishGuard.RunAsync(Name, () => UploadAsync(request, ct), ct);

    private async Task<PublishOutcome> UploadAsync(PublishRequest request, CancellationToken ct)
    {
        var videos = request.Media.Where(m => m.IsVideo).ToList();
        if (videos.Count == 0)
        {
            return new PublishOutcome.Rejected("YouTube publishes videos; attach a video.");
        }

        if (videos.Count > 1 || request.Media.Count > 1)
        {
            return new PublishOutcome.Rejected("YouTube publishes one video per post, without images; keep only the video.");
        }

        var (title, description) = YouTubeText.Split(request.Text);
        if (title.Length == 0)
        {
            return new PublishOutcome.Rejected("YouTube needs a title: write it on the first line of the text.");
        }

        if (YouTubeText.TitleLength(title) > YouTubeText.TitleMaxLength || request.Text.AsSpan().IndexOfAny(YouTubeText.RefusedCharacters) >= 0)
        {
            // Checked here too because a refused videos.insert still costs its quota.
            return new PublishOutcome.Rejected($"YouTube accepts titles of at most {YouTubeText.TitleMaxLength} characters and no < or > in title or description.");
        }

        var video = videos[0];
        var file = new FileInfo(video.AbsolutePath);
        if (!file.Exists)
        {
            return new PublishOutcome.Rejected($"The video file {video.FileName} is missing from CareDialog's media store.");
        }

        var token = request.Access.Credentials.AccessToken;
        Uri session;
        try
        {
            session = await StartUploadSessionAsync(title, description, video, file.Length, token, ct);
        }
        catch (Exception ex) when (IsTransportFailure(ex, ct))
        {
            // Starting a session creates no video (the video exists only once its bytes arrive), so this is safe to retry.
            return new PublishOutcome.RetryLater("YouTube did not answer when CareDialog started the upload; nothing was published.", RateLimits.DefaultWait);
        }

        FileStream stream;
        try
        {
            stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The session was started but no byte was sent: no video exists.
            return new PublishOutcome.Rejected($"CareDialog could not read the video file {video.FileName}.");
        }

        await using (stream)
        {
            return await SendBytesAsync(session, stream, video.ContentType, token, ct);
        }
    }

    /// <summary>Step 2: the whole file in one PUT to the session; the video exists once YouTube has the bytes.</summary>
    private async Task<PublishOutcome> SendBytesAsync(Uri session, FileStream stream, string contentType, string token, CancellationToken ct)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, session) { Content = new StreamContent(stream) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        put.Content.Headers.ContentLength = stream.Length;
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _upload.SendAsync(put, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw _errors.ToException(response, body, serverErrorIsUnknown: true);
        }

        using var doc = ParseOrUnknown(body);
        var id = Json.String(doc.RootElement, "id")
                 ?? throw new ConnectorException(ConnectorErrorKind.Unknown, "YouTube accepted the upload but did not say which video it created.");
        var published = Json.Path(doc.RootElement, "snippet") is { } snippet ? Json.Time(snippet, "publishedAt") : null;
        return new PublishOutcome.Published(new RemotePost(id, WatchUrl(id), published ?? _clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>Step 1 of the resumable upload protocol: the video resource as JSON; Google answers with the session URI in Location.</summary>
    private async Task<Uri> StartUploadSessionAsync(string title, string description, PublishMedia video, long length, string token, CancellationToken ct)
    {
        var snippet = new Dictionary<string, string> { ["title"] = title, ["description"] = description };
        if (!string.IsNullOrEmpty(_youtube.CategoryId))
        {
            snippet["categoryId"] = _youtube.CategoryId;
        }

        var url = new Uri(_youtube.UploadBaseUrl, "upload/youtube/v3/videos?uploadType=resumable&part=snippet,status");
        using var start = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new { snippet, status = new { privacyStatus = _youtube.PrivacyStatus } }),
        };
        start.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        start.Headers.Add("X-Upload-Content-Length", length.ToString(CultureInfo.InvariantCulture));
        start.Headers.Add("X-Upload-Content-Type", video.ContentType);
        using var response = await _http.SendAsync(start, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw _errors.ToException(response, await response.Content.ReadAsStringAsync(ct), serverErrorIsUnknown: false);
        }

        return response.Headers.Location is { } location
            ? location.IsAbsoluteUri ? location : new Uri(url, location)
            : throw new ConnectorException(ConnectorErrorKind.RetryLater, "YouTube did not return an upload address; nothing was published.", null, RateLimits.DefaultWait);
    }

    /// <summary>Looks through the channel's uploads playlist (2 quota units, where search.list costs 100).</summary>
    public Task<RemotePost?> FindAsync(FindRequest request, CancellationToken ct) => PublishGuard.CallAsync(Name, async () =>
    {
        var token = request.Access.Credentials.AccessToken;
        var playlist = await UploadsPlaylistAsync(request.Access.Credentials.AccountId, token, ct);
        if (playlist is null)
        {
            return null;
        }

        var since = request.AttemptStartedUtc - _youtube.FindClockSkew;
        var (title, description) = YouTubeText.Split(request.Text);
        string? page = null;
        for (var i = 0; i < _youtube.MaxPages; i++)
        {
            using var doc = await GetAsync($"playlistItems?part=snippet&maxResults=50&playlistId={Uri.EscapeDataString(playlist)}{PageParam(page)}", token, ct);
            var olderSeen = false;
            foreach (var item in Json.Array(doc.RootElement, "items"))
            {
                if (Json.Get(item, "snippet") is not { } snippet)
                {
                    continue;
                }

                var at = Json.Time(snippet, "publishedAt");
                if (at < since)
                {
                    olderSeen = true;
                    continue;
                }

                var videoId = Json.Path(snippet, "resourceId") is { } r ? Json.String(r, "videoId") : null;
                if (videoId is not null && RemoteText.Same(Json.String(snippet, "title"), title) && RemoteText.Same(Json.String(snippet, "description") ?? "", description))
                {
                    return new RemotePost(videoId, WatchUrl(videoId), at ?? request.AttemptStartedUtc);
                }
            }

            page = Json.String(doc.RootElement, "nextPageToken");
            if (page is null || olderSeen)
            {
                break;
            }
        }

        return (RemotePost?)null;
    }, ct);

    private async Task<string?> UploadsPlaylistAsync(string channelId, string token, CancellationToken ct)
    {
        using var doc = await GetAsync($"channels?part=contentDetails&id={Uri.EscapeDataString(channelId)}", token, ct);
        return Json.Array(doc.RootElement, "items")
            .Select(i => Json.Path(i, "contentDetails", "relatedPlaylists") is { } p ? Json.String(p, "uploads") : null)
            .FirstOrDefault(p => p is not null);
    }

    public Task<IReadOnlyList<InboundItem>> ReadInboundAsync(ChannelAccess access, InboundQuery query, CancellationToken ct) => PublishGuard.CallAsync(Name, async () =>
    {
        var channelId = access.Credentials.AccountId;
        List<string> filters = query.RemotePostIds.Count == 0
            ? [$"allThreadsRelatedToChannelId={Uri.EscapeDataString(channelId)}"]
            : query.RemotePostIds.Distinct(StringComparer.Ordinal).Select(v => $"videoId={Uri.EscapeDataString(v)}").ToList();
        var items = new Dictionary<string, InboundItem>(StringComparer.Ordinal);
        foreach (var filter in filters)
        {
            try
            {
                await ReadThreadsAsync(filter, access, query.SinceUtc, items, ct);
            }
            catch (ConnectorException ex) when (query.RemotePostIds.Count > 0 && ex.PlatformCode is "403 commentsDisabled" or "404 videoNotFound")
            {
                // One video with comments turned off, or deleted, must not stop the others from being read.
            }
        }

        IReadOnlyList<InboundItem> result = [.. items.Values
            .Where(i => query.SinceUtc is not { } since || i.CreatedAtUtc >= since)
            .OrderBy(i => i.CreatedAtUtc).ThenBy(i => i.RemoteId, StringComparer.Ordinal)
            .Take(query.Max)];
        return result;
    }, ct);

    private async Task ReadThreadsAsync(string filter, ChannelAccess access, DateTime? since, Dictionary<string, InboundItem> into, CancellationToken ct)
    {
        var token = access.Credentials.AccessToken;
        var channelId = access.Credentials.AccountId;
        string? page = null;
        for (var i = 0; i < _youtube.MaxPages; i++)
        {
            using var doc = await GetAsync($"commentThreads?part=snippet,replies&{filter}&maxResults=100&order=time&textFormat=plainText{PageParam(page)}", token, ct);
            var anyNew = false;
            foreach (var thread in Json.Array(doc.RootElement, "items"))
            {
                if (Json.Get(thread, "snippet") is not { } snippet || Json.Get(snippet, "topLevelComment") is not { } top)
                {
                    continue;
                }

                var videoId = Json.String(snippet, "videoId");
                if (ToInbound(top, InboundKind.Comment, videoId, null, channelId) is { } comment)
                {
                    into[comment.RemoteId] = comment;
                    anyNew |= since is null || comment.CreatedAtUtc >= since || Json.Time(Json.Get(top, "snippet") ?? default, "updatedAt") >= since;

                    var embedded = Json.Path(thread, "replies") is { } r ? Json.Array(r, "comments").ToList() : [];
                    foreach (var reply in embedded)
                    {
                        AddReply(reply, videoId, comment.RemoteId, channelId, into);
                    }

                    // replies.comments is a sample (§5.2); comments.list has them all.
                    if ((Json.Long(snippet, "totalReplyCount") ?? 0) > embedded.Count)
                    {
                        await ReadRepliesAsync(comment.RemoteId, videoId, access, into, ct);
                    }

                    anyNew |= into.Values.Any(x => x.RemoteParentId == comment.RemoteId && (since is null || x.CreatedAtUtc >= since));
                }
            }

            page = Json.String(doc.RootElement, "nextPageToken");
            if (page is null || !anyNew)
            {
                return;
            }
        }
    }

    private async Task ReadRepliesAsync(string parentId, string? videoId, ChannelAccess access, Dictionary<string, InboundItem> into, CancellationToken ct)
    {
        string? page = null;
        for (var i = 0; i < _youtube.MaxPages; i++)
        {
            using var doc = await GetAsync($"comments?part=snippet&parentId={Uri.EscapeDataString(parentId)}&maxResults=100&textFormat=plainText{PageParam(page)}", access.Credentials.AccessToken, ct);
            foreach (var reply in Json.Array(doc.RootElement, "items"))
            {
                AddReply(reply, videoId, parentId, access.Credentials.AccountId, into);
            }

            page = Json.String(doc.RootElement, "nextPageToken");
            if (page is null)
            {
                return;
            }
        }
    }

    private static void AddReply(JsonElement reply, string? videoId, string parentId, string channelId, Dictionary<string, InboundItem> into)
    {
        if (ToInbound(reply, InboundKind.Reply, videoId, parentId, channelId) is { } item)
        {
            into[item.RemoteId] = item;
        }
    }

    private static InboundItem? ToInbound(JsonElement comment, InboundKind kind, string? videoId, string? parentId, string channelId)
    {
        var id = Json.String(comment, "id");
        if (id is null || Json.Get(comment, "snippet") is not { } s)
        {
            return null;
        }

        var authorId = Json.Path(s, "authorChannelId") is { } a ? Json.String(a, "value") : null;
        return new InboundItem(
            id,
            kind,
            // textOriginal is only guaranteed to the comment's author; textDisplay with textFormat=plainText is the same text for everyone else.
            Json.String(s, "textOriginal") ?? Json.String(s, "textDisplay") ?? "",
            Json.String(s, "authorDisplayName") ?? authorId ?? "YouTube user",
            authorId,
            Json.Time(s, "publishedAt") ?? DateTime.UnixEpoch,
            Json.String(s, "videoId") ?? videoId,
            kind == InboundKind.Reply ? Json.String(s, "parentId") ?? parentId : null,
            null,
            authorId is not null && string.Equals(authorId, channelId, StringComparison.Ordinal),
            Json.String(s, "moderationStatus") is "heldForReview" or "likelySpam" or "rejected");
    }

    public Task<RemoteReply> ReplyAsync(ReplyRequest request, CancellationToken ct)
    {
        if (request.To.Kind is InboundKind.DirectMessage or InboundKind.Mention)
        {
            throw new ConnectorException(ConnectorErrorKind.NotSupported, "YouTube has no direct messages or mentions to answer; only comments.");
        }

        // YouTube threads are one level deep: an answer to a reply goes under the thread's top-level comment.
        var parentId = request.To.Kind == InboundKind.Reply ? request.To.RemoteParentId ?? request.To.RemoteId : request.To.RemoteId;
        return PublishGuard.CallAsync(Name, async () =>
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "comments?part=snippet")
            {
                Content = JsonContent.Create(new { snippet = new { parentId, textOriginal = request.Text } }),
            };
            using var doc = await SendAsync(post, request.Access.Credentials.AccessToken, serverErrorIsUnknown: true, ct);
            var id = Json.String(doc.RootElement, "id")
                     ?? throw new ConnectorException(ConnectorErrorKind.Unknown, "YouTube accepted the reply but did not say which comment it created.");
            var at = Json.Get(doc.RootElement, "snippet") is { } s ? Json.Time(s, "publishedAt") : null;
            return new RemoteReply(id, at ?? _clock.GetUtcNow().UtcDateTime);
        }, ct);
    }

    /// <summary>Hidden = heldForReview (the owner can publish it again); rejected is avoided because it cannot be undone from the API.</summary>
    public Task SetHiddenAsync(ChannelAccess access, InboundItem item, bool hidden, CancellationToken ct)
    {
        if (item.Kind is InboundKind.DirectMessage or InboundKind.Mention)
        {
            throw new ConnectorException(ConnectorErrorKind.NotSupported, "Only YouTube comments can be hidden.");
        }

        return PublishGuard.CallAsync(Name, async () =>
        {
            var status = hidden ? "heldForReview" : "published";
            using var post = new HttpRequestMessage(HttpMethod.Post, $"comments/setModerationStatus?id={Uri.EscapeDataString(item.RemoteId)}&moderationStatus={status}");
            using var doc = await SendAsync(post, access.Credentials.AccessToken, serverErrorIsUnknown: false, ct);
            return true;
        }, ct);
    }

    public Task<MetricsResult> GetPostMetricsAsync(ChannelAccess access, string remotePostId, CancellationToken ct) => PublishGuard.CallAsync(Name, async () =>
    {
        using var doc = await GetAsync($"videos?part=statistics&id={Uri.EscapeDataString(remotePostId)}", access.Credentials.AccessToken, ct);
        var video = Json.Array(doc.RootElement, "items").Cast<JsonElement?>().FirstOrDefault()
                    ?? throw new ConnectorException(ConnectorErrorKind.Rejected, "YouTube has no such video (deleted, or not visible to this channel).", "videoNotFound");
        var stats = Json.Get(video, "statistics") ?? default;
        var values = new Dictionary<string, long>();
        var problems = new List<MetricProblem>();
        Read(stats, "viewCount", MetricNames.VideoViews, "YouTube did not report the view count.", values, problems);
        Read(stats, "likeCount", MetricNames.Reactions, "The like count is hidden on this video.", values, problems);
        Read(stats, "commentCount", MetricNames.Comments, "Comments are disabled on this video, so YouTube reports no comment count.", values, problems);
        return new MetricsResult(_clock.GetUtcNow().UtcDateTime, values, problems);
    }, ct);

    public Task<MetricsResult> GetAccountMetricsAsync(ChannelAccess access, CancellationToken ct) => PublishGuard.CallAsync(Name, async () =>
    {
        using var doc = await GetAsync($"channels?part=statistics&id={Uri.EscapeDataString(access.Credentials.AccountId)}", access.Credentials.AccessToken, ct);
        var channel = Json.Array(doc.RootElement, "items").Cast<JsonElement?>().FirstOrDefault()
                      ?? throw new ConnectorException(ConnectorErrorKind.Rejected, "YouTube has no such channel (deleted, or the sign-in no longer covers it).", "channelNotFound");
        var stats = Json.Get(channel, "statistics") ?? default;
        var values = new Dictionary<string, long>();
        var problems = new List<MetricProblem>();
        if (Json.Bool(stats, "hiddenSubscriberCount"))
        {
            problems.Add(new MetricProblem(MetricNames.Followers, "The channel hides its subscriber count."));
        }
        else
        {
            Read(stats, "subscriberCount", MetricNames.Followers, "YouTube did not report the subscriber count.", values, problems);
        }

        return new MetricsResult(_clock.GetUtcNow().UtcDateTime, values, problems);
    }, ct);

    private static void Read(JsonElement stats, string field, string metric, string missing, Dictionary<string, long> values, List<MetricProblem> problems)
    {
        if (Json.Long(stats, field) is { } n)
        {
            values[metric] = n;
        }
        else
        {
            problems.Add(new MetricProblem(metric, missing));
        }
    }

    public async Task<TokenCheck> CheckTokenAsync(ChannelAccess access, TimeSpan refreshWithin, CancellationToken ct)
    {
        var credentials = access.Credentials;
        var now = _clock.GetUtcNow().UtcDateTime;
        if (credentials.AccessTokenExpiresAtUtc is { } expires && expires - now <= refreshWithin)
        {
            return await RefreshAsync(credentials, ct);
        }

        try
        {
            using var doc = await PublishGuard.CallAsync(Name, () => GetAsync("channels?part=id&mine=true", credentials.AccessToken, ct), ct);
            return new TokenCheck.Valid(credentials.AccessTokenExpiresAtUtc);
        }
        catch (ConnectorException ex)
        {
            return ex.Kind switch
            {
                ConnectorErrorKind.NeedsReconnect => await RefreshAsync(credentials, ct),
                ConnectorErrorKind.RetryLater or ConnectorErrorKind.Unknown => new TokenCheck.Unreachable(ex.UserMessage),
                _ => new TokenCheck.Invalid(ex.UserMessage),
            };
        }
    }

    private async Task<TokenCheck> RefreshAsync(ChannelCredentials credentials, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(credentials.RefreshToken))
        {
            return new TokenCheck.Invalid("The YouTube sign-in has expired and CareDialog holds no refresh token; connect the channel again.");
        }

        // Google normally sends no refresh_token here; the stored one is kept.
        return await OAuthTokens.RefreshCheckAsync(_http, Name, _options, credentials, ClientAuth.Body, _clock, ct,
            dead => dead + " Google revokes refresh tokens after 7 days while the OAuth consent screen is in Testing, and after 6 months unused.");
    }

    public IReadOnlyList<InboundItem> ParseWebhookEvent(string payload) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "YouTube sends no comment webhooks; comments are read by polling.");

    private string WatchUrl(string videoId) => string.Format(CultureInfo.InvariantCulture, _youtube.WatchUrlFormat, Uri.EscapeDataString(videoId));

    private static string PageParam(string? page) => page is null ? "" : "&pageToken=" + Uri.EscapeDataString(page);

    private async Task<JsonDocument> GetAsync(string relative, string token, CancellationToken ct)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, relative);
        return await SendAsync(get, token, serverErrorIsUnknown: false, ct);
    }

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, string token, bool serverErrorIsUnknown, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw _errors.ToException(response, body, serverErrorIsUnknown);
        }

        if (serverErrorIsUnknown)
        {
            return ParseOrUnknown(body);
        }

        try
        {
            return JsonDocument.Parse(body.Length == 0 ? "{}" : body);
        }
        catch (JsonException ex)
        {
            throw new ConnectorException(ConnectorErrorKind.RetryLater, "YouTube answered with something that is not JSON.", null, RateLimits.DefaultWait, ex);
        }
    }

    /// <summary>A success status with an unreadable body after a request that changes something: it may have worked.</summary>
    private static JsonDocument ParseOrUnknown(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new ConnectorException(ConnectorErrorKind.Unknown, "YouTube's answer could not be read; CareDialog checks what exists before trying again.", null, null, ex);
        }
    }

    private static bool IsTransportFailure(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException or TimeoutRejectedException or TimeoutException or SocketException
        || (ex is OperationCanceledException && !ct.IsCancellationRequested);
}
