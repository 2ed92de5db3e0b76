using System.Collections.Concurrent;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Meta.Facebook;
using CareDialog.Connectors.Testing;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareDialog.Connectors.Meta.Tests;

public sealed class LoggingTests : MetaTestBase
{
    [Fact]
    public async Task Connector_WhenPublishingReadingAndReplying_NeverLogsTokensOrTexts()
    {
        var logs = new CapturingLoggerProvider();
        await using var harness = ConnectorHarness.Create(
            (s, c) =>
            {
                s.AddFacebookConnector(c);
                s.AddSingleton<ILoggerProvider>(logs);
                s.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
            },
            MetaConnectorSetup.FacebookSection,
            new Dictionary<string, string?> { ["ApiBaseUrl"] = new Uri(Fake.BaseUrl, "v25.0/").AbsoluteUri });
        var connector = harness.Get<FacebookConnector>();
        var access = ConnectorHarness.Access(Platform.Facebook, new ChannelCredentials { AccessToken = Page.Token, AccountId = PageId });
        const string secretText = "Patient-sensitive wording 4711";

        await connector.PublishAsync(new PublishRequest(access, "k", secretText, []), CancellationToken.None);
        var post = Assert.Single(Fake.PostsOf(PageId));
        var comment = Fake.AddComment(post.Id, "901", "Jane", "Private question 0815", Now);
        var items = await connector.ReadInboundAsync(access, new InboundQuery([post.Id], null), CancellationToken.None);
        await connector.ReplyAsync(new ReplyRequest(access, items.Single(), "Private answer 0816", "r"), CancellationToken.None);
        Fake.ExpireToken(Page.Token);
        await connector.PublishAsync(new PublishRequest(access, "k2", secretText, []), CancellationToken.None);

        Assert.NotEmpty(logs.Messages);
        Assert.Contains(logs.Messages, m => m.Contains(PageId, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(Page.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("4711", StringComparison.Ordinal) || m.Contains(comment.Message, StringComparison.Ordinal) || m.Contains("0816", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<string> Messages => _messages.ToArray();

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
