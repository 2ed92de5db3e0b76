using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using CareDialog.Connectors.Meta;
using CareDialog.Connectors.Telegram;
using CareDialog.Connectors.Vk;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace CareDialog.Web.Features.Webhooks;

/// <summary>
/// The platforms' webhook routes (design.md). Each verifies the delivery (signature or secret) over the raw bytes, stores it
/// durably once (<see cref="StoreInboundEvent"/>) and answers at once; processing happens in a job. A bad signature or an
/// unknown channel stores nothing; malformed JSON is a 400 logged without the body; a repeated delivery is a 200 stored once.
/// Bad signatures are 401 (Meta, Telegram); an unknown channel or a wrong VK secret is 403.
/// </summary>
public static class WebhookEndpoints
{
    /// <summary>Meta batches at most a few hundred changes; anything larger is not a delivery we expect.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The channel a Telegram or VK delivery names in its URL, read-only, by a query compiled once per model: translating
    /// the LINQ on every delivery was a large part of the route's CPU under load (bench/Ingest.Bench). A compiled query
    /// only runs against the model it was compiled for, and one process may host several (the tests' SQLite and
    /// PostgreSQL apps), hence one per model.
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, Guid, Platform, CancellationToken, Task<Channel?>>> ChannelById = new();

    private static Task<Channel?> ChannelAsync(AppDbContext db, Guid id, Platform platform, CancellationToken ct) =>
        ChannelById.GetValue(db.Model, _ => EF.CompileAsyncQuery((AppDbContext c, Guid channelId, Platform p, CancellationToken t) =>
            c.Channels.AsNoTracking().SingleOrDefault(ch => ch.Id == channelId && ch.Platform == p)))(db, id, platform, ct);

    public static void MapWebhooks(this WebApplication app)
    {
        var hooks = app.MapGroup("/webhooks").AllowAnonymous().DisableAntiforgery().WithTags("Webhooks");

        hooks.MapGet("/meta", (HttpRequest request, IOptionsMonitor<PlatformOptions> options) =>
            {
                var expected = MetaOptions(options).WebhookVerifyToken;
                var challenge = string.IsNullOrEmpty(expected)
                    ? null
                    : MetaWebhook.VerifyHandshake(request.Query["hub.mode"], request.Query["hub.verify_token"], request.Query["hub.challenge"], expected);
                return challenge is null ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.Text(challenge, "text/plain");
            })
            .WithName("MetaWebhookHandshake").WithSummary("Meta's subscription handshake (hub.mode, hub.verify_token, hub.challenge).");

        hooks.MapPost("/meta", async (HttpRequest request, IOptionsMonitor<PlatformOptions> options, AppDbContext db, StoreInboundEvent store, ILogger<WebhookLog> log, CancellationToken ct) =>
            {
                var body = await ReadBodyAsync(request, ct);
                if (body is null)
                {
                    return TooLarge();
                }

                var secrets = new[] { MetaOptions(options).AppSecret, options.Get(ConnectorRegistration.ClientName(Platform.Instagram)).AppSecret }
                    .OfType<string>().Where(s => s.Length > 0).Distinct().ToList();
                var signature = request.Headers["X-Hub-Signature-256"].ToString();
                if (secrets.Count == 0 || !secrets.Any(s => MetaWebhook.IsSignatureValid(body, signature, s)))
                {
                    log.LogWarning("Meta webhook rejected: bad or missing signature ({Bytes} bytes)", body.Length);
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Bad signature", detail: "X-Hub-Signature-256 does not match the body.");
                }

                IReadOnlyList<WebhookEnvelope> envelopes;
                try
                {
                    envelopes = MetaWebhook.Split(body);
                }
                catch (WebhookFormatException ex)
                {
                    log.LogWarning("Meta webhook rejected: {Reason} ({Bytes} bytes)", ex.Message, body.Length);
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook", detail: ex.Message);
                }

                var stored = 0;
                foreach (var envelope in envelopes)
                {
                    // One Page may be connected by more than one organisation (a clinic and its regional authority): each gets it.
                    var channels = await db.Channels.AsNoTracking().Where(
                        c => (c.Platform == Platform.Facebook || c.Platform == Platform.Instagram) && c.RemoteAccountId == envelope.AccountId).ToListAsync(ct);
                    if (channels.Count == 0)
                    {
                        log.LogWarning("Meta webhook entry for an unknown account was not stored");
                        continue;
                    }

                    foreach (var channel in channels)
                    {
                        await store.HandleAsync(channel, envelope, ct);
                    }

                    stored++;
                }

                return stored == 0 && envelopes.Count > 0
                    ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Unknown channel", detail: "No connected channel for this account.")
                    : Results.Text("EVENT_RECEIVED", "text/plain");
            })
            .WithName("MetaWebhook").WithSummary("Facebook and Instagram deliveries, signed with X-Hub-Signature-256.");

        hooks.MapPost("/telegram/{channelId:guid}", async (Guid channelId, HttpRequest request, AppDbContext db, ChannelSecrets secrets, StoreInboundEvent store,
                TimeProvider clock, ILogger<WebhookLog> log, CancellationToken ct) =>
            {
                var token = request.Headers[TelegramWebhook.SecretHeader].ToString();
                var known = await TelegramChannelAsync(db, secrets, clock, channelId, fresh: false, ct);
                if (known is { FromCache: true } cached && !TelegramWebhook.IsSecretValid(token, cached.Secret))
                {
                    // The channel may have been reconnected with a new secret since it was remembered: ask the database.
                    known = await TelegramChannelAsync(db, secrets, clock, channelId, fresh: true, ct);
                }

                if (known is not { } found || !TelegramWebhook.IsSecretValid(token, found.Secret))
                {
                    log.LogWarning("Telegram webhook rejected: unknown channel or wrong secret token");
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Unknown channel or wrong secret token.");
                }

                var body = await ReadBodyAsync(request, ct);
                if (body is null)
                {
                    return TooLarge();
                }

                try
                {
                    await store.HandleAsync(found.Channel, TelegramWebhook.Parse(body), ct);
                    return Results.Ok();
                }
                catch (WebhookFormatException ex)
                {
                    log.LogWarning("Telegram webhook rejected: {Reason} ({Bytes} bytes)", ex.Message, body.Length);
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook", detail: ex.Message);
                }
            })
            .WithName("TelegramWebhook").WithSummary("Telegram updates, authenticated by X-Telegram-Bot-Api-Secret-Token.");

        hooks.MapPost("/vk/{channelId:guid}", async (Guid channelId, HttpRequest request, AppDbContext db, ChannelSecrets secrets, VkConnector vk, StoreInboundEvent store, ILogger<WebhookLog> log, CancellationToken ct) =>
            {
                var channel = await ChannelAsync(db, channelId, Platform.Vk, ct);
                if (channel is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Unknown channel", detail: "No connected VK channel here.");
                }

                var body = await ReadBodyAsync(request, ct);
                if (body is null)
                {
                    return TooLarge();
                }

                VkCallbackEvent ev;
                try
                {
                    ev = VkCallback.Parse(body);
                }
                catch (WebhookFormatException ex)
                {
                    log.LogWarning("VK callback rejected: {Reason} ({Bytes} bytes)", ex.Message, body.Length);
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed callback", detail: ex.Message);
                }

                var access = secrets.AccessFor(channel);
                var secret = access.Credentials.Extra.GetValueOrDefault(ChannelSettingKeys.VkCallbackSecret);
                // The confirmation request may come before VK knows the secret; it only reveals the string VK itself issued.
                if (ev.GroupId.ToString(System.Globalization.CultureInfo.InvariantCulture) != channel.RemoteAccountId
                    || (!ev.IsConfirmation && secret is not null && !VkCallback.IsSecretValid(ev.Secret, secret)))
                {
                    log.LogWarning("VK callback rejected: wrong community or secret");
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Wrong community or secret key.");
                }

                if (ev.IsConfirmation)
                {
                    // The string VK expects back; entered on the channel page, or asked from VK with the community token.
                    var confirmation = access.Credentials.Extra.GetValueOrDefault(ChannelSettingKeys.VkCallbackConfirmation);
                    if (string.IsNullOrEmpty(confirmation))
                    {
                        try
                        {
                            confirmation = await vk.GetCallbackConfirmationCodeAsync(access, ct);
                        }
                        catch (ConnectorException ex)
                        {
                            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not set up", detail: ex.UserMessage);
                        }
                    }

                    return Results.Text(confirmation, "text/plain");
                }

                // VK repeats a callback until it gets "ok"; the event_id makes the repeat a duplicate.
                await store.HandleAsync(channel, ev.ToEnvelope(), ct);
                return Results.Text(VkCallback.Ok, "text/plain");
            })
            .WithName("VkCallback").WithSummary("VK Callback API: confirmation, secret, answer \"ok\".");
    }

