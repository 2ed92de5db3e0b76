using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CareDialog.Connectors.LinkedIn;

/// <summary>
/// LinkedIn Posts API and socialActions comments (Community Management), OAuth 2.0 authorisation code. The channel's AccountId is
/// the author URN: <c>urn:li:organization:&lt;id&gt;</c> for a page, <c>urn:li:person:&lt;id&gt;</c> for the member.
/// Contract: platform-apis.md §4; account listing and metrics follow learn.microsoft.com/linkedin (see README.md).
/// </summary>
public sealed partial class LinkedInConnector : IChannelConnector
{
    /// <summary>
    /// Asked for when <c>Connectors:LinkedIn:Scopes</c> is empty: posting and reading as a page (w_/r_organization_social),
    /// listing the pages the member administers and their statistics (rw_organization_admin), and the member's own profile
    /// and posts (r_basicprofile, w_member_social).
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultScopes = ["r_basicprofile", "w_member_social", "r_organization_social", "w_organization_social", "rw_organization_admin"];

    /// <summary>Page roles that may post as the organization (§4.1).</summary>
    public static readonly IReadOnlySet<string> PostingRoles = new HashSet<string>(StringComparer.Ordinal) { "ADMINISTRATOR", "CONTENT_ADMIN", "DIRECT_SPONSORED_CONTENT_POSTER" };

    internal const string OrganizationPrefix = "urn:li:organization:";
    internal const string PersonPrefix = "urn:li:person:";

    /// <summary>Clock skew allowed between CareDialog and LinkedIn when looking for a post an earlier attempt may have created.</summary>
    internal static readonly TimeSpan FindMargin = TimeSpan.FromMinutes(5);

    private const string Name = "LinkedIn";
    private const int PageSize = 50;
    private const int MaxPages = 5;

    private static readonly (string Metric, string Field)[] ShareMetrics =
    [
        (MetricNames.Impressions, "impressionCount"),
        (MetricNames.Reach, "uniqueImpressionsCount"),
        (MetricNames.Reactions, "likeCount"),
        (MetricNames.Comments, "commentCount"),
        (MetricNames.Shares, "shareCount"),
        (MetricNames.Clicks, "clickCount"),
    ];

    private readonly HttpClient _http;
    private readonly PlatformOptions _options;
    private readonly IOptionsMonitor<LinkedInOptions> _linkedIn;
    private readonly TimeProvider _clock;
    private readonly ILogger<LinkedInConnector> _log;

    public LinkedInConnector(IHttpClientFactory httpClients, IOptionsMonitor<PlatformOptions> options, IOptionsMonitor<LinkedInOptions> linkedIn, TimeProvider clock, ILogger<LinkedInConnector> log)
    {
        (_http, _options) = ConnectorRegistration.Resolve(httpClients, options, Platform.LinkedIn);
        _linkedIn = linkedIn;
        _clock = clock;
        _log = log;
    }

    public Platform Platform => Platform.LinkedIn;

    /// <summary>No Hide (LinkedIn documents no way to hide a comment), no Video, no direct messages, no webhooks for organic comments.</summary>
    public ConnectorFeatures Features =>
        ConnectorFeatures.Text | ConnectorFeatures.Image | ConnectorFeatures.Link | ConnectorFeatures.ReadComments | ConnectorFeatures.Reply
        | ConnectorFeatures.PostMetrics | ConnectorFeatures.AccountMetrics;

    public ConnectMethod ConnectMethod => ConnectMethod.OAuth;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private LinkedInOptions Settings => _linkedIn.CurrentValue;

    public static string PostUrl(string urn) => $"https://www.linkedin.com/feed/update/{urn}/";

    public Uri BuildAuthorizeUrl(OAuthStart start) => OAuthTokens.AuthorizeUrl(_options, Name, start, DefaultScopes);

