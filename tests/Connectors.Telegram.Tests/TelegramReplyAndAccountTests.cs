using System.Net;
using System.Net.Sockets;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Telegram.Tests;

/// <summary>Replies, metrics, token checks and what the connector declares it cannot do.</summary>
public sealed class TelegramReplyAndAccountTests
{
    private static InboundItem Comment(int messageId) =>
        new($"{FakeTelegramServer.DiscussionGroupId}:{messageId}", InboundKind.Comment, "Do I need an appointment?", "Anna", "5234000111",
            new DateTime(2026, 3, 20, 8, 0, 0, DateTimeKind.Utc), RemotePostId: "-1001234567890:42");

    private static InboundItem DirectMessage(int messageId) =>
        new($"{FakeTelegramServer.PatientChatId}:{messageId}", InboundKind.DirectMessage, "Can I bring my child?", "Anna", "5234000111",
            new DateTime(2026, 3, 20, 8, 0, 0, DateTimeKind.Utc), ConversationId: "5234000111");

    [Fact]
    public async Task Reply_ToACommentInTheDiscussionGroup_AnswersThereAsAReplyToTheComment()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var commentId = bed.Fake.Seed(FakeTelegramServer.DiscussionGroupId, "Do I need an appointment?");

        var reply = await bed.Connector.ReplyAsync(new ReplyRequest(TelegramTestBed.Access(), Comment(commentId), "No, walk-ins are welcome 🙂", "r-1"), CancellationToken.None);

