using System.Globalization;
using System.Text.RegularExpressions;
using CareDialog.Core.Features.Channels;
using Telegram.Bot.Types;

namespace CareDialog.Connectors.Telegram;

/// <summary>
/// Telegram has no global message ids: a message id is only unique within its chat. Every remote id CareDialog stores is
/// therefore "{chatId}:{messageId}", and links follow the forms Telegram itself shows under "Copy post link".
/// </summary>
internal static partial class TelegramIds
{
    // Supergroup and channel ids are -100 followed by the id the t.me/c/ links use.
    private const long SupergroupIdOffset = -1_000_000_000_000;

    public static string RemoteId(long chatId, int messageId) =>
        chatId.ToString(CultureInfo.InvariantCulture) + ":" + messageId.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseRemoteId(string? remoteId, out long chatId, out int messageId)
    {
        chatId = 0;
        messageId = 0;
        var colon = remoteId?.LastIndexOf(':') ?? -1;
        return colon > 0
               && long.TryParse(remoteId.AsSpan(0, colon), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out chatId)
               && int.TryParse(remoteId.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out messageId);
    }

    /// <summary>
    /// A public chat's link uses its username; a private channel or supergroup gets the t.me/c/ form, which opens for its
    /// members only. Basic groups and private chats have no message links at all, hence the empty string.
    /// </summary>
    public static string PostUrl(Chat chat, int messageId)
    {
        var id = messageId.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(chat.Username))
        {
            return $"https://t.me/{chat.Username}/{id}";
        }

        return chat.Id < SupergroupIdOffset
            ? $"https://t.me/c/{(SupergroupIdOffset - chat.Id).ToString(CultureInfo.InvariantCulture)}/{id}"
            : "";
    }

    /// <summary>The chat posts go to: the numeric id stored at connect time, or an @username for channels stored by name.</summary>
    public static ChatId ChatOf(ChannelAccess access)
    {
        var account = string.IsNullOrWhiteSpace(access.Credentials.AccountId) ? access.Channel.RemoteAccountId : access.Credentials.AccountId;
        return ParseChat(account) ?? throw new ConnectorException(
            ConnectorErrorKind.NeedsReconnect, "The channel has no valid Telegram chat id stored; connect it again.");
    }

    /// <summary>
    /// What a person may paste as the channel: a numeric chat id, @username, a bare username or a t.me link. Null when it is
    /// none of these.
    /// </summary>
    public static ChatId? ParseChat(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id != 0)
        {
            return new ChatId(id);
        }

        var match = UsernameInput().Match(text);
        return match.Success ? new ChatId("@" + match.Groups["name"].Value) : null;
    }

    // Telegram usernames: 4-32 characters of a-z, 0-9 and underscore, starting with a letter (5 is the minimum for new ones).
    [GeneratedRegex(@"^(?:(?:https?://)?(?:www\.)?(?:t|telegram)\.me/|@)?(?<name>[A-Za-z][A-Za-z0-9_]{3,31})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernameInput();
}
