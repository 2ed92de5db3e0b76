using System.Text.RegularExpressions;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Telegram.Tests;

public sealed partial class TelegramConnectTests
{
    private const string ChannelIdText = "-1001234567890";

    [Fact]
    public async Task ConnectWithToken_WhenTheBotAdministersThePublicChannel_ReturnsTheChannelWithTokenAndWebhookSecret()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var account = await bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.BotToken, "@clinicnews"), CancellationToken.None);

        Assert.Equal(ChannelIdText, account.AccountId);
        Assert.Equal("Clinic News", account.Name);
        Assert.Equal("@clinicnews", account.Handle);
        Assert.Equal(FakeTelegramServer.BotToken, account.Credentials.AccessToken);
        Assert.Equal(ChannelIdText, account.Credentials.AccountId);
        Assert.Matches(AllowedSecret(), account.Credentials.Extra[TelegramConnector.WebhookSecretKey]);
        Assert.Equal("-1009876543210", account.Credentials.Extra[TelegramConnector.DiscussionChatKey]);
        Assert.Null(account.Credentials.AccessTokenExpiresAtUtc);
        Assert.Equal(["getme", "getchat", "getchatmember"], bed.Fake.Calls.Select(c => c.Method));
        Assert.Equal("@clinicnews", bed.Fake.LastCall("getChat")["chat_id"]);
        Assert.Equal(ChannelIdText, bed.Fake.LastCall("getChatMember")["chat_id"]);
        Assert.Equal("7000000001", bed.Fake.LastCall("getChatMember")["user_id"]);
    }

    [Theory]
    [InlineData("clinicnews")]
    [InlineData("https://t.me/clinicnews")]
    [InlineData("t.me/clinicnews")]
    [InlineData(" -1001234567890 ")]
    public async Task ConnectWithToken_GivenTheChannelInAnyCommonForm_FindsTheSameChannel(string channel)
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var account = await bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.BotToken, channel), CancellationToken.None);

        Assert.Equal(ChannelIdText, account.AccountId);
    }

    [Fact]
    public async Task ConnectWithToken_WhenThePrivateChannelHasNoUsername_UsesItsTitleAsHandleAndHasNoDiscussionGroup()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var account = await bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.BotToken, "-1005550001111"), CancellationToken.None);

        Assert.Equal("-1005550001111", account.AccountId);
        Assert.Equal("Clinic Staff Updates", account.Handle);
        Assert.False(account.Credentials.Extra.ContainsKey(TelegramConnector.DiscussionChatKey));
    }

    [Fact]
    public async Task ConnectWithToken_Twice_GivesEachConnectionItsOwnWebhookSecret()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var connect = new TokenConnect(FakeTelegramServer.BotToken, "@clinicnews");

        var first = await bed.Connector.ConnectWithTokenAsync(connect, CancellationToken.None);
        var second = await bed.Connector.ConnectWithTokenAsync(connect, CancellationToken.None);

        Assert.NotEqual(first.Credentials.Extra[TelegramConnector.WebhookSecretKey], second.Credentials.Extra[TelegramConnector.WebhookSecretKey]);
    }

    [Theory]
    [InlineData("left", true, "is not a member")]
    [InlineData("kicked", true, "is not a member")]
    [InlineData("member", true, "is not an administrator")]
    [InlineData("administrator", false, "is an administrator without the \"Post messages\" right")]
    public async Task ConnectWithToken_WhenTheBotCannotPostInTheChannel_ThrowsRejectedSayingWhyAndHowToFixIt(string status, bool canPost, string why)
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.Chat(FakeTelegramServer.ChannelId).BotStatus = status;
        bed.Fake.Chat(FakeTelegramServer.ChannelId).BotCanPostMessages = canPost;

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.BotToken, "@clinicnews"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("@clinic_bot " + why, ex.UserMessage, StringComparison.Ordinal);
        Assert.Contains("Administrators", ex.UserMessage, StringComparison.Ordinal);
        Assert.Contains("Post messages", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectWithToken_WhenTheBotAdministersAGroup_AcceptsItWithoutAPostingRight()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var account = await bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.BotToken, "-1009876543210"), CancellationToken.None);

        Assert.Equal("-1009876543210", account.AccountId);
        Assert.Equal("Clinic News Chat", account.Handle);
    }

    [Fact]
    public async Task ConnectWithToken_WhenThePrivateChannelDoesNotIncludeTheBot_ThrowsRejectedAskingToAddTheBot()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.Chat(FakeTelegramServer.PrivateChannelId).BotStatus = "left";

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.BotToken, "-1005550001111"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("Add @clinic_bot to the channel as an administrator", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectWithToken_WhenTheChatDoesNotExist_ThrowsRejectedNamingTheChat()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.BotToken, "@nosuchclinic"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("@nosuchclinic", ex.UserMessage, StringComparison.Ordinal);
        Assert.Equal("400", ex.PlatformCode);
    }

    [Fact]
    public async Task ConnectWithToken_WhenTheChatIsAPersonsPrivateChat_ThrowsRejected()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.BotToken, "5234000111"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("private chat", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectWithToken_WhenTheTokenWasRevoked_ThrowsRejectedAskingForTheCurrentTokenFromBotFather()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.RevokedToken, "@clinicnews"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Equal("401", ex.PlatformCode);
        Assert.Contains("@BotFather", ex.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTelegramServer.RevokedToken, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(["getme"], bed.Fake.Calls.Select(c => c.Method));
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0")]
    [InlineData("")]
    public async Task ConnectWithToken_WhenTheTokenIsNotABotToken_ThrowsRejectedWithoutCallingTelegram(string token)
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ConnectWithTokenAsync(new TokenConnect(token, "@clinicnews"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("@BotFather", ex.UserMessage, StringComparison.Ordinal);
        Assert.Empty(bed.Fake.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("#clinic")]
    [InlineData("https://example.org/clinicnews")]
    public async Task ConnectWithToken_WhenTheChannelIsNotAChatIdOrUsername_ThrowsRejectedWithoutCallingTelegram(string channel)
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.BotToken, channel), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Empty(bed.Fake.Calls);
    }

    [Fact]
    public async Task ConnectWithToken_WhenTelegramAsksToRetryAfter_ThrowsRetryLaterWithThatWait()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        bed.Fake.EnqueueFault(Fault.RateLimited);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.BotToken, "@clinicnews"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.RetryLater, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(35), ex.RetryAfter);
    }

    [Fact]
    public async Task RegisterWebhook_SendsTheUrlTheStoredSecretAndOnlyMessageUpdates()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var url = new Uri("https://care.example.org/webhooks/telegram/5d1f7c1e-8a4b-4f3e-9f51-0c2b7a9d6e10");

        await bed.Connector.RegisterWebhookAsync(TelegramTestBed.Access(secret: "s3cret_-Value"), url, CancellationToken.None);

        var call = bed.Fake.LastCall("setWebhook");
        Assert.Equal(url.AbsoluteUri, call["url"]);
        Assert.Equal("s3cret_-Value", call["secret_token"]);
        Assert.Equal(["message", "edited_message"], call.Json("allowed_updates").AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("s3cret_-Value", bed.Fake.Webhook!.SecretToken);
    }

    [Fact]
    public async Task RegisterWebhook_AfterConnecting_RegistersTheSecretTheWebhookEndpointWillCheck()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var account = await bed.Connector.ConnectWithTokenAsync(new TokenConnect(FakeTelegramServer.BotToken, "@clinicnews"), CancellationToken.None);
        var access = ConnectorHarness.Access(Compliance.Platforms.Platform.Telegram, account.Credentials);

        await bed.Connector.RegisterWebhookAsync(access, new Uri("https://care.example.org/webhooks/telegram/x"), CancellationToken.None);

        Assert.True(TelegramWebhook.IsSecretValid(bed.Fake.Webhook!.SecretToken, account.Credentials.Extra[TelegramConnector.WebhookSecretKey]));
    }

    [Fact]
    public async Task RegisterWebhook_WhenNoSecretIsStored_ThrowsNeedsReconnectWithoutCallingTelegram()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.RegisterWebhookAsync(TelegramTestBed.Access(secret: null), new Uri("https://care.example.org/webhooks/telegram/x"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NeedsReconnect, ex.Kind);
        Assert.Empty(bed.Fake.Calls);
    }

    [Fact]
    public async Task RegisterWebhook_WhenTelegramRefusesTheUrl_ThrowsRejectedWithTelegramsReason()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            bed.Connector.RegisterWebhookAsync(TelegramTestBed.Access(), new Uri("http://care.example.org/webhooks/telegram/x"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("HTTPS URL must be provided", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookUrlFor_WithAPublicBaseUrl_IsTheTelegramWebhookPathOfTheChannel()
    {
        await using var bed = await TelegramTestBed.StartAsync(new Dictionary<string, string?> { ["PublicWebhookBaseUrl"] = "https://care.example.org/app" });
        var channelId = Guid.Parse("5d1f7c1e-8a4b-4f3e-9f51-0c2b7a9d6e10");

        var url = bed.Connector.WebhookUrlFor(channelId);

        Assert.Equal(new Uri("https://care.example.org/app/webhooks/telegram/5d1f7c1e-8a4b-4f3e-9f51-0c2b7a9d6e10"), url);
    }

    [Fact]
    public async Task WebhookUrlFor_WithoutAPublicBaseUrl_IsNull()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        Assert.Null(bed.Connector.WebhookUrlFor(Guid.NewGuid()));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex AllowedSecret();
}
