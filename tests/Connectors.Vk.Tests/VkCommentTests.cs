using System.Globalization;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Vk.Tests;

public sealed class VkCommentTests : VkTestBase
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task ReadInbound_ReturnsCommentsAndThreadRepliesWithAuthorNamesAndWholeTexts()
    {
        Fake.AddUser(123456, "Анна", "Ёжикова");
        Fake.AddUser(654321, "Olli", "Virtanen");
        var post = Fake.AddPost("Прививки", Now.AddDays(-1));
        var longText = "Во сколько открывается прививочный кабинет в субботу и нужно ли брать с собой полис? " + new string('ё', 80);
        var question = Fake.AddComment(post.Id, 123456, longText, Now.AddHours(-3));
        var answer = Fake.AddComment(post.Id, -FakeVkServer.GroupId, "С 9:00, полис нужен.", Now.AddHours(-2), question);
        var followUp = Fake.AddComment(post.Id, 654321, "Kiitos! 🙏", Now.AddHours(-1), answer);

        var items = await Connector.ReadInboundAsync(Access, new InboundQuery([Id(post.Id)], null), CancellationToken.None);

        Assert.Equal([Id(question.Id), Id(answer.Id), Id(followUp.Id)], items.Select(i => i.RemoteId));
        var top = items[0];
        Assert.Equal(InboundKind.Comment, top.Kind);
        Assert.Equal(longText, top.Text);
        Assert.Equal("Анна Ёжикова", top.AuthorName);
        Assert.Equal("123456", top.AuthorId);
        Assert.Equal(Id(post.Id), top.RemotePostId);
        Assert.Equal(question.DateUtc, top.CreatedAtUtc);
        Assert.Null(top.RemoteParentId);
        Assert.Equal(InboundKind.Reply, items[1].Kind);
        Assert.True(items[1].FromOwnAccount);
        Assert.Equal(FakeVkServer.GroupName, items[1].AuthorName);
        Assert.Equal(Id(question.Id), items[2].RemoteParentId);
        Assert.Equal("Olli Virtanen", items[2].AuthorName);

        var form = Form(Assert.Single(Calls("wall.getComments")));
        Assert.Equal("-" + Group, form["owner_id"]);
        Assert.Equal(Id(post.Id), form["post_id"]);
        Assert.Equal("0", form["preview_length"]);
        Assert.Equal("1", form["extended"]);
        Assert.Equal("10", form["thread_items_count"]);
    }

    [Fact]
    public async Task ReadInbound_WhenAThreadHasMoreRepliesThanEmbedded_ReadsTheWholeThread()
    {
        var post = Fake.AddPost("Прививки", Now.AddDays(-1));
        var root = Fake.AddComment(post.Id, 1, "Вопрос", Now.AddHours(-20));
        for (var i = 0; i < 12; i++)
        {
            Fake.AddComment(post.Id, 2, $"Ответ {i}", Now.AddHours(-19 + i), root);
        }

        var items = await Connector.ReadInboundAsync(Access, new InboundQuery([Id(post.Id)], null), CancellationToken.None);

        Assert.Equal(13, items.Count);
        Assert.Equal(12, items.Count(i => i.Kind == InboundKind.Reply && i.RemoteParentId == Id(root.Id)));
        var calls = Calls("wall.getComments");
        Assert.Equal(2, calls.Count);
        Assert.Equal(Id(root.Id), Form(calls[1])["comment_id"]);
    }

    [Fact]
    public async Task ReadInbound_WithSinceAndNoPosts_ReadsTheRecentWallAndSkipsOlderComments()
    {
        var post = Fake.AddPost("Прививки", Now.AddDays(-2));
        Fake.AddComment(post.Id, 1, "Старый", Now.AddDays(-1));
        var recent = Fake.AddComment(post.Id, 2, "Новый", Now.AddMinutes(-5));

        var items = await Connector.ReadInboundAsync(Access, new InboundQuery([], Now.AddHours(-1)), CancellationToken.None);

        Assert.Equal(Id(recent.Id), Assert.Single(items).RemoteId);
        Assert.Single(Calls("wall.get"));
    }

    [Fact]
    public async Task ReadInbound_WhenOnePostIsGone_StillReadsTheOthers()
    {
        var post = Fake.AddPost("Прививки", Now.AddDays(-1));
        var comment = Fake.AddComment(post.Id, 1, "Спасибо", Now.AddHours(-1));

        var items = await Connector.ReadInboundAsync(Access, new InboundQuery(["99999", Id(post.Id)], null), CancellationToken.None);

        Assert.Equal(Id(comment.Id), Assert.Single(items).RemoteId);
    }

    [Fact]
    public async Task ReadInbound_WhenRateLimited_ThrowsRetryLater()
    {
        Fake.EnqueueFault(Fault.RateLimited);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.ReadInboundAsync(Access, new InboundQuery(["1"], null), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.RetryLater, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Equal("6", ex.PlatformCode);
    }

    [Fact]
    public async Task Reply_ToAComment_CreatesACommentAsTheCommunityReplyingToIt()
    {
        var post = Fake.AddPost("Прививки", Now.AddDays(-1));
        var question = Fake.AddComment(post.Id, 123456, "Во сколько?", Now.AddHours(-1));
        var to = new InboundItem(Id(question.Id), InboundKind.Comment, question.Text, "Анна", "123456", question.DateUtc, Id(post.Id));
        const string text = "С 9:00. Всё будет хорошо 🙂";

        var reply = await Connector.ReplyAsync(new ReplyRequest(Access, to, text, "reply-1"), CancellationToken.None);

        var stored = Fake.Comments.Single(c => Id(c.Id) == reply.RemoteId);
        Assert.Equal(text, stored.Text);
        Assert.Equal(-FakeVkServer.GroupId, stored.FromId);
        Assert.Equal(question.Id, stored.ReplyToComment);
        Assert.Equal(Now, reply.CreatedAtUtc);
        var form = Form(Assert.Single(Calls("wall.createComment")));
        Assert.Equal("-" + Group, form["owner_id"]);
        Assert.Equal(Id(post.Id), form["post_id"]);
        Assert.Equal(Group, form["from_group"]);
        Assert.Equal(Id(question.Id), form["reply_to_comment"]);
        Assert.Equal(text, form["message"]);
        Assert.Equal("reply-1", form["guid"]);
        Assert.Equal("5.199", form["v"]);
    }

    [Fact]
    public async Task Reply_RepeatedWithTheSameKey_ReturnsTheSameComment()
    {
        var post = Fake.AddPost("Прививки", Now.AddDays(-1));
        var question = Fake.AddComment(post.Id, 123456, "Во сколько?", Now.AddHours(-1));
        var request = new ReplyRequest(Access, new InboundItem(Id(question.Id), InboundKind.Comment, "?", "a", null, Now, Id(post.Id)), "С 9:00.", "reply-1");

        var first = await Connector.ReplyAsync(request, CancellationToken.None);
        var second = await Connector.ReplyAsync(request, CancellationToken.None);

        Assert.Equal(first.RemoteId, second.RemoteId);
        Assert.Equal(2, Fake.Comments.Count);
    }

    [Fact]
    public async Task Reply_WhenVkFailsInternally_ThrowsUnknown()
    {
        var post = Fake.AddPost("Прививки", Now.AddDays(-1));
        Fake.ServerErrorAs = VkServerError.InternalError10;
        Fake.EnqueueFault(Fault.ServerError);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.ReplyAsync(
            new ReplyRequest(Access, new InboundItem("5", InboundKind.Comment, "?", "a", null, Now, Id(post.Id)), "Да.", "k"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Unknown, ex.Kind);
    }

    [Fact]
    public async Task Reply_ToADirectMessage_IsNotSupported()
    {
        var dm = new InboundItem("77", InboundKind.DirectMessage, "Здравствуйте", "a", "1", Now, ConversationId: "2000000001");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.ReplyAsync(new ReplyRequest(Access, dm, "Да", "k"), CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NotSupported, ex.Kind);
        Assert.False(Connector.Features.HasFlag(ConnectorFeatures.DirectMessages));
    }

    [Fact]
    public async Task SetHidden_IsNotSupportedAndNothingIsSentOrDeleted()
    {
        var item = new InboundItem("12", InboundKind.Comment, "x", "a", "1", Now, "7");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.SetHiddenAsync(Access, item, true, CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.NotSupported, ex.Kind);
        Assert.Empty(Fake.Requests);
        Assert.False(Connector.Features.HasFlag(ConnectorFeatures.Hide));
    }
}
