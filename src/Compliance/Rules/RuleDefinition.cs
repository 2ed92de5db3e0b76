namespace CareDialog.Compliance.Rules;

internal enum RuleKind
{
    /// <summary>Fires where one of its triggers occurs.</summary>
    Match,

    /// <summary>Fires when the post needs a text (the applies-when groups match) and none of its parts is there.</summary>
    Required,

    /// <summary>Fires when some but not all parts of the required rule it belongs to are there.</summary>
    Partial,
}

internal enum ExceptionScope
{
    /// <summary>The exception words overlap the trigger ("garanti veremeyiz" around "garanti").</summary>
    Overlap,

    /// <summary>The exception words are in the same sentence.</summary>
    Sentence,

    /// <summary>The exception words are within <see cref="RuleDefinition.NearDistance"/> characters, before or after.</summary>
    Near,

    /// <summary>Anywhere in the text.</summary>
    Text,
}

internal sealed record RuleException(ExceptionScope Scope, IReadOnlyList<string> Triggers);

/// <summary>One rule as read from a pack, before its triggers are compiled.</summary>
internal sealed class RuleDefinition
{
    public const int NearDistance = 120;

    public required string Id { get; init; }
    public required string Ref { get; init; }
    public required string Pack { get; init; }
    public required string Category { get; init; }
    public required Severity Severity { get; init; }
    public required string Confidence { get; init; }
    public string? ConfidenceNote { get; init; }
    public required RuleKind Kind { get; init; }
    public string? PartialOf { get; init; }
    public required string Language { get; init; }

    /// <summary>Bit <c>1 &lt;&lt; (int)Jurisdiction</c> for every jurisdiction the rule is checked in.</summary>
    public uint Jurisdictions { get; set; }

    public bool RequiresMedia { get; init; }
    public bool PublicReplyOnly { get; init; }
    public required IReadOnlyList<string> Triggers { get; init; }
    public required IReadOnlyList<IReadOnlyList<string>> AppliesWhen { get; init; }
    public required IReadOnlyList<RuleException> Exceptions { get; init; }
    public required IReadOnlyList<IReadOnlyList<string>> Parts { get; init; }
    public required IReadOnlyDictionary<string, string> Message { get; init; }
    public required IReadOnlyDictionary<string, string> Suggestion { get; init; }
    public required string Law { get; init; }
    public required string Article { get; init; }
    public required string Url { get; init; }
    public bool ConsentCanSatisfy { get; init; }
    public string? ConsentUse { get; init; }
    public required IReadOnlyList<string> PositiveExamples { get; init; }
    public required IReadOnlyList<string> NegativeExamples { get; init; }

    public int Index { get; set; }
    public int PartialRule { get; set; } = -1;

    public string SourceText => field ??= $"{Law}, {Article} — {Url}";
}

/// <summary>A text the engine itself reports (platform limits, personal data), in one jurisdiction's language and in English.</summary>
internal sealed record SystemText(string Message, string MessageEn, string Suggestion, string SuggestionEn, string? Source);
