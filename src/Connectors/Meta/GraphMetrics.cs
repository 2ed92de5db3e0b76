using System.Text.Json;
using CareDialog.Core.Features.Channels;

namespace CareDialog.Connectors.Meta;

/// <summary>
/// Reads metrics one per request, so a retired or forbidden metric (Graph error 100 or a permission error) becomes a
/// <see cref="MetricProblem"/> and the others are still returned. A dead token, a rate limit or an outage still fails the
/// whole call: the next metric would fail the same way.
/// </summary>
internal sealed class GraphMetrics(GraphClient graph, string objectId, string token)
{
    /// <summary>Followers from the account's field, the rest from its insights: the same for a Page and an Instagram account.</summary>
    public static async Task<MetricsResult> ForAccountAsync(GraphClient graph, MetaGraphOptions meta, ChannelCredentials credentials, TimeProvider clock, CancellationToken ct)
    {
        var metrics = new GraphMetrics(graph, credentials.AccountId, credentials.AccessToken);
        await metrics.FieldAsync(MetricNames.Followers, "followers_count", p => Json.Long(p, "followers_count"), ct);
        await metrics.InsightsAsync(meta.AccountMetrics, meta.AccountMetricPeriod, ct);
        return metrics.Result(clock);
    }

    private readonly Dictionary<string, long> _values = new(StringComparer.Ordinal);
    private readonly List<MetricProblem> _problems = [];

    public async Task InsightsAsync(IReadOnlyDictionary<string, string> metrics, string? period, CancellationToken ct)
    {
        foreach (var (name, graphMetric) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(graphMetric))
            {
                continue;
            }

            await OneAsync(name, async () =>
            {
                List<KeyValuePair<string, string>> query = [new("metric", graphMetric)];
                if (period is not null)
                {
                    query.Add(new("period", period));
                }

                var root = await graph.GetAsync($"{GraphClient.Id(objectId)}/insights", query, token, ct);
                return InsightValue(root, graphMetric);
            });
        }
    }

    /// <summary>A number read from the object's own fields (followers_count, reactions summary, …).</summary>
    public Task FieldAsync(string name, string fields, Func<JsonElement, long?> read, CancellationToken ct) =>
        OneAsync(name, async () => read(await graph.GetAsync(GraphClient.Id(objectId), [new("fields", fields)], token, ct)));

    public MetricsResult Result(TimeProvider clock) => new(clock.GetUtcNow().UtcDateTime, _values, _problems);

    private async Task OneAsync(string name, Func<Task<long?>> read)
    {
        try
        {
            if (await read() is { } value)
            {
                _values[name] = value;
            }
            else
            {
                _problems.Add(new MetricProblem(name, $"{graph.Platform} reported no value for this metric."));
            }
        }
        catch (ConnectorException ex) when (ex.Kind is ConnectorErrorKind.Rejected or ConnectorErrorKind.NotSupported)
        {
            _problems.Add(new MetricProblem(name, ex.UserMessage));
        }
    }

    /// <summary>
    /// <c>{"data":[{"name":…,"values":[{"value":…}]}]}</c>, the latest value wins; newer metrics answer
    /// <c>total_value.value</c>; a breakdown object (reactions by type) is summed.
    /// </summary>
    private static long? InsightValue(JsonElement root, string metric)
    {
        var data = Json.Arr(root, "data").ToList();
        var item = data.FirstOrDefault(d => Json.Str(d, "name") == metric);
        if (item.ValueKind != JsonValueKind.Object)
        {
            item = data.FirstOrDefault();
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (Json.Obj(item, "total_value") is { } total && total.TryGetProperty("value", out var tv))
        {
            return Number(tv);
        }

        var values = Json.Arr(item, "values").ToList();
        return values.Count > 0 && values[^1].TryGetProperty("value", out var v) ? Number(v) : null;
    }

    private static long? Number(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out var l) => l,
        JsonValueKind.Number => (long)v.GetDouble(),
        JsonValueKind.Object => v.EnumerateObject().Sum(p => Number(p.Value) ?? 0),
        _ => null,
    };
}
