using System.Text;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Vk.Tests;

public sealed class VkCallbackTests : VkTestBase
{
    /// <summary>The wall_reply_new delivery of platform-apis.md §7.5, verbatim.</summary>
    private const string WallReplyNew = """
        {
          "type": "wall_reply_new",
          "object": {
            "id": 12,
            "from_id": 123456,
            "post_id": 7,
            "owner_id": -456,
            "post_owner_id": -456,
            "parents_stack": [],
            "date": 1785571200,
            "text": "Во сколько открывается прививочный кабинет?",
            "thread": { "count": 0 }
          },
          "group_id": 456,
          "event_id": "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0",
          "v": "5.199",
          "secret": "callback-secret"
        }
        """;

    private static VkCallbackEvent Parse(string body) => VkCallback.Parse(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Parse_Confirmation_ReturnsTheTypeAndGroupWithoutEventId()
    {
        var e = Parse("""{"type":"confirmation","group_id":123456}""");

        Assert.Equal("confirmation", e.Type);
        Assert.True(e.IsConfirmation);
        Assert.Equal(123456, e.GroupId);
        Assert.Null(e.EventId);
        Assert.Null(e.Secret);
    }

    [Fact]
    public void Parse_ConfirmationWithSecret_CarriesTheSecretForChecking()
    {
        var e = Parse("""{"type":"confirmation","group_id":123456,"secret":"callback-secret"}""");

        Assert.True(VkCallback.IsSecretValid(e.Secret, "callback-secret"));
    }

    [Fact]
    public void Parse_WallReplyNew_ReturnsTheEnvelopeAndAPayloadWithoutTheSecret()
    {
        var e = Parse(WallReplyNew);

        Assert.Equal("wall_reply_new", e.Type);
        Assert.False(e.IsConfirmation);
        Assert.Equal(456, e.GroupId);
        Assert.Equal("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0", e.EventId);
        Assert.Equal("callback-secret", e.Secret);
        Assert.DoesNotContain("callback-secret", e.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("callback-secret", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("прививочный", e.ToString(), StringComparison.Ordinal);
        Assert.Contains("Во сколько открывается прививочный кабинет?", e.Payload, StringComparison.Ordinal);
        var envelope = e.ToEnvelope();
        Assert.Equal("456", envelope.AccountId);
        Assert.Equal(e.EventId, envelope.DedupeKey);
        Assert.Equal(e.Payload, envelope.Payload);
    }

    [Fact]
    public void Parse_TheSameEventDeliveredTwice_GivesTheSameDedupeKey()
    {
        var first = Parse(WallReplyNew);
        var retry = Parse(WallReplyNew.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(first.EventId, retry.EventId);
        Assert.Equal(first.ToEnvelope().DedupeKey, retry.ToEnvelope().DedupeKey);
    }

    [Fact]
    public void Parse_WithoutEventId_DedupesOnThePayload()
    {
        var a = Parse("""{"type":"wall_reply_new","group_id":456,"object":{"id":1,"text":"a"}}""");
        var b = Parse("""{"type":"wall_reply_new","group_id":456,"object":{"id":1,"text":"a"}}""");
        var c = Parse("""{"type":"wall_reply_new","group_id":456,"object":{"id":2,"text":"a"}}""");

        Assert.StartsWith("sha256:", a.DedupeKey, StringComparison.Ordinal);
        Assert.Equal(a.DedupeKey, b.DedupeKey);
        Assert.NotEqual(a.DedupeKey, c.DedupeKey);
    }

    [Theory]
    [InlineData("callback-secret", "callback-secret", true)]
    [InlineData("callback-secreT", "callback-secret", false)]
    [InlineData("callback-secret-and-more", "callback-secret", false)]
    [InlineData("", "callback-secret", false)]
    [InlineData(null, "callback-secret", false)]
    [InlineData("", "", false)]
    [InlineData(null, "", false)]
    public void IsSecretValid_AcceptsOnlyTheConfiguredSecret(string? received, string expected, bool valid) =>
        Assert.Equal(valid, VkCallback.IsSecretValid(received, expected));

    [Fact]
    public void Parse_WithAWrongSecret_ParsesButDoesNotAuthenticate()
    {
        var e = Parse(WallReplyNew.Replace("\"callback-secret\"", "\"guessed\"", StringComparison.Ordinal));

        Assert.False(VkCallback.IsSecretValid(e.Secret, "callback-secret"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"ok\"")]
    [InlineData("""{"group_id":456}""")]
    [InlineData("""{"type":"","group_id":456}""")]
    [InlineData("""{"type":"wall_reply_new"}""")]
    [InlineData("""{"type":"wall_reply_new","group_id":"abc"}""")]
    [InlineData("""{"type":42,"group_id":456}""")]
    public void Parse_WhenTheBodyIsNotACallback_ThrowsWebhookFormatException(string body) =>
        Assert.Throws<WebhookFormatException>(() => Parse(body));

    [Fact]
    public void ParseWebhookEvent_WallReplyNew_ReturnsTheCommentExactly()
    {
        var item = Assert.Single(Connector.ParseWebhookEvent(Parse(WallReplyNew).Payload));

        Assert.Equal("12", item.RemoteId);
        Assert.Equal(InboundKind.Comment, item.Kind);
        Assert.Equal("Во сколько открывается прививочный кабинет?", item.Text);
        Assert.Equal("123456", item.AuthorId);
        Assert.Equal("id123456", item.AuthorName);
        Assert.Equal("7", item.RemotePostId);
        Assert.Null(item.RemoteParentId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1785571200).UtcDateTime, item.CreatedAtUtc);
        Assert.False(item.FromOwnAccount);
    }

    [Fact]
    public void ParseWebhookEvent_ReplyInAThread_ReturnsAReplyUnderTheThreadRoot()
    {
        var body = """
            {"type":"wall_reply_new","object":{"id":15,"from_id":-456,"post_id":7,"owner_id":-456,"parents_stack":[12],
             "reply_to_user":123456,"reply_to_comment":12,"date":1785574800,"text":"С 8:00 🙂"},
             "group_id":456,"event_id":"e2","v":"5.199"}
            """;

        var item = Assert.Single(Connector.ParseWebhookEvent(Parse(body).Payload));

        Assert.Equal(InboundKind.Reply, item.Kind);
        Assert.Equal("12", item.RemoteParentId);
        Assert.True(item.FromOwnAccount);
        Assert.Equal("club456", item.AuthorName);
    }

    [Fact]
    public void ParseWebhookEvent_WallReplyEdit_ReturnsTheEditedText()
    {
        var edited = WallReplyNew.Replace("wall_reply_new", "wall_reply_edit", StringComparison.Ordinal)
            .Replace("кабинет?", "кабинет в субботу?", StringComparison.Ordinal);

        var item = Assert.Single(Connector.ParseWebhookEvent(Parse(edited).Payload));

        Assert.Equal("12", item.RemoteId);
        Assert.Equal("Во сколько открывается прививочный кабинет в субботу?", item.Text);
    }

    [Theory]
    [InlineData("message_new")]
    [InlineData("wall_post_new")]
    [InlineData("wall_reply_delete")]
    [InlineData("confirmation")]
    public void ParseWebhookEvent_OtherTypes_ReturnNothing(string type)
    {
        var payload = Parse($$$"""{"type":"{{{type}}}","group_id":456,"event_id":"x","object":{"id":1,"text":"Здравствуйте"}}""").Payload;

        Assert.Empty(Connector.ParseWebhookEvent(payload));
    }

    [Theory]
    [InlineData("Ёлки! Всё ясно 💉👩🏽‍⚕️")]
    [InlineData("Cafe\u0301 a\u0300\u0301\u0302 🇷🇺")]
    [InlineData("Line one\r\nline two\ttab  ")]
    public void ParseWebhookEvent_KeepsOddUnicodeExactly(string text)
    {
        var escaped = System.Text.Json.JsonSerializer.Serialize(text);
        var body = $$$"""{"type":"wall_reply_new","group_id":456,"event_id":"u","object":{"id":3,"from_id":1,"post_id":7,"date":1785571200,"text":{{{escaped}}}}}""";

        var item = Assert.Single(Connector.ParseWebhookEvent(Parse(body).Payload));

        Assert.Equal(text, item.Text);
    }

    [Fact]
    public void ParseWebhookEvent_RawUtf8AndEscapedSpellingsOfTheSameText_Agree()
    {
        var raw = Parse("""{"type":"wall_reply_new","group_id":456,"object":{"id":3,"from_id":1,"post_id":7,"date":1,"text":"ёж"}}""");
        var escaped = Parse("""{"type":"wall_reply_new","group_id":456,"object":{"id":3,"from_id":1,"post_id":7,"date":1,"text":"\u0451\u0436"}}""");

        Assert.Equal(Assert.Single(Connector.ParseWebhookEvent(raw.Payload)).Text, Assert.Single(Connector.ParseWebhookEvent(escaped.Payload)).Text);
    }

    [Fact]
    public void ParseWebhookEvent_WhenThePayloadIsNotJson_ThrowsWebhookFormatException() =>
        Assert.Throws<WebhookFormatException>(() => Connector.ParseWebhookEvent("{oops"));
}
