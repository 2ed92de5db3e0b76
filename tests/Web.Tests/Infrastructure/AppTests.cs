using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Demo;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareDialog.Web.Tests.Infrastructure;

/// <summary>Base for integration tests: helpers to sign in as a demo user and call the API.</summary>
public abstract partial class AppTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    protected TFixture App { get; } = app;

    protected HttpClient Anonymous() =>
        App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected async Task<HttpClient> SignInAsync(string email, string password = DemoSeeder.Password)
    {
        var client = Anonymous();
        var response = await PostLoginAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.DoesNotContain("error=", response.Headers.Location?.ToString() ?? "");
        return client;
    }

    protected static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password) =>
        await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client),
        }));

    /// <summary>A form token as a browser gets it; the sign-in page always carries one (so this works after /setup closed).</summary>
    protected static async Task<string> AntiforgeryTokenAsync(HttpClient client) =>
        WebUtility.HtmlDecode(AntiforgeryField().Match(await client.GetStringAsync("/account/login")).Groups[1].Value);

    protected async Task<T> Db<T>(Func<AppDbContext, Task<T>> query)
    {
        using var scope = App.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected async Task<(Guid OrgId, string Slug, List<Guid> Channels)> OrgAsync(string country) =>
        await Db(async db =>
        {
            var org = await db.Organisations.SingleAsync(o => o.Country == country);
            var channels = await db.Channels.Where(c => c.OrganisationId == org.Id).OrderBy(c => c.Name).Select(c => c.Id).ToListAsync();
            return (org.Id, org.Slug, channels);
        });

    protected static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    protected static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
