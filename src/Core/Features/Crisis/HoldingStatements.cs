using System.Globalization;
using System.Text.Json;

namespace CareDialog.Core.Features.Crisis;

/// <summary>
/// A pre-approved holding statement: calm, confirms nothing about any person, promises an update by a time, and asks people to
/// move personal health details to a private message. <see cref="Key"/> ("da/aware") is stable for links and the audit log.
/// </summary>
public sealed record HoldingStatement(string Language, string Id, string Title, string Text)
{
    public string Key => $"{Language}/{Id}";

    /// <summary>The text with its update time filled in, as it goes into the draft.</summary>
    public string TextWith(DateTime updateByLocal, DateTime todayLocal) => HoldingStatements.Fill(this, updateByLocal, todayLocal);
}

/// <summary>
/// The holding statements per language, read once from the embedded HoldingStatements.json (data, like the rule packs and
/// lexicons, so communications staff can change wording without touching code). Each is checked by the compliance engine in
/// its jurisdiction by a test, so a wording change that a rule pack would block fails the build.
/// </summary>
public static class HoldingStatements
{
    public const string Placeholder = "{updateBy}";
    internal const string ResourceName = "CareDialog.Core.Crisis.HoldingStatements.json";
    public const string FallbackLanguage = "en";

    /// <summary>How long after the draft is made the statement promises the next update (rounded up to the hour).</summary>
    public static readonly TimeSpan UpdateWithin = TimeSpan.FromHours(2);

    private sealed record LanguageFile(string UpdateTime, string UpdateDateTime, List<StatementFile> Statements);

    private sealed record StatementFile(string Id, string Title, string Text);

    private sealed record LanguageSet(string UpdateTime, string UpdateDateTime, IReadOnlyList<HoldingStatement> Statements);

    private static readonly Lazy<IReadOnlyDictionary<string, LanguageSet>> All = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static IReadOnlyCollection<string> Languages => [.. All.Value.Keys];

    /// <summary>The statements in <paramref name="language"/>, or in English when there are none in it.</summary>
    public static IReadOnlyList<HoldingStatement> For(string? language) =>
        (language is not null && All.Value.TryGetValue(language, out var set) ? set : All.Value[FallbackLanguage]).Statements;

    public static HoldingStatement? Find(string key)
    {
        var parts = key.Split('/', 2);
        return parts.Length == 2 && All.Value.TryGetValue(parts[0], out var set)
            ? set.Statements.FirstOrDefault(s => s.Id == parts[1])
            : null;
    }

    /// <summary>The next update time: <see cref="UpdateWithin"/> from now, rounded up to a whole hour of the local clock.</summary>
    public static DateTime UpdateBy(DateTime nowLocal)
    {
        var t = nowLocal + UpdateWithin;
        var hour = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, t.Kind);
        return hour == t ? hour : hour.AddHours(1);
    }

    /// <summary>Fills in the update time in the language's own format; the date is added only when it is not today.</summary>
    public static string Fill(HoldingStatement statement, DateTime updateByLocal, DateTime todayLocal)
    {
        var set = All.Value[statement.Language];
        var culture = CultureInfo.GetCultureInfo(statement.Language);
        var format = updateByLocal.Date == todayLocal.Date ? set.UpdateTime : set.UpdateDateTime;
        return statement.Text.Replace(Placeholder, updateByLocal.ToString(format, culture), StringComparison.Ordinal);
    }

    private static IReadOnlyDictionary<string, LanguageSet> Load()
    {
        using var stream = typeof(HoldingStatements).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        var files = JsonSerializer.Deserialize<Dictionary<string, LanguageFile>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("HoldingStatements.json is empty.");
        var result = new Dictionary<string, LanguageSet>(StringComparer.OrdinalIgnoreCase);
        foreach (var (language, file) in files)
        {
            if (file.Statements is not { Count: > 0 } || string.IsNullOrWhiteSpace(file.UpdateTime) || string.IsNullOrWhiteSpace(file.UpdateDateTime))
            {
                throw new InvalidOperationException($"HoldingStatements.json: '{language}' needs updateTime, updateDateTime and statements.");
            }

            var statements = file.Statements.Select(s =>
                string.IsNullOrWhiteSpace(s.Id) || string.IsNullOrWhiteSpace(s.Title) || !s.Text.Contains(Placeholder, StringComparison.Ordinal)
                    ? throw new InvalidOperationException($"HoldingStatements.json: every '{language}' statement needs an id, a title and {Placeholder} in its text.")
                    : new HoldingStatement(language, s.Id, s.Title, s.Text)).ToList();
            if (statements.Select(s => s.Id).Distinct().Count() != statements.Count)
            {
                throw new InvalidOperationException($"HoldingStatements.json: '{language}' has two statements with the same id.");
            }

            result[language] = new LanguageSet(file.UpdateTime, file.UpdateDateTime, statements);
        }

        if (!result.ContainsKey(FallbackLanguage))
        {
            throw new InvalidOperationException("HoldingStatements.json needs English statements: they are the fallback.");
        }

        return result;
    }
}
