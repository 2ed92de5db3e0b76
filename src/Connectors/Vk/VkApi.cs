using System.Text.Json;

namespace CareDialog.Connectors.Vk;

/// <summary>
/// A failed VK call: <see cref="Code"/> is VK's error_code (§7.2) when VK answered with an error object, null when the HTTP
/// exchange itself failed (<see cref="HttpStatus"/>) or the body could not be read.
/// </summary>
internal sealed class VkCallException(int? code, int? httpStatus, string message) : Exception(message)
{
    public int? Code { get; } = code;
    public int? HttpStatus { get; } = httpStatus;
}

/// <summary>The <c>response</c> of a successful call, kept alive with its document.</summary>
internal sealed class VkResponse(JsonDocument document, JsonElement response) : IDisposable
{
    public JsonElement Response { get; } = response;

    public void Dispose() => document.Dispose();
}

/// <summary>
/// VK's request format (§7.1): <c>POST {ApiBaseUrl}method/{name}</c>, form-encoded, with access_token and v in the body (so the
/// token never appears in a logged URL). Errors arrive with HTTP 200 and an <c>error</c> object, so the body decides, not the status.
/// </summary>
internal sealed class VkApi(HttpClient http, VkOptions options)
{
    public async Task<VkResponse> CallAsync(string method, string token, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>(parameters)
        {
            new("access_token", token),
            new("v", options.ApiVersion),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "method/" + method) { Content = new FormUrlEncodedContent(form) };
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new VkCallException(null, (int)response.StatusCode, $"HTTP {(int)response.StatusCode}");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new VkCallException(null, null, "The answer is not JSON.");
        }

        var root = doc.RootElement;
        if (Json.Get(root, "error") is { } error)
        {
            var code = (int?)Json.Long(error, "error_code");
            doc.Dispose();
            throw new VkCallException(code ?? 1, null, $"VK error {code}");
        }

        if (Json.Get(root, "response") is { } ok)
        {
            return new VkResponse(doc, ok);
        }

        doc.Dispose();
        throw new VkCallException(null, null, "The answer has neither response nor error.");
    }
}
