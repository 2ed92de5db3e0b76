using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CareDialog.Connectors.Meta.Tests;

/// <summary>Webhook bodies as Meta sends them: the examples of platform-apis.md §1.7 and §2.4, escaped and signed like Meta does.</summary>
internal static class WebhookPayloads
{
    public const string AppSecret = "fake-app-secret";

    /// <summary>§1.7, a real captured delivery: the Page itself replying to a comment (parent_id is a comment).</summary>
    public const string FacebookFeedComment = """
        {
          "entry": [
            {
              "id": "448242228374517",
              "time": 1742667607,
              "changes": [
                {
                  "field": "feed",
                  "value": {
                    "from": { "id": "448242228374517", "name": "SuperTester" },
                    "post": {
                      "status_type": "mobile_status_update",
                      "is_published": true,
                      "updated_time": "2025-03-22T18:20:04+0000",
                      "promotion_status": "inactive",
                      "id": "448242228374517_122131676912594941"
                    },
                    "message": "meow 2",
                    "post_id": "448242228374517_122131676912594941",
                    "comment_id": "122131676912594941_1213590066982748",
                    "created_time": 1742667604,
                    "item": "comment",
                    "parent_id": "122131676912594941_542072878449250",
                    "verb": "add"
                  }
                }
              ]
            }
          ],
          "object": "page"
        }
        """;

    /// <summary>§2.4, the documented example.</summary>
    public const string InstagramComment = """
        {
          "object": "instagram",
          "entry": [
            {
              "id": "17841405309211844",
              "time": 1700000000,
              "changes": [
                {
                  "field": "comments",
                  "value": {
                    "id": "17865799348089039",
                    "from": { "id": "1234567890", "username": "patient_jane" },
                    "text": "When does the clinic open?",
                    "media": { "id": "17887498072083520", "media_product_type": "FEED" }
                  }
                }
              ]
            }
          ]
        }
        """;

    /// <summary>
    /// Text no normalisation may touch: a decomposed é (NFC would compose it), an emoji ZWJ sequence with a skin tone,
    /// right-to-left override, Arabic, markup, a tab and a line break.
    /// </summary>
    public const string OddText = "Cafe\u0301 👩🏽‍⚕️ \u202Eevil\u202C مرحبا <b>&amp;</b>\t\"quoted\"\r\nnext line";

    /// <summary>A top-level comment by a visitor (parent_id is the post itself), with <see cref="OddText"/>.</summary>
    public static string FacebookTopLevelComment(string text = OddText, string verb = "add", string item = "comment", string field = "feed") => $$$"""
        {"object":"page","entry":[{"id":"448242228374517","time":1742667700,"changes":[{"field":"{{{field}}}","value":{
          "from":{"id":"5550001","name":"Zoë Ångström"},
          "post_id":"448242228374517_122131676912594941",
          "comment_id":"122131676912594941_777",
          "created_time":1742667690,
          "item":"{{{item}}}",
          "parent_id":"448242228374517_122131676912594941",
          "verb":"{{{verb}}}",
          "message":{{{JsonString(text)}}}
        }}]}]}
        """;

    /// <summary>A JSON string literal that leaves non-ASCII characters as they are, for <see cref="MetaEncoded"/> to escape.</summary>
    public static string JsonString(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Meta escapes every non-ASCII character as \uXXXX with lowercase hex and signs exactly those bytes (§1.6).</summary>
    public static byte[] MetaEncoded(string json)
    {
        var sb = new StringBuilder(json.Length);
        foreach (var c in json)
        {
            if (c > 0x7E)
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    public static string Sign(byte[] body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
