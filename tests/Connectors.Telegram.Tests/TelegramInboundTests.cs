using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Telegram.Tests;

/// <summary>ParseWebhookEvent: what a stored Telegram update means for the inbox.</summary>
public sealed class TelegramInboundTests : IAsyncLifetime
{
    private TelegramTestBed _bed = null!;

    private TelegramConnector Connector => _bed.Connector;

    public async Task InitializeAsync() => _bed = await TelegramTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public void ParseWebhookEvent_CommentOnAChannelPost_IsACommentOnThatPostInTheChannel()
    {
        var item = Assert.Single(Connector.ParseWebhookEvent(SampleUpdates.Comment));

        Assert.Equal(InboundKind.Comment, item.Kind);
        Assert.Equal("-1009876543210:1187", item.RemoteId);
        // The same id publishing returned for the post, so the comment lands on CareDialog's post.
        Assert.Equal("-1001234567890:42", item.RemotePostId);
        Assert.Null(item.RemoteParentId);
        Assert.Null(item.ConversationId);
        Assert.Equal("Do I need an appointment?", item.Text);
        Assert.Equal("Anna Petrova", item.AuthorName);
        Assert.Equal("5234000111", item.AuthorId);
        Assert.Equal(new DateTime(2026, 1, 1, 1, 0, 0, DateTimeKind.Utc), item.CreatedAtUtc);
        Assert.Equal(DateTimeKind.Utc, item.CreatedAtUtc.Kind);
        Assert.False(item.FromOwnAccount);
    }

    [Fact]
    public void ParseWebhookEvent_CommentWhoseForwardDoesNotNameTheChannelPost_BelongsToTheGroupThread()
    {
        var item = Assert.Single(Connector.ParseWebhookEvent(SampleUpdates.CommentAsDocumented));

        Assert.Equal(InboundKind.Comment, item.Kind);
        Assert.Equal("-1009876543210:1187", item.RemoteId);
        Assert.Equal("-1009876543210:1180", item.RemotePostId);
        Assert.Equal("Anna", item.AuthorName);
    }

    [Fact]
    public void ParseWebhookEvent_AnswerToACommentInTheThread_IsAReplyUnderThatComment()
    {
        var item = Assert.Single(Connector.ParseWebhookEvent(SampleUpdates.ReplyToComment));

        Assert.Equal(InboundKind.Reply, item.Kind);
        Assert.Equal("-1009876543210:1190", item.RemoteId);
        Assert.Equal("-1009876543210:1187", item.RemoteParentId);
        Assert.Equal("-1009876543210:1180", item.RemotePostId);
        Assert.Equal("Ben", item.AuthorName);
    }

    [Fact]
    public void ParseWebhookEvent_CommentWrittenInTheNameOfTheChannel_IsFromTheOwnAccount()
    {
        var item = Assert.Single(Connector.ParseWebhookEvent(SampleUpdates.CommentAsTheChannel));

        Assert.True(item.FromOwnAccount);
        Assert.Equal("Clinic News", item.AuthorName);
        Assert.Equal("-1001234567890", item.AuthorId);
        Assert.Equal("-1001234567890:42", item.RemotePostId);
    }

    [Fact]
    public void ParseWebhookEvent_AnonymousAdministratorOfTheGroup_IsFromTheOwnAccount()
    {
        var item = Assert.Single(Connector.ParseWebhookEvent(SampleUpdates.CommentByAnonymousGroupAdmin));

        Assert.Equal(InboundKind.Reply, item.Kind);
        Assert.True(item.FromOwnAccount);
        Assert.Equal("Clinic News Chat", item.AuthorName);
    }

    [Fact]
    public void ParseWebhookEvent_ReplyToTheBotsPostInADirectlyConnectedGroup_IsACommentOnThatPost()
    {
        var item = Assert.Single(Connector.ParseWebhookEvent(SampleUpdates.ReplyToBotPostInGroup));

        Assert.Equal(InboundKind.Comment, item.Kind);
        Assert.Equal("-1007770001111:310", item.RemoteId);
        Assert.Equal("-1007770001111:300", item.RemotePostId);
        Assert.False(item.FromOwnAccount);
    }

    [Fact]
    public void ParseWebhookEvent_DirectMessage_IsADirectMessageInThePersonsConversation()
    {
        var item = Assert.Single(Connector.ParseWebhookEvent(SampleUpdates.DirectMessage));

        Assert.Equal(InboundKind.DirectMessage, item.Kind);
        Assert.Equal("5234000111:7", item.RemoteId);
        Assert.Equal("5234000111", item.ConversationId);
        Assert.Null(item.RemotePostId);
        Assert.Equal("Can I bring my child to the flu clinic?", item.Text);
        Assert.Equal("Anna Petrova", item.AuthorName);
    }

