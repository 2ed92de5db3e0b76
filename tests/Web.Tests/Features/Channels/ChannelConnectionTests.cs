using CareDialog.Compliance.Platforms;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing;
using CareDialog.Core.Features.Publishing.Sandbox;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Features.Channels;

/// <summary>The product side of connecting accounts and of token health, with scripted connectors.</summary>
public abstract class ChannelConnectionTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    private readonly Scenario _scenario = new(app);
    private readonly ScriptedConnector _oauth = new(Platform.X, ConnectMethod.OAuth);
    private readonly ScriptedConnector _token = new(Platform.Telegram, ConnectMethod.Token);
    private static readonly Uri Redirect = new("https://caredialog.example/channels/connect/callback");

    private T Create<T>(IServiceScope scope) where T : notnull =>
        ActivatorUtilities.CreateInstance<T>(scope.ServiceProvider,
            new ConnectorRegistry([_oauth, _token, scope.ServiceProvider.GetRequiredService<SandboxConnector>()]));

    private async Task<Channel> TokenChannelAsync(string accountId, ChannelCredentials? credentials = null)
    {
        var admin = await _scenario.ActorAsync("admin@caredialog.demo");
        using var scope = App.Services.CreateScope();
        var channel = Scenario.Ok(await Create<ConnectChannel>(scope).ConnectWithTokenAsync(admin, Platform.Telegram, "123:secret-bot-token", accountId, default));
        if (credentials is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.Channels.SingleAsync(c => c.Id == channel.Id);
            scope.ServiceProvider.GetRequiredService<ChannelSecrets>().Store(row, credentials);
            await db.SaveChangesAsync();
        }

        return channel;
    }

    private async Task<CheckChannelTokens.Summary> CheckAsync(Guid channelId)
    {
        using var scope = App.Services.CreateScope();
        return await Create<CheckChannelTokens>(scope).RunAsync(default, channelId);
    }

    [Fact]
    public async Task TokenConnect_StoresTheTokenEncrypted_AndARestartedAppCanStillReadIt()
    {
        var channel = await TokenChannelAsync("-100" + Random.Shared.Next(100000, 999999));

        var raw = await Db(db => db.Channels.AsNoTracking().Where(c => c.Id == channel.Id).Select(c => c.ProtectedCredentials).SingleAsync());
        Assert.NotNull(raw);
        Assert.DoesNotContain("secret-bot-token", raw);
        // A second provider over the same key ring is what the app is after a restart.
        var restarted = new ChannelSecrets(DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(App.DataDirectory, "keys")),
            o => o.SetApplicationName("CareDialog")));
        var row = await Db(db => db.Channels.AsNoTracking().SingleAsync(c => c.Id == channel.Id));
        Assert.Equal("123:secret-bot-token", restarted.Read(row).AccessToken);
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == "channel.connected" && a.EntityId == channel.Id.ToString())));
        Assert.DoesNotContain(await Db(db => db.AuditEntries.Where(a => a.EntityId == channel.Id.ToString()).Select(a => a.After ?? "").ToListAsync()), a => a.Contains("secret"));
    }

    [Fact]
    public async Task TokenConnect_WithARevokedToken_IsRefusedWithThePlatformsReason_AndCreatesNothing()
    {
        var admin = await _scenario.ActorAsync("admin@caredialog.demo");
        var before = await Db(db => db.Channels.CountAsync());
        using var scope = App.Services.CreateScope();

        var result = await Create<ConnectChannel>(scope).ConnectWithTokenAsync(admin, Platform.Telegram, "revoked", "@clinic", default);

        Assert.Contains("revoked", result.Error!.Message);
        Assert.Equal(before, await Db(db => db.Channels.CountAsync()));
    }

    [Fact]
    public async Task Connecting_NeedsTheManageChannelsRight()
    {
        var editor = await _scenario.ActorAsync("editor@caredialog.demo");
        using var scope = App.Services.CreateScope();

        var result = await Create<ConnectChannel>(scope).ConnectWithTokenAsync(editor, Platform.Telegram, "123:x", "@clinic", default);
        var oauth = await Create<ConnectChannel>(scope).StartOAuthAsync(editor, Platform.X, Redirect, null, default);

        Assert.Equal(Core.Common.ErrorKind.Forbidden, result.Error!.Kind);
        Assert.Equal(Core.Common.ErrorKind.Forbidden, oauth.Error!.Kind);
    }

    [Fact]
    public async Task OAuth_StartCallbackChoose_CreatesTheChosenChannel_WithPkceAndStateChecked()
    {
        var admin = await _scenario.ActorAsync("admin@caredialog.demo");
        var account = "x-" + Guid.NewGuid().ToString("N")[..8];
        _oauth.Accounts.Add(new ConnectableAccount(account, "Regionshospitalet", "@rh", new ChannelCredentials { AccessToken = "at", RefreshToken = "rt", AccountId = account }));
        _oauth.Accounts.Add(new ConnectableAccount("other", "Other", "@other", new ChannelCredentials { AccessToken = "at2", AccountId = "other" }));
        using var scope = App.Services.CreateScope();
        var uc = Create<ConnectChannel>(scope);

        var url = Scenario.Ok(await uc.StartOAuthAsync(admin, Platform.X, Redirect, null, default));
        var state = System.Web.HttpUtility.ParseQueryString(url.Query)["state"]!;
        var challenge = System.Web.HttpUtility.ParseQueryString(url.Query)["code_challenge"]!;
        var wrongUser = await uc.CompleteOAuthAsync("someone-else", "Someone", state, "code-1", null, default);
        var pending = Scenario.Ok(await uc.CompleteOAuthAsync(admin.UserId, admin.UserName, state, "code-1", null, default));
        var replay = await uc.CompleteOAuthAsync(admin.UserId, admin.UserName, state, "code-1", null, default);
        var offered = Scenario.Ok(await uc.OfferedAsync(admin, pending.Id, default));
        var chosen = Scenario.Ok(await uc.ChooseAsync(admin, pending.Id, [account], default));

        Assert.NotNull(wrongUser.Error);
        Assert.NotNull(replay.Error);
        Assert.Equal(Pkce.Challenge(_oauth.Callbacks.Single().CodeVerifier), challenge);
        Assert.Equal(Redirect, _oauth.Callbacks.Single().RedirectUri);
        Assert.Equal(2, offered.Count);
        var channel = Assert.Single(chosen);
        Assert.Equal("Regionshospitalet", channel.Name);
        Assert.Equal(ChannelHealth.Connected, channel.Health);
        Assert.Null(await Db(db => db.PendingConnections.Where(p => p.Id == pending.Id).Select(p => p.ProtectedAccounts).SingleAsync()));
    }

    [Fact]
    public async Task OAuth_WithAnExpiredState_IsRefused()
    {
        var admin = await _scenario.ActorAsync("admin@caredialog.demo");
        using var scope = App.Services.CreateScope();
        var uc = Create<ConnectChannel>(scope);
        var url = Scenario.Ok(await uc.StartOAuthAsync(admin, Platform.X, Redirect, null, default));
        var state = System.Web.HttpUtility.ParseQueryString(url.Query)["state"]!;

        App.Clock.Advance(PendingConnection.Lifetime + TimeSpan.FromMinutes(1));
        var result = await uc.CompleteOAuthAsync(admin.UserId, admin.UserName, state, "code", null, default);

        Assert.Contains("expired", result.Error!.Message);
    }

    [Fact]
    public async Task OAuth_AbandonedSignIns_AreDroppedWhenANewOneStarts()
    {
        var admin = await _scenario.ActorAsync("admin@caredialog.demo");
        using var scope = App.Services.CreateScope();
        var uc = Create<ConnectChannel>(scope);
        var first = System.Web.HttpUtility.ParseQueryString(Scenario.Ok(await uc.StartOAuthAsync(admin, Platform.X, Redirect, null, default)).Query)["state"];

        App.Clock.Advance(PendingConnection.Lifetime * 2 + TimeSpan.FromMinutes(1));
        Scenario.Ok(await uc.StartOAuthAsync(admin, Platform.X, Redirect, null, default));

        Assert.False(await Db(db => db.PendingConnections.AnyAsync(p => p.State == first)));
    }

    [Fact]
    public async Task TokenCheck_Refreshed_StoresTheNewTokenAndKeepsTheRefreshToken()
    {
        var channel = await TokenChannelAsync("-1001", new ChannelCredentials { AccessToken = "old", RefreshToken = "keep-me", AccountId = "-1001" });
        _token.TokenAnswer = a => new TokenCheck.Refreshed(a.Credentials.Refreshed("new", App.Clock.GetUtcNow().UtcDateTime.AddHours(2), null, null));

        var summary = await CheckAsync(channel.Id);

        Assert.Equal(1, summary.Refreshed);
        using var scope = App.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Channels.SingleAsync(c => c.Id == channel.Id);
        var stored = scope.ServiceProvider.GetRequiredService<ChannelSecrets>().Read(row);
        Assert.Equal("new", stored.AccessToken);
        Assert.Equal("keep-me", stored.RefreshToken);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime.AddHours(2), row.TokenExpiresAtUtc);
    }

    [Fact]
    public async Task TokenCheck_Invalid_MarksNeedsReconnect_NotifiesAdmins_AndScheduledPostsWait()
    {
        var channel = await TokenChannelAsync("-1002");
        _token.TokenAnswer = _ => new TokenCheck.Invalid("Unauthorized: the bot token was revoked.");
        var post = await _scenario.ScheduledPostAsync([channel.Id], TimeSpan.FromMinutes(1));

        await CheckAsync(channel.Id);
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        using (var scope = App.Services.CreateScope())
        {
            await Create<PublishDuePosts>(scope).RunAsync(default);
        }

        var row = await Db(db => db.Channels.AsNoTracking().SingleAsync(c => c.Id == channel.Id));
        Assert.Equal(ChannelHealth.NeedsReconnect, row.Health);
        Assert.Contains("revoked", row.HealthReason);
        var notice = await Db(db => db.Notifications.AsNoTracking().SingleAsync(n => n.OrganisationId == row.OrganisationId && n.Kind == "channel.needs_reconnect" && n.Text.Contains(row.Name)));
        Assert.Equal(OrgRole.Admin, notice.ForRoles);
        var slug = await Db(db => db.Organisations.Where(o => o.Id == row.OrganisationId).Select(o => o.Slug).SingleAsync());
        Assert.Contains("needs to be reconnected", await (await SignInAsync("admin@caredialog.demo")).GetStringAsync($"/o/{slug}/calendar"));
        Assert.DoesNotContain("needs to be reconnected", await (await SignInAsync("editor@caredialog.demo")).GetStringAsync($"/o/{slug}/calendar"));
        var target = await Db(db => db.PostTargets.AsNoTracking().SingleAsync(t => t.PostId == post.Id));
        Assert.Equal(PublicationState.Pending, target.State);
        Assert.Contains("reconnected", target.LastError);
        Assert.Empty(_token.Published);
    }

    [Fact]
    public async Task TokenCheck_Unreachable_ChangesNothingButTheReason()
    {
        var channel = await TokenChannelAsync("-1003");
        _token.TokenAnswer = _ => new TokenCheck.Unreachable("Telegram did not answer in time.");

        var summary = await CheckAsync(channel.Id);

        Assert.Equal(1, summary.Unreachable);
        var row = await Db(db => db.Channels.AsNoTracking().SingleAsync(c => c.Id == channel.Id));
        Assert.Equal(ChannelHealth.Connected, row.Health);
        Assert.Contains("could not reach", row.HealthReason);
    }

    [Fact]
    public async Task Reconnect_WithTheSameAccount_KeepsTheChannelAndMakesItHealthyAgain()
    {
        var channel = await TokenChannelAsync("-1004");
        _token.TokenAnswer = _ => new TokenCheck.Invalid("revoked");
        await CheckAsync(channel.Id);

        var again = await TokenChannelAsync("-1004");

        Assert.Equal(channel.Id, again.Id);
        var row = await Db(db => db.Channels.AsNoTracking().SingleAsync(c => c.Id == channel.Id));
        Assert.Equal(ChannelHealth.Connected, row.Health);
        Assert.Null(row.HealthReason);
        Assert.True(await Db(db => db.AuditEntries.AnyAsync(a => a.Action == "channel.reconnected" && a.EntityId == channel.Id.ToString())));
    }
}

public sealed class ChannelConnectionTests_Sqlite(SqliteAppFixture app) : ChannelConnectionTests<SqliteAppFixture>(app);

public sealed class ChannelConnectionTests_Postgres(PostgresAppFixture app) : ChannelConnectionTests<PostgresAppFixture>(app);
