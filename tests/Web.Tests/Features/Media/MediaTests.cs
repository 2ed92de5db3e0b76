using System.Net;
using System.Net.Http.Headers;
using CareDialog.Web.Features.Media;
using CareDialog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
