using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Vk.Tests;

public sealed class VkPublishTests : VkTestBase
{
    private const string Text = "Прививочный кабинет работает с 8:00.\nЗапись: https://example.ru/zapis";

    [Fact]
    public async Task Publish_SendsWallPostAsTheCommunityWithTheIdempotencyKeyAsGuid()
    {
        var outcome = await Connector.PublishAsync(Publish(Text, "idem-42"), CancellationToken.None);

        var post = Assert.Single(Fake.Posts);
        var published = Assert.IsType<PublishOutcome.Published>(outcome).Post;
        Assert.Equal(post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), published.RemoteId);
        Assert.Equal($"https://vk.com/wall-{Group}_{post.Id}", published.Url);
        Assert.Equal(Now, published.CreatedAtUtc);

        var call = Assert.Single(Fake.Requests);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/method/wall.post", call.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", call.ContentType, StringComparison.Ordinal);
        Assert.False(call.Headers.ContainsKey("Authorization"));
        var form = Form(call);
        Assert.Equal(["owner_id", "from_group", "message", "guid", "access_token", "v"], form.Keys);
        Assert.Equal("-" + Group, form["owner_id"]);
        Assert.Equal("1", form["from_group"]);
        Assert.Equal(Text, form["message"]);
        Assert.Equal("idem-42", form["guid"]);
        Assert.Equal(Token, form["access_token"]);
        Assert.Equal("5.199", form["v"]);
    }

    [Fact]
    public async Task Publish_WithOddUnicode_KeepsTheTextExactly()
    {
        const string text = "Ёлки-палки, всё ясно! 💉👩🏽‍⚕️\nCafe\u0301 — a\u0300\u0301\u0302 🇷🇺 ё";

        var outcome = await Connector.PublishAsync(Publish(text), CancellationToken.None);

        Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal(text, Assert.Single(Fake.Posts).Text);
    }

    [Fact]
    public async Task Publish_WithAttachments_ReturnsRejectedWithoutCallingVk()
    {
        var request = new PublishRequest(Access, "k", Text, [new PublishMedia("poster.jpg", "image/jpeg", "/tmp/poster.jpg")]);

        var outcome = await Connector.PublishAsync(request, CancellationToken.None);

        Assert.Contains("not supported", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task Publish_WhenTooManyRequestsPerSecond_ReturnsRetryLaterAfterOneSecond()
    {
        Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await Connector.PublishAsync(Publish(Text), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(1), Assert.IsType<PublishOutcome.RetryLater>(outcome).After);
        Assert.Empty(Fake.Posts);
    }

    [Fact]
    public async Task Publish_WhenFloodControl_ReturnsRetryLaterForTheConfiguredWait()
    {
        Fake.RateLimitCode = 9;
        Fake.EnqueueFault(Fault.RateLimited);

        var outcome = await Connector.PublishAsync(Publish(Text), CancellationToken.None);

        var retry = Assert.IsType<PublishOutcome.RetryLater>(outcome);
        Assert.Equal(TimeSpan.FromMinutes(30), retry.After);
        Assert.Contains("flood control", retry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenVkAsksForACaptcha_ReturnsRetryLaterWithTheReason()
    {
        Fake.EnqueueVkError(14);

        var outcome = await Connector.PublishAsync(Publish(Text), CancellationToken.None);

        var retry = Assert.IsType<PublishOutcome.RetryLater>(outcome);
        Assert.Contains("captcha", retry.Reason, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(15), retry.After);
    }

    [Fact]
    public async Task Publish_WhenTokenExpired_ReturnsNeedsReconnect()
    {
        Fake.EnqueueFault(Fault.ExpiredToken);

        var outcome = await Connector.PublishAsync(Publish(Text), CancellationToken.None);

        Assert.Contains("error 5", Assert.IsType<PublishOutcome.NeedsReconnect>(outcome).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(27)]
    [InlineData(28)]
    public async Task Publish_WhenTokenIsOfTheWrongType_ReturnsNeedsReconnectSayingWhichTokenToUse(int code)
    {
        Fake.EnqueueVkError(code);

        var outcome = await Connector.PublishAsync(Publish(Text), CancellationToken.None);

        var reason = Assert.IsType<PublishOutcome.NeedsReconnect>(outcome).Reason;
        Assert.Contains($"error {code}", reason, StringComparison.Ordinal);
        Assert.Contains("community token", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(214)]
    [InlineData(220)]
    [InlineData(100)]
    public async Task Publish_WhenVkRefusesAccessOrParameters_ReturnsRejected(int code)
    {
        Fake.EnqueueVkError(code);

        var outcome = await Connector.PublishAsync(Publish(Text), CancellationToken.None);

        Assert.Contains($"error {code}", Assert.IsType<PublishOutcome.Rejected>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WhenPermissionDenied_ReturnsRejected()
    {
        Fake.EnqueueFault(Fault.PermissionDenied);

        var outcome = await Connector.PublishAsync(Publish(Text), CancellationToken.None);

        Assert.IsType<PublishOutcome.Rejected>(outcome);
    }

    [Theory]
    [InlineData(VkServerError.Http500)]
    [InlineData(VkServerError.InternalError10)]
    public async Task Publish_WhenVkFailsInternally_ReturnsUnknown(VkServerError kind)
    {
        Fake.ServerErrorAs = kind;
        Fake.EnqueueFault(Fault.ServerError);

        var outcome = await Connector.PublishAsync(Publish(Text), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        Assert.Single(Calls("wall.post"));
    }

    [Fact]
    public async Task Find_WhenTheSameTextWasPostedBeforeTheAttempt_ReturnsNull()
    {
        Fake.AddPost(Text, Now.AddHours(-1));

        Assert.Null(await Connector.FindAsync(new FindRequest(Access, "k", Text, Now), CancellationToken.None));
    }

    [Fact]
    public async Task Find_WhenVkNormalisedLineEndingsAndTrailingSpace_StillFindsThePost()
    {
        var post = Fake.AddPost(Text.Replace("\n", "\r\n", StringComparison.Ordinal) + "  ", Now.AddMinutes(-2));
        Fake.AddPost("Другой пост", Now);

        var found = await Connector.FindAsync(new FindRequest(Access, "k", Text, Now), CancellationToken.None);

        Assert.Equal(post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), found?.RemoteId);
    }
}
