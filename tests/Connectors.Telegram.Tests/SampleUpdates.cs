using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CareDialog.Connectors.Telegram.Tests;

/// <summary>
/// Updates as Telegram delivers them (platform-apis.md §6.5; field names from the Bot API 10.1 spec, values constructed).
/// The chats are the fake server's: channel -1001234567890 (@clinicnews), its discussion group -1009876543210, and a
/// person's private chat 5234000111.
/// </summary>
internal static class SampleUpdates
{
    /// <summary>§6.5 verbatim: a comment in the discussion group replying to the automatic forward of a channel post.</summary>
    public const string CommentAsDocumented = """
        {
          "update_id": 731559102,
          "message": {
            "message_id": 1187,
            "from": { "id": 5234000111, "is_bot": false, "first_name": "Anna", "language_code": "en" },
            "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
            "date": 1767229200,
            "reply_to_message": {
              "message_id": 1180,
              "sender_chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
              "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
              "date": 1767225605,
              "is_automatic_forward": true,
              "text": "Flu clinic open Saturday"
            },
            "text": "Do I need an appointment?"
          }
        }
        """;

    /// <summary>The same comment as current Telegram sends it: the forward names the channel post it copies, and the thread.</summary>
    public const string Comment = """
        {
          "update_id": 731559103,
          "message": {
            "message_id": 1187,
            "from": { "id": 5234000111, "is_bot": false, "first_name": "Anna", "last_name": "Petrova", "username": "anna_p", "language_code": "en" },
            "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
            "date": 1767229200,
            "message_thread_id": 1180,
            "reply_to_message": {
              "message_id": 1180,
              "sender_chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
              "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
              "date": 1767225605,
              "is_automatic_forward": true,
              "forward_origin": {
                "type": "channel",
                "chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
                "message_id": 42,
                "date": 1767225600
              },
              "text": "Flu clinic open Saturday"
            },
            "text": "Do I need an appointment?"
          }
        }
        """;

    /// <summary>Someone answering Anna's comment inside the post's comment thread.</summary>
    public const string ReplyToComment = """
        {
          "update_id": 731559104,
          "message": {
            "message_id": 1190,
            "from": { "id": 5234000222, "is_bot": false, "first_name": "Ben" },
            "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
            "date": 1767229500,
            "message_thread_id": 1180,
            "reply_to_message": {
              "message_id": 1187,
              "from": { "id": 5234000111, "is_bot": false, "first_name": "Anna" },
              "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
              "date": 1767229200,
              "message_thread_id": 1180,
              "text": "Do I need an appointment?"
            },
            "text": "No, walk-ins are fine"
          }
        }
        """;

    /// <summary>A staff member answering in the thread in the name of the channel (sender_chat is the channel).</summary>
    public const string CommentAsTheChannel = """
        {
          "update_id": 731559105,
          "message": {
            "message_id": 1191,
            "from": { "id": 136817688, "is_bot": true, "first_name": "Channel", "username": "Channel_Bot" },
            "sender_chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
            "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
            "date": 1767229600,
            "message_thread_id": 1180,
            "reply_to_message": {
              "message_id": 1180,
              "sender_chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
              "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
              "date": 1767225605,
              "is_automatic_forward": true,
              "forward_origin": { "type": "channel", "chat": { "id": -1001234567890, "title": "Clinic News", "type": "channel" }, "message_id": 42, "date": 1767225600 },
              "text": "Flu clinic open Saturday"
            },
            "text": "Yes, book on our website"
          }
        }
        """;

    /// <summary>The automatic forward itself, as the discussion group receives every channel post.</summary>
    public const string AutomaticForward = """
        {
          "update_id": 731559100,
          "message": {
            "message_id": 1180,
            "from": { "id": 777000, "is_bot": false, "first_name": "Telegram" },
            "sender_chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
            "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
            "date": 1767225605,
            "is_automatic_forward": true,
            "forward_origin": { "type": "channel", "chat": { "id": -1001234567890, "title": "Clinic News", "type": "channel" }, "message_id": 42, "date": 1767225600 },
            "text": "Flu clinic open Saturday"
          }
        }
        """;