        var call = bed.Fake.LastCall("sendMessage");
        Assert.Equal("-1009876543210", call["chat_id"]);
        Assert.Equal("No, walk-ins are welcome 🙂", call["text"]);
        Assert.Equal(commentId, call.Json("reply_parameters")["message_id"]!.GetValue<int>());
        var sent = bed.Fake.MessagesIn(FakeTelegramServer.DiscussionGroupId).Last();
        Assert.Equal($"-1009876543210:{sent.MessageId}", reply.RemoteId);
        Assert.Equal(commentId, sent.ReplyToMessageId);
        Assert.Equal(bed.Fake.Now.UtcDateTime, reply.CreatedAtUtc);
        Assert.Empty(bed.Fake.MessagesIn(FakeTelegramServer.ChannelId));
    }

    [Fact]
    public async Task Reply_ToADirectMessage_AnswersInThePersonsPrivateChat()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var messageId = bed.Fake.Seed(FakeTelegramServer.PatientChatId, "Can I bring my child?");

        var reply = await bed.Connector.ReplyAsync(new ReplyRequest(TelegramTestBed.Access(), DirectMessage(messageId), "Yes, children are welcome.", "r-2"), CancellationToken.None);

        Assert.Equal("5234000111", bed.Fake.LastCall("sendMessage")["chat_id"]);
        Assert.StartsWith("5234000111:", reply.RemoteId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_WhenThePersonBlockedTheBot_ThrowsRejectedAndLeavesTheChannelConnected()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var messageId = bed.Fake.Seed(FakeTelegramServer.PatientChatId, "Can I bring my child?");
        bed.Fake.Chat(FakeTelegramServer.PatientChatId).BlockedBot = true;

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ReplyAsync(new ReplyRequest(TelegramTestBed.Access(), DirectMessage(messageId), "Yes.", "r-3"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("blocked the bot", ex.UserMessage, StringComparison.Ordinal);
        Assert.Equal("403", ex.PlatformCode);
    }

    [Fact]
    public async Task Reply_WhenTheBotIsNotInTheDiscussionGroup_ThrowsRejectedSayingToAddIt()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var commentId = bed.Fake.Seed(FakeTelegramServer.DiscussionGroupId, "Do I need an appointment?");
        bed.Fake.Chat(FakeTelegramServer.DiscussionGroupId).BotStatus = "left";

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ReplyAsync(new ReplyRequest(TelegramTestBed.Access(), Comment(commentId), "No.", "r-4"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("not a member", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_WhenTheCommentWasDeleted_ThrowsRejected()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ReplyAsync(new ReplyRequest(TelegramTestBed.Access(), Comment(999), "No.", "r-5"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("no longer exists", ex.UserMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sbc_12345")]
    [InlineData("-1009876543210")]
    [InlineData("-1009876543210:x")]
    public async Task Reply_ToAnItemWithoutATelegramId_ThrowsRejectedWithoutCallingTelegram(string remoteId)
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var item = Comment(1) with { RemoteId = remoteId };

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ReplyAsync(new ReplyRequest(TelegramTestBed.Access(), item, "No.", "r-6"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Empty(bed.Fake.Calls);
    }

    [Fact]
    public async Task Reply_WhenTelegramAsksToRetryAfter_ThrowsRetryLaterWithThatWait()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var commentId = bed.Fake.Seed(FakeTelegramServer.DiscussionGroupId, "Do I need an appointment?");
        bed.Fake.RetryAfterSeconds = 7;
        bed.Fake.EnqueueFault(Fault.RateLimited);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ReplyAsync(new ReplyRequest(TelegramTestBed.Access(), Comment(commentId), "No.", "r-7"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.RetryLater, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }

    [Fact]
    public async Task Reply_WhenTheAnswerIsLost_ThrowsUnknown()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var commentId = bed.Fake.Seed(FakeTelegramServer.DiscussionGroupId, "Do I need an appointment?");
        bed.Fake.EnqueueFault(Fault.TimeoutAfterProcessing);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => bed.TimingOutAsync(() =>
            bed.Connector.ReplyAsync(new ReplyRequest(TelegramTestBed.Access(), Comment(commentId), "No.", "r-8"), CancellationToken.None)));

        Assert.Equal(ConnectorErrorKind.Unknown, ex.Kind);
    }

    [Fact]
    public async Task Reply_WhenTelegramHasAServerError_ThrowsUnknownBecauseTheAnswerMayExist()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var commentId = bed.Fake.Seed(FakeTelegramServer.DiscussionGroupId, "Do I need an appointment?");
        bed.Fake.EnqueueFault(Fault.ServerError);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ReplyAsync(new ReplyRequest(TelegramTestBed.Access(), Comment(commentId), "No.", "r-9"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Unknown, ex.Kind);
    }

    [Fact]
    public async Task GetAccountMetrics_ReportsTheChannelsMemberCountAsFollowers()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var metrics = await bed.Connector.GetAccountMetricsAsync(TelegramTestBed.Access(), CancellationToken.None);

        Assert.Equal(1532, metrics.Values[MetricNames.Followers]);
        Assert.Single(metrics.Values);
        Assert.Empty(metrics.Problems);
        Assert.Equal(bed.Harness.Clock.GetUtcNow().UtcDateTime, metrics.AtUtc);
        Assert.Equal("-1001234567890", bed.Fake.LastCall("getChatMemberCount")["chat_id"]);
    }

    [Fact]
    public async Task GetAccountMetrics_WhenTheBotWasKicked_ThrowsNeedsReconnect()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.EnqueueFault(Fault.PermissionDenied);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => bed.Connector.GetAccountMetricsAsync(TelegramTestBed.Access(), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NeedsReconnect, ex.Kind);
    }

    [Fact]
    public async Task GetAccountMetrics_WhenTelegramHasAServerError_ThrowsRetryLater()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.EnqueueFault(Fault.ServerError);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => bed.Connector.GetAccountMetricsAsync(TelegramTestBed.Access(), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.RetryLater, ex.Kind);
    }

    [Fact]
    public async Task CheckToken_WhenTheBotTokenWorks_IsValidWithoutExpiry()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var check = await bed.Connector.CheckTokenAsync(TelegramTestBed.Access(), TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Equal(new TokenCheck.Valid(null), check);
        Assert.Equal(["getme"], bed.Fake.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task CheckToken_WhenTheTokenWasRevoked_IsInvalidPointingToBotFather()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var check = await bed.Connector.CheckTokenAsync(TelegramTestBed.Access(token: FakeTelegramServer.RevokedToken), TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Contains("@BotFather", Assert.IsType<TokenCheck.Invalid>(check).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckToken_WhenTheStoredTokenIsMalformed_IsInvalid()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var check = await bed.Connector.CheckTokenAsync(TelegramTestBed.Access(token: "garbage"), TimeSpan.FromDays(7), CancellationToken.None);

        Assert.IsType<TokenCheck.Invalid>(check);
    }

    [Theory]
    [InlineData(Fault.ServerError)]
    [InlineData(Fault.RateLimited)]
    public async Task CheckToken_WhenTelegramCannotBeAskedNow_IsUnreachable(Fault fault)
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.EnqueueFault(fault);

        var check = await bed.Connector.CheckTokenAsync(TelegramTestBed.Access(), TimeSpan.FromDays(7), CancellationToken.None);

        Assert.IsType<TokenCheck.Unreachable>(check);
    }

    [Fact]
    public async Task CheckToken_WhenTelegramDoesNotAnswerInTime_IsUnreachable()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.EnqueueFault(Fault.TimeoutBeforeProcessing);

        var check = await bed.TimingOutAsync(() => bed.Connector.CheckTokenAsync(TelegramTestBed.Access(), TimeSpan.FromDays(7), CancellationToken.None));

        Assert.IsType<TokenCheck.Unreachable>(check);
    }

    [Fact]
    public async Task CheckToken_WhenTheConnectionIsRefused_IsUnreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var bed = TelegramTestBed.On(new FakeTelegramServer(), new Uri($"http://127.0.0.1:{port}/"));

        var check = await bed.Connector.CheckTokenAsync(TelegramTestBed.Access(), TimeSpan.FromDays(7), CancellationToken.None);

        Assert.IsType<TokenCheck.Unreachable>(check);
    }

    [Fact]
    public async Task Features_OfferPublishingRepliesFollowersAndWebhooksButNotPostMetricsHidingOrPolling()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var features = bed.Connector.Features;

        Assert.Equal(Platform.Telegram, bed.Connector.Platform);
        Assert.Equal(ConnectMethod.Token, bed.Connector.ConnectMethod);
        Assert.True(features.HasFlag(ConnectorFeatures.Text | ConnectorFeatures.Image | ConnectorFeatures.Video | ConnectorFeatures.Reply
                                     | ConnectorFeatures.DirectMessages | ConnectorFeatures.AccountMetrics | ConnectorFeatures.Webhooks));
        Assert.False(features.HasFlag(ConnectorFeatures.PostMetrics));
        Assert.False(features.HasFlag(ConnectorFeatures.Hide));
        Assert.False(features.HasFlag(ConnectorFeatures.ReadComments));
    }

    [Fact]
    public async Task UnsupportedOperations_ThrowNotSupportedWithoutCallingTelegram()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var access = TelegramTestBed.Access();
        var connector = bed.Connector;

        var failures = new[]
        {
            await Assert.ThrowsAsync<ConnectorException>(() => connector.GetPostMetricsAsync(access, "-1001234567890:42", CancellationToken.None)),
            await Assert.ThrowsAsync<ConnectorException>(() => connector.SetHiddenAsync(access, Comment(1), true, CancellationToken.None)),
            await Assert.ThrowsAsync<ConnectorException>(() => connector.ReadInboundAsync(access, new InboundQuery(["-1001234567890:42"], null), CancellationToken.None)),
            await Assert.ThrowsAsync<ConnectorException>(() => connector.FindAsync(new FindRequest(access, "k", "text", DateTime.UtcNow), CancellationToken.None)),
            await Assert.ThrowsAsync<ConnectorException>(() => connector.CompleteOAuthAsync(new OAuthCallback("c", "v", new Uri("https://x.example/")), CancellationToken.None)),
            Assert.Throws<ConnectorException>(() => connector.BuildAuthorizeUrl(new OAuthStart("s", "c", new Uri("https://x.example/")))),
        };

        Assert.All(failures, f => Assert.Equal(ConnectorErrorKind.NotSupported, f.Kind));
        Assert.Contains("never deletes", failures[1].UserMessage, StringComparison.Ordinal);
        Assert.Empty(bed.Fake.Calls);
    }
}
