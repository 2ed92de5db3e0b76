using System.Text.Json;
using CareDialog.Core.Features.Channels;
using Microsoft.AspNetCore.WebUtilities;

namespace CareDialog.Connectors.X.Tests;

public sealed class XInboxTests
{
    private const string PatientId = "2000000000000000001";
    private const string NurseId = "2000000000000000002";

    [Fact]
    public async Task ReadInbound_RepliesToOurPost_ComeBackAsCommentsAndNestedReplies()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.AddUser(PatientId, "patient_anna", "Anna");
        x.Fake.AddUser(NurseId, "nurse_bo", "Bo");
        var post = x.Fake.AddTweet(XTestContext.UserId, "Ask us anything about the flu shot.");
        var question = x.Fake.AddTweet(PatientId, "@CityClinic Does it hurt? 😬", inReplyTo: post.Id);
        var answer = x.Fake.AddTweet(XTestContext.UserId, "@patient_anna Only a little.", inReplyTo: question.Id);
        var followUp = x.Fake.AddTweet(NurseId, "@patient_anna @CityClinic It is quick!", inReplyTo: question.Id);
        x.Fake.AddTweet(PatientId, "Unrelated post");

        var items = await x.Connector.ReadInboundAsync(x.Access(), new InboundQuery([post.Id], null), CancellationToken.None);

        Assert.Equal([question.Id, answer.Id, followUp.Id], items.Select(i => i.RemoteId));
        var first = items[0];
        Assert.Equal(InboundKind.Comment, first.Kind);
        Assert.Equal("@CityClinic Does it hurt? 😬", first.Text);
        Assert.Equal("@patient_anna", first.AuthorName);
        Assert.Equal(PatientId, first.AuthorId);
        Assert.Equal(post.Id, first.RemotePostId);
        Assert.Null(first.RemoteParentId);
        Assert.False(first.FromOwnAccount);
        Assert.Equal(x.Now, first.CreatedAtUtc);
        Assert.True(items[1].FromOwnAccount);
        Assert.Equal(InboundKind.Reply, items[2].Kind);
        Assert.Equal(question.Id, items[2].RemoteParentId);
        Assert.Equal(post.Id, items[2].RemotePostId);

