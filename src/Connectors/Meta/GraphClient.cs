using System.Net.Http.Headers;
using System.Text.Json;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta;

/// <summary>A local file sent as one part of a multipart upload.</summary>
internal sealed record GraphUpload(string FieldName, string FileName, string ContentType, string AbsolutePath);

/// <summary>
/// The Graph API over the connector's HttpClient. The token goes as the <c>access_token</c> parameter (§1.1): in the query
/// for GET, in the body for POST, so texts and tokens of writes never appear in URLs. Every failure becomes a
/// <see cref="ConnectorException"/>; callers wrap calls in <see cref="PublishGuard"/>.
/// </summary>
internal sealed class GraphClient(HttpClient http, PlatformOptions options, TimeProvider clock, string platform)
{
    public string Platform => platform;

    public PlatformOptions Options => options;

    /// <summary>
    /// Page tokens (also behind an Instagram account) have no expiry and no refresh (§1.10, §2.5), so a token check is a cheap
    /// read of the account: error 190 means the token was invalidated and only a new Facebook Login helps.
    /// </summary>
    public async Task<TokenCheck> CheckTokenAsync(ChannelCredentials credentials, CancellationToken ct)
    {
        try
        {
            await PublishGuard.CallAsync(platform, () => GetAsync(Id(credentials.AccountId), [new("fields", "id")], credentials.AccessToken, ct), ct);
            return new TokenCheck.Valid(credentials.AccessTokenExpiresAtUtc);
        }
        catch (ConnectorException ex) when (ex.Kind is ConnectorErrorKind.NeedsReconnect or ConnectorErrorKind.Rejected)
        {
            return new TokenCheck.Invalid(ex.UserMessage);
        }
        catch (ConnectorException ex)
        {
            return new TokenCheck.Unreachable(ex.UserMessage);
        }
    }

    public Task<JsonElement> GetAsync(string path, IEnumerable<KeyValuePair<string, string>> query, string token, CancellationToken ct) =>
        GetAbsoluteAsync(Url(path), query, token, ct);

    /// <summary>GET on an absolute URL (the token endpoint lives outside the API root in some setups).</summary>
    public Task<JsonElement> GetAbsoluteAsync(Uri url, IEnumerable<KeyValuePair<string, string>> query, string? token, CancellationToken ct)
    {
        var parameters = query.ToList();
        if (token is not null)
        {
            parameters.Add(new("access_token", token));
        }

        var request = new HttpRequestMessage(HttpMethod.Get, WithQuery(url, parameters));
        return SendAsync(request, GraphCall.Read, ct);
    }

    public Task<JsonElement> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form, string token, GraphCall call, CancellationToken ct)
    {
        var fields = form.ToList();
        fields.Add(new("access_token", token));
        var request = new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = new FormUrlEncodedContent(fields) };
        return SendAsync(request, call, ct);
    }

    public async Task<JsonElement> PostMultipartAsync(string path, IEnumerable<KeyValuePair<string, string>> form, GraphUpload upload, string token, GraphCall call, CancellationToken ct)
    {
        await using var file = new FileStream(upload.AbsolutePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in form)
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new StringContent(token), "access_token");
        var part = new StreamContent(file);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(upload.ContentType);
        content.Add(part, upload.FieldName, upload.FileName);
        var request = new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = content };
        return await SendAsync(request, call, ct);
    }

    /// <summary>
    /// Reads a Graph list (<c>{"data":[…],"paging":{"cursors":{"after"},"next"}}</c>), following the <c>after</c> cursor while
    /// <paramref name="more"/> says the last item read is still wanted, up to <paramref name="maxItems"/>.
    /// </summary>
    public async Task<List<JsonElement>> ListAsync(string path, IReadOnlyList<KeyValuePair<string, string>> query, string token, int maxItems, int maxPages, Func<JsonElement, bool> more, CancellationToken ct)
    {
        var items = new List<JsonElement>();
        string? after = null;
        for (var page = 0; page < maxPages; page++)
        {
            var parameters = query.ToList();
            if (after is not null)
            {
                parameters.Add(new("after", after));
            }

            var root = await GetAsync(path, parameters, token, ct);
            var batch = Json.Arr(root, "data").ToList();
            foreach (var item in batch)
            {
                if (items.Count >= maxItems)
                {
                    return items;
                }

                items.Add(item);
            }

            var paging = Json.Obj(root, "paging");
            after = paging is { } p && Json.Str(p, "next") is not null && Json.Obj(p, "cursors") is { } cursors ? Json.Str(cursors, "after") : null;
            if (after is null || batch.Count == 0 || !more(batch[^1]))
            {
                break;
            }
        }

        return items;
    }

    /// <summary>Graph ids are digits and underscores; escaping keeps a stored id from ever reaching another path.</summary>
    public static string Id(string id) => Uri.EscapeDataString(id);

    private Uri Url(string path)
    {
        var root = options.RequireApiBaseUrl(platform);
        if (!root.AbsoluteUri.EndsWith('/'))
        {
            root = new Uri(root.AbsoluteUri + "/");
        }

        return new Uri(root, path);
    }

    private static Uri WithQuery(Uri url, List<KeyValuePair<string, string>> parameters)
    {
        if (parameters.Count == 0)
        {
            return url;
        }

        var qs = string.Join("&", parameters.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
        return new Uri(url.AbsoluteUri + (url.Query.Length > 0 ? "&" : "?") + qs);
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, GraphCall call, CancellationToken ct)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw GraphErrors.ToException(platform, response, GraphError.Parse(body), call, clock);
            }

            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(body);
                root = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw Unreadable(call);
            }

            // Graph has answered errors with status 200 in the past; the error object decides, not the status.
            if (GraphError.From(root) is { } error)
            {
                throw GraphErrors.ToException(platform, response, error, call, clock);
            }

            return root;
        }
    }

    private ConnectorException Unreadable(GraphCall call) => call == GraphCall.Create
        ? new ConnectorException(ConnectorErrorKind.Unknown, $"{platform} answered in an unexpected format, so it is not known whether it was done; CareDialog checks before trying again.")
        : new ConnectorException(ConnectorErrorKind.RetryLater, $"{platform} answered in an unexpected format; CareDialog tries again shortly.", null, RateLimits.DefaultWait);
}
