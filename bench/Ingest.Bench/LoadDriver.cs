using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace CareDialog.Ingest.Bench;

/// <summary>One entry of the send plan: a delivery sent once, or twice at the same moment (<see cref="Twice"/>).</summary>
public sealed record Send(Delivery Delivery, bool Twice);

public static class SendPlan
{
    /// <summary>
    /// Every delivery once, in order, plus repeats for <paramref name="repeatShare"/> of them, as platforms retry: half of the
    /// repeats go out at the same moment as the first delivery (two connections racing), half again up to a few thousand
    /// deliveries later (a retry after a lost answer).
    /// </summary>
    public static IReadOnlyList<Send> Build(IReadOnlyList<Delivery> deliveries, double repeatShare, int seed)
    {
        var rng = new Random(seed);
        var keyed = new List<(double Key, Send Send)>(deliveries.Count * 2);
        for (var i = 0; i < deliveries.Count; i++)
        {
            var repeat = rng.NextDouble() < repeatShare;
            var concurrent = repeat && rng.Next(2) == 0;
            keyed.Add((i, new Send(deliveries[i], concurrent)));
            if (repeat && !concurrent)
            {
                keyed.Add((i + rng.Next(1, 3000) + 0.5, new Send(deliveries[i], false)));
            }
        }

        return keyed.OrderBy(k => k.Key).Select(k => k.Send).ToList();
    }

    public static int Requests(IReadOnlyList<Send> plan) => plan.Sum(s => s.Twice ? 2 : 1);
}

public sealed class LoadResult
{
    public required int Requests { get; init; }
    public required int Errors { get; init; }
    public string? FirstError { get; init; }
    /// <summary>Per-request latency in milliseconds, sorted.</summary>
    public required double[] LatenciesMs { get; init; }
    public required long StartTimestamp { get; init; }
    public required long EndTimestamp { get; init; }
    /// <summary>When each item's first delivery was sent (UTC ticks), by <see cref="Delivery.Item"/>.</summary>
    public required long[] FirstSentUtcTicks { get; init; }

    public double Seconds => Stopwatch.GetElapsedTime(StartTimestamp, EndTimestamp).TotalSeconds;
    public double Percentile(double p) => Stats.Percentile(LatenciesMs, p);
}

public static class Stats
{
    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>
/// Posts a send plan over loopback with a fixed number of workers, each with its own pooled HTTP/1.1 connection. Closed loop
/// (rate 0): every worker sends its next delivery as soon as the previous one is answered — the highest rate the server
/// sustains. Open loop (rate &gt; 0): delivery k is due at start + k / rate whatever the server does, and its latency is
/// counted from when it was due, so a server that falls behind shows it in the percentiles (no coordinated omission).
/// </summary>
public sealed class LoadDriver : IDisposable
{
    private readonly HttpClient _client;

    public LoadDriver(Uri baseUrl, int connections)
    {
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
        })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public async Task<LoadResult> RunAsync(IReadOnlyList<Send> plan, int itemCount, int workers, double requestsPerSecond)
    {
        var requests = SendPlan.Requests(plan);
        var latencies = new double[requests];
        var firstSent = new long[itemCount];
        // Due offsets (in requests) of each plan entry, for the open loop.
        var dueIndex = new int[plan.Count];
        for (int i = 0, r = 0; i < plan.Count; r += plan[i].Twice ? 2 : 1, i++)
        {
            dueIndex[i] = r;
        }

        var next = -1;
        var written = -1;
        var errors = 0;
        string? firstError = null;
        var start = Stopwatch.GetTimestamp();

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < plan.Count)
            {
                var send = plan[i];
                var origin = Stopwatch.GetTimestamp();
                if (requestsPerSecond > 0)
                {
                    origin = start + (long)(dueIndex[i] / requestsPerSecond * Stopwatch.Frequency);
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), origin);
                    if (wait > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait);
                    }
                }

                Interlocked.CompareExchange(ref firstSent[send.Delivery.Item], DateTime.UtcNow.Ticks, 0);
                var outcomes = send.Twice
                    ? await Task.WhenAll(PostAsync(send.Delivery), PostAsync(send.Delivery))
                    : [await PostAsync(send.Delivery)];
                foreach (var (error, done) in outcomes)
                {
                    latencies[Interlocked.Increment(ref written)] = Stopwatch.GetElapsedTime(origin, done).TotalMilliseconds;
                    if (error is not null && Interlocked.Increment(ref errors) == 1)
                    {
                        firstError = error;
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker)));
        var end = Stopwatch.GetTimestamp();
        Array.Sort(latencies);
        return new LoadResult
        {
            Requests = requests,
            Errors = errors,
            FirstError = firstError,
            LatenciesMs = latencies,
            StartTimestamp = start,
            EndTimestamp = end,
            FirstSentUtcTicks = firstSent,
        };
    }

    /// <summary>When the answer was read, and null when it was a 200 or otherwise what went wrong.</summary>
    private async Task<(string? Error, long Done)> PostAsync(Delivery delivery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/telegram/" + delivery.ChannelId.ToString());
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", delivery.Secret);
        request.Content = new ByteArrayContent(delivery.Body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var done = Stopwatch.GetTimestamp();
            return (response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", done);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (ex.GetType().Name + ": " + ex.Message, Stopwatch.GetTimestamp());
        }
    }

    public void Dispose() => _client.Dispose();
}
