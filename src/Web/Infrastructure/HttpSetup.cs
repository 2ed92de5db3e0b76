using System.Text.Json.Serialization;
using CareDialog.Core.Data;

namespace CareDialog.Web.Infrastructure;

public static class HttpSetup
{
    public static IServiceCollection AddCareDialogHttp(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Say what was wrong with a malformed request; the JSON reader's message names the path, never the content.
            if (ctx.Exception is BadHttpRequestException bad)
            {
                ctx.ProblemDetails.Title = "Invalid request";
                ctx.ProblemDetails.Detail = bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message;
            }
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi();
        services.AddAntiforgery();
        services.AddHttpContextAccessor();
        return services;
    }

    public static WebApplication UseCareDialogHttpPipeline(this WebApplication app)
    {
        // A malformed request (bad form, stale antiforgery token, unreadable JSON) is the client's error: 400, not 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>200 only when the app can reach its database, so a load balancer never sends traffic to a broken node.</summary>
    public static void MapHealthEndpoints(this WebApplication app) =>
        app.MapGet("/healthz", async (AppDbContext db, CancellationToken ct) =>
                await db.Database.CanConnectAsync(ct)
                    ? Results.Text("ok")
                    : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database unavailable"))
            .AllowAnonymous()
            .ExcludeFromDescription();
}
