using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace CareDialog.Ingest.Bench;

/// <summary>A Telegram channel connected for one phase of the run, with the secret its webhook deliveries carry.</summary>
public sealed record BenchChannel(Guid Id, string Country, long ChannelChatId, long DiscussionChatId, string Secret);

/// <summary>One distinct citizen message as Telegram delivers it: the update's raw bytes and the inbox item it must become.</summary>
public sealed record Delivery(int Item, Guid ChannelId, string Secret, string RemoteId, byte[] Body);

/// <summary>
/// Realistic deliveries: the labelled triage set of tests/Triage.Tests (tr, da, fi, ru, en: questions, complaints, praise,
/// emergencies, spam) as Telegram updates — mostly comments under a channel post in its discussion group, some direct messages
/// to the bot — with a national id, phone number or e-mail address added to about one in seven, as citizens do.
/// Each message of the run is distinct (its own update_id, message id and author); the texts repeat across the run.
/// </summary>
public static class Payloads
{
    private static readonly Dictionary<string, string[]> PatientData = new()
    {
        ["tr"] = ["TC kimlik no 10000000146, telefonum 0532 111 22 33.", "Numaram +90 532 123 45 67, lütfen arayın."],
        ["da"] = ["Mit CPR er 211062-5629, ring på 20 12 34 56.", "Skriv til anna.hansen@example.dk eller ring +45 32 12 34 56."],
        ["fi"] = ["Hetu 131052-308T, numeroni on +358 40 1234567.", "Soittakaa numeroon 040 123 4567."],
        ["ru"] = ["Мой телефон +7 912 345-67-89, СНИЛС 112-233-445 95.", "Пишите на ivan.petrov@example.ru."],
        ["en"] = ["Call me on +44 7700 900123 or email jane.doe@example.com.", "My number is +1 202 555 0147."],
    };

    private static readonly Dictionary<string, (string First, string Last)[]> Authors = new()
    {
        ["tr"] = [("Ayşe", "Yılmaz"), ("Mehmet", "Demir"), ("Zeynep", "Kaya"), ("Emre", "Çelik")],
        ["da"] = [("Mette", "Larsen"), ("Jens", "Pedersen"), ("Sofie", "Nielsen"), ("Lars", "Jensen")],
        ["fi"] = [("Aino", "Virtanen"), ("Mikko", "Korhonen"), ("Laura", "Mäkinen"), ("Juha", "Nieminen")],
        ["ru"] = [("Анна", "Петрова"), ("Иван", "Смирнов"), ("Ольга", "Иванова"), ("Дмитрий", "Кузнецов")],
        ["en"] = [("Anna", "Smith"), ("James", "Brown"), ("Emily", "Clark"), ("Oliver", "Wright")],
    };

    private static readonly Dictionary<string, string> CountryOf = new() { ["tr"] = "TR", ["da"] = "DK", ["fi"] = "FI", ["ru"] = "RU" };

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CareDialog.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("CareDialog.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>(language, text) of the labelled set, in a fixed order.</summary>
    public static IReadOnlyList<(string Language, string Text)> Labelled(string repoRoot)
    {
        var result = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(Path.Combine(repoRoot, "tests", "Triage.Tests", "Labelled"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                var root = JsonDocument.Parse(line).RootElement;
                result.Add((root.GetProperty("language").GetString()!, root.GetProperty("text").GetString()!));
            }
        }

        return result;
    }

    /// <summary>
    /// <paramref name="count"/> distinct deliveries spread over <paramref name="channels"/> by language (English goes to all);
    /// <paramref name="firstUpdateId"/> keeps the update ids of different phases apart.
    /// </summary>
    public static IReadOnlyList<Delivery> Build(IReadOnlyList<(string Language, string Text)> corpus, IReadOnlyList<BenchChannel> channels,
        int count, long firstUpdateId, int seed)
    {
        var rng = new Random(seed);
        var byCountry = channels.ToDictionary(c => c.Country);
        var deliveries = new List<Delivery>(count);
        var buffer = new ArrayBufferWriter<byte>(2048);
        var date = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        for (var i = 0; i < count; i++)
        {
            var (language, text) = corpus[rng.Next(corpus.Count)];
            if (rng.Next(7) == 0)
            {
                var extra = PatientData[language];
                text = text + " " + extra[rng.Next(extra.Length)];
            }

            var channel = CountryOf.TryGetValue(language, out var country) ? byCountry[country] : channels[i % channels.Count];
            var (first, last) = Authors[language][rng.Next(Authors[language].Length)];
            var userId = 5_000_000_000L + rng.Next(1_000_000);
            var messageId = 10_000 + i;
            var direct = rng.Next(5) == 0;
            var chatId = direct ? userId : channel.DiscussionChatId;

            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer))
            {
                WriteUpdate(json, firstUpdateId + i, messageId, date + i, direct, channel, userId, first, last, language, text);
            }

            deliveries.Add(new Delivery(i, channel.Id, channel.Secret,
                chatId.ToString(CultureInfo.InvariantCulture) + ":" + messageId.ToString(CultureInfo.InvariantCulture),
                buffer.WrittenSpan.ToArray()));
        }

