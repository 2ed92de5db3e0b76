using System.Text;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Telegram.Tests;

public sealed class TelegramWebhookTests
{
    private const string Secret = "Zq3_Uv-9xKp2mN8rT4wY6aB1cD5eF7gH0jL_sQ-oI3u";

    [Fact]
    public void IsSecretValid_WhenTheHeaderCarriesTheSecret_IsTrue() =>
        Assert.True(TelegramWebhook.IsSecretValid(Secret, Secret));

    [Theory]
    [InlineData("Zq3_Uv-9xKp2mN8rT4wY6aB1cD5eF7gH0jL_sQ-oI3U")]
    [InlineData("Zq3_Uv-9xKp2mN8rT4wY6aB1cD5eF7gH0jL_sQ-oI3")]
    [InlineData("Zq3_Uv-9xKp2mN8rT4wY6aB1cD5eF7gH0jL_sQ-oI3uu")]
    [InlineData(" Zq3_Uv-9xKp2mN8rT4wY6aB1cD5eF7gH0jL_sQ-oI3u")]
    [InlineData("something-else")]
    public void IsSecretValid_WhenTheHeaderCarriesAnotherValue_IsFalse(string header) =>
        Assert.False(TelegramWebhook.IsSecretValid(header, Secret));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void IsSecretValid_WhenTheHeaderIsMissing_IsFalse(string? header) =>
        Assert.False(TelegramWebhook.IsSecretValid(header, Secret));

    [Fact]
    public void IsSecretValid_WhenNoSecretIsConfigured_RejectsEvenAnEmptyHeader()
    {
        Assert.False(TelegramWebhook.IsSecretValid("", ""));
        Assert.False(TelegramWebhook.IsSecretValid("anything", ""));
    }

    [Fact]
    public void NewSecret_UsesOnlyTheCharactersTelegramAllowsAndDiffersEachTime()
    {
        var secrets = Enumerable.Range(0, 20).Select(_ => TelegramWebhook.NewSecret()).ToList();

        Assert.All(secrets, s => Assert.Matches("^[A-Za-z0-9_-]{1,256}$", s));
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Theory]
    [InlineData(SampleUpdates.DirectMessage, "5234000111", "731559110")]
    [InlineData(SampleUpdates.EditedDirectMessage, "5234000111", "731559111")]
    [InlineData(SampleUpdates.ChannelPost, "-1001234567890", "731559101")]
    [InlineData(SampleUpdates.EditedChannelPost, "-1001234567890", "731559107")]
    [InlineData(SampleUpdates.CommentAsDocumented, "-1009876543210", "731559102")]
    [InlineData(SampleUpdates.EditedComment, "-1009876543210", "731559106")]
    [InlineData(SampleUpdates.BotRemovedFromChannel, "-1001234567890", "731559122")]
    [InlineData(SampleUpdates.CallbackQuery, "5234000111", "731559123")]
    [InlineData(SampleUpdates.InlineQuery, "", "731559124")]
    public void Parse_ARealFormatUpdate_GivesTheChatItHappenedInAndTheUpdateIdAsDedupeKey(string update, string accountId, string dedupeKey)
    {
        var envelope = TelegramWebhook.Parse(Encoding.UTF8.GetBytes(update));

        Assert.Equal(accountId, envelope.AccountId);
        Assert.Equal(dedupeKey, envelope.DedupeKey);
        Assert.Equal(update, envelope.Payload);
    }

    [Fact]
    public void Parse_TheSameUpdateDeliveredTwice_GivesTheSameDedupeKey()
    {
        var body = Encoding.UTF8.GetBytes(SampleUpdates.Comment);

        Assert.Equal(TelegramWebhook.Parse(body).DedupeKey, TelegramWebhook.Parse(body.ToArray()).DedupeKey);
    }

    [Fact]
    public void Parse_KeepsThePayloadByteForByteIncludingUnescapedUnicode()
    {
        var update = SampleUpdates.DirectMessageWithRaw("Ещё вопрос 😷 مرحبا e\u0301");

        var envelope = TelegramWebhook.Parse(Encoding.UTF8.GetBytes(update));

        Assert.Equal(update, envelope.Payload);
        Assert.Contains("Ещё вопрос 😷 مرحبا e\u0301", envelope.Payload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"update_id\": 1, \"message\": ")]
    [InlineData("[{\"update_id\": 1}]")]
    [InlineData("{\"message\": {\"message_id\": 1, \"date\": 1, \"chat\": {\"id\": 5, \"type\": \"private\"}}}")]
    [InlineData("{\"update_id\": \"731559102\"}")]
    [InlineData("{\"update_id\": 1.5}")]
    [InlineData("{\"update_id\": -3}")]
    [InlineData("{\"update_id\": null}")]
    public void Parse_WhenTheBodyIsNotATelegramUpdate_ThrowsWebhookFormatException(string body) =>
        Assert.Throws<WebhookFormatException>(() => TelegramWebhook.Parse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Parse_WhenTheBodyIsNotUtf8_ThrowsWebhookFormatException() =>
        Assert.Throws<WebhookFormatException>(() => TelegramWebhook.Parse([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]));
}