        var search = x.Fake.Requests.Single(r => r.Path == "/2/tweets/search/recent");
        var query = QueryHelpers.ParseQuery(search.Query);
        Assert.Equal($"conversation_id:{post.Id}", query["query"]);
        Assert.Equal("author_id", query["expansions"]);
    }

    [Fact]
    public async Task ReadInbound_WithSince_ReturnsOnlyNewerRepliesAndAsksXFromThatTime()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.AddUser(PatientId, "patient_anna", "Anna");
        var post = x.Fake.AddTweet(XTestContext.UserId, "Opening hours");
        x.Fake.AddTweet(PatientId, "Old question", inReplyTo: post.Id);
        x.Harness.Clock.Advance(TimeSpan.FromHours(1));
        var since = x.Now;
        var newer = x.Fake.AddTweet(PatientId, "New question", inReplyTo: post.Id);

        var items = await x.Connector.ReadInboundAsync(x.Access(), new InboundQuery([post.Id], since), CancellationToken.None);

        Assert.Equal(newer.Id, Assert.Single(items).RemoteId);
        var query = QueryHelpers.ParseQuery(x.Fake.Requests.Single(r => r.Path == "/2/tweets/search/recent").Query);
        Assert.Equal(since.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), query["start_time"]);
    }

    [Fact]
    public async Task ReadInbound_WithSinceOlderThanSevenDays_StaysInsideTheRecentSearchWindow()
    {
        await using var x = await XTestContext.StartAsync();
        var post = x.Fake.AddTweet(XTestContext.UserId, "Opening hours");

        var items = await x.Connector.ReadInboundAsync(x.Access(), new InboundQuery([post.Id], x.Now - TimeSpan.FromDays(30)), CancellationToken.None);

        Assert.Empty(items);
        var query = QueryHelpers.ParseQuery(x.Fake.Requests.Single(r => r.Path == "/2/tweets/search/recent").Query);
        Assert.Equal((x.Now - XConnector.SearchWindow).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), query["start_time"]);
    }

    [Fact]
    public async Task ReadInbound_WithIdsThatAreNotPostIds_AsksXNothing()
    {
        await using var x = await XTestContext.StartAsync();

        var items = await x.Connector.ReadInboundAsync(x.Access(), new InboundQuery(["1 OR from:someone", ""], null), CancellationToken.None);

        Assert.Empty(items);
        Assert.Empty(x.Fake.Requests);
    }

    [Fact]
    public void ConversationQueries_ForManyPosts_SplitsIntoQueriesWithinTheLengthLimit()
    {
        var ids = Enumerable.Range(0, 60).Select(i => (1_900_000_000_000_000_000L + i).ToString()).ToList();

        var queries = XConnector.ConversationQueries(ids).ToList();

        Assert.True(queries.Count > 1);
        Assert.All(queries, q => Assert.True(q.Length <= XConnector.MaxQueryLength));
        Assert.Equal(ids, queries.SelectMany(q => q.Split(" OR ")).Select(t => t["conversation_id:".Length..]));
    }

    [Fact]
    public async Task Reply_ToAComment_PostsWithInReplyToTweetId()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.AddUser(PatientId, "patient_anna", "Anna");
        var post = x.Fake.AddTweet(XTestContext.UserId, "Ask us anything.");
        var question = x.Fake.AddTweet(PatientId, "Is parking free?", inReplyTo: post.Id);
        var access = x.Access();
        var to = Assert.Single(await x.Connector.ReadInboundAsync(access, new InboundQuery([post.Id], null), CancellationToken.None));

        var reply = await x.Connector.ReplyAsync(new ReplyRequest(access, to, "Yes, for patients. 🚗", "reply-key"), CancellationToken.None);

        var created = x.Fake.Tweets.Single(t => t.Id == reply.RemoteId);
        Assert.Equal(question.Id, created.InReplyToTweetId);
        Assert.Equal(post.Id, created.ConversationId);
        Assert.Equal("Yes, for patients. 🚗", created.ReceivedText);
        Assert.Equal(x.Now, reply.CreatedAtUtc);
        using var body = JsonDocument.Parse(x.Fake.Requests.Last(r => r.Path == "/2/tweets").Body);
        Assert.Equal(question.Id, body.RootElement.GetProperty("reply").GetProperty("in_reply_to_tweet_id").GetString());
    }

    [Fact]
    public async Task SetHidden_OnAReplyToOurPost_HidesAndShowsItAgain()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.AddUser(PatientId, "patient_anna", "Anna");
        var post = x.Fake.AddTweet(XTestContext.UserId, "Ask us anything.");
        var spam = x.Fake.AddTweet(PatientId, "Buy followers here", inReplyTo: post.Id);
        var access = x.Access();
        var item = Assert.Single(await x.Connector.ReadInboundAsync(access, new InboundQuery([post.Id], null), CancellationToken.None));

        await x.Connector.SetHiddenAsync(access, item, true, CancellationToken.None);
        var hiddenAfterHide = spam.Hidden;
        await x.Connector.SetHiddenAsync(access, item, false, CancellationToken.None);

        Assert.True(hiddenAfterHide);
        Assert.False(spam.Hidden);
        var put = x.Fake.Requests.First(r => r.Method == "PUT");
        Assert.Equal($"/2/tweets/{spam.Id}/hidden", put.Path);
        Assert.Equal("Bearer " + access.Credentials.AccessToken, put.Headers["Authorization"]);
        using var body = JsonDocument.Parse(put.Body);
        Assert.True(body.RootElement.GetProperty("hidden").GetBoolean());
    }

    [Fact]
    public async Task SetHidden_OnAReplyInSomeoneElsesConversation_IsRejected()
    {
        await using var x = await XTestContext.StartAsync();
        x.Fake.AddUser(PatientId, "patient_anna", "Anna");
        var theirs = x.Fake.AddTweet(PatientId, "My own thread");
        var reply = x.Fake.AddTweet(XTestContext.UserId, "Our reply", inReplyTo: theirs.Id);
        var item = new InboundItem(reply.Id, InboundKind.Comment, "Our reply", "@CityClinic", XTestContext.UserId, DateTime.UtcNow, theirs.Id);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => x.Connector.SetHiddenAsync(x.Access(), item, true, CancellationToken.None));

        Assert.Equal(ConnectorErrorKind.Rejected, ex.Kind);
        Assert.Contains("conversations you authored", ex.UserMessage, StringComparison.Ordinal);
        Assert.False(reply.Hidden);
    }
}