    [Theory]
    [InlineData(SampleUpdates.DirectMessage, SampleUpdates.EditedDirectMessage, "Can I bring my two children to the flu clinic?")]
    [InlineData(SampleUpdates.Comment, SampleUpdates.EditedComment, "Do I need an appointment on Saturday?")]
    public void ParseWebhookEvent_AnEditedMessage_KeepsTheRemoteIdWithTheNewText(string original, string edited, string newText)
    {
        var before = Assert.Single(Connector.ParseWebhookEvent(original));

        var after = Assert.Single(Connector.ParseWebhookEvent(edited));

        Assert.Equal(before.RemoteId, after.RemoteId);
        Assert.Equal(before.Kind, after.Kind);
        Assert.Equal(before.RemotePostId, after.RemotePostId);
        Assert.Equal(newText, after.Text);
    }

    [Theory]
    [InlineData(SampleUpdates.ChannelPost)]
    [InlineData(SampleUpdates.EditedChannelPost)]
    [InlineData(SampleUpdates.AutomaticForward)]
    [InlineData(SampleUpdates.GroupChatter)]
    [InlineData(SampleUpdates.MemberJoined)]
    [InlineData(SampleUpdates.BotRemovedFromChannel)]
    [InlineData(SampleUpdates.CallbackQuery)]
    [InlineData(SampleUpdates.InlineQuery)]
    public void ParseWebhookEvent_AnUpdateThatIsNotACommentOrMessage_GivesNoItems(string update) =>
        Assert.Empty(Connector.ParseWebhookEvent(update));

    [Fact]
    public void ParseWebhookEvent_PhotoWithACaption_UsesTheCaptionAsText() =>
        Assert.Equal("Is this rash normal after the shot?", Assert.Single(Connector.ParseWebhookEvent(SampleUpdates.PhotoWithCaption)).Text);

    [Fact]
    public void ParseWebhookEvent_PhotoWithoutWords_NamesWhatWasSentSoTheItemIsNotBlank() =>
        Assert.Equal("[photo]", Assert.Single(Connector.ParseWebhookEvent(SampleUpdates.PhotoWithoutCaption)).Text);

    [Theory]
    [InlineData("😷💉 Flu shots? 👩‍⚕️👨‍👩‍👧")]
    [InlineData("مرحبا، هل أحتاج إلى موعد؟")]
    [InlineData("שלום, האם צריך תור?")]
    [InlineData("Ещё один вопрос: ёлка, Ёжик")]
    [InlineData("e\u0301 n\u0303 a\u0308\u0304 Z\u0335\u0321\u0317a\u0336lgo")]
    [InlineData("line one\r\nline two\n\ttabbed  ")]
    [InlineData("<script>alert('x')</script> & \"quotes\"")]
    [InlineData("\u200F\u202Ereversed\u202C zero\u200Bwidth")]
    public void ParseWebhookEvent_OddUnicodeText_IsKeptExactlyAsReceived(string text)
    {
        var item = Assert.Single(Connector.ParseWebhookEvent(SampleUpdates.DirectMessageWith(text)));

        Assert.Equal(text, item.Text, StringComparer.Ordinal);
    }

    [Fact]
    public void ParseWebhookEvent_RawUtf8TextInTheJson_IsKeptExactly()
    {
        const string text = "Ещё вопрос 😷 مرحبا e\u0301 👩‍⚕️";

        Assert.Equal(text, Assert.Single(Connector.ParseWebhookEvent(SampleUpdates.DirectMessageWithRaw(text))).Text, StringComparer.Ordinal);
    }

    [Fact]
    public void ParseWebhookEvent_EscapedUnicodeInTheJson_IsDecodedToTheSameText()
    {
        var update = SampleUpdates.DirectMessage.Replace("Can I bring my child to the flu clinic?", "\\u0415\\u0449\\u0451 \\ud83d\\ude37", StringComparison.Ordinal);

        Assert.Equal("Ещё 😷", Assert.Single(Connector.ParseWebhookEvent(update)).Text);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"update_id\": 1, \"message\": {\"message_id\": \"x\"}}")]
    public void ParseWebhookEvent_WhenThePayloadIsMalformed_ThrowsWebhookFormatException(string payload) =>
        Assert.Throws<WebhookFormatException>(() => Connector.ParseWebhookEvent(payload));
}