    /// <summary>§6.5 verbatim: a post in the channel.</summary>
    public const string ChannelPost = """
        {
          "update_id": 731559101,
          "channel_post": {
            "message_id": 42,
            "sender_chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
            "chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
            "date": 1767225600,
            "author_signature": "Dr. Smith",
            "text": "Flu clinic open Saturday",
            "entities": [ { "type": "bold", "offset": 0, "length": 10 } ]
          }
        }
        """;

    public const string DirectMessage = """
        {
          "update_id": 731559110,
          "message": {
            "message_id": 7,
            "from": { "id": 5234000111, "is_bot": false, "first_name": "Anna", "last_name": "Petrova", "language_code": "en" },
            "chat": { "id": 5234000111, "first_name": "Anna", "last_name": "Petrova", "type": "private" },
            "date": 1767229800,
            "text": "Can I bring my child to the flu clinic?"
          }
        }
        """;

    public const string EditedDirectMessage = """
        {
          "update_id": 731559111,
          "edited_message": {
            "message_id": 7,
            "from": { "id": 5234000111, "is_bot": false, "first_name": "Anna", "last_name": "Petrova", "language_code": "en" },
            "chat": { "id": 5234000111, "first_name": "Anna", "last_name": "Petrova", "type": "private" },
            "date": 1767229800,
            "edit_date": 1767229860,
            "text": "Can I bring my two children to the flu clinic?"
          }
        }
        """;

    public const string EditedComment = """
        {
          "update_id": 731559106,
          "edited_message": {
            "message_id": 1187,
            "from": { "id": 5234000111, "is_bot": false, "first_name": "Anna", "last_name": "Petrova" },
            "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
            "date": 1767229200,
            "edit_date": 1767229300,
            "message_thread_id": 1180,
            "reply_to_message": {
              "message_id": 1180,
              "sender_chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
              "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
              "date": 1767225605,
              "is_automatic_forward": true,
              "forward_origin": { "type": "channel", "chat": { "id": -1001234567890, "title": "Clinic News", "type": "channel" }, "message_id": 42, "date": 1767225600 },
              "text": "Flu clinic open Saturday"
            },
            "text": "Do I need an appointment on Saturday?"
          }
        }
        """;

    public const string EditedChannelPost = """
        {
          "update_id": 731559107,
          "edited_channel_post": {
            "message_id": 42,
            "sender_chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
            "chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
            "date": 1767225600,
            "edit_date": 1767225700,
            "text": "Flu clinic open Saturday and Sunday"
          }
        }
        """;

    /// <summary>A group connected directly as the channel: someone answers a message the bot posted there.</summary>
    public const string ReplyToBotPostInGroup = """
        {
          "update_id": 731559130,
          "message": {
            "message_id": 310,
            "from": { "id": 5234000222, "is_bot": false, "first_name": "Ben", "username": "ben_k" },
            "chat": { "id": -1007770001111, "title": "Clinic Patients Group", "type": "supergroup" },
            "date": 1767230300,
            "reply_to_message": {
              "message_id": 300,
              "from": { "id": 7000000001, "is_bot": true, "first_name": "ClinicBot", "username": "clinic_bot" },
              "chat": { "id": -1007770001111, "title": "Clinic Patients Group", "type": "supergroup" },
              "date": 1767230000,
              "text": "Flu clinic open Saturday"
            },
            "text": "Thanks!"
          }
        }
        """;

    /// <summary>An administrator of the discussion group commenting anonymously: sender_chat is the group itself.</summary>
    public const string CommentByAnonymousGroupAdmin = """
        {
          "update_id": 731559131,
          "message": {
            "message_id": 1195,
            "from": { "id": 1087968824, "is_bot": true, "first_name": "Group", "username": "GroupAnonymousBot" },
            "sender_chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
            "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
            "date": 1767230400,
            "message_thread_id": 1180,
            "reply_to_message": {
              "message_id": 1187,
              "from": { "id": 5234000111, "is_bot": false, "first_name": "Anna" },
              "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
              "date": 1767229200,
              "message_thread_id": 1180,
              "text": "Do I need an appointment?"
            },
            "text": "Walk-ins are fine, Anna."
          }
        }
        """;

