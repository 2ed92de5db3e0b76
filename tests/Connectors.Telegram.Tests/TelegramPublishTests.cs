using System.Net;
using System.Net.Sockets;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Telegram.Tests;

public sealed class TelegramPublishTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    private static readonly byte[] Mp4 = [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 4, 5, 6];

    [Fact]
    public async Task Publish_Text_SendsAPlainMessageToTheChannelAndReturnsItsPublicLink()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Flu clinic open Saturday *9-12*"), CancellationToken.None);

        var post = Assert.IsType<PublishOutcome.Published>(outcome).Post;
        Assert.Equal("-1001234567890:42", post.RemoteId);
        Assert.Equal("https://t.me/clinicnews/42", post.Url);
        Assert.Equal(bed.Fake.Now.UtcDateTime, post.CreatedAtUtc);
        var call = bed.Fake.LastCall("sendMessage");
        Assert.StartsWith("application/json", call.ContentType, StringComparison.Ordinal);
        Assert.Equal("-1001234567890", call["chat_id"]);
        Assert.Equal("Flu clinic open Saturday *9-12*", call["text"]);
        // Without a parse mode the asterisks stay literal instead of turning the text bold or failing to parse.
        Assert.False(call.Parameters.ContainsKey("parse_mode"));
    }

    [Fact]
    public async Task Publish_TextToAPrivateChannel_LinksWithTheMembersOnlyTMeCForm()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var request = TelegramTestBed.Post("Staff meeting moved to 3 pm") with { Access = TelegramTestBed.Access(chatId: FakeTelegramServer.PrivateChannelId) };

        var outcome = await bed.Connector.PublishAsync(request, CancellationToken.None);

        var post = Assert.IsType<PublishOutcome.Published>(outcome).Post;
        Assert.Equal("-1005550001111:42", post.RemoteId);
        Assert.Equal("https://t.me/c/5550001111/42", post.Url);
    }

    [Fact]
    public async Task Publish_TextWithEmojiRtlAndCombiningMarks_ArrivesExactlyAsWritten()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        const string text = "😷 Ещё прививки · لقاح الإنفلونزا · Cafe\u0301 👩‍⚕️";

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post(text), CancellationToken.None);

        Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal(text, bed.Fake.LastCall("sendMessage")["text"]);
    }

    [Fact]
    public async Task Publish_OnePhoto_UploadsItAsMultipartWithTheTextAsCaption()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var photo = bed.Media("flu-poster.png", "image/png", Png);

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Flu clinic open Saturday", photo), CancellationToken.None);

        var post = Assert.IsType<PublishOutcome.Published>(outcome).Post;
        Assert.Equal("-1001234567890:42", post.RemoteId);
        var call = bed.Fake.LastCall("sendPhoto");
        Assert.StartsWith("multipart/form-data", call.ContentType, StringComparison.Ordinal);
        Assert.Equal("-1001234567890", call["chat_id"]);
        Assert.Equal("Flu clinic open Saturday", call["caption"]);
        var file = Assert.Single(call.Files);
        Assert.Equal("attach://" + file.Field, call["photo"]);
        Assert.Equal("flu-poster.png", file.FileName);
        Assert.Equal(Png, file.Content);
    }

    [Fact]
    public async Task Publish_OnePhotoWithoutText_SendsNoCaption()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("", bed.Media("poster.png", "image/png", Png)), CancellationToken.None);

        Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.False(bed.Fake.LastCall("sendPhoto").Parameters.ContainsKey("caption"));
    }

    [Fact]
    public async Task Publish_OneVideo_UploadsItWithSendVideo()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("How a flu shot works", bed.Media("shot.mp4", "video/mp4", Mp4)), CancellationToken.None);

        Assert.IsType<PublishOutcome.Published>(outcome);
        var call = bed.Fake.LastCall("sendVideo");
        Assert.StartsWith("multipart/form-data", call.ContentType, StringComparison.Ordinal);
        Assert.Equal("How a flu shot works", call["caption"]);
        var file = Assert.Single(call.Files);
        Assert.Equal("attach://" + file.Field, call["video"]);
        Assert.Equal("shot.mp4", file.FileName);
        Assert.Equal(Mp4, file.Content);
        Assert.DoesNotContain(bed.Fake.Calls, c => c.Method == "sendphoto");
    }

    [Fact]
    public async Task Publish_SeveralMedia_SendsOneAlbumWithTheCaptionOnTheFirstItemOnly()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var request = TelegramTestBed.Post("Our new clinic",
            bed.Media("front.png", "image/png", Png), bed.Media("tour.mp4", "video/mp4", Mp4), bed.Media("front.png", "image/png", [9, 9]));

        var outcome = await bed.Connector.PublishAsync(request, CancellationToken.None);

        var post = Assert.IsType<PublishOutcome.Published>(outcome).Post;
        Assert.Equal("-1001234567890:42", post.RemoteId);
        Assert.Equal("https://t.me/clinicnews/42", post.Url);
        var call = bed.Fake.LastCall("sendMediaGroup");
        var media = call.Json("media").AsArray();
        Assert.Equal(["photo", "video", "photo"], media.Select(m => m!["type"]!.GetValue<string>()));
        Assert.Equal("Our new clinic", media[0]!["caption"]!.GetValue<string>());
        Assert.Null(media[1]!["caption"]);
        Assert.Null(media[2]!["caption"]);
        // Two attachments with the same file name must still be two distinct parts.
        Assert.Equal(3, call.Files.Select(f => f.Field).Distinct().Count());
        Assert.Equal([Png, Mp4, [9, 9]], media.Select(m => call.Files.Single(f => "attach://" + f.Field == m!["media"]!.GetValue<string>()).Content));
        Assert.Equal(3, bed.Fake.MessagesIn(FakeTelegramServer.ChannelId).Count);
    }

    [Fact]
    public async Task Publish_MoreThanTenMedia_IsRejectedWithoutCallingTelegram()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var media = Enumerable.Range(0, 11).Select(i => bed.Media($"p{i}.png", "image/png", Png)).ToArray();

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Album", media), CancellationToken.None);

        Assert.Contains("at most 10", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(bed.Fake.Calls);
    }

    [Fact]
    public async Task Publish_ADocumentAttachment_IsRejectedWithoutCallingTelegram()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Leaflet", bed.Media("leaflet.pdf", "application/pdf", [1])), CancellationToken.None);

        Assert.Contains("leaflet.pdf", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(bed.Fake.Calls);
    }

    [Fact]
    public async Task Publish_EmptyTextWithoutMedia_IsRejectedWithoutCallingTelegram()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("  "), CancellationToken.None);

        Assert.IsType<PublishOutcome.Rejected>(outcome);
        Assert.Empty(bed.Fake.Calls);
    }

    [Fact]
    public async Task Publish_WhenAnAttachmentIsMissingFromDisk_IsRejectedBeforeAnythingIsSent()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var gone = new PublishMedia("poster.png", "image/png", Path.Combine(Path.GetTempPath(), "caredialog-missing-" + Guid.NewGuid().ToString("N"), "poster.png"));

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Poster", bed.Media("a.png", "image/png", Png), gone), CancellationToken.None);

        Assert.Contains("missing", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(bed.Fake.Calls);
    }

    [Fact]
    public async Task Publish_WhenTelegramAsksToRetryAfter_ReturnsRetryLaterWithThatWaitAndDoesNotResendItself()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.RetryAfterSeconds = 35;
        bed.Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Flu clinic open Saturday"), CancellationToken.None);

        var retry = Assert.IsType<PublishOutcome.RetryLater>(outcome);
        Assert.Equal(TimeSpan.FromSeconds(35), retry.After);
        Assert.Single(bed.Fake.Calls);
        Assert.Empty(bed.Fake.MessagesIn(FakeTelegramServer.ChannelId));
    }

    [Fact]
    public async Task Publish_WhenTelegramAnswersUnauthorized_ReturnsNeedsReconnectPointingToBotFather()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.EnqueueFault(Fault.ExpiredToken);

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Flu clinic open Saturday"), CancellationToken.None);

        var reason = Assert.IsType<PublishOutcome.NeedsReconnect>(outcome).Reason;
        Assert.Contains("revoked", reason, StringComparison.Ordinal);
        Assert.Contains("@BotFather", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WithARevokedStoredToken_ReturnsNeedsReconnect()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var request = TelegramTestBed.Post("Flu clinic open Saturday") with { Access = TelegramTestBed.Access(token: FakeTelegramServer.RevokedToken) };

        var outcome = await bed.Connector.PublishAsync(request, CancellationToken.None);

        Assert.IsType<PublishOutcome.NeedsReconnect>(outcome);
    }

    [Fact]
    public async Task Publish_WhenTheBotWasKickedFromTheChannel_ReturnsNeedsReconnectSayingToAddItBack()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.EnqueueFault(Fault.PermissionDenied);

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Flu clinic open Saturday"), CancellationToken.None);

        var reason = Assert.IsType<PublishOutcome.NeedsReconnect>(outcome).Reason;
        Assert.Contains("removed from the Telegram chat", reason, StringComparison.Ordinal);
        Assert.Contains("administrator", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("left", true, "not a member")]
    [InlineData("administrator", false, "lost a right")]
    public async Task Publish_WhenTheBotCanNoLongerPostInTheChannel_ReturnsNeedsReconnect(string status, bool canPost, string reason)
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.Chat(FakeTelegramServer.ChannelId).BotStatus = status;
        bed.Fake.Chat(FakeTelegramServer.ChannelId).BotCanPostMessages = canPost;

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Flu clinic open Saturday"), CancellationToken.None);

        Assert.Contains(reason, Assert.IsType<PublishOutcome.NeedsReconnect>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenTheChatNoLongerExists_ReturnsRejectedWithTheReason()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var request = TelegramTestBed.Post("Flu clinic open Saturday") with { Access = TelegramTestBed.Access(chatId: -1009999999999) };

        var outcome = await bed.Connector.PublishAsync(request, CancellationToken.None);

        Assert.Contains("cannot find the chat", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenTheTextIsTooLongForAMessage_ReturnsRejectedWithTheLimit()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post(new string('a', 4097)), CancellationToken.None);

        var reason = Assert.IsType<PublishOutcome.Rejected>(outcome).Reason;
        Assert.Contains("4,096", reason, StringComparison.Ordinal);
        Assert.Contains("message is too long", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenTheCaptionIsTooLongForAPhoto_ReturnsRejectedWithTheLimit()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post(new string('a', 1025), bed.Media("p.png", "image/png", Png)), CancellationToken.None);

        var reason = Assert.IsType<PublishOutcome.Rejected>(outcome).Reason;
        Assert.Contains("1,024", reason, StringComparison.Ordinal);
        Assert.Empty(bed.Fake.MessagesIn(FakeTelegramServer.ChannelId));
    }

    [Fact]
    public async Task Publish_WhenTelegramRefusesTheFile_ReturnsRejectedWithTelegramsReason()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.RespondOnce(400, "Bad Request: wrong file identifier/HTTP URL specified");

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Poster", bed.Media("p.png", "image/png", Png)), CancellationToken.None);

        Assert.Contains("wrong file identifier", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenTheGroupWasUpgradedToASupergroup_ReturnsNeedsReconnectWithTheNewId()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.RespondOnce(400, "Bad Request: group chat was upgraded to a supergroup chat", new() { ["migrate_to_chat_id"] = -1001234500000 });

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Hello"), CancellationToken.None);

        Assert.Contains("-1001234500000", Assert.IsType<PublishOutcome.NeedsReconnect>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenTheAnswerIsLostAfterTelegramPosted_ReturnsUnknownAndFindCannotReconcile()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.EnqueueFault(Fault.TimeoutAfterProcessing);
        var request = TelegramTestBed.Post("Flu clinic open Saturday");

        var outcome = await bed.TimingOutAsync(() => bed.Connector.PublishAsync(request, CancellationToken.None));

        Assert.Contains("did not answer in time", Assert.IsType<PublishOutcome.Unknown>(outcome).Reason, StringComparison.Ordinal);
        Assert.Single(bed.Fake.MessagesIn(FakeTelegramServer.ChannelId));
        var find = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.FindAsync(new FindRequest(request.Access, request.IdempotencyKey, request.Text, bed.Harness.Clock.GetUtcNow().UtcDateTime), CancellationToken.None));
        Assert.Equal(ConnectorErrorKind.NotSupported, find.Kind);
        Assert.Contains("publish again only if the post is missing", find.UserMessage, StringComparison.Ordinal);
        Assert.Single(bed.Fake.Calls);
    }

    [Fact]
    public async Task Publish_WhenTelegramDoesNotAnswerInTime_ReturnsUnknown()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.EnqueueFault(Fault.TimeoutBeforeProcessing);

        var outcome = await bed.TimingOutAsync(() => bed.Connector.PublishAsync(TelegramTestBed.Post("Flu clinic open Saturday"), CancellationToken.None));

        Assert.Contains("did not answer in time", Assert.IsType<PublishOutcome.Unknown>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(bed.Fake.MessagesIn(FakeTelegramServer.ChannelId));
    }

    [Fact]
    public async Task Publish_WhenTelegramHasAServerError_ReturnsUnknownAndDoesNotResend()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.EnqueueFault(Fault.ServerError);

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Flu clinic open Saturday"), CancellationToken.None);

        Assert.Contains("may have been sent", Assert.IsType<PublishOutcome.Unknown>(outcome).Reason, StringComparison.Ordinal);
        Assert.Single(bed.Fake.Calls);
    }

    [Fact]
    public async Task Publish_WhenAProxyAnswersWithAnHtmlErrorPage_ReturnsUnknown()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.RespondOnceRaw(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Flu clinic open Saturday"), CancellationToken.None);

        Assert.Contains("HTTP 502", Assert.IsType<PublishOutcome.Unknown>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenTheConnectionIsRefused_ReturnsRetryLaterBecauseNothingWasSent()
    {
        var fake = new FakeTelegramServer();
        await using var bed = TelegramTestBed.On(fake, new Uri($"http://127.0.0.1:{ClosedPort()}/"));

        var outcome = await bed.Connector.PublishAsync(TelegramTestBed.Post("Flu clinic open Saturday"), CancellationToken.None);

        Assert.Contains("nothing was sent", Assert.IsType<PublishOutcome.RetryLater>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhetherItSucceedsOrFails_LogsNeitherTheTokenNorTheText()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        const string text = "Patient Jane Doe's results are ready";
        bed.Fake.EnqueueFault(Fault.PermissionDenied);
        bed.Fake.EnqueueFault(Fault.ServerError);

        await bed.Connector.PublishAsync(TelegramTestBed.Post(text), CancellationToken.None);
        await bed.Connector.PublishAsync(TelegramTestBed.Post(text), CancellationToken.None);
        await bed.Connector.PublishAsync(TelegramTestBed.Post(text), CancellationToken.None);

        Assert.NotEmpty(bed.Logs.Lines);
        Assert.DoesNotContain(bed.Logs.Lines, l => l.Contains(FakeTelegramServer.BotToken, StringComparison.Ordinal));
        Assert.DoesNotContain(bed.Logs.Lines, l => l.Contains("Jane Doe", StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
