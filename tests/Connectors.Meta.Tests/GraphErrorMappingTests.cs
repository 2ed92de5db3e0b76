using System.Net;
using System.Text.Json.Nodes;
using CareDialog.Connectors.Common;
using CareDialog.Core.Features.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CareDialog.Connectors.Meta.Tests;

public sealed class GraphErrorMappingTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));

    private static ConnectorException Map(int status, int? code, int? subcode = null, bool transient = false, GraphCall call = GraphCall.Read, string? message = null, params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        GraphError? error = null;
        if (code is not null)
        {
            var e = new JsonObject { ["message"] = message ?? "Something", ["type"] = "OAuthException", ["code"] = code, ["fbtrace_id"] = "x" };
            if (subcode is not null)
            {
                e["error_subcode"] = subcode;
            }

            if (transient)
            {
                e["is_transient"] = true;
            }

            error = GraphError.Parse(new JsonObject { ["error"] = e }.ToJsonString());
        }

        return GraphErrors.ToException("Facebook", response, error, call, Clock);
    }

    [Theory]
    [InlineData(400, 190, 463, ConnectorErrorKind.NeedsReconnect)]
    [InlineData(400, 190, 460, ConnectorErrorKind.NeedsReconnect)]
    [InlineData(400, 190, 458, ConnectorErrorKind.NeedsReconnect)]
    [InlineData(400, 190, 467, ConnectorErrorKind.NeedsReconnect)]
    [InlineData(400, 190, null, ConnectorErrorKind.NeedsReconnect)]
    [InlineData(400, 102, null, ConnectorErrorKind.NeedsReconnect)]
    [InlineData(400, 4, null, ConnectorErrorKind.RetryLater)]
    [InlineData(400, 17, null, ConnectorErrorKind.RetryLater)]
    [InlineData(400, 32, null, ConnectorErrorKind.RetryLater)]
    [InlineData(400, 613, null, ConnectorErrorKind.RetryLater)]
    [InlineData(400, 80001, null, ConnectorErrorKind.RetryLater)]
    [InlineData(400, 80002, null, ConnectorErrorKind.RetryLater)]
    [InlineData(403, 10, null, ConnectorErrorKind.Rejected)]
    [InlineData(403, 200, null, ConnectorErrorKind.Rejected)]
    [InlineData(403, 299, null, ConnectorErrorKind.Rejected)]
    [InlineData(400, 100, null, ConnectorErrorKind.Rejected)]
    [InlineData(400, 100, 33, ConnectorErrorKind.Rejected)]
    [InlineData(400, 368, null, ConnectorErrorKind.Rejected)]
    [InlineData(400, 1, null, ConnectorErrorKind.RetryLater)]
    [InlineData(500, 2, null, ConnectorErrorKind.RetryLater)]
    [InlineData(400, 9007, 2207027, ConnectorErrorKind.RetryLater)]
    [InlineData(400, 506, null, ConnectorErrorKind.Rejected)]
    public void ToException_OnRead_MapsEachDocumentedCodeToItsKind(int status, int code, int? subcode, ConnectorErrorKind expected)
    {
        var ex = Map(status, code, subcode);

        Assert.Equal(expected, ex.Kind);
        Assert.Equal(subcode is null ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{code}/{subcode}", ex.PlatformCode);
        Assert.StartsWith("Facebook ", ex.UserMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, 2, false, ConnectorErrorKind.Unknown)]
    [InlineData(500, 1, false, ConnectorErrorKind.Unknown)]
    [InlineData(400, 999, true, ConnectorErrorKind.Unknown)]
    [InlineData(400, 32, false, ConnectorErrorKind.RetryLater)]
    [InlineData(400, 190, false, ConnectorErrorKind.NeedsReconnect)]
    [InlineData(403, 200, false, ConnectorErrorKind.Rejected)]
    public void ToException_OnCreate_TreatsTemporaryFailuresAsUnknownButRateLimitsAsRetryLater(int status, int code, bool transient, ConnectorErrorKind expected)
    {
        Assert.Equal(expected, Map(status, code, transient: transient, call: GraphCall.Create).Kind);
    }

    [Fact]
    public void ToException_OnReadWithIsTransient_ReturnsRetryLater()
    {
        Assert.Equal(ConnectorErrorKind.RetryLater, Map(400, 999, transient: true).Kind);
    }

    [Theory]
    [InlineData(429, true, ConnectorErrorKind.RetryLater)]
    [InlineData(503, true, ConnectorErrorKind.Unknown)]
    [InlineData(503, false, ConnectorErrorKind.RetryLater)]
    [InlineData(401, false, ConnectorErrorKind.NeedsReconnect)]
    [InlineData(404, false, ConnectorErrorKind.Rejected)]
    public void ToException_WithoutGraphErrorBody_FallsBackToTheHttpStatus(int status, bool create, ConnectorErrorKind expected)
    {
        Assert.Equal(expected, Map(status, null, call: create ? GraphCall.Create : GraphCall.Read).Kind);
    }

    [Fact]
    public void ToException_WhenBusinessUseCaseHeaderGivesRegainTime_WaitsTheLongestEstimate()
    {
        var ex = Map(400, 80001, headers: ("X-Business-Use-Case-Usage",
            """{"111":[{"type":"pages","call_count":100,"total_cputime":25,"total_time":25,"estimated_time_to_regain_access":19}],"222":[{"type":"pages","call_count":40,"estimated_time_to_regain_access":3}]}"""));

        Assert.Equal(TimeSpan.FromMinutes(19), ex.RetryAfter);
        Assert.Contains("19 minutes", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ToException_WhenAppUsageHeaderHasNoEstimate_WaitsTheDefault()
    {
        var ex = Map(400, 4, headers: ("X-App-Usage", """{"call_count":100,"total_time":25,"total_cputime":25}"""));

        Assert.Equal(RateLimits.DefaultWait, ex.RetryAfter);
    }

    [Fact]
    public void ToException_WhenUsageHeaderIsGarbage_WaitsTheDefault()
    {
        Assert.Equal(RateLimits.DefaultWait, Map(400, 32, headers: ("X-Business-Use-Case-Usage", "{not json")).RetryAfter);
    }

    [Fact]
    public void ToException_WhenGraphEchoesAMalformedToken_NeverRepeatsIt()
    {
        const string token = "EAABwzLixnjYBAKZBZCQZCZBZCeEcXdZCZBZBZCqZAtokenvaluethatislongenough";

        var reconnect = Map(400, 190, message: "Malformed access token " + token);
        var other = Map(400, 999, message: "Invalid token " + token);

        Assert.DoesNotContain(token, reconnect.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(token, other.UserMessage, StringComparison.Ordinal);
    }
}
