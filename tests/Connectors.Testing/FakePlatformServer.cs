using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareDialog.Connectors.Testing;

/// <summary>A request as the fake server received it, for contract assertions (headers, body, path).</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, string? ContentType)
{
    public string PathAndQuery => Path + Query;
}

/// <summary>Faults a test can switch on; each platform's fake answers them the way that platform does.</summary>
public enum Fault
{
    /// <summary>429 (or the platform's rate-limit error) with its reset information.</summary>
    RateLimited,
    /// <summary>HTTP 500/503.</summary>
    ServerError,
    /// <summary>The server does the work, then answers later than the client's timeout (outcome unknown for the client).</summary>
    TimeoutAfterProcessing,
    /// <summary>The server answers too late without doing the work.</summary>
    TimeoutBeforeProcessing,
    /// <summary>The platform's expired/invalid token error.</summary>
    ExpiredToken,
    /// <summary>The platform's permission / validation refusal.</summary>
    PermissionDenied,
}

/// <summary>
/// A fake platform on Kestrel at a random loopback port. Subclasses map the platform's routes following its documented
/// contract; this base records every request and hands out queued faults, one per request, in order.
/// </summary>
public abstract class FakePlatformServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>How long a timeout fault holds the response; longer than the connector's configured timeout in tests.</summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromSeconds(20);

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public void EnqueueFault(Fault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>The next queued fault, if any; call once per request that can fail.</summary>
    protected Fault? TakeFault() => _faults.TryDequeue(out var f) ? f : null;

    protected abstract void Map(WebApplication app);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync();
            context.Request.Body.Position = 0;
            _requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                context.Request.ContentType));
            await next(context);
        });
        Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    public static async Task<T> StartedAsync<T>(T server) where T : FakePlatformServer
    {
        await server.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Writes a JSON body with a status code (fakes answer in the platform's own shapes).</summary>
    protected static Task Json(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }
}
