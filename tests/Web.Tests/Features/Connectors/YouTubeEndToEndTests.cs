using System.Net;
using System.Net.Http.Json;
using CareDialog.Compliance.Platforms;
using CareDialog.Connectors.YouTube.Tests;
using CareDialog.Core.Features.Channels;
using CareDialog.Web.Features.Inbox;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Connectors;

/// <summary>YouTube through the product against the fake Data API: Google sign-in with PKCE, video upload, comments by polling, answer, hide.</summary>
public sealed class YouTubeEndToEndTests(PlatformsAppFixture app) : AppTests<PlatformsAppFixture>(app)
{
    private readonly Scenario _scenario = new(app, "FI");

    /// <summary>The smallest file the media sniffer takes for MP4: an ftyp box.</summary>
    private static readonly byte[] Mp4 = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1'];

    [Fact]
    public async Task YouTube_SignInUploadReadAnswerAndHide_EndToEnd()
    {
        var (_, slug, _) = await OrgAsync("FI");
        var admin = await SignInAsync("admin@caredialog.demo");

        var consent = await OAuthFlow.StartAsync(admin, slug, Platform.YouTube);
        // Google checks the PKCE verifier at the code exchange; the fake is told which one the product keeps (encrypted) for this state.
        var verifier = await Db(async db =>
        {
            var pending = await db.PendingConnections.AsNoTracking().SingleAsync(p => p.State == consent["state"]);
            return App.Services.GetRequiredService<ChannelSecrets>().UnprotectPending(pending.ProtectedVerifier);
        });
        App.YouTube.GrantCode("4/e2e-code", verifier);
        var channel = await OAuthFlow.FinishAsync(App, admin, _scenario, consent["state"]!, "4/e2e-code", FakeYouTubeServer.ChannelId);

        var target = await OAuthFlow.PublishAsync(App, _scenario, channel.Id, "Neuvolan rokotuspäivä lauantaina\nTervetuloa ilman ajanvarausta klo 9–13.", ("rokotus.mp4", Mp4));
        var video = App.YouTube.Videos.Single(v => v.Id == target.RemoteId);
        Assert.Equal("Neuvolan rokotuspäivä lauantaina", video.Title);
        Assert.Equal("Tervetuloa ilman ajanvarausta klo 9–13.", video.Description);

        var comment = App.YouTube.AddComment(video.Id, "Aino V.", "Tarvitaanko neuvolakortti mukaan?", App.Clock.GetUtcNow().UtcDateTime);
        await OAuthFlow.PollAsync(App, channel.Id);
        var item = await Db(db => db.InboxItems.AsNoTracking().SingleAsync(i => i.ChannelId == channel.Id && i.RemoteId == comment.Id));

        var reply = await ReadAsync<InboxReplyDto>(await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Kyllä, ota neuvolakortti mukaan.")));
        Assert.True(reply.State == "Sent", reply.Error);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/hide", new HideRequestDto("Test of moderation"))).StatusCode);
        Assert.Equal("heldForReview", App.YouTube.Comment(comment.Id)!.ModerationStatus);
    }
}
