using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareDialog.Connectors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CareDialog.Connectors.Telegram.Tests;

/// <summary>One Bot API call as the fake understood it: the parameters from query, JSON, form or multipart, and the uploads.</summary>
public sealed record BotCall(string Method, string Token, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<UploadedFile> Files, string? ContentType)
{
    public string this[string name] => Parameters[name];

    public JsonNode Json(string name) => JsonNode.Parse(Parameters[name])!;
}

public sealed record UploadedFile(string Field, string FileName, byte[] Content);

/// <summary>A chat the fake knows, with the bot's membership in it.</summary>
public sealed class FakeChat
{
    public required long Id { get; init; }
    /// <summary>"channel", "supergroup", "group" or "private".</summary>
    public required string Type { get; init; }
    public string? Title { get; init; }
    public string? Username { get; init; }
    public string? FirstName { get; init; }
    public long? LinkedChatId { get; init; }
    public int MemberCount { get; set; }
    /// <summary>The bot's chat member status: "creator", "administrator", "member", "left" or "kicked".</summary>
    public string BotStatus { get; set; } = "administrator";
    public bool BotCanPostMessages { get; set; } = true;
    /// <summary>For a private chat: the person blocked the bot.</summary>
    public bool BlockedBot { get; set; }
    internal int NextMessageId { get; set; } = 42;
}

/// <summary>A message the fake holds: sent by the bot, or put there by a test (a comment to answer).</summary>
public sealed record FakeMessage(long ChatId, int MessageId, string Method, string? Text, string? Caption, int? ReplyToMessageId, string? MediaGroupId, IReadOnlyList<string> Attachments);

public sealed record WebhookRegistration(string Url, string? SecretToken, IReadOnlyList<string>? AllowedUpdates);

/// <summary>
/// The Telegram Bot API (10.1) as far as the connector uses it (platform-apis.md §6): <c>/bot{token}/{method}</c> by GET or
/// POST, parameters by query, JSON, form or multipart (with attach:// uploads), answers <c>{"ok":true,"result":…}</c> with
/// HTTP 200 or <c>{"ok":false,"error_code":…,"description":…}</c> with the error code as HTTP status (Telegram.Bot reads
/// errors only from non-200 answers). Faults apply to the next request, whatever its method.
/// </summary>
public sealed class FakeTelegramServer : FakePlatformServer
{
    public const long BotId = 7000000001;
    public const string BotUsername = "clinic_bot";
    public const string BotToken = "7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";
    /// <summary>A token of the same bot that @BotFather has since replaced: Telegram answers 401 to it.</summary>
    public const string RevokedToken = "7000000001:AAFormerTokenRevokedAtBotFather123";

    public const long ChannelId = -1001234567890;
    public const string ChannelUsername = "clinicnews";
    public const long DiscussionGroupId = -1009876543210;
    public const long PrivateChannelId = -1005550001111;
    public const long PatientChatId = 5234000111;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, FakeChat> _chats = [];
    private readonly List<FakeMessage> _messages = [];
    private readonly List<BotCall> _calls = [];
    private readonly ConcurrentQueue<(int Status, string ContentType, string Body)> _scripted = new();
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeTelegramServer()
    {
        Add(new FakeChat { Id = ChannelId, Type = "channel", Title = "Clinic News", Username = ChannelUsername, LinkedChatId = DiscussionGroupId, MemberCount = 1532 });
        Add(new FakeChat { Id = DiscussionGroupId, Type = "supergroup", Title = "Clinic News Chat", LinkedChatId = ChannelId, MemberCount = 210, NextMessageId = 1180 });
        Add(new FakeChat { Id = PrivateChannelId, Type = "channel", Title = "Clinic Staff Updates", MemberCount = 48 });
        Add(new FakeChat { Id = PatientChatId, Type = "private", FirstName = "Anna", BotStatus = "member", NextMessageId = 7 });
    }

    /// <summary>The time stamped on messages (Telegram sends Unix seconds).</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The wait a <see cref="Fault.RateLimited"/> answer asks for.</summary>
    public int RetryAfterSeconds { get; set; } = 35;

    public WebhookRegistration? Webhook { get; private set; }

    /// <summary>
    /// Completes when a timeout fault starts holding a request. The connector's timeout runs on the harness's fake clock,
    /// so a test waits for this and then advances the clock past the timeout.
    /// </summary>
    public Task Holding => _holding.Task;

