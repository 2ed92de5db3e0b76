using System.Text.Json;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.LinkedIn.Tests;

public sealed class LinkedInInboxTests
{
    private const string Patient = "urn:li:person:patient1";
    private const string Relative = "urn:li:person:relative2";

    [Fact]
    public async Task ReadInbound_CommentsOnOurPost_ComeBackWithTheirRepliesOneLevelDown()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var post = li.Fake.AddPost(LinkedInTestContext.Hospital, "We are hiring nurses.");
        var other = li.Fake.AddPost(LinkedInTestContext.Hospital, "Another post");
        var question = li.Fake.AddComment(post, Patient, "Is the night shift paid extra? 🌙");
        var ours = li.Fake.AddComment(post, LinkedInTestContext.Hospital, "Yes, it is.", parent: question);
        var thanks = li.Fake.AddComment(post, Relative, "Good to know (thanks)!", parent: question);
        li.Fake.AddComment(other, Patient, "Not asked for");

        var items = await li.Connector.ReadInboundAsync(li.Access(), new InboundQuery([post.Urn], null), CancellationToken.None);

        Assert.Equal([question.Urn, ours.Urn, thanks.Urn], items.Select(i => i.RemoteId));
        var first = items[0];
        Assert.Equal(InboundKind.Comment, first.Kind);
        Assert.Equal("Is the night shift paid extra? 🌙", first.Text);
        Assert.Equal("LinkedIn member", first.AuthorName);
        Assert.Equal(Patient, first.AuthorId);
        Assert.Equal(post.Urn, first.RemotePostId);
        Assert.Null(first.RemoteParentId);
        Assert.Equal(li.Now, first.CreatedAtUtc);
        Assert.True(items[1].FromOwnAccount);
        Assert.Equal("Regional Hospital", items[1].AuthorName);
        Assert.Equal(InboundKind.Reply, items[2].Kind);
        Assert.Equal(question.Urn, items[2].RemoteParentId);
        Assert.Equal("Good to know (thanks)!", items[2].Text);

        var reads = li.Fake.Requests.Where(r => r.Path.EndsWith("/comments", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"/rest/socialActions/{post.Urn}/comments", $"/rest/socialActions/{question.Urn}/comments"], reads.Select(r => r.Path));
        Assert.All(reads, r => Assert.Equal("2.0.0", r.Headers["X-Restli-Protocol-Version"]));
    }

    [Fact]
    public async Task ReadInbound_WithSince_ReturnsOnlyNewerComments()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var post = li.Fake.AddPost(LinkedInTestContext.Hospital, "Opening hours");
        li.Fake.AddComment(post, Patient, "Old");
        li.Harness.Clock.Advance(TimeSpan.FromHours(2));
        var since = li.Now;
        var newer = li.Fake.AddComment(post, Patient, "New");

        var items = await li.Connector.ReadInboundAsync(li.Access(), new InboundQuery([post.Urn], since), CancellationToken.None);

        Assert.Equal(newer.Urn, Assert.Single(items).RemoteId);
    }

    [Fact]
    public async Task ReadInbound_WhenOnePostWasDeleted_StillReadsTheOthers()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var post = li.Fake.AddPost(LinkedInTestContext.Hospital, "Still here");
        var comment = li.Fake.AddComment(post, Patient, "Hello");

        var items = await li.Connector.ReadInboundAsync(li.Access(), new InboundQuery(["urn:li:share:1", post.Urn], null), CancellationToken.None);

        Assert.Equal(comment.Urn, Assert.Single(items).RemoteId);
    }

    [Fact]
    public async Task Reply_ToAComment_PostsAsTheOrganizationUnderThatComment()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var post = li.Fake.AddPost(LinkedInTestContext.Hospital, "We are hiring nurses.");
        var question = li.Fake.AddComment(post, Patient, "Where do I apply?");
        var access = li.Access();
        var to = Assert.Single(await li.Connector.ReadInboundAsync(access, new InboundQuery([post.Urn], null), CancellationToken.None));

        var reply = await li.Connector.ReplyAsync(new ReplyRequest(access, to, "On our careers page (link in bio) 🙂", "reply-key"), CancellationToken.None);

        var created = li.Fake.Comments.Single(k => k.Urn == reply.RemoteId);
        Assert.Equal(LinkedInTestContext.Hospital, created.Actor);
        Assert.Same(question, created.Parent);
        Assert.Equal("On our careers page (link in bio) 🙂", created.Text);
        Assert.Equal(li.Now, reply.CreatedAtUtc);

        var request = li.Fake.Requests.Single(r => r.Method == "POST" && r.Path.EndsWith("/comments", StringComparison.Ordinal));
        Assert.Equal($"/rest/socialActions/{question.Urn}/comments", request.Path);
        Assert.Equal("202606", request.Headers["LinkedIn-Version"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(LinkedInTestContext.Hospital, body.RootElement.GetProperty("actor").GetString());
        Assert.Equal(post.ActivityUrn, body.RootElement.GetProperty("object").GetString());
        Assert.Equal(question.Urn, body.RootElement.GetProperty("parentComment").GetString());
        Assert.Equal("On our careers page (link in bio) 🙂", body.RootElement.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Reply_ToANestedReply_GoesUnderItsTopLevelComment()
    {
        await using var li = await LinkedInTestContext.StartAsync();
        var post = li.Fake.AddPost(LinkedInTestContext.Hospital, "We are hiring nurses.");
        var question = li.Fake.AddComment(post, Patient, "Where do I apply?");
        li.Fake.AddComment(post, Relative, "Same question", parent: question);
        var access = li.Access();
        var nested = (await li.Connector.ReadInboundAsync(access, new InboundQuery([post.Urn], null), CancellationToken.None)).Single(i => i.Kind == InboundKind.Reply);

        var reply = await li.Connector.ReplyAsync(new ReplyRequest(access, nested, "See our careers page.", "reply-key"), CancellationToken.None);

        Assert.Same(question, li.Fake.Comments.Single(k => k.Urn == reply.RemoteId).Parent);
    }

    [Fact]
    public void ActivityOf_CommentUrn_GivesThePostsActivity()
    {
        Assert.Equal("urn:li:activity:7123", LinkedInConnector.ActivityOf("urn:li:comment:(urn:li:activity:7123,456)"));
        Assert.Null(LinkedInConnector.ActivityOf("urn:li:share:7123"));
    }
}
