using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta.Tests;

public sealed class MetaWebhookTests
{
    [Fact]
    public void VerifyHandshake_WhenModeIsSubscribeAndTokenMatches_ReturnsTheChallenge()
    {
        Assert.Equal("1158201444", MetaWebhook.VerifyHandshake("subscribe", "meatyhamhock", "1158201444", "meatyhamhock"));
    }

    [Theory]
    [InlineData("subscribe", "wrong-token", "1158201444", "meatyhamhock")]
    [InlineData("subscribe", "meatyhamhoc", "1158201444", "meatyhamhock")]
    [InlineData("subscribe", null, "1158201444", "meatyhamhock")]
    [InlineData("unsubscribe", "meatyhamhock", "1158201444", "meatyhamhock")]
    [InlineData(null, "meatyhamhock", "1158201444", "meatyhamhock")]
    [InlineData("subscribe", "", "1158201444", "")]
    [InlineData("subscribe", "meatyhamhock", null, "meatyhamhock")]
    [InlineData("subscribe", "meatyhamhock", "<script>alert(1)</script>", "meatyhamhock")]
    public void VerifyHandshake_WhenModeTokenOrChallengeIsWrong_ReturnsNull(string? mode, string? token, string? challenge, string expected)
    {
        Assert.Null(MetaWebhook.VerifyHandshake(mode, token, challenge, expected));
    }

    [Fact]
    public void IsSignatureValid_WhenSignedOverTheRawEscapedBytes_ReturnsTrue()
    {
        var body = WebhookPayloads.MetaEncoded(WebhookPayloads.FacebookTopLevelComment());

        Assert.Contains("\\u00eb", Encoding.ASCII.GetString(body), StringComparison.Ordinal);
        Assert.True(MetaWebhook.IsSignatureValid(body, WebhookPayloads.Sign(body), WebhookPayloads.AppSecret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha1=0000000000000000000000000000000000000000")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public void IsSignatureValid_WhenHeaderIsMissingMalformedOrWrong_ReturnsFalse(string? header)
    {
        var body = WebhookPayloads.MetaEncoded(WebhookPayloads.InstagramComment);

        Assert.False(MetaWebhook.IsSignatureValid(body, header, WebhookPayloads.AppSecret));
    }

    [Fact]
    public void IsSignatureValid_WhenSignedWithAnotherSecret_ReturnsFalse()
    {
        var body = WebhookPayloads.MetaEncoded(WebhookPayloads.InstagramComment);

        Assert.False(MetaWebhook.IsSignatureValid(body, WebhookPayloads.Sign(body, "another-secret"), WebhookPayloads.AppSecret));
    }

    [Fact]
    public void IsSignatureValid_WhenBodyWasReserialised_ReturnsFalse()
    {
        var body = WebhookPayloads.MetaEncoded(WebhookPayloads.FacebookTopLevelComment());
        var signature = WebhookPayloads.Sign(body);
        var reserialised = Encoding.UTF8.GetBytes(JsonNode.Parse(body)!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        Assert.False(MetaWebhook.IsSignatureValid(reserialised, signature, WebhookPayloads.AppSecret));
        Assert.True(MetaWebhook.IsSignatureValid(body, signature, WebhookPayloads.AppSecret));
    }

    [Fact]
    public void IsSignatureValid_WhenAppSecretIsNotConfigured_ReturnsFalse()
    {
        var body = WebhookPayloads.MetaEncoded(WebhookPayloads.InstagramComment);

        Assert.False(MetaWebhook.IsSignatureValid(body, WebhookPayloads.Sign(body, ""), ""));
    }

    [Fact]
    public void Split_FacebookFeedDelivery_ReturnsOneEnvelopePerEntryKeyedByPageAndEntryHash()
    {
        var body = WebhookPayloads.MetaEncoded(WebhookPayloads.FacebookFeedComment);

        var envelope = Assert.Single(MetaWebhook.Split(body));

        Assert.Equal("448242228374517", envelope.AccountId);
        var entryText = JsonDocument.Parse(body).RootElement.GetProperty("entry")[0].GetRawText();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entryText))), envelope.DedupeKey);
        using var payload = JsonDocument.Parse(envelope.Payload);
        Assert.Equal("page", payload.RootElement.GetProperty("object").GetString());
        Assert.Equal(entryText, payload.RootElement.GetProperty("entry").GetRawText());
        Assert.Equal(Platform.Facebook, MetaWebhook.PlatformOf(envelope));
    }

    [Fact]
    public void Split_InstagramDelivery_ReturnsEnvelopeForTheInstagramAccount()
    {
        var envelope = Assert.Single(MetaWebhook.Split(WebhookPayloads.MetaEncoded(WebhookPayloads.InstagramComment)));

        Assert.Equal("17841405309211844", envelope.AccountId);
        Assert.Equal(64, envelope.DedupeKey.Length);
        Assert.Equal(Platform.Instagram, MetaWebhook.PlatformOf(envelope));
    }

    [Fact]
    public void Split_WhenTheSameEntryIsDeliveredAgain_GivesTheSameDedupeKey()
    {
        var entry = JsonDocument.Parse(WebhookPayloads.FacebookFeedComment).RootElement.GetProperty("entry")[0].GetRawText();
        var other = entry.Replace("meow 2", "meow 3", StringComparison.Ordinal);
        var batch = Encoding.UTF8.GetBytes($$"""{"object":"page","entry":[{{entry}},{{other}},{{entry}}]}""");

        var first = MetaWebhook.Split(batch);
        var redelivery = MetaWebhook.Split(WebhookPayloads.MetaEncoded(WebhookPayloads.FacebookFeedComment));

        Assert.Equal(3, first.Count);
        Assert.Equal(first[0].DedupeKey, first[2].DedupeKey);
        Assert.NotEqual(first[0].DedupeKey, first[1].DedupeKey);
        Assert.Equal(first[0].DedupeKey, Assert.Single(redelivery).DedupeKey);
    }

    [Fact]
    public void Split_WhenEntryListIsEmpty_ReturnsNoEnvelopes()
    {
        Assert.Empty(MetaWebhook.Split("""{"object":"page","entry":[]}"""u8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"entry":[{"id":"1"}]}""")]
    [InlineData("""{"object":"page"}""")]
    [InlineData("""{"object":"page","entry":{"id":"1"}}""")]
    [InlineData("""{"object":"page","entry":[{"time":1}]}""")]
    [InlineData("""{"object":"page","entry":[{"id":"1"}]} trailing""")]
    public void Split_WhenBodyIsMalformedOrLacksObjectOrEntry_ThrowsWebhookFormatException(string body)
    {
        Assert.Throws<WebhookFormatException>(() => MetaWebhook.Split(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("page", Platform.Facebook)]
    [InlineData("instagram", Platform.Instagram)]
    [InlineData("user", null)]
    public void PlatformOf_MapsTheWebhookObjectToItsPlatform(string value, Platform? expected)
    {
        Assert.Equal(expected, MetaWebhook.PlatformOf(value));
    }
}