    public IReadOnlyList<BotCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public BotCall LastCall(string method) => Calls.Last(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase));

    public FakeChat Chat(long id)
    {
        lock (_gate)
        {
            return _chats[id];
        }
    }

    public void Add(FakeChat chat)
    {
        lock (_gate)
        {
            _chats[chat.Id] = chat;
        }
    }

    public IReadOnlyList<FakeMessage> MessagesIn(long chatId)
    {
        lock (_gate)
        {
            return _messages.Where(m => m.ChatId == chatId).ToList();
        }
    }

    /// <summary>Puts a message someone else wrote into a chat (a comment, a direct message) and returns its id.</summary>
    public int Seed(long chatId, string text)
    {
        lock (_gate)
        {
            var chat = _chats[chatId];
            var message = new FakeMessage(chatId, chat.NextMessageId++, "seed", text, null, null, null, []);
            _messages.Add(message);
            return message.MessageId;
        }
    }

    /// <summary>The next request gets this Telegram error instead of its normal answer.</summary>
    public void RespondOnce(int errorCode, string description, JsonObject? parameters = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = errorCode, ["description"] = description };
        if (parameters is not null)
        {
            body["parameters"] = parameters;
        }

        _scripted.Enqueue((errorCode, "application/json", body.ToJsonString()));
    }

    /// <summary>The next request gets this raw answer, such as a proxy's HTML error page.</summary>
    public void RespondOnceRaw(int status, string contentType, string body) => _scripted.Enqueue((status, contentType, body));

    // Not the route "/bot{token}/{method}": ASP.NET matches such a segment's literal from the right, so a token that itself
    // contains "bot" (random tokens can) would not match.
    protected override void Map(WebApplication app) =>
        app.Map("/{bot}/{method}", HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var segment = (string)context.GetRouteValue("bot")!;
        if (!segment.StartsWith("bot", StringComparison.Ordinal))
        {
            await Write(context, Fail(404, "Not Found"));
            return;
        }

        var token = segment["bot".Length..];
        var method = ((string)context.GetRouteValue("method")!).ToLowerInvariant();
        var call = await ReadCallAsync(context, token, method);
        lock (_gate)
        {
            _calls.Add(call);
        }

        switch (TakeFault())
        {
            case Fault.RateLimited:
                await Error(context, 429, $"Too Many Requests: retry after {RetryAfterSeconds}", new JsonObject { ["retry_after"] = RetryAfterSeconds });
                return;
            case Fault.ServerError:
                await Error(context, 500, "Internal Server Error");
                return;
            case Fault.ExpiredToken:
                await Error(context, 401, "Unauthorized");
                return;
            case Fault.PermissionDenied:
                await Error(context, 403, "Forbidden: bot was kicked from the channel chat");
                return;
            case Fault.TimeoutBeforeProcessing:
                await HoldAsync(context);
                await Error(context, 504, "Gateway Timeout");
                return;
            case Fault.TimeoutAfterProcessing:
                var late = Handle(call);
                await HoldAsync(context);
                await Write(context, late);
                return;
        }

        if (_scripted.TryDequeue(out var scripted))
        {
            context.Response.StatusCode = scripted.Status;
            context.Response.ContentType = scripted.ContentType;
            await context.Response.WriteAsync(scripted.Body);
            return;
        }

        await Write(context, Handle(call));
    }

    private async Task HoldAsync(HttpContext context)
    {
        _holding.TrySetResult();
        try
        {
            await Task.Delay(TimeoutDelay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up first, as the fault intends.
        }
    }

    private readonly record struct Answer(int Status, JsonObject Body);

    private Answer Handle(BotCall call)
    {
        if (call.Token != BotToken)
        {
            return Fail(401, "Unauthorized");
        }

        lock (_gate)
        {
            return call.Method switch
            {
                "getme" => Ok(BotUser()),
                "getchat" => GetChat(call),
                "getchatmember" => GetChatMember(call),
                "getchatmembercount" => WithChat(call, chat => Ok(chat.MemberCount)),
                "sendmessage" => Send(call, "text"),
                "sendphoto" => Send(call, "photo"),
                "sendvideo" => Send(call, "video"),
                "sendmediagroup" => SendMediaGroup(call),
                "setwebhook" => SetWebhook(call),
                "getwebhookinfo" => Ok(new JsonObject { ["url"] = Webhook?.Url ?? "", ["has_custom_certificate"] = false, ["pending_update_count"] = 0 }),
                "deletewebhook" => DeleteWebhook(),
                _ => Fail(404, "Not Found"),
            };
        }
    }

    private Answer GetChat(BotCall call) => WithChat(call, chat =>
    {
        var info = ChatJson(chat);
        info["accent_color_id"] = 0;
        info["max_reaction_count"] = 11;
        info["accepted_gift_types"] = new JsonObject
        {
            ["unlimited_gifts"] = false, ["limited_gifts"] = false, ["unique_gifts"] = false, ["premium_subscription"] = false, ["gifts_from_channels"] = false,
        };
        if (chat.LinkedChatId is { } linked)
        {
            info["linked_chat_id"] = linked;
        }

        return Ok(info);
    }, forReading: true);

    private Answer GetChatMember(BotCall call) => WithChat(call, chat =>
    {
        if (!call.Parameters.TryGetValue("user_id", out var user) || user != BotId.ToString(CultureInfo.InvariantCulture))
        {
            return Fail(400, "Bad Request: PARTICIPANT_ID_INVALID");
        }

        var member = new JsonObject { ["status"] = chat.BotStatus, ["user"] = BotUser() };
        switch (chat.BotStatus)
        {
            case "administrator":
                foreach (var right in new[]
                         {
                             "can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
                             "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories",
                         })
                {
                    member[right] = right is "can_manage_chat" or "can_invite_users";
                }

                if (chat.Type == "channel")
                {
                    member["can_post_messages"] = chat.BotCanPostMessages;
                    member["can_edit_messages"] = chat.BotCanPostMessages;
                }

                break;
            case "creator":
                member["is_anonymous"] = false;
                break;
            case "kicked":
                member["until_date"] = 0;
                break;
        }

        return Ok(member);
    }, forReading: true);

    private Answer Send(BotCall call, string kind) => WithChat(call, chat =>
    {
        if (CannotSend(chat) is { } refusal)
        {
            return refusal;
        }

        string? text = null, caption = null;
        var attachments = new List<string>();
        if (kind == "text")
        {
            text = call.Parameters.GetValueOrDefault("text");
            if (string.IsNullOrEmpty(text))
            {
                return Fail(400, "Bad Request: message text is empty");
            }

            if (text.Length > 4096)
            {
                return Fail(400, "Bad Request: message is too long");
            }
        }
        else
        {
            if (Attachment(call, call.Parameters.GetValueOrDefault(kind)) is not { } file)
            {
                return Fail(400, $"Bad Request: there is no {kind} in the request");
            }

            attachments.Add(file);
            caption = call.Parameters.GetValueOrDefault("caption");
            if (caption?.Length > 1024)
            {
                return Fail(400, "Bad Request: message caption is too long");
            }
        }

        int? replyTo = null;
        if (call.Parameters.TryGetValue("reply_parameters", out var reply))
        {
            replyTo = call.Json("reply_parameters")["message_id"]!.GetValue<int>();
            if (!_messages.Any(m => m.ChatId == chat.Id && m.MessageId == replyTo))
            {
                return Fail(400, "Bad Request: message to be replied not found");
            }
        }

        var message = new FakeMessage(chat.Id, chat.NextMessageId++, call.Method, text, caption, replyTo, null, attachments);
        _messages.Add(message);
        return Ok(MessageJson(chat, message, kind));
    });

    private Answer SendMediaGroup(BotCall call) => WithChat(call, chat =>
    {
        if (CannotSend(chat) is { } refusal)
        {
            return refusal;
        }

        if (!call.Parameters.TryGetValue("media", out var mediaJson) || JsonNode.Parse(mediaJson) is not JsonArray items || items.Count is < 2 or > 10)
        {
            return Fail(400, "Bad Request: wrong number of media in the request");
        }

        var groupId = "album" + chat.NextMessageId.ToString(CultureInfo.InvariantCulture);
        var results = new JsonArray();
        foreach (var item in items)
        {
            var type = item!["type"]!.GetValue<string>();
            var caption = item["caption"]?.GetValue<string>();
            if (type is not ("photo" or "video") || Attachment(call, item["media"]?.GetValue<string>()) is not { } file)
            {
                return Fail(400, "Bad Request: wrong file identifier/HTTP URL specified");
            }

            if (caption?.Length > 1024)
            {
                return Fail(400, "Bad Request: message caption is too long");
            }

            var message = new FakeMessage(chat.Id, chat.NextMessageId++, call.Method, null, caption, null, groupId, [file]);
            _messages.Add(message);
            results.Add(MessageJson(chat, message, type));
        }

        return Ok(results);
    });

    private Answer SetWebhook(BotCall call)
    {
        var url = call.Parameters.GetValueOrDefault("url") ?? "";
        if (url.Length > 0 && !url.StartsWith("https://", StringComparison.Ordinal))
        {
            return Fail(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        }

        var secret = call.Parameters.GetValueOrDefault("secret_token");
        if (secret is not null && (secret.Length is 0 or > 256 || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            return Fail(400, "Bad Request: secret token contains unallowed characters");
        }

        var allowed = call.Parameters.TryGetValue("allowed_updates", out var list)
            ? JsonNode.Parse(list)!.AsArray().Select(n => n!.GetValue<string>()).ToList()
            : null;
        Webhook = url.Length == 0 ? null : new WebhookRegistration(url, secret, allowed);
        return Ok(true);
    }

    private Answer DeleteWebhook()
    {
        Webhook = null;
        return Ok(true);
    }

    private Answer WithChat(BotCall call, Func<FakeChat, Answer> then, bool forReading = false)
    {
        var chatId = call.Parameters.GetValueOrDefault("chat_id");
        var chat = chatId is null ? null
            : chatId.StartsWith('@') ? _chats.Values.FirstOrDefault(c => string.Equals("@" + c.Username, chatId, StringComparison.OrdinalIgnoreCase))
            : long.TryParse(chatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? _chats.GetValueOrDefault(id)
            : null;
        if (chat is null)
        {
            return Fail(400, "Bad Request: chat not found");
        }

        // A private channel is invisible to a bot outside it; a public one can be looked at by anyone.
        if (forReading && chat.Username is null && chat.Type != "private" && chat.BotStatus is "left" or "kicked")
        {
            return chat.BotStatus == "kicked" ? Fail(403, $"Forbidden: bot was kicked from the {chat.Type} chat") : Fail(400, "Bad Request: chat not found");
        }

        return then(chat);
    }

    private static Answer? CannotSend(FakeChat chat)
    {
        if (chat.Type == "private")
        {
            return chat.BlockedBot ? Fail(403, "Forbidden: bot was blocked by the user") : null;
        }

        return chat.BotStatus switch
        {
            "kicked" => Fail(403, $"Forbidden: bot was kicked from the {chat.Type} chat"),
            "left" => Fail(403, $"Forbidden: bot is not a member of the {chat.Type} chat"),
            "member" when chat.Type == "channel" => Fail(400, "Bad Request: need administrator rights in the channel chat"),
            "administrator" when chat.Type == "channel" && !chat.BotCanPostMessages => Fail(400, "Bad Request: need administrator rights in the channel chat"),
            _ => null,
        };
    }

    /// <summary>A file parameter is a file_id, a URL, or attach://name pointing at a multipart part.</summary>
    private static string? Attachment(BotCall call, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!value.StartsWith("attach://", StringComparison.Ordinal))
        {
            return value;
        }

        var part = value["attach://".Length..];
        return call.Files.FirstOrDefault(f => f.Field == part)?.FileName;
    }

    private JsonObject MessageJson(FakeChat chat, FakeMessage message, string kind)
    {
        var json = new JsonObject
        {
            ["message_id"] = message.MessageId,
            ["date"] = Now.ToUnixTimeSeconds(),
            ["chat"] = ChatJson(chat),
        };
        if (chat.Type == "channel")
        {
            json["sender_chat"] = ChatJson(chat);
        }
        else
        {
            json["from"] = BotUser();
        }

        if (message.Text is not null)
        {
            json["text"] = message.Text;
        }

        if (message.Caption is not null)
        {
            json["caption"] = message.Caption;
        }

        if (message.MediaGroupId is not null)
        {
            json["media_group_id"] = message.MediaGroupId;
        }

        var fileId = "file-" + message.MessageId.ToString(CultureInfo.InvariantCulture);
        if (kind == "photo")
        {
            json["photo"] = new JsonArray(new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = fileId, ["width"] = 1280, ["height"] = 720 });
        }
        else if (kind == "video")
        {
            json["video"] = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = fileId, ["width"] = 1280, ["height"] = 720, ["duration"] = 12 };
        }

        if (message.ReplyToMessageId is { } replyTo)
        {
            json["reply_to_message"] = new JsonObject { ["message_id"] = replyTo, ["date"] = Now.ToUnixTimeSeconds() - 60, ["chat"] = ChatJson(chat) };
        }

        return json;
    }

    private static JsonObject ChatJson(FakeChat chat)
    {
        var json = new JsonObject { ["id"] = chat.Id, ["type"] = chat.Type };
        if (chat.Title is not null)
        {
            json["title"] = chat.Title;
        }

        if (chat.Username is not null)
        {
            json["username"] = chat.Username;
        }

        if (chat.FirstName is not null)
        {
            json["first_name"] = chat.FirstName;
        }

        return json;
    }

    private static JsonObject BotUser() =>
        new() { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "ClinicBot", ["username"] = BotUsername };

    private static Answer Ok(JsonNode result) => new(200, new JsonObject { ["ok"] = true, ["result"] = result });

    private static Answer Fail(int code, string description, JsonObject? parameters = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null)
        {
            body["parameters"] = parameters;
        }

        return new Answer(code, body);
    }

    private static Task Error(HttpContext context, int code, string description, JsonObject? parameters = null) =>
        Write(context, Fail(code, description, parameters));

    private static async Task Write(HttpContext context, Answer answer)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body.ToJsonString());
    }

    private static async Task<BotCall> ReadCallAsync(HttpContext context, string token, string method)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<UploadedFile>();
        foreach (var (key, value) in context.Request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                parameters[key] = value.ToString();
            }

            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                files.Add(new UploadedFile(file.Name, file.FileName, buffer.ToArray()));
            }
        }
        else if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                parameters[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return new BotCall(method, token, parameters, files, context.Request.ContentType);
    }
}
