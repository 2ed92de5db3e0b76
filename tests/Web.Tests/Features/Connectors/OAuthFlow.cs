using System.Net;
using System.Web;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Connectors;

/// <summary>The steps every end-to-end platform test shares: the OAuth round trip through our endpoints, and publishing by the sweep.</summary>
internal static class OAuthFlow
{
    /// <summary>Starts the flow at our redirect endpoint; returns the consent page's query (state, challenge, redirect_uri, scope).</summary>
    public static async Task<System.Collections.Specialized.NameValueCollection> StartAsync(HttpClient admin, string slug, Platform platform)
    {
        var start = await admin.GetAsync($"/o/{slug}/channels/connect/{PlatformNames.ToWire(platform)}");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var query = HttpUtility.ParseQueryString(start.Headers.Location!.Query);
        Assert.Equal($"{PlatformsAppFixture.PublicBaseUrl}/channels/connect/callback", query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        return query;
    }

    /// <summary>The platform redirects back with the code; the user then chooses the account.</summary>
    public static async Task<Channel> FinishAsync(PlatformsAppFixture app, HttpClient admin, Scenario scenario, string state, string code, string accountId)
    {
        var callback = await admin.GetAsync($"/channels/connect/callback?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var location = callback.Headers.Location!.ToString();
        Assert.Contains("/channels/connect/choose/", location);
        using var scope = app.Services.CreateScope();
        var actor = await scenario.ActorAsync("admin@caredialog.demo");
        return Scenario.Ok(await scope.ServiceProvider.GetRequiredService<ConnectChannel>()
            .ChooseAsync(actor, Guid.Parse(location.Split('/').Last()), [accountId], default, new Uri(PlatformsAppFixture.PublicBaseUrl))).Single();
    }

    public static async Task<PostTarget> PublishAsync(PlatformsAppFixture app, Scenario scenario, Guid channelId, string text, (string, byte[])? attachment = null)
    {
        var post = await scenario.ScheduledPostAsync([channelId], TimeSpan.FromMinutes(1), text, attachment);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PublishDuePosts>().RunAsync(default);
        var target = await scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>().PostTargets.AsNoTracking().SingleAsync(t => t.PostId == post.Id);
        Assert.True(target.State == PublicationState.Published, target.LastError);
        return target;
    }

    public static async Task PollAsync(PlatformsAppFixture app, Guid channelId)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Core.Features.Inbox.PollInbound>().RunAsync(default, channelId);
    }
}