        return deliveries;
    }

    /// <summary>
    /// A comment is a reply, in the channel's discussion group, to the automatic forward of a channel post (Bot API 7+ shape,
    /// with forward_origin); a direct message is a message in the person's private chat with the bot.
    /// </summary>
    private static void WriteUpdate(Utf8JsonWriter json, long updateId, int messageId, long date, bool direct, BenchChannel channel,
        long userId, string first, string last, string language, string text)
    {
        json.WriteStartObject();
        json.WriteNumber("update_id", updateId);
        json.WriteStartObject("message");
        json.WriteNumber("message_id", messageId);
        json.WriteStartObject("from");
        json.WriteNumber("id", userId);
        json.WriteBoolean("is_bot", false);
        json.WriteString("first_name", first);
        json.WriteString("last_name", last);
        json.WriteString("language_code", language);
        json.WriteEndObject();
        json.WriteStartObject("chat");
        if (direct)
        {
            json.WriteNumber("id", userId);
            json.WriteString("first_name", first);
            json.WriteString("last_name", last);
            json.WriteString("type", "private");
            json.WriteEndObject();
            json.WriteNumber("date", date);
        }
        else
        {
            json.WriteNumber("id", channel.DiscussionChatId);
            json.WriteString("title", "Clinic News Chat " + channel.Country);
            json.WriteString("type", "supergroup");
            json.WriteEndObject();
            json.WriteNumber("date", date);
            json.WriteNumber("message_thread_id", 1180);
            json.WriteStartObject("reply_to_message");
            json.WriteNumber("message_id", 1180);
            json.WriteStartObject("sender_chat");
            WriteChannelChat(json, channel);
            json.WriteEndObject();
            json.WriteStartObject("chat");
            json.WriteNumber("id", channel.DiscussionChatId);
            json.WriteString("title", "Clinic News Chat " + channel.Country);
            json.WriteString("type", "supergroup");
            json.WriteEndObject();
            json.WriteNumber("date", date - 3600);
            json.WriteBoolean("is_automatic_forward", true);
            json.WriteStartObject("forward_origin");
            json.WriteString("type", "channel");
            json.WriteStartObject("chat");
            WriteChannelChat(json, channel);
            json.WriteEndObject();
            json.WriteNumber("message_id", 42);
            json.WriteNumber("date", date - 3605);
            json.WriteEndObject();
            json.WriteString("text", "Influenza vaccination opens on Saturday.");
            json.WriteEndObject();
        }

        json.WriteString("text", text);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteChannelChat(Utf8JsonWriter json, BenchChannel channel)
    {
        json.WriteNumber("id", channel.ChannelChatId);
        json.WriteString("title", "Clinic News " + channel.Country);
        json.WriteString("username", "clinic_news_" + channel.Country.ToLowerInvariant());
        json.WriteString("type", "channel");
    }
}