    public const string GroupChatter = """
        {
          "update_id": 731559120,
          "message": {
            "message_id": 1200,
            "from": { "id": 5234000222, "is_bot": false, "first_name": "Ben" },
            "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
            "date": 1767229900,
            "text": "Hello everyone"
          }
        }
        """;

    public const string MemberJoined = """
        {
          "update_id": 731559121,
          "message": {
            "message_id": 1201,
            "from": { "id": 5234000333, "is_bot": false, "first_name": "Cleo" },
            "chat": { "id": -1009876543210, "title": "Clinic News Chat", "type": "supergroup" },
            "date": 1767229950,
            "new_chat_members": [ { "id": 5234000333, "is_bot": false, "first_name": "Cleo" } ]
          }
        }
        """;

    public const string BotRemovedFromChannel = """
        {
          "update_id": 731559122,
          "my_chat_member": {
            "chat": { "id": -1001234567890, "title": "Clinic News", "username": "clinicnews", "type": "channel" },
            "from": { "id": 5234000999, "is_bot": false, "first_name": "Owner" },
            "date": 1767230000,
            "old_chat_member": { "status": "administrator", "user": { "id": 7000000001, "is_bot": true, "first_name": "ClinicBot", "username": "clinic_bot" },
              "can_be_edited": false, "is_anonymous": false, "can_manage_chat": true, "can_delete_messages": false, "can_manage_video_chats": false,
              "can_restrict_members": false, "can_promote_members": false, "can_change_info": false, "can_invite_users": true, "can_post_stories": false,
              "can_edit_stories": false, "can_delete_stories": false, "can_post_messages": true },
            "new_chat_member": { "status": "left", "user": { "id": 7000000001, "is_bot": true, "first_name": "ClinicBot", "username": "clinic_bot" } }
          }
        }
        """;

    public const string CallbackQuery = """
        {
          "update_id": 731559123,
          "callback_query": {
            "id": "4382bfdwdsb323b2d9",
            "from": { "id": 5234000111, "is_bot": false, "first_name": "Anna" },
            "message": { "message_id": 8, "chat": { "id": 5234000111, "first_name": "Anna", "type": "private" }, "date": 1767229900, "text": "Pick a day" },
            "chat_instance": "-8791234",
            "data": "saturday"
          }
        }
        """;

    public const string InlineQuery = """
        { "update_id": 731559124, "inline_query": { "id": "q1", "from": { "id": 5234000111, "is_bot": false, "first_name": "Anna" }, "query": "flu", "offset": "" } }
        """;

    public const string PhotoWithoutCaption = """
        {
          "update_id": 731559125,
          "message": {
            "message_id": 9,
            "from": { "id": 5234000111, "is_bot": false, "first_name": "Anna" },
            "chat": { "id": 5234000111, "first_name": "Anna", "type": "private" },
            "date": 1767230100,
            "photo": [ { "file_id": "AgAD1", "file_unique_id": "u1", "width": 90, "height": 90 } ]
          }
        }
        """;

    public const string PhotoWithCaption = """
        {
          "update_id": 731559126,
          "message": {
            "message_id": 10,
            "from": { "id": 5234000111, "is_bot": false, "first_name": "Anna" },
            "chat": { "id": 5234000111, "first_name": "Anna", "type": "private" },
            "date": 1767230200,
            "photo": [ { "file_id": "AgAD2", "file_unique_id": "u2", "width": 90, "height": 90 } ],
            "caption": "Is this rash normal after the shot?"
          }
        }
        """;

    /// <summary>A direct message with this text in the JSON as raw UTF-8 (the text must need no JSON escaping).</summary>
    public static string DirectMessageWithRaw(string text) =>
        DirectMessage.Replace("Can I bring my child to the flu clinic?", text, StringComparison.Ordinal);

    /// <summary>A direct message with any text, JSON-escaped where it must be (quotes, control characters, emoji).</summary>
    public static string DirectMessageWith(string text)
    {
        var update = JsonNode.Parse(DirectMessage)!;
        update["message"]!["text"] = text;
        return update.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