    /// <summary>
    /// After the code exchange: the pages the member may post as (organizationAcls, role-based) and the member themself. One
    /// token serves all of them; the user picks which become channels.
    /// </summary>
    public async Task<IReadOnlyList<ConnectableAccount>> CompleteOAuthAsync(OAuthCallback callback, CancellationToken ct)
    {
        var token = await OAuthTokens.ExchangeCodeAsync(_http, Name, _options, callback, ClientAuth.Body, ct);
        var accounts = new List<ConnectableAccount>();

        var organizations = new List<string>();
        try
        {
            using var acls = await CallAsync(HttpMethod.Get, "rest/organizationAcls?q=roleAssignee&state=APPROVED&count=100", token.AccessToken, null, creates: false, ct, finder: true);
            foreach (var acl in acls.Root.Array("elements"))
            {
                if ((acl.Str("organization") ?? acl.Str("organizationTarget")) is { } org
                    && org.StartsWith(OrganizationPrefix, StringComparison.Ordinal)
                    && acl.Str("state") is null or "APPROVED"
                    && acl.Str("role") is { } role && PostingRoles.Contains(role)
                    && !organizations.Contains(org))
                {
                    organizations.Add(org);
                }
            }
        }
        catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.Rejected && !IsVersionProblem(ex))
        {
            // Without rw_organization_admin the member can still connect their own profile.
            _log.LogWarning("LinkedIn refused the organization list ({Code}); only the member profile is offered", ex.PlatformCode);
        }

        foreach (var org in organizations)
        {
            var (name, vanity) = await OrganizationAsync(org, token.AccessToken, ct);
            accounts.Add(new ConnectableAccount(org, name, vanity ?? org, token.ToCredentials(org, _clock)));
        }

