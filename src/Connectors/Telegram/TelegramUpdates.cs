using System.Globalization;
using System.Text.Json;
using CareDialog.Core.Features.Channels;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CareDialog.Connectors.Telegram;

/// <summary>
/// What a Telegram update means for the inbox. Channels have no comments of their own: comments are messages in the
/// channel's linked discussion group, where every channel post arrives as an automatic forward and a comment is a reply
/// to that forward. Direct messages are messages in a private chat with the bot.
/// </summary>
internal static class TelegramUpdates
{
    public static Update Deserialize(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<Update>(payload, JsonBotAPI.Options)
                   ?? throw new WebhookFormatException("The Telegram update is empty.");
        }
        catch (JsonException)
        {
            throw new WebhookFormatException("The Telegram update is not in Telegram's format.");
        }
    }

    /// <summary>
    /// Messages and their edits become items; an edit keeps the RemoteId so it lands on the same inbox item with the new
    /// text. Channel posts are not items (they are the organisation's own posts, known from publishing), nor is anything else.
    /// </summary>
    public static IReadOnlyList<InboundItem> ToItems(Update update)
    {
        var message = update.Message ?? update.EditedMessage;
        if (message is null || message.IsServiceMessage)
        {
            return [];
        }

        var item = message.Chat.Type switch
        {
            ChatType.Private => DirectMessage(message),
            ChatType.Group or ChatType.Supergroup => GroupMessage(message),
            _ => null,
        };
        return item is null ? [] : [item];
    }

    private static InboundItem DirectMessage(Message message)
    {
        var chatId = message.Chat.Id.ToString(CultureInfo.InvariantCulture);
        return new InboundItem(
            TelegramIds.RemoteId(message.Chat.Id, message.MessageId),
            InboundKind.DirectMessage,
            TextOf(message),
            AuthorOf(message),
            AuthorIdOf(message),
            message.Date,
            ConversationId: chatId);
    }

    private static InboundItem? GroupMessage(Message message)
    {
        if (message.IsAutomaticForward)
        {
            // The copy of a channel post Telegram puts into the discussion group, not something anyone wrote there.
            return null;
        }

        var chat = message.Chat.Id;
        var replyTo = message.ReplyToMessage;
        if (replyTo is { IsAutomaticForward: true })
        {
            var channelPost = replyTo.ForwardOrigin as MessageOriginChannel;
            var postId = channelPost is not null
                ? TelegramIds.RemoteId(channelPost.Chat.Id, channelPost.MessageId)
                : TelegramIds.RemoteId(chat, replyTo.MessageId);
            var channelId = channelPost?.Chat.Id ?? replyTo.SenderChat?.Id;
            return Item(message, InboundKind.Comment, postId, parentId: null, OwnAccount(message, channelId));
        }

        if (replyTo is not null && message.MessageThreadId is { } thread && !message.IsTopicMessage)
        {
            // An answer to a comment, inside the comment thread of a channel post. The thread id is the forward's id in the
            // group (the reply does not repeat which channel post it was); the parent comment links it to the post.
            return Item(message, InboundKind.Reply, TelegramIds.RemoteId(chat, thread), TelegramIds.RemoteId(chat, replyTo.MessageId),
                OwnAccount(message, channelId: null));
        }

        if (replyTo is { From.IsBot: true } && message.MessageThreadId is null)
        {
            // A group connected directly as the channel: a reply to the bot's post is a comment on that post.
            return Item(message, InboundKind.Comment, TelegramIds.RemoteId(chat, replyTo.MessageId), parentId: null, OwnAccount(message, channelId: null));
        }

        // General chatter in the group, not about a post.
        return null;
    }

    private static InboundItem Item(Message message, InboundKind kind, string postId, string? parentId, bool own) =>
        new(
            TelegramIds.RemoteId(message.Chat.Id, message.MessageId),
            kind,
            TextOf(message),
            AuthorOf(message),
            AuthorIdOf(message),
            message.Date,
            RemotePostId: postId,
            RemoteParentId: parentId,
            FromOwnAccount: own);

    /// <summary>
    /// Sent in the name of the channel itself, or by an anonymous administrator of the group (sender_chat is then the group):
    /// both are the organisation speaking, not a member of the public.
    /// </summary>
    private static bool OwnAccount(Message message, long? channelId) =>
        message.SenderChat is { } sender && (sender.Id == message.Chat.Id || (channelId is not null && sender.Id == channelId));

    /// <summary>The text exactly as sent; a photo or sticker without words is named in brackets so the item is not blank.</summary>
    private static string TextOf(Message message) =>
        message.Text ?? message.Caption ?? "[" + message.Type.ToString().ToLowerInvariant() + "]";

    private static string AuthorOf(Message message)
    {
        if (message.SenderChat is { } chat)
        {
            return chat.Title ?? chat.Username ?? "Telegram chat";
        }

        if (message.From is { } user)
        {
            var name = $"{user.FirstName} {user.LastName}".Trim();
            return name.Length > 0 ? name : user.Username ?? "Telegram user";
        }

        return "Telegram user";
    }

    private static string? AuthorIdOf(Message message) =>
        (message.SenderChat?.Id ?? message.From?.Id)?.ToString(CultureInfo.InvariantCulture);
}
