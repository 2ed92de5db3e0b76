using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Common;

/// <summary>A token endpoint response (RFC 6749 §5.1, plus the refresh_token_expires_in LinkedIn and X send).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("refresh_token_expires_in")] long? RefreshTokenExpiresIn,
    [property: JsonPropertyName("scope")] string? Scope)
{
    public DateTime? AccessExpiresAtUtc(TimeProvider clock) => ExpiresIn is { } s ? clock.GetUtcNow().UtcDateTime.AddSeconds(s) : null;

    public DateTime? RefreshExpiresAtUtc(TimeProvider clock) => RefreshTokenExpiresIn is { } s ? clock.GetUtcNow().UtcDateTime.AddSeconds(s) : null;

    public ChannelCredentials ToCredentials(string accountId, TimeProvider clock) => new()
    {
        AccessToken = AccessToken,
        RefreshToken = RefreshToken,
        AccessTokenExpiresAtUtc = AccessExpiresAtUtc(clock),
        RefreshTokenExpiresAtUtc = RefreshExpiresAtUtc(clock),
        AccountId = accountId,
    };

    public override string ToString() => $"TokenResponse {{ ExpiresIn = {ExpiresIn}, HasRefreshToken = {RefreshToken is not null} }}";
}

/// <summary>How the client authenticates at the token endpoint.</summary>
public enum ClientAuth
{
    /// <summary>client_id and client_secret in the form body (Google, LinkedIn, Meta).</summary>
    Body,
    /// <summary>HTTP Basic with client_id:client_secret (X confidential clients).</summary>
    Basic,
}

/// <summary>The authorisation-code exchange and the refresh grant, with the error mapping every OAuth platform shares.</summary>
public static class OAuthTokens
{
    public static Task<TokenResponse> ExchangeCodeAsync(HttpClient http, string platform, PlatformOptions options, OAuthCallback callback, ClientAuth auth, CancellationToken ct) =>
        PostAsync(http, platform, options, auth, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = callback.Code,
            ["redirect_uri"] = callback.RedirectUri.ToString(),
            ["code_verifier"] = callback.CodeVerifier,
        }, ct);

    public static Task<TokenResponse> RefreshAsync(HttpClient http, string platform, PlatformOptions options, string refreshToken, ClientAuth auth, CancellationToken ct) =>
        PostAsync(http, platform, options, auth, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, ct);

    /// <summary>
    /// Refreshes the access token as a token check: new credentials (keeping the stored refresh token when the platform sends
    /// none), Invalid when the platform says the grant is dead, Unreachable when it could not be asked.
    /// <paramref name="explainDead"/> lets a platform add why grants die there (Google's 7-day Testing limit).
    /// </summary>
    public static async Task<TokenCheck> RefreshCheckAsync(HttpClient http, string platform, PlatformOptions options, ChannelCredentials credentials,
        ClientAuth auth, TimeProvider clock, CancellationToken ct, Func<string, string>? explainDead = null)
    {
        try
        {
            var token = await RefreshAsync(http, platform, options, credentials.RefreshToken!, auth, ct);
            return new TokenCheck.Refreshed(credentials.Refreshed(token.AccessToken, token.AccessExpiresAtUtc(clock), token.RefreshToken, token.RefreshExpiresAtUtc(clock)));
        }
        catch (ConnectorException ex)
        {
            return ex.Kind switch
            {
                ConnectorErrorKind.RetryLater or ConnectorErrorKind.Unknown => new TokenCheck.Unreachable(ex.UserMessage),
                ConnectorErrorKind.NeedsReconnect when explainDead is not null => new TokenCheck.Invalid(explainDead(ex.UserMessage)),
                _ => new TokenCheck.Invalid(ex.UserMessage),
            };
        }
    }

    /// <summary>Builds the consent-page URL with the standard parameters and PKCE (S256).</summary>
    public static Uri AuthorizeUrl(PlatformOptions options, string platform, OAuthStart start, IEnumerable<string> scopes, string scopeSeparator = " ", IReadOnlyDictionary<string, string>? extra = null)
    {
        var baseUrl = options.AuthorizeUrl ?? throw new InvalidOperationException($"Connectors:{platform}:AuthorizeUrl is not set.");
        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = options.ClientId ?? throw new InvalidOperationException($"Connectors:{platform}:ClientId is not set."),
            ["redirect_uri"] = start.RedirectUri.ToString(),
            ["state"] = start.State,
            ["scope"] = string.Join(scopeSeparator, options.Scopes.Length > 0 ? options.Scopes : scopes),
            ["code_challenge"] = start.CodeChallenge,
            ["code_challenge_method"] = "S256",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            query[k] = v;
        }

        var qs = string.Join("&", query.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
        return new Uri(baseUrl + (baseUrl.Query.Length > 0 ? "&" : "?") + qs);
    }

    private static async Task<TokenResponse> PostAsync(HttpClient http, string platform, PlatformOptions options, ClientAuth auth, Dictionary<string, string> form, CancellationToken ct)
    {
        var url = options.TokenUrl ?? throw new InvalidOperationException($"Connectors:{platform}:TokenUrl is not set.");
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (auth == ClientAuth.Basic)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(options.ClientId ?? "")}:{Uri.EscapeDataString(options.ClientSecret ?? "")}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
            form["client_id"] = options.ClientId ?? "";
        }
        else
        {
            form["client_id"] = options.ClientId ?? "";
            if (options.ClientSecret is not null)
            {
                form["client_secret"] = options.ClientSecret;
            }
        }

        request.Content = new FormUrlEncodedContent(form);
        return await PublishGuard.CallAsync(platform, async () =>
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                var token = JsonSerializer.Deserialize<TokenResponse>(body);
                if (token is null || string.IsNullOrEmpty(token.AccessToken))
                {
                    throw new ConnectorException(ConnectorErrorKind.Rejected, $"{platform} answered the token request without an access token.");
                }

                return token;
            }

            throw TokenError(platform, response, body);
        }, ct);
    }

    /// <summary>RFC 6749 §5.2: invalid_grant means the code or refresh token is dead (reconnect); a 5xx or 429 is temporary.</summary>
    private static ConnectorException TokenError(string platform, HttpResponseMessage response, string body)
    {
        string? error = null, description = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                error = doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                description = doc.RootElement.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status code decides.
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            return new ConnectorException(ConnectorErrorKind.RetryLater, $"{platform}'s sign-in service is busy (HTTP {(int)response.StatusCode}); try again shortly.", error, RateLimits.DefaultWait);
        }

        var detail = description ?? error ?? $"HTTP {(int)response.StatusCode}";
        return error is "invalid_grant" or "invalid_token" || response.StatusCode == HttpStatusCode.Unauthorized
            ? new ConnectorException(ConnectorErrorKind.NeedsReconnect, $"{platform} no longer accepts this sign-in ({detail}); connect the account again.", error)
            : new ConnectorException(ConnectorErrorKind.Rejected, $"{platform} refused the sign-in ({detail}). Check the app's client id, secret and redirect URL.", error);
    }
}
