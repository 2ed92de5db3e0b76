using System.Text;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta.Tests;

public sealed class WebhookParsingTests : MetaTestBase
{
    private static string PayloadOf(string json) => Assert.Single(MetaWebhook.Split(WebhookPayloads.MetaEncoded(json))).Payload;

    [Fact]
    public void Facebook_ParseWebhookEvent_CapturedReplyByThePage_IsAReplyFromOwnAccount()
    {
        var items = Facebook.ParseWebhookEvent(PayloadOf(WebhookPayloads.FacebookFeedComment));

        var item = Assert.Single(items);
        Assert.Equal(
            new InboundItem(
                "122131676912594941_1213590066982748",
                InboundKind.Reply,
                "meow 2",
                "SuperTester",
                "448242228374517",
                DateTimeOffset.FromUnixTimeSeconds(1742667604).UtcDateTime,
                "448242228374517_122131676912594941",
                "122131676912594941_542072878449250",
                FromOwnAccount: true),
            item);
    }

    [Fact]
    public void Facebook_ParseWebhookEvent_TopLevelVisitorComment_KeepsOddUnicodeTextExactly()
    {
        var item = Assert.Single(Facebook.ParseWebhookEvent(PayloadOf(WebhookPayloads.FacebookTopLevelComment())));

        Assert.Equal(InboundKind.Comment, item.Kind);
        Assert.Null(item.RemoteParentId);
        Assert.False(item.FromOwnAccount);
        Assert.Equal("Zoë Ångström", item.AuthorName);
        Assert.Equal(WebhookPayloads.OddText, item.Text);
        Assert.Equal(Encoding.UTF8.GetBytes(WebhookPayloads.OddText), Encoding.UTF8.GetBytes(item.Text));
    }

    [Fact]
    public void Facebook_ParseWebhookEvent_EditedComment_IsReturnedWithTheNewText()
    {
        var item = Assert.Single(Facebook.ParseWebhookEvent(PayloadOf(WebhookPayloads.FacebookTopLevelComment("fixed typo", verb: "edited"))));

        Assert.Equal("fixed typo", item.Text);
        Assert.Equal("122131676912594941_777", item.RemoteId);
    }

    [Theory]
    [InlineData("remove", "comment", "feed")]
    [InlineData("hide", "comment", "feed")]
    [InlineData("add", "reaction", "feed")]
    [InlineData("add", "status", "feed")]
    [InlineData("add", "comment", "mention")]
    public void Facebook_ParseWebhookEvent_UnhandledVerbItemOrField_ReturnsNoItems(string verb, string item, string field)
    {
        Assert.Empty(Facebook.ParseWebhookEvent(PayloadOf(WebhookPayloads.FacebookTopLevelComment("x", verb, item, field))));
    }

    [Fact]
    public void Facebook_ParseWebhookEvent_InstagramPayload_ReturnsNoItems()
    {
        Assert.Empty(Facebook.ParseWebhookEvent(PayloadOf(WebhookPayloads.InstagramComment)));
    }

    [Fact]
    public void Facebook_ParseWebhookEvent_WhenPayloadIsNotJson_ThrowsWebhookFormatException()
    {
        Assert.Throws<WebhookFormatException>(() => Facebook.ParseWebhookEvent("{not json"));
    }

    [Fact]
    public void Instagram_ParseWebhookEvent_DocumentedComment_IsACommentOnTheMedia()
    {
        var item = Assert.Single(Instagram.ParseWebhookEvent(PayloadOf(WebhookPayloads.InstagramComment)));

        Assert.Equal(
            new InboundItem(
                "17865799348089039",
                InboundKind.Comment,
                "When does the clinic open?",
                "patient_jane",
                "1234567890",
                DateTimeOffset.FromUnixTimeSeconds(1700000000).UtcDateTime,
                "17887498072083520"),
            item);
    }

    [Fact]
    public void Instagram_ParseWebhookEvent_ReplyByOwnAccountWithoutChangesWrapper_IsAnOwnReplyWithExactText()
    {
        var json = """
            {"object":"instagram","entry":[{"id":"17841405309211844","time":1700000100,"field":"comments","value":{
              "id":"17865799348089040","parent_id":"17865799348089039","text":TEXT,
              "from":{"id":"17841405309211844","username":"riverside.clinic"},"media":{"id":"17887498072083520","media_product_type":"FEED"}}}]}
            """.Replace("TEXT", WebhookPayloads.JsonString(WebhookPayloads.OddText), StringComparison.Ordinal);

        var item = Assert.Single(Instagram.ParseWebhookEvent(PayloadOf(json)));

        Assert.Equal(InboundKind.Reply, item.Kind);
        Assert.Equal("17865799348089039", item.RemoteParentId);
        Assert.True(item.FromOwnAccount);
        Assert.Equal(WebhookPayloads.OddText, item.Text);
    }

    [Fact]
    public void Instagram_ParseWebhookEvent_OtherFieldsAndPagePayloads_ReturnNoItems()
    {
        var mentions = WebhookPayloads.InstagramComment.Replace("\"comments\"", "\"mentions\"", StringComparison.Ordinal);

        Assert.Empty(Instagram.ParseWebhookEvent(PayloadOf(mentions)));
        Assert.Empty(Instagram.ParseWebhookEvent(PayloadOf(WebhookPayloads.FacebookFeedComment)));
    }
}