        try
        {
            using var me = await CallAsync(HttpMethod.Get, "rest/me", token.AccessToken, null, creates: false, ct);
            if (me.Root.Str("id") is { } id)
            {
                var person = PersonPrefix + id;
                var name = string.Join(' ', new[] { me.Root.Str("localizedFirstName"), me.Root.Str("localizedLastName") }.Where(s => !string.IsNullOrEmpty(s)));
                accounts.Add(new ConnectableAccount(person, name.Length > 0 ? name : "LinkedIn member", me.Root.Str("vanityName") ?? person, token.ToCredentials(person, _clock)));
            }
        }
        catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.Rejected && !IsVersionProblem(ex) && accounts.Count > 0)
        {
            // r_basicprofile is optional when the member came to connect pages.
            _log.LogWarning("LinkedIn refused the member profile ({Code}); only pages are offered", ex.PlatformCode);
        }

        return accounts.Count > 0
            ? accounts
            : throw new ConnectorException(ConnectorErrorKind.Rejected,
                "LinkedIn signed the member in, but they may not post as any page and their own profile could not be read. "
                + "Ask a page administrator for the ADMINISTRATOR or CONTENT_ADMIN role, then connect again.");
    }

    public Task<ConnectableAccount> ConnectWithTokenAsync(TokenConnect connect, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "LinkedIn accounts are connected through LinkedIn's sign-in page, not with a pasted token.");

    public Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct) =>
        PublishGuard.RunAsync(Name, async () =>
        {
            var credentials = request.Access.Credentials;
            var settings = Settings;
            var length = request.Text.EnumerateRunes().Count();
            if (length > settings.MaxCommentaryLength)
            {
                return new PublishOutcome.Rejected($"LinkedIn accepts at most {settings.MaxCommentaryLength} characters; this text has {length}.");
            }

            if (request.Media.Any(m => m.IsVideo) || request.Media.Count > 1)
            {
                return new PublishOutcome.Rejected("The LinkedIn connector publishes text with at most one image; videos and several images are not supported.");
            }

            var body = new Dictionary<string, object>
            {
                ["author"] = credentials.AccountId,
                ["commentary"] = LittleText.Escape(request.Text),
                ["visibility"] = "PUBLIC",
                ["distribution"] = new { feedDistribution = "MAIN_FEED", targetEntities = Array.Empty<object>(), thirdPartyDistributionChannels = Array.Empty<object>() },
                ["lifecycleState"] = "PUBLISHED",
                ["isReshareDisabledByAuthor"] = false,
            };
            if (request.Media.Count == 1)
            {
                body["content"] = new { media = new { id = await UploadImageAsync(credentials, request.Media[0], ct) } };
            }

            using var answer = await SendAsync(HttpMethod.Post, "rest/posts", credentials.AccessToken, body, creates: true, ct);
            return answer.RestliId is { } id
                ? new PublishOutcome.Published(new RemotePost(id, PostUrl(id), Now))
                : new PublishOutcome.Unknown("LinkedIn accepted the post but sent no post id; CareDialog checks whether the post exists before trying again.");
        }, ct);

    /// <summary>
    /// The author's posts, newest first, compared on the commentary as a reader sees it (escapes and templates undone) with the
    /// text as written. Stops at the first page that reaches back before the attempt (minus <see cref="FindMargin"/>).
    /// </summary>
    public async Task<RemotePost?> FindAsync(FindRequest request, CancellationToken ct)
    {
        var credentials = request.Access.Credentials;
        var since = request.AttemptStartedUtc - FindMargin;
        (string Id, DateTime Created)? found = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = $"rest/posts?q=author&author={Uri.EscapeDataString(credentials.AccountId)}&count={PageSize}&start={page * PageSize}&sortBy=CREATED";
            using var answer = await CallAsync(HttpMethod.Get, path, credentials.AccessToken, null, creates: false, ct, finder: true);
            var posts = answer.Root.Array("elements").ToList();
            var reachedOlder = false;
            foreach (var post in posts)
            {
                var created = Millis(post.Long("createdAt") ?? post.Long("publishedAt"));
                if (created is null || created < since)
                {
                    reachedOlder |= created is not null;
                    continue;
                }

                if (post.Str("id") is { } id && RemoteText.Same(LittleText.Unescape(post.Str("commentary") ?? ""), request.Text)
                    && (found is null || created < found.Value.Created))
                {
                    found = (id, created.Value);
                }
            }

            if (reachedOlder || posts.Count < PageSize)
            {
                break;
            }
        }

        return found is { } f ? new RemotePost(f.Id, PostUrl(f.Id), f.Created) : null;
    }

    /// <summary>
    /// Comments on our posts and, one level down, replies to them (LinkedIn nests comments once). Names of commenters are not
    /// readable with the Community Management scopes, so AuthorName is generic and AuthorId carries the member or page URN.
    /// </summary>
    public async Task<IReadOnlyList<InboundItem>> ReadInboundAsync(ChannelAccess access, InboundQuery query, CancellationToken ct)
    {
        var credentials = access.Credentials;
        var items = new Dictionary<string, InboundItem>(StringComparer.Ordinal);
        foreach (var post in query.RemotePostIds.Where(p => p.StartsWith("urn:li:", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            List<(InboundItem Item, bool HasReplies)> top;
            try
            {
                top = await ReadCommentsAsync(post, post, access, ct);
            }
            catch (ConnectorException ex) when (LinkedInErrors.IsNotFound(ex))
            {
                // A post deleted on LinkedIn has no comments to read; the others still do.
                continue;
            }

            foreach (var (item, hasReplies) in top)
            {
                items.TryAdd(item.RemoteId, item);
                if (hasReplies)
                {
                    foreach (var (reply, _) in await ReadCommentsAsync(item.RemoteId, post, access, ct))
                    {
                        items.TryAdd(reply.RemoteId, reply);
                    }
                }
            }
        }

        return items.Values
            .Where(i => query.SinceUtc is null || i.CreatedAtUtc >= query.SinceUtc)
            .OrderBy(i => i.CreatedAtUtc).ThenBy(i => i.RemoteId, StringComparer.Ordinal)
            .Take(Math.Max(0, query.Max))
            .ToList();
    }

    /// <summary>
    /// A comment as the channel's account (the organization for a page channel). Replies go under the top-level comment,
    /// because LinkedIn nests only one level: the path names the parent comment, the body the post's activity.
    /// </summary>
    public async Task<RemoteReply> ReplyAsync(ReplyRequest request, CancellationToken ct)
    {
        var to = request.To;
        if (to.Kind == InboundKind.DirectMessage)
        {
            throw new ConnectorException(ConnectorErrorKind.NotSupported, "The LinkedIn connector does not read or answer direct messages.");
        }

        var parent = to.Kind == InboundKind.Reply && to.RemoteParentId is not null ? to.RemoteParentId : to.RemoteId;
        var activity = ActivityOf(parent) ?? to.RemotePostId
                       ?? throw new ConnectorException(ConnectorErrorKind.Rejected, "CareDialog does not know which LinkedIn post this comment belongs to.");
        var credentials = request.Access.Credentials;
        var body = new { actor = credentials.AccountId, @object = activity, message = new { text = request.Text }, parentComment = parent };
        using var answer = await CallAsync(HttpMethod.Post, $"rest/socialActions/{Uri.EscapeDataString(parent)}/comments", credentials.AccessToken, body, creates: true, ct);
        var id = answer.RestliId ?? answer.Root.Str("commentUrn") ?? answer.Root.Str("$URN")
                 ?? throw new ConnectorException(ConnectorErrorKind.Unknown, "LinkedIn accepted the reply but sent no id; check the post on LinkedIn before replying again.");
        return new RemoteReply(id, Millis(answer.Root.Get("created")?.Long("time")) ?? Now);
    }

    public Task SetHiddenAsync(ChannelAccess access, InboundItem item, bool hidden, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported,
            "LinkedIn's API offers no way to hide a comment, and CareDialog never deletes one. Hide or report it on LinkedIn itself.");

    /// <summary>
    /// Lifetime organic statistics of one post (organizationalEntityShareStatistics). LinkedIn gives them only for page posts; a
    /// field it does not return becomes a problem and the others are kept.
    /// </summary>
    public async Task<MetricsResult> GetPostMetricsAsync(ChannelAccess access, string remotePostId, CancellationToken ct)
    {
        var credentials = access.Credentials;
        if (!credentials.AccountId.StartsWith(OrganizationPrefix, StringComparison.Ordinal))
        {
            return AllProblems(ShareMetrics.Select(m => m.Metric), "LinkedIn gives post statistics for organization pages only, not for members' own posts.");
        }

        var list = remotePostId.StartsWith("urn:li:ugcPost:", StringComparison.Ordinal) ? "ugcPosts" : "shares";
        var path = $"rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity={Uri.EscapeDataString(credentials.AccountId)}"
                   + $"&{list}=List({Uri.EscapeDataString(remotePostId)})";
        JsonElement? statistics;
        try
        {
            using var answer = await CallAsync(HttpMethod.Get, path, credentials.AccessToken, null, creates: false, ct, finder: true);
            var elements = answer.Root.Array("elements").ToList();
            var element = elements.FirstOrDefault(e => e.Str("share") == remotePostId || e.Str("ugcPost") == remotePostId);
            statistics = (element.ValueKind == JsonValueKind.Object ? element : elements.FirstOrDefault()).Get("totalShareStatistics")?.Clone();
        }
        catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.Rejected)
        {
            return AllProblems(ShareMetrics.Select(m => m.Metric), ex.UserMessage);
        }

        var values = new Dictionary<string, long>();
        var problems = new List<MetricProblem>();
        foreach (var (metric, field) in ShareMetrics)
        {
            if (statistics?.Long(field) is { } v)
            {
                values[metric] = v;
            }
            else
            {
                problems.Add(new MetricProblem(metric, $"LinkedIn did not report {field} for this post."));
            }
        }

        return new MetricsResult(Now, values, problems);
    }

    /// <summary>The page's follower count (networkSizes, COMPANY_FOLLOWED_BY_MEMBER); members' follower counts are not available to this app.</summary>
    public async Task<MetricsResult> GetAccountMetricsAsync(ChannelAccess access, CancellationToken ct)
    {
        var credentials = access.Credentials;
        if (!credentials.AccountId.StartsWith(OrganizationPrefix, StringComparison.Ordinal))
        {
            return AllProblems([MetricNames.Followers], "LinkedIn gives follower counts for organization pages only.");
        }

        try
        {
            using var answer = await CallAsync(HttpMethod.Get, $"rest/networkSizes/{Uri.EscapeDataString(credentials.AccountId)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER",
                credentials.AccessToken, null, creates: false, ct);
            return answer.Root.Long("firstDegreeSize") is { } followers
                ? new MetricsResult(Now, new Dictionary<string, long> { [MetricNames.Followers] = followers }, [])
                : AllProblems([MetricNames.Followers], "LinkedIn did not report firstDegreeSize for this page.");
        }
        catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.Rejected)
        {
            return AllProblems([MetricNames.Followers], ex.UserMessage);
        }
    }

    /// <summary>
    /// LinkedIn tokens last 60 days. Refresh tokens (365 days, not extended by refreshing) exist only for approved partners;
    /// without one the member must consent again before day 60. A token that is not due is tried against /rest/me.
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
            using var _ = await CallAsync(HttpMethod.Get, "rest/me", credentials.AccessToken, null, creates: false, ct);
            return new TokenCheck.Valid(credentials.AccessTokenExpiresAtUtc);
        }
        catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.NeedsReconnect)
        {
            return string.IsNullOrEmpty(credentials.RefreshToken) ? new TokenCheck.Invalid(ex.UserMessage) : await RefreshAsync(credentials, now, ct);
        }
        catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.Rejected && ex.PlatformCode is "ACCESS_DENIED" or "100" or "403")
        {
            // A page-only token may not read the member profile; LinkedIn accepted the token itself.
            return new TokenCheck.Valid(credentials.AccessTokenExpiresAtUtc);
        }
        catch (ConnectorException ex)
        {
            return new TokenCheck.Unreachable(ex.UserMessage);
        }
    }

    public IReadOnlyList<InboundItem> ParseWebhookEvent(string payload) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "LinkedIn sends no webhooks for comments on pages' posts; the connector polls.");

    private async Task<TokenCheck> RefreshAsync(ChannelCredentials credentials, DateTime now, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(credentials.RefreshToken) || credentials.RefreshTokenExpiresAtUtc <= now)
        {
            return credentials.AccessTokenExpiresAtUtc is { } expires && expires > now
                ? new TokenCheck.Valid(expires)
                : new TokenCheck.Invalid("The LinkedIn sign-in has expired (they last 60 days) and cannot be renewed without a valid refresh token. Connect the LinkedIn account again.");
        }

        return await OAuthTokens.RefreshCheckAsync(_http, Name, _options, credentials, ClientAuth.Body, _clock, ct);
    }

    private async Task<List<(InboundItem Item, bool HasReplies)>> ReadCommentsAsync(string target, string post, ChannelAccess access, CancellationToken ct)
    {
        var credentials = access.Credentials;
        var result = new List<(InboundItem, bool)>();
        for (var page = 0; page < MaxPages; page++)
        {
            var path = $"rest/socialActions/{Uri.EscapeDataString(target)}/comments?count={PageSize}&start={page * PageSize}";
            using var answer = await CallAsync(HttpMethod.Get, path, credentials.AccessToken, null, creates: false, ct);
            var comments = answer.Root.Array("elements").ToList();
            foreach (var comment in comments)
            {
                if (ToInbound(comment, post, credentials.AccountId, access.Channel.Name) is { } item)
                {
                    var summary = comment.Get("commentsSummary");
                    result.Add((item, (summary?.Long("aggregatedTotalComments") ?? summary?.Long("totalFirstLevelComments") ?? 0) > 0));
                }
            }

            if (comments.Count < PageSize)
            {
                break;
            }
        }

        return result;
    }

    internal static InboundItem? ToInbound(JsonElement comment, string post, string accountId, string channelName)
    {
        var id = comment.Str("commentUrn") ?? comment.Str("$URN");
        if (id is null)
        {
            return null;
        }

        var actor = comment.Str("actor");
        var parent = comment.Str("parentComment");
        var own = actor is not null && actor == accountId;
        var authorName = own ? channelName
            : actor?.StartsWith(OrganizationPrefix, StringComparison.Ordinal) == true ? "LinkedIn page"
            : "LinkedIn member";
        return new InboundItem(
            id,
            parent is null ? InboundKind.Comment : InboundKind.Reply,
            comment.Get("message")?.Str("text") ?? "",
            authorName,
            actor,
            Millis(comment.Get("created")?.Long("time")) ?? DateTime.UnixEpoch,
            post,
            parent,
            FromOwnAccount: own);
    }

    /// <summary>urn:li:comment:(urn:li:activity:123,456) → urn:li:activity:123, the object a reply in that thread belongs to.</summary>
    internal static string? ActivityOf(string commentUrn) =>
        CommentUrn().Match(commentUrn) is { Success: true } m ? m.Groups[1].Value : null;

    private async Task<(string Name, string? Vanity)> OrganizationAsync(string urn, string accessToken, CancellationToken ct)
    {
        var id = urn[OrganizationPrefix.Length..];
        try
        {
            using var answer = await CallAsync(HttpMethod.Get, $"rest/organizations/{Uri.EscapeDataString(id)}", accessToken, null, creates: false, ct);
            return (answer.Root.Str("localizedName") ?? $"LinkedIn page {id}", answer.Root.Str("vanityName"));
        }
        catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.Rejected)
        {
            // The page can still be connected; only its name is unknown.
            return ($"LinkedIn page {id}", null);
        }
    }

    /// <summary>
    /// An image goes up before the post exists (initializeUpload, then a PUT of the bytes to the pre-signed URL without our token,
    /// §4.1), so any failure here means nothing was posted and the publish may simply be tried again.
    /// </summary>
    private async Task<string> UploadImageAsync(ChannelCredentials credentials, PublishMedia media, CancellationToken ct)
    {
        try
        {
            string uploadUrl, image;
            using (var init = await SendAsync(HttpMethod.Post, "rest/images?action=initializeUpload", credentials.AccessToken,
                       new { initializeUploadRequest = new { owner = credentials.AccountId } }, creates: false, ct))
            {
                var value = init.Root.Get("value");
                uploadUrl = value?.Str("uploadUrl") ?? throw new ConnectorException(ConnectorErrorKind.Rejected, "LinkedIn gave no address to upload the image to.");
                image = value?.Str("image") ?? throw new ConnectorException(ConnectorErrorKind.Rejected, "LinkedIn gave no id for the image.");
            }

            await using var file = File.OpenRead(media.AbsolutePath);
            using var put = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new StreamContent(file) };
            put.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(media.ContentType);
            using var response = await _http.SendAsync(put, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw LinkedInErrors.From(response, await response.Content.ReadAsStringAsync(ct), _clock, Settings, creates: false);
            }

            return image;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected, "The image file for this post is missing from CareDialog's media store.", null, null, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or TimeoutException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new ConnectorException(ConnectorErrorKind.RetryLater, "The image upload to LinkedIn did not finish; nothing was posted. CareDialog tries again shortly.",
                null, RateLimits.DefaultWait, ex);
        }
    }

    private MetricsResult AllProblems(IEnumerable<string> metrics, string reason) =>
        new(Now, new Dictionary<string, long>(), metrics.Select(m => new MetricProblem(m, reason)).ToList());

    private static bool IsVersionProblem(ConnectorException ex) => ex.PlatformCode is LinkedInErrors.NonexistentVersion or LinkedInErrors.VersionMissing or "426";

    private static DateTime? Millis(long? ms) => ms is { } v ? DateTime.UnixEpoch.AddMilliseconds(v) : null;

    private Task<Answer> CallAsync(HttpMethod method, string path, string accessToken, object? body, bool creates, CancellationToken ct, bool finder = false) =>
        PublishGuard.CallAsync(Name, () => SendAsync(method, path, accessToken, body, creates, ct, finder), ct);

    /// <summary>Every /rest call carries the two headers LinkedIn requires (§4.1); finders also name the Rest.li method.</summary>
    private async Task<Answer> SendAsync(HttpMethod method, string path, string accessToken, object? body, bool creates, CancellationToken ct, bool finder = false)
    {
        var settings = Settings;
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("LinkedIn-Version", settings.Version);
        request.Headers.Add("X-Restli-Protocol-Version", "2.0.0");
        if (finder)
        {
            request.Headers.Add("X-RestLi-Method", "FINDER");
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            var error = LinkedInErrors.From(response, text, _clock, settings, creates);
            _log.LogWarning("LinkedIn answered HTTP {Status} ({Code}) to {Method} {Path}", (int)response.StatusCode, error.PlatformCode, method.Method, path.Split('?', 2)[0]);
            throw error;
        }

        var id = response.Headers.TryGetValues("x-restli-id", out var ids) ? ids.FirstOrDefault() : null;
        return new Answer(JsonReading.TryParse(text) ?? JsonDocument.Parse("{}"), string.IsNullOrWhiteSpace(id) ? null : id);
    }

    [GeneratedRegex(@"^urn:li:comment:\((urn:li:[A-Za-z]+:\d+),")]
    private static partial Regex CommentUrn();

    /// <summary>A successful answer: its body (LinkedIn often sends none) and the created entity's id from x-restli-id.</summary>
    private sealed class Answer(JsonDocument body, string? restliId) : IDisposable
    {
        public JsonElement Root => body.RootElement;

        public string? RestliId { get; } = restliId;

        public void Dispose() => body.Dispose();
    }
}
