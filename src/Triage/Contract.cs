using CareDialog.Compliance.Detectors;

namespace CareDialog.Triage;

public enum Sentiment { Negative, Neutral, Positive }

public enum Intent { Complaint, Question, Appointment, Praise, Emergency, Spam, Other }

public enum Urgency { Critical, High, Normal, Low }

/// <summary>
/// One inbound message. <paramref name="DefaultRegion"/> (TR, DK, FI, RU) overrides the region taken from the detected
/// language when patient data is looked for (it decides how local phone numbers are read).
/// </summary>
public sealed record TriageRequest(string Text, string? Platform = null, string? DefaultRegion = null);

/// <summary>
/// Why one label was given: <see cref="Label"/> is language, sentiment, intent, urgency or ignored (a cue that was found but did
/// not count, e.g. a negated or figurative emergency phrase); <see cref="Evidence"/> the words or feature that decided; the span is
/// in UTF-16 code units of the input text, or Start = -1 for a feature of the whole text.
/// </summary>
public sealed record TriageReason(string Label, string Value, string Evidence, int Start = -1, int Length = 0)
{
    /// <summary>Reads as <c>intent=emergency because "не могу дышать" at 12+14</c>.</summary>
    public override string ToString() =>
        Start >= 0 ? $"{Label}={Value} because \"{Evidence}\" at {Start}+{Length}" : $"{Label}={Value} because {Evidence}";
}

/// <summary>Language is a BCP 47 code (tr, da, fi, ru, en) or "und" when the text gives no evidence.</summary>
public sealed record TriageResult(
    string Language,
    Sentiment Sentiment,
    Intent Intent,
    Urgency Urgency,
    IReadOnlyList<PersonalDataMatch> PersonalData,
    IReadOnlyList<TriageReason> Reasons);

/// <summary>The lower-case wire values of design.md (CLI and JSON).</summary>
public static class WireNames
{
    public static string Of(Sentiment value) => value switch
    {
        Sentiment.Negative => "negative",
        Sentiment.Positive => "positive",
        _ => "neutral",
    };

    public static string Of(Intent value) => value switch
    {
        Intent.Complaint => "complaint",
        Intent.Question => "question",
        Intent.Appointment => "appointment",
        Intent.Praise => "praise",
        Intent.Emergency => "emergency",
        Intent.Spam => "spam",
        _ => "other",
    };

    public static string Of(Urgency value) => value switch
    {
        Urgency.Critical => "critical",
        Urgency.High => "high",
        Urgency.Low => "low",
        _ => "normal",
    };
}
