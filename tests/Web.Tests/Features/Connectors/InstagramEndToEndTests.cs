using System.Net;
using System.Net.Http.Json;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Media;
using CareDialog.Web.Features.Inbox;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Tests.Features.Connectors;

/// <summary>Instagram through the product against the fake Graph API: Facebook Login, container + media_publish from a signed public image link, comments, answer, hide.</summary>
public sealed class InstagramEndToEndTests(PlatformsAppFixture app) : AppTests<PlatformsAppFixture>(app)
{
    private const string PageId = "900000000000002";
    private const string IgId = "17841400000000002";
    private const string UserId = "10160000000000088";
    private readonly Scenario _scenario = new(app, "TR");

    /// <summary>Starts like a JPEG, which is all the media sniffer and the fake ask for.</summary>
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    [Fact]
    public async Task Instagram_LoginPublishReadAnswerAndHide_EndToEnd()
    {
        App.Graph.AddPage(PageId, "Teşvikiye Diş Polikliniği", "tesvikiyedis");
        App.Graph.AddInstagram(PageId, IgId, "tesvikiye.dis");
        App.Graph.AddUser(UserId, "Ayşe Yönetici", PageId);
        var (_, slug, _) = await OrgAsync("TR");
        var admin = await SignInAsync("admin@caredialog.demo");

        var consent = await OAuthFlow.StartAsync(admin, slug, Platform.Instagram);
        var code = App.Graph.IssueCode(UserId, consent["redirect_uri"]!);
        var channel = await OAuthFlow.FinishAsync(App, admin, _scenario, consent["state"]!, code, IgId);

        var target = await OAuthFlow.PublishAsync(App, _scenario, channel.Id, "Diş ipi kullanımı hakkında kısa bilgiler 🦷 #AğızVeDişSağlığı", ("dis-ipi.jpg", Jpeg));
        var container = App.Graph.ContainersOf(IgId).Single();
        Assert.StartsWith($"{PlatformsAppFixture.PublicBaseUrl}{PublicMediaLinks.RoutePrefix}", container.Parameters["image_url"]);
        Assert.Contains(App.Graph.MediaOf(IgId), m => m.Id == target.RemoteId);

        var comment = App.Graph.AddComment(target.RemoteId!, "17841400000009999", "merve.k", "Randevu almak için nereyi arayabilirim?", App.Clock.GetUtcNow().UtcDateTime);
        await OAuthFlow.PollAsync(App, channel.Id);
        var item = await Db(db => db.InboxItems.AsNoTracking().SingleAsync(i => i.ChannelId == channel.Id && i.RemoteId == comment.Id));

        var reply = await ReadAsync<InboxReplyDto>(await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/reply", new ReplyRequestDto("Randevu için +90 212 345 67 89 numaralı hattımızı arayabilirsiniz.")));
        Assert.True(reply.State == "Sent", reply.Error);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/orgs/{slug}/inbox/{item.Id}/hide", new HideRequestDto("Test of moderation"))).StatusCode);
        Assert.True(App.Graph.Comment(comment.Id).Hidden);
    }
}
