using System.Text.Json;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta;

/// <summary>Facebook Login, shared by the Facebook and Instagram connectors (Instagram API with Facebook Login, §2.1).</summary>
internal static class MetaLogin
{
    /// <summary>
    /// Facebook Login's consent page. Scopes are comma-separated as Facebook documents them; <c>auth_type=rerequest</c> makes
    /// a reconnect ask again for permissions the user declined before, without which the reconnect could never fix them.
    /// </summary>
    public static Uri AuthorizeUrl(GraphClient graph, OAuthStart start, IEnumerable<string> defaultScopes) =>
        OAuthTokens.AuthorizeUrl(graph.Options, graph.Platform, start, defaultScopes, ",", new Dictionary<string, string> { ["auth_type"] = "rerequest" });

    /// <summary>
    /// Code → short-lived user token → long-lived user token (§1.10). Page tokens listed with a long-lived user token never
    /// expire; listed with the short-lived one they would die within the hour.
    /// </summary>
    public static async Task<string> LongLivedUserTokenAsync(GraphClient graph, HttpClient http, OAuthCallback callback, CancellationToken ct)
    {
        var shortLived = await OAuthTokens.ExchangeCodeAsync(http, graph.Platform, graph.Options, callback, ClientAuth.Body, ct);
        var tokenUrl = graph.Options.TokenUrl ?? throw new InvalidOperationException($"Connectors:{graph.Platform}:TokenUrl is not set.");
        var root = await graph.GetAbsoluteAsync(tokenUrl,
            [
                new("grant_type", "fb_exchange_token"),
                new("client_id", graph.Options.ClientId ?? ""),
                new("client_secret", graph.Options.ClientSecret ?? ""),
                new("fb_exchange_token", shortLived.AccessToken),
            ],
            null,
            ct);
        return Json.Str(root, "access_token") is { Length: > 0 } longLived
            ? longLived
            : throw new ConnectorException(ConnectorErrorKind.Rejected, $"{graph.Platform} answered the token exchange without an access token; connect again.");
    }

    /// <summary>The Pages the user manages, with their Page tokens (<c>GET /me/accounts</c>, §1.10).</summary>
    public static Task<List<JsonElement>> PagesAsync(GraphClient graph, string userToken, string fields, CancellationToken ct) =>
        graph.ListAsync("me/accounts", [new("fields", fields), new("limit", "100")], userToken, maxItems: 1000, maxPages: 10, _ => true, ct);

    /// <summary>Installs the app on the Page so Graph delivers its webhooks (§1.5).</summary>
    public static async Task SubscribeAsync(GraphClient graph, string pageId, string pageToken, string fields, CancellationToken ct)
    {
        var root = await PublishGuard.CallAsync(graph.Platform,
            () => graph.PostAsync($"{GraphClient.Id(pageId)}/subscribed_apps", [new("subscribed_fields", fields)], pageToken, GraphCall.Update, ct), ct);
        if (!Json.Bool(root, "success"))
        {
            throw new ConnectorException(ConnectorErrorKind.Rejected, $"{graph.Platform} did not confirm the webhook subscription of the Page; check the app's webhook settings.");
        }
    }
}
