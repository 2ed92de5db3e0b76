namespace CareDialog.Connectors.Common;

/// <summary>
/// One platform's settings, bound from <c>Connectors:&lt;Platform&gt;</c> (e.g. <c>Connectors:Facebook:ClientId</c>). Every URL is
/// configurable so tests point the connector at a fake server; the defaults are the platforms' documented endpoints.
/// </summary>
public sealed class PlatformOptions
{
    /// <summary>The API root, e.g. https://graph.facebook.com/v25.0/ (always ends with '/').</summary>
    public Uri? ApiBaseUrl { get; set; }
    /// <summary>The OAuth consent page.</summary>
    public Uri? AuthorizeUrl { get; set; }
    /// <summary>The OAuth token endpoint.</summary>
    public Uri? TokenUrl { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Scopes asked for in the OAuth flow; empty means the connector's defaults.</summary>
    public string[] Scopes { get; set; } = [];
    /// <summary>Meta: the app secret that signs webhook deliveries (X-Hub-Signature-256).</summary>
    public string? AppSecret { get; set; }
    /// <summary>Meta: the verify token of the subscription handshake.</summary>
    public string? WebhookVerifyToken { get; set; }
    /// <summary>The public URL webhooks are sent to (Telegram setWebhook); null means webhooks are not registered automatically.</summary>
    public Uri? PublicWebhookBaseUrl { get; set; }
    /// <summary>Timeout of one HTTP attempt. A publish that times out has an unknown outcome and is reconciled, never blindly retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Delay before a safe (GET) request is retried after a 5xx or a lost connection.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    public int MaxRetries { get; set; } = 2;

    public Uri RequireApiBaseUrl(string platform) =>
        ApiBaseUrl ?? throw new InvalidOperationException($"Connectors:{platform}:ApiBaseUrl is not set.");
}