    /// <summary>
    /// How long a Telegram channel and its webhook secret are remembered. Looking the channel up and decrypting its credentials
    /// on every delivery was about a sixth of a delivery's cost (bench/Ingest.Bench). A token that does not match is always
    /// checked against the database again, so a reconnected channel's new secret works at once; its old secret is accepted
    /// for at most this long afterwards.
    /// </summary>
    public static readonly TimeSpan TelegramChannelMemory = TimeSpan.FromSeconds(5);

    private static readonly ConcurrentDictionary<Guid, (Channel Channel, string Secret, long At)> TelegramChannels = new();

    private static async Task<(Channel Channel, string Secret, bool FromCache)?> TelegramChannelAsync(AppDbContext db, ChannelSecrets secrets, TimeProvider clock,
        Guid id, bool fresh, CancellationToken ct)
    {
        if (!fresh && TelegramChannels.TryGetValue(id, out var hit) && clock.GetElapsedTime(hit.At) < TelegramChannelMemory)
        {
            return (hit.Channel, hit.Secret, true);
        }

        var channel = await ChannelAsync(db, id, Platform.Telegram, ct);
        var secret = channel is null ? null : secrets.Read(channel).Extra.GetValueOrDefault(ChannelSettingKeys.WebhookSecret);
        if (channel is null || string.IsNullOrEmpty(secret))
        {
            TelegramChannels.TryRemove(id, out _);
            return null;
        }

        TelegramChannels[id] = (channel, secret, clock.GetTimestamp());
        return (channel, secret, false);
    }

    private static PlatformOptions MetaOptions(IOptionsMonitor<PlatformOptions> options) => options.Get(ConnectorRegistration.ClientName(Platform.Facebook));

    private static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"Webhook bodies are limited to {MaxBodyBytes} bytes.");

    /// <summary>The raw bytes, as signed (never re-serialised JSON); null when over <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Log category for webhook rejections (never the body).</summary>
    public sealed class WebhookLog;
}
