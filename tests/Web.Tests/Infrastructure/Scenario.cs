using CareDialog.Compliance.Platforms;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Media;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Infrastructure;

/// <summary>Builds posts through the real use cases, as the demo users, for tests that start past the editor.</summary>
public sealed class Scenario(AppFixture app, string country = "DK")
{
    public async Task<OrgActor> ActorAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var org = await db.Organisations.SingleAsync(o => o.Country == country);
        var roles = await db.Memberships.Where(m => m.UserId == user.Id && m.OrganisationId == org.Id).Select(m => m.Roles).SingleAsync();
        return new OrgActor(org.Id, user.Id, user.DisplayName, roles);
    }

    /// <summary>A fresh Sandbox channel, so a test can set failure modes without touching other tests' channels.</summary>
    public async Task<Channel> ChannelAsync(SandboxFailureMode mode = SandboxFailureMode.None, Platform mimics = Platform.Facebook, int? maxLength = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = await db.Organisations.SingleAsync(o => o.Country == country);
        var channel = new Channel
        {
            OrganisationId = org.Id,
            Name = $"Test {mode} {Guid.NewGuid():N}"[..30],
            Handle = "test-" + Guid.NewGuid().ToString("N")[..8],
            Platform = Platform.Sandbox,
            Sandbox = new SandboxSettings { Mimics = mimics, FailureMode = mode, MaxLength = maxLength },
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        return channel;
    }

    /// <summary>Creates, submits, approves and schedules a post <paramref name="dueIn"/> from the fake clock's now.</summary>
    public async Task<Post> ScheduledPostAsync(IReadOnlyList<Guid> channelIds, TimeSpan dueIn, string text = "Influenza vaccination is open for everyone over 65.",
        (string FileName, byte[] Bytes)? attachment = null)
    {
        var editor = await ActorAsync("editor@caredialog.demo");
        var manager = await ActorAsync("manager@caredialog.demo");
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var post = Ok(await sp.GetRequiredService<CreatePost>().HandleAsync(editor,
            new PostInput("Test post", text, ContentType.Informative, PathwayStage.Before, null,
                channelIds.Select(id => new TargetInput(id, null)).ToList()), default));
        if (attachment is { } file)
        {
            using var content = new MemoryStream(file.Bytes);
            Ok(await sp.GetRequiredService<UploadMedia>().HandleAsync(editor, file.FileName, content, post.Id, default));
        }

        Ok(await sp.GetRequiredService<SubmitPost>().HandleAsync(editor, post.Id, default));
        Ok(await sp.GetRequiredService<ReviewPost>().HandleAsync(manager, post.Id, ReviewDecision.Approve, null, default));
        var db = sp.GetRequiredService<AppDbContext>();
        var zone = (await db.Organisations.SingleAsync(o => o.Id == editor.OrganisationId)).Zone;
        var local = OrgClock.ToLocal(zone, app.AppClock.GetUtcNow().UtcDateTime + dueIn);
        return Ok(await sp.GetRequiredService<SchedulePost>().ScheduleAsync(editor, post.Id, local, default));
    }

    public static T Ok<T>(Core.Common.Result<T> result) =>
        result.IsSuccess ? result.Value : throw new Xunit.Sdk.XunitException("Use case failed: " + result.Error!.Message);
}
