using System.Collections.Immutable;
using System.Globalization;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CareDialog.Connectors.Telegram;

/// <summary>
/// Telegram channels through a bot that is an administrator of the channel (Bot API, via Telegram.Bot). Comments and direct
/// messages arrive only by webhook; the Bot API cannot read a channel's history, hide a message or count views, so
/// reconciliation, polling, hiding and post metrics are not offered (see README.md).
/// </summary>
public sealed class TelegramConnector(
    IHttpClientFactory httpClients,
    IOptionsMonitor<PlatformOptions> options,
    TimeProvider clock,
    ILogger<TelegramConnector> logger) : IChannelConnector, IRegistersWebhooks
{
    /// <summary>The key in <see cref="ChannelCredentials.Extra"/> of the secret_token the webhook was registered with.</summary>
    public const string WebhookSecretKey = "webhookSecret";

    /// <summary>The key in <see cref="ChannelCredentials.Extra"/> of the channel's linked discussion group, when it has one.</summary>
    public const string DiscussionChatKey = "discussionChatId";

    /// <summary>
    /// The updates the webhook asks for. Channel posts are left out: they are the organisation's own posts and the inbox
    /// ignores them, so receiving them would only store more data.
    /// </summary>
    public static readonly IReadOnlyList<UpdateType> WebhookUpdates = [UpdateType.Message, UpdateType.EditedMessage];

    private const string Name = TelegramCall.PlatformName;

    // Telegram's sendMediaGroup takes 2-10 items.
    private const int MaxMediaPerPost = 10;

    public Platform Platform => Platform.Telegram;

    public ConnectorFeatures Features =>
        ConnectorFeatures.Text | ConnectorFeatures.Image | ConnectorFeatures.Link | ConnectorFeatures.Video | ConnectorFeatures.Reply
        | ConnectorFeatures.DirectMessages | ConnectorFeatures.AccountMetrics | ConnectorFeatures.Webhooks;

    public ConnectMethod ConnectMethod => ConnectMethod.Token;

    /// <summary>
    /// Where Telegram should deliver this channel's updates, from <c>Connectors:Telegram:PublicWebhookBaseUrl</c>; null when
    /// no public URL is configured (then no webhook is registered and nothing comes in).
    /// </summary>
    public Uri? WebhookUrlFor(Guid channelId) =>
        Settings().PublicWebhookBaseUrl is { } root
            ? new Uri(new Uri(root.AbsoluteUri.TrimEnd('/') + "/"), $"webhooks/telegram/{channelId:D}")
            : null;

    public Uri BuildAuthorizeUrl(OAuthStart start) => throw NoOAuth();

    public Task<IReadOnlyList<ConnectableAccount>> CompleteOAuthAsync(OAuthCallback callback, CancellationToken ct) => throw NoOAuth();

    /// <summary>
    /// Checks, in the order a person sets things up: the token is a live bot (getMe), the chat exists and the bot sees it
    /// (getChat), the bot is an administrator allowed to post (getChatMember).
    /// </summary>
    public Task<ConnectableAccount> ConnectWithTokenAsync(TokenConnect connect, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, async () =>
        {
            var token = connect.Token.Trim();
            var bot = Client(token, ConnectorErrorKind.Rejected);
            var target = TelegramIds.ParseChat(connect.AccountId) ?? throw new ConnectorException(ConnectorErrorKind.Rejected,
                "Enter the Telegram channel as @username, as a t.me link, or as its numeric id (such as -1001234567890).");

            User me;
            try
            {
                me = await TelegramCall.RunAsync(logger, "getMe", TelegramCallKind.Safe, () => bot.GetMe(ct));
            }
            catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.NeedsReconnect)
            {
                throw new ConnectorException(ConnectorErrorKind.Rejected,
                    "Telegram does not accept this bot token: it is mistyped, or it was revoked. Copy the current token from @BotFather (/mybots → API Token).",
                    ex.PlatformCode, null, ex);
            }

            ChatFullInfo chat;
            try
            {
                chat = await TelegramCall.RunAsync(logger, "getChat", TelegramCallKind.Safe, () => bot.GetChat(target, ct));
            }
            catch (ConnectorException ex) when (ex.Kind is ConnectorErrorKind.Rejected or ConnectorErrorKind.NeedsReconnect)
            {
                throw new ConnectorException(ConnectorErrorKind.Rejected,
                    $"Telegram cannot find {target}, or the bot cannot see it. Add @{me.Username} to the channel as an administrator first; a private channel must be given by its numeric id.",
                    ex.PlatformCode, null, ex);
            }

            if (chat.Type == ChatType.Private)
            {
                throw new ConnectorException(ConnectorErrorKind.Rejected,
                    "That is a private chat with a person. Connect a Telegram channel (or group) the bot administers.");
            }

            var member = await TelegramCall.RunAsync(logger, "getChatMember", TelegramCallKind.Safe, () => bot.GetChatMember(chat.Id, me.Id, ct),
                forbiddenNeedsReconnect: false);
            if (CannotPost(chat, member) is { } why)
            {
                throw new ConnectorException(ConnectorErrorKind.Rejected, $"@{me.Username} {why} of \"{Display(chat)}\". {HowToFix(chat)}");
            }

            var accountId = chat.Id.ToString(CultureInfo.InvariantCulture);
            var extra = ImmutableDictionary<string, string>.Empty.Add(WebhookSecretKey, TelegramWebhook.NewSecret());
            if (chat.LinkedChatId is { } discussion)
            {
                extra = extra.Add(DiscussionChatKey, discussion.ToString(CultureInfo.InvariantCulture));
            }

            var credentials = new ChannelCredentials { AccessToken = token, AccountId = accountId, Extra = extra };
            var handle = string.IsNullOrEmpty(chat.Username) ? chat.Title ?? accountId : "@" + chat.Username;
            return new ConnectableAccount(accountId, chat.Title ?? handle, handle, credentials);
        }, ct);

    /// <summary>
    /// Points the bot's webhook at <paramref name="url"/> with the channel's secret. A bot has one webhook, so a bot shared by
    /// two channels would deliver only to the last one registered: use one bot per channel.
    /// </summary>
    public Task RegisterWebhookAsync(ChannelAccess access, Uri url, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, async () =>
        {
            if (!access.Credentials.Extra.TryGetValue(WebhookSecretKey, out var secret) || string.IsNullOrEmpty(secret))
            {
                throw new ConnectorException(ConnectorErrorKind.NeedsReconnect,
                    "The Telegram channel has no webhook secret stored; connect it again to receive comments and messages.");
            }

            var bot = Client(access.Credentials.AccessToken, ConnectorErrorKind.NeedsReconnect);
            return await TelegramCall.RunAsync(logger, "setWebhook", TelegramCallKind.Safe, async () =>
            {
                await bot.SetWebhook(url.AbsoluteUri, allowedUpdates: WebhookUpdates, secretToken: secret, cancellationToken: ct);
                return true;
            });
        }, ct);

    public Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken ct) =>
        PublishGuard.RunAsync(Name, () => PublishCoreAsync(request, ct), ct);

    /// <summary>
    /// Always throws NotSupported: the Bot API cannot list a channel's messages, so whether an earlier attempt went out
    /// cannot be checked. The publisher then asks a person instead of risking a second copy of the post.
    /// </summary>
    public Task<RemotePost?> FindAsync(FindRequest request, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported,
            "Telegram's Bot API cannot list a channel's posts, so CareDialog cannot check whether the earlier attempt went out. Look at the channel and publish again only if the post is missing.");

    /// <summary>Updates come only by webhook: Telegram refuses getUpdates while a webhook is set, and has no per-post comment list.</summary>
    public Task<IReadOnlyList<InboundItem>> ReadInboundAsync(ChannelAccess access, InboundQuery query, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported,
            "Telegram delivers comments and messages by webhook only; set Connectors:Telegram:PublicWebhookBaseUrl to receive them.");

    /// <summary>
    /// Answers in the chat the item came from (the discussion group for a comment, the private chat for a direct message),
    /// as a reply to it. The answer comes from the bot's account.
    /// </summary>
    public Task<RemoteReply> ReplyAsync(ReplyRequest request, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, async () =>
        {
            if (!TelegramIds.TryParseRemoteId(request.To.RemoteId, out var chatId, out var messageId))
            {
                throw new ConnectorException(ConnectorErrorKind.Rejected, "This item did not come from Telegram, so it cannot be answered there.");
            }

            var bot = Client(request.Access.Credentials.AccessToken, ConnectorErrorKind.NeedsReconnect);
            var sent = await TelegramCall.RunAsync(logger, "sendMessage", TelegramCallKind.Creates,
                () => bot.SendMessage(chatId, request.Text, replyParameters: new ReplyParameters { MessageId = messageId }, cancellationToken: ct),
                forbiddenNeedsReconnect: false);
            return new RemoteReply(TelegramIds.RemoteId(sent.Chat.Id, sent.MessageId), sent.Date);
        }, ct);

    public Task SetHiddenAsync(ChannelAccess access, InboundItem item, bool hidden, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported,
            "Telegram bots can delete messages but not hide them, and CareDialog never deletes. Remove the message in Telegram if it must go.");

    public Task<MetricsResult> GetPostMetricsAsync(ChannelAccess access, string remotePostId, CancellationToken ct) =>
        throw new ConnectorException(ConnectorErrorKind.NotSupported, "Telegram's Bot API gives no view or reaction counts for channel posts.");

    public Task<MetricsResult> GetAccountMetricsAsync(ChannelAccess access, CancellationToken ct) =>
        PublishGuard.CallAsync(Name, async () =>
        {
            var bot = Client(access.Credentials.AccessToken, ConnectorErrorKind.NeedsReconnect);
            var chat = TelegramIds.ChatOf(access);
            var members = await TelegramCall.RunAsync(logger, "getChatMemberCount", TelegramCallKind.Safe, () => bot.GetChatMemberCount(chat, ct));
            return new MetricsResult(clock.GetUtcNow().UtcDateTime, new Dictionary<string, long> { [MetricNames.Followers] = members }, []);
        }, ct);

    /// <summary>Bot tokens never expire; only a revoked token (401) is invalid, and anything else concludes nothing.</summary>
    public async Task<TokenCheck> CheckTokenAsync(ChannelAccess access, TimeSpan refreshWithin, CancellationToken ct)
    {
        try
        {
            await PublishGuard.CallAsync(Name, () =>
            {
                var bot = Client(access.Credentials.AccessToken, ConnectorErrorKind.NeedsReconnect);
                return TelegramCall.RunAsync(logger, "getMe", TelegramCallKind.Safe, () => bot.GetMe(ct));
            }, ct);
            return new TokenCheck.Valid(null);
        }
        catch (ConnectorException ex) when (ex.Kind == ConnectorErrorKind.NeedsReconnect)
        {
            return new TokenCheck.Invalid(ex.UserMessage);
        }
        catch (ConnectorException ex)
        {
            return new TokenCheck.Unreachable(ex.UserMessage);
        }
    }

    public IReadOnlyList<InboundItem> ParseWebhookEvent(string payload) => TelegramUpdates.ToItems(TelegramUpdates.Deserialize(payload));

    private async Task<PublishOutcome> PublishCoreAsync(PublishRequest request, CancellationToken ct)
    {
        var media = request.Media;
        if (media.Count == 0 && string.IsNullOrWhiteSpace(request.Text))
        {
            return new PublishOutcome.Rejected("Telegram cannot send an empty post: add text or a photo or video.");
        }

        if (media.Count > MaxMediaPerPost)
        {
            return new PublishOutcome.Rejected($"Telegram takes at most {MaxMediaPerPost} photos and videos in one post; this one has {media.Count}.");
        }

        if (media.FirstOrDefault(m => !m.IsVideo && !IsImage(m)) is { } other)
        {
            return new PublishOutcome.Rejected($"Telegram posts can carry photos and videos only; \"{other.FileName}\" is {other.ContentType}.");
        }

        var bot = Client(request.Access.Credentials.AccessToken, ConnectorErrorKind.NeedsReconnect);
        var chat = TelegramIds.ChatOf(request.Access);
        var caption = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text;
        var streams = new List<Stream>();
        try
        {
            InputFile Upload(PublishMedia m)
            {
                var stream = System.IO.File.OpenRead(m.AbsolutePath);
                streams.Add(stream);
                return InputFile.FromStream(stream, m.FileName);
            }

            // Every file is opened before the first request, so a missing file stops the post before anything is sent.
            var files = media.Select(Upload).ToList();
            var method = media.Count switch { 0 => "sendMessage", 1 when media[0].IsVideo => "sendVideo", 1 => "sendPhoto", _ => "sendMediaGroup" };
            var sent = await TelegramCall.RunAsync<Message[]>(logger, method, TelegramCallKind.Creates, async () => media.Count switch
            {
                0 => [await bot.SendMessage(chat, request.Text, cancellationToken: ct)],
                1 when media[0].IsVideo => [await bot.SendVideo(chat, files[0], caption, cancellationToken: ct)],
                1 => [await bot.SendPhoto(chat, files[0], caption, cancellationToken: ct)],
                _ => await bot.SendMediaGroup(chat, media.Select((m, i) => AlbumItem(m, files[i], i == 0 ? caption : null)), cancellationToken: ct),
            });

            var first = sent[0];
            return new PublishOutcome.Published(new RemotePost(TelegramIds.RemoteId(first.Chat.Id, first.MessageId), TelegramIds.PostUrl(first.Chat, first.MessageId), first.Date));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new PublishOutcome.Rejected("An attachment of this post is missing from CareDialog's media store; attach it again.");
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>An album's caption goes on its first item: Telegram shows that one under the album.</summary>
    private static IAlbumInputMedia AlbumItem(PublishMedia media, InputFile file, string? caption) =>
        media.IsVideo
            ? new InputMediaVideo(file) { Caption = caption }
            : new InputMediaPhoto(file) { Caption = caption };

    private static bool IsImage(PublishMedia media) => media.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);

    private static string? CannotPost(ChatFullInfo chat, ChatMember member) => member switch
    {
        ChatMemberOwner => null,
        ChatMemberAdministrator { CanPostMessages: true } => null,
        // Only channels have a separate posting right; any administrator may write in a group.
        ChatMemberAdministrator when chat.Type != ChatType.Channel => null,
        ChatMemberAdministrator => "is an administrator without the \"Post messages\" right",
        ChatMemberLeft or ChatMemberBanned => "is not a member",
        _ => "is not an administrator",
    };

    private static string HowToFix(ChatFullInfo chat) => chat.Type == ChatType.Channel
        ? "In Telegram open the channel → Administrators → Add Admin, pick the bot, allow \"Post messages\", save, and connect again."
        : "In Telegram open the group → Administrators → Add Admin, pick the bot, save, and connect again.";

    private static string Display(ChatFullInfo chat) => chat.Title ?? (chat.Username is { } u ? "@" + u : chat.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Built per call because the token differs per channel and the factory's HttpClient (with the resilience pipeline and
    /// per-attempt timeout) should not be held by a singleton. The library's own wait-and-resend on 429 is switched off: it
    /// would block the publisher for up to a minute, and the caller already schedules the retry from the reported wait.
    /// </summary>
    private TelegramBotClient Client(string token, ConnectorErrorKind whenMalformed)
    {
        var (http, platform) = ConnectorRegistration.Resolve(httpClients, options, Platform.Telegram);
        TelegramBotClientOptions botOptions;
        try
        {
            botOptions = new TelegramBotClientOptions(token, platform.RequireApiBaseUrl(Name).AbsoluteUri) { RetryThreshold = 0 };
        }
        catch (ArgumentException)
        {
            throw new ConnectorException(whenMalformed,
                "That is not a Telegram bot token. A bot token looks like 123456789:AAE…; copy it from @BotFather (/mybots → API Token).");
        }

        return new TelegramBotClient(botOptions, http);
    }

    private PlatformOptions Settings() => options.Get(ConnectorRegistration.ClientName(Platform.Telegram));

    private static ConnectorException NoOAuth() =>
        new(ConnectorErrorKind.NotSupported, "Telegram channels are connected with a bot token from @BotFather, not with a sign-in page.");
}
