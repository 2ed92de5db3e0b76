using CareDialog.Compliance.Platforms;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Organisations;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Features.Channels;

/// <summary>A channel as the settings page and the API show it: health and token expiry, never a token.</summary>
public sealed record ChannelDto(
    Guid Id, string Name, string Platform, string Handle, string? AccountId, string Health, string? HealthReason,
    DateTime? TokenExpiresAtUtc, DateTime? TokenCheckedAtUtc, DateTime? ConnectedAtUtc, IReadOnlyList<string> Features)
{
    public static ChannelDto From(Channel c, ConnectorRegistry connectors) => new(
        c.Id, c.Name, PlatformNames.ToWire(c.Platform), c.Handle, c.RemoteAccountId, c.Health.ToString(), c.HealthReason,
        c.TokenExpiresAtUtc, c.TokenCheckedAtUtc, c.ConnectedAtUtc,
        connectors.Supports(c.Platform)
            ? Enum.GetValues<ConnectorFeatures>().Where(f => f != ConnectorFeatures.None && connectors.For(c.Platform).Features.HasFlag(f)).Select(f => f.ToString()).ToList()
            : []);
}

/// <summary>Settings: for VK the Callback API's <c>callbackConfirmation</c> and <c>callbackSecret</c>.</summary>
public sealed record TokenConnectRequest(string? Platform, string? Token, string? AccountId, Dictionary<string, string>? Settings = null);

/// <summary>
/// Connecting accounts: the OAuth redirect pair (a browser flow, so plain redirects) and the JSON API for token platforms,
/// health checks and the channel list. All of it needs ManageChannels except the list.
/// </summary>
public static class ChannelsApi
{
    public const string CallbackPath = "/channels/connect/callback";

    public static void MapChannelsApi(this WebApplication app)
    {
        // Step 1: /o/{org}/channels/connect/{platform}[?reconnect={channelId}] → the platform's consent page.
        app.MapGet("/o/{org}/channels/connect/{platform}", async Task<IResult> (
                OrgScope scope, string platform, Guid? reconnect, HttpContext http, ConnectChannel uc, IConfiguration config, CancellationToken ct) =>
            {
                if (scope.Actor is null)
                {
                    return Results.NotFound();
                }

                if (!PlatformNames.TryParse(platform, out var p))
                {
                    return Results.Redirect($"/o/{scope.Org.Slug}/settings/channels?error=unknown-platform");
                }

                var result = await uc.StartOAuthAsync(scope.Who, p, RedirectUri(http, config), reconnect, ct);
                return result.IsSuccess
                    ? Results.Redirect(result.Value.ToString())
                    : Results.Redirect($"/o/{scope.Org.Slug}/settings/channels?error={Uri.EscapeDataString(result.Error!.Message)}");
            })
            .ExcludeFromDescription();

        // Step 2: the platform sends the browser back here with ?code&state (or ?error).
        app.MapGet(CallbackPath, async Task<IResult> (HttpContext http, ConnectChannel uc, AppDbContext db, string? state, string? code, string? error, CancellationToken ct) =>
            {
                var result = await uc.CompleteOAuthAsync(http.User.UserId(), http.User.DisplayName(), state, code, error, ct);
                var slug = result.IsSuccess
                    ? await db.Organisations.Where(o => o.Id == result.Value.OrganisationId).Select(o => o.Slug).SingleAsync(ct)
                    : null;
                if (slug is null)
                {
                    return Results.Redirect($"/?error={Uri.EscapeDataString(result.Error!.Message)}");
                }

                return result.Value.ReconnectChannelId is not null
                    ? Results.Redirect($"/o/{slug}/settings/channels?notice=reconnected")
                    : Results.Redirect($"/o/{slug}/channels/connect/choose/{result.Value.Id}");
            })
            .ExcludeFromDescription();

        var channels = OrgScope.RequireMembership(app.MapGroup("/api/v1/orgs/{org}/channels").WithTags("Channels"));

        channels.MapGet("/", async Task<Results<Ok<List<ChannelDto>>, ProblemHttpResult>> (OrgScope scope, AppDbContext db, ConnectorRegistry connectors, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewContent) is { } denied)
                {
                    return denied.ToProblem();
                }

                var rows = await db.Channels.AsNoTracking().Where(c => c.OrganisationId == scope.Org.Id).OrderBy(c => c.Name).ToListAsync(ct);
                return TypedResults.Ok(rows.Select(c => ChannelDto.From(c, connectors)).ToList());
            })
            .WithName("ListChannels").WithSummary("Channels with their token health.");

        channels.MapPost("/token", async Task<Results<Created<ChannelDto>, ProblemHttpResult>> (
                OrgScope scope, TokenConnectRequest body, ConnectChannel uc, ConnectorRegistry connectors, IConfiguration config, CancellationToken ct) =>
            {
                if (!PlatformNames.TryParse(body.Platform ?? "", out var p))
                {
                    return TypedResults.Problem(statusCode: 400, title: "Invalid input", detail: "Unknown platform.");
                }

                var allowed = new[] { ChannelSettingKeys.VkCallbackConfirmation, ChannelSettingKeys.VkCallbackSecret };
                var settings = (body.Settings ?? []).Where(kv => allowed.Contains(kv.Key)).ToDictionary();
                var result = await uc.ConnectWithTokenAsync(scope.Who, p, body.Token, body.AccountId, ct, settings, WebhookBaseUrl(config));
                return result.IsSuccess
                    ? TypedResults.Created($"/api/v1/orgs/{scope.Org.Slug}/channels/{result.Value.Id}", ChannelDto.From(result.Value, connectors))
                    : result.Error!.ToProblem();
            })
            .WithName("ConnectWithToken").WithSummary("Telegram bot token + chat, or VK community token + group id.");

        channels.MapPost("/{id:guid}/check", async Task<Results<Ok<ChannelDto>, ProblemHttpResult>> (
                OrgScope scope, Guid id, AppDbContext db, CheckChannelTokens uc, ConnectorRegistry connectors, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ManageChannels) is { } denied)
                {
                    return denied.ToProblem();
                }

                if (!await db.Channels.AnyAsync(c => c.Id == id && c.OrganisationId == scope.Org.Id, ct))
                {
                    return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "Channel was not found.");
                }

                await uc.RunAsync(ct, id);
                var channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == id, ct);
                return TypedResults.Ok(ChannelDto.From(channel, connectors));
            })
            .WithName("CheckChannelToken").WithSummary("Checks (and refreshes) the channel's token now.");
    }

    /// <summary>Where platforms can reach this server, or null when only the request's own origin is known (then nothing is registered).</summary>
    public static Uri? WebhookBaseUrl(IConfiguration config) => config["PublicBaseUrl"] is { Length: > 0 } b ? new Uri(b) : null;

    /// <summary>The OAuth redirect URI registered with each platform: PublicBaseUrl when set (behind a proxy), else this request's origin.</summary>
    public static Uri RedirectUri(HttpContext http, IConfiguration config) =>
        new(new Uri(config["PublicBaseUrl"] is { Length: > 0 } b ? b : $"{http.Request.Scheme}://{http.Request.Host}"), CallbackPath);
}
