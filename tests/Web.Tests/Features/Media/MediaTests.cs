using System.Net;
using System.Net.Http.Headers;
using CareDialog.Core.Features.Media;
using CareDialog.Web.Features.Media;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareDialog.Web.Tests.Features.Media;

public abstract class MediaTests<TFixture>(TFixture app) : AppTests<TFixture>(app) where TFixture : AppFixture
{
    /// <summary>A valid 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static MultipartFormDataContent File(byte[] bytes, string name, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { content, "file", name } };
    }

    [Fact]
    public async Task Upload_Png_IsStoredAndServedToMembersOnly()
    {
        var (_, slug, _) = await OrgAsync("DK");
        var editor = await SignInAsync("editor@caredialog.demo");

        var response = await editor.PostAsync($"/api/v1/orgs/{slug}/media", File(Png, "poster.png", "image/png"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var media = await ReadAsync<MediaDto>(response);
        Assert.Equal("image/png", media.ContentType);
        Assert.Equal(Png, await editor.GetByteArrayAsync(media.Url));
        var klinik = await SignInAsync("klinik@caredialog.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await klinik.GetAsync(media.Url)).StatusCode);
    }

    [Fact]
    public async Task PublicLink_ServesTheFileAnonymously_ButNotWhenTamperedOrExpired()
    {
        var (_, slug, _) = await OrgAsync("DK");
        var editor = await SignInAsync("editor@caredialog.demo");
        var media = await ReadAsync<MediaDto>(await editor.PostAsync($"/api/v1/orgs/{slug}/media", File(Png, "poster.png", "image/png")));
        var provider = App.Services.GetRequiredService<IDataProtectionProvider>();
        var links = new PublicMediaLinks(provider, Options.Create(new MediaOptions { PublicBaseUrl = new Uri("https://caredialog.example/") }));
        var attachment = await Db(db => db.Media.AsNoTracking().SingleAsync(m => m.Id == media.Id));

        var link = links.For(attachment)!;
        var token = link.AbsolutePath[PublicMediaLinks.RoutePrefix.Length..];
        var expired = provider.CreateProtector("CareDialog.PublicMedia.v1").ToTimeLimitedDataProtector()
            .Protect(media.Id.ToString("N"), DateTimeOffset.UtcNow.AddMinutes(-1));

        Assert.StartsWith("https://caredialog.example/media/public/", link.ToString());
        Assert.Equal(Png, await Anonymous().GetByteArrayAsync(link.AbsolutePath));
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync(PublicMediaLinks.RoutePrefix + token[..^2] + "xx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync(PublicMediaLinks.RoutePrefix + expired)).StatusCode);
    }

    [Fact]
    public async Task Upload_TextFileNamedPng_IsRefusedAndNothingIsStored()
    {
        var (_, slug, _) = await OrgAsync("DK");
        var editor = await SignInAsync("editor@caredialog.demo");
        var before = await Db(db => db.Media.CountAsync());

        var response = await editor.PostAsync($"/api/v1/orgs/{slug}/media", File("not an image"u8.ToArray(), "photo.png", "image/png"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JPEG, PNG, GIF, WebP", (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(before, await Db(db => db.Media.CountAsync()));
    }

    [Fact]
    public async Task Upload_EmptyFile_IsRefused()
    {
        var (_, slug, _) = await OrgAsync("DK");
        var editor = await SignInAsync("editor@caredialog.demo");
        var response = await editor.PostAsync($"/api/v1/orgs/{slug}/media", File([], "empty.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Upload_ImageOverTheImageLimit_IsRefusedWithTheSize()
    {
        var (_, slug, _) = await OrgAsync("DK");
        var editor = await SignInAsync("editor@caredialog.demo");
        var big = new byte[9 * 1024 * 1024];
        Png.CopyTo(big, 0);

        var response = await editor.PostAsync($"/api/v1/orgs/{slug}/media", File(big, "big.png", "image/png"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 8 MB", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }
}

public sealed class MediaTests_Sqlite(SqliteAppFixture app) : MediaTests<SqliteAppFixture>(app);

public sealed class MediaTests_Postgres(PostgresAppFixture app) : MediaTests<PostgresAppFixture>(app);
