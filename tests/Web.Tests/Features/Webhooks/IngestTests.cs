using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.Telegram.Tests;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Inbox;
using CareDialog.Web.Features.Webhooks;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareDialog.Web.Tests.Features.Webhooks;

/// <summary>
/// The ingest path under the conditions the benchmark (bench/Ingest.Bench) loads it with: batches with bad events in them,
/// repeated deliveries arriving at the same moment, two processors at once, processing on arrival, and the remembered
/// Telegram webhook secret.
/// </summary>
public abstract class IngestTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    /// <summary>
    /// Payloads of the form "remote-id|text"; "not json" cannot be parsed, and "no-text|…" parses into an item without text,
    /// which the database refuses when the batch is saved.
    /// </summary>
    private sealed class LinesConnector() : DelegatingConnector(new ScriptedConnector(Platform.Telegram, ConnectMethod.Token))
    {
        public override IReadOnlyList<InboundItem> ParseWebhookEvent(string payload)
        {
            var parts = payload.Split('|', 2);
            if (parts.Length != 2)
            {
                throw new WebhookFormatException("Not a line of the test's format.");
            }

            return [new InboundItem(parts[0], InboundKind.Comment, parts[0] == "no-text" ? null! : parts[1], "Mette L.", "42",
                AppFixture.Start.UtcDateTime, null, null, null, false, false)];
        }
    }

    private async Task<Channel> TelegramChannelAsync(string? webhookSecret = null)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = await db.Organisations.SingleAsync(o => o.Country == "DK");
        var channel = new Channel
        {
            OrganisationId = org.Id,
            Name = "Ingest " + Guid.NewGuid().ToString("N")[..8],
            Handle = "@ingest",
            Platform = Platform.Telegram,
            Health = ChannelHealth.Connected,
        };
        scope.ServiceProvider.GetRequiredService<ChannelSecrets>().Store(channel, new ChannelCredentials
        {
            AccessToken = "123:token",
            AccountId = "-100" + Random.Shared.Next(100000, 999999),
            Extra = ImmutableDictionary<string, string>.Empty.Add(ChannelSettingKeys.WebhookSecret, webhookSecret ?? "secret-" + Guid.NewGuid().ToString("N")),
        });
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        return channel;
    }

    private async Task<StoreInboundEvent.Outcome> StoreAsync(Channel channel, string key, string payload)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StoreInboundEvent>().HandleAsync(channel, new WebhookEnvelope("acct", key, payload), default);
    }

    private async Task<ProcessInboundEvents.Summary> ProcessAsync(Func<ProcessInboundEvents, Task<ProcessInboundEvents.Summary>> run)
    {
        using var scope = App.Services.CreateScope();
        return await run(ActivatorUtilities.CreateInstance<ProcessInboundEvents>(scope.ServiceProvider, new ConnectorRegistry([new LinesConnector()])));
    }

    private Task<List<InboundEvent>> EventsAsync(Guid channelId) =>
        Db(db => db.InboundEvents.AsNoTracking().Where(e => e.ChannelId == channelId).OrderBy(e => e.Id).ToListAsync());

    private static string TelegramUpdate(long updateId, string text)
    {
        var update = JsonNode.Parse(SampleUpdates.DirectMessageWith(text))!;
        update["update_id"] = updateId;
        update["message"]!["message_id"] = (int)(updateId % 1_000_000_000);
        return update.ToJsonString();
    }

    [Fact]
    public async Task Batch_WithAnEventThatCannotBeParsed_AndOneThatCannotBeSaved_ProcessesTheOthers_AndKeepsBothForRetry()
    {
        var channel = await TelegramChannelAsync();
        string[] payloads = ["a1|Hvornår åbner influenzavaccinationen?", "not json", "a2|Tak for god behandling", "no-text|x", "a3|Ring til mig på 2345 6789"];
        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(StoreInboundEvent.Outcome.Stored, await StoreAsync(channel, "d" + i, payloads[i]));
        }

        // Other tests of the class may have left events behind, so the summaries count at least this channel's.
        var first = await ProcessAsync(p => p.RunAsync(default));

        Assert.True(first is { Processed: >= 3, Failed: >= 2, ItemsAdded: >= 3 }, first.ToString());
        var items = await Db(db => db.InboxItems.AsNoTracking().Where(i => i.ChannelId == channel.Id).OrderBy(i => i.RemoteId).ToListAsync());
        Assert.Equal(["a1", "a2", "a3"], items.Select(i => i.RemoteId));
        Assert.All(items, i => Assert.NotNull(i.Language));
        var events = await EventsAsync(channel.Id);
        Assert.All(events.Where(e => e.DedupeKey is "d1" or "d3"), e => Assert.True(e.ProcessedAtUtc is null && e.Attempts == 1 && e.LastError is not null));
        Assert.All(events.Where(e => e.DedupeKey is not ("d1" or "d3")), e => Assert.True(e.ProcessedAtUtc is not null && e.LastError is null));

        // Processing on arrival leaves the failed ones alone; the sweep retries them.
        await ProcessAsync(p => p.DrainAsync(default, newOnly: true));
        Assert.All((await EventsAsync(channel.Id)).Where(e => e.ProcessedAtUtc is null), e => Assert.Equal(1, e.Attempts));
        await ProcessAsync(p => p.DrainAsync(default));
        Assert.All((await EventsAsync(channel.Id)).Where(e => e.ProcessedAtUtc is null), e => Assert.Equal(2, e.Attempts));
        Assert.Equal(2, (await EventsAsync(channel.Id)).Count(e => e.ProcessedAtUtc is null));
    }

    [Fact]
    public async Task RepeatedDelivery_ArrivingSeveralTimesAtOnce_IsStoredOnce()
    {
        var channel = await TelegramChannelAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => StoreAsync(channel, "same-update", "r1|Hej"))));

        Assert.Equal(1, outcomes.Count(o => o == StoreInboundEvent.Outcome.Stored));
        Assert.Equal(7, outcomes.Count(o => o == StoreInboundEvent.Outcome.Duplicate));
        Assert.Single(await EventsAsync(channel.Id));
    }

    [Fact]
    public async Task TwoProcessorsAtOnce_ProcessEveryEventExactlyOnce()
    {
        var channel = await TelegramChannelAsync();
        for (var i = 0; i < 300; i++)
        {
            await StoreAsync(channel, "e" + i, $"x{i}|Kommentar nummer {i}");
        }

        var runs = await Task.WhenAll(
            Task.Run(() => ProcessAsync(p => p.DrainAsync(default, batch: 50))),
            Task.Run(() => ProcessAsync(p => p.DrainAsync(default, batch: 70))));

        Assert.True(runs.Sum(r => r.Processed) >= 300);
        Assert.Equal(300, await Db(db => db.InboxItems.CountAsync(i => i.ChannelId == channel.Id)));
        Assert.All(await EventsAsync(channel.Id), e => Assert.True(e is { ProcessedAtUtc: not null, Attempts: 1, LastError: null }));
    }

    [Fact]
    public async Task StoredDelivery_IsProcessedOnArrival_WithoutWaitingForTheSweep()
    {
        var channel = await TelegramChannelAsync();
        var worker = new ProcessInboundEventsOnArrival(App.Services.GetRequiredService<IServiceScopeFactory>(), App.Services.GetRequiredService<InboundEventsSignal>(),
            NullLogger<ProcessInboundEventsOnArrival>.Instance, TimeSpan.Zero);
        await worker.StartAsync(default);
        try
        {
            await StoreAsync(channel, "731600001", TelegramUpdate(731600001, "Kan jeg få tid hos lægen i morgen?"));

            var item = await EventuallyAsync(() => Db(db => db.InboxItems.AsNoTracking().SingleOrDefaultAsync(i => i.ChannelId == channel.Id)));
            Assert.Equal("Kan jeg få tid hos lægen i morgen?", item.Text);
            Assert.NotNull(item.Intent);
        }
        finally
        {
            await worker.StopAsync(default);
        }
    }

    [Fact]
    public async Task TelegramWebhook_AfterTheSecretChanges_TakesTheNewOneAtOnce_AndRefusesTheOldOneOnceForgotten()
    {
        var channel = await TelegramChannelAsync("old-secret");
        var anon = Anonymous();
        Task<HttpResponseMessage> PostAsync(string secret, long update)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/telegram/{channel.Id}")
            {
                Content = new StringContent(TelegramUpdate(update, "Hej"), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
            return anon.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("old-secret", 731700001)).StatusCode);
        using (var scope = App.Services.CreateScope())
        {
            // What reconnecting the channel does: new credentials with a new webhook secret.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.Channels.SingleAsync(c => c.Id == channel.Id);
            var secrets = scope.ServiceProvider.GetRequiredService<ChannelSecrets>();
            secrets.Store(row, secrets.Read(row) with { Extra = ImmutableDictionary<string, string>.Empty.Add(ChannelSettingKeys.WebhookSecret, "new-secret") });
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("old-secret", 731700002)).StatusCode);
        App.Clock.Advance(WebhookEndpoints.TelegramChannelMemory + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("old-secret", 731700003)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("new-secret", 731700004)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("wrong", 731700005)).StatusCode);
        Assert.Equal(["731700001", "731700002", "731700004"], (await EventsAsync(channel.Id)).Select(e => e.DedupeKey));
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        for (var i = 0; i < 200; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("Nothing arrived within 10 seconds.");
    }
}

public sealed class IngestTests_Sqlite(SqliteAppFixture app) : IngestTests<SqliteAppFixture>(app);

public sealed class IngestTests_Postgres(PostgresAppFixture app) : IngestTests<PostgresAppFixture>(app);
