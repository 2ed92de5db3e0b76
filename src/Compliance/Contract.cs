using CareDialog.Compliance.Platforms;

namespace CareDialog.Compliance;

/// <summary>A rule pack's jurisdiction; EU is the GDPR baseline that DK and FI also apply.</summary>
public enum Jurisdiction { TR, DK, FI, RU, EU }

public enum Severity { Warn, Block }

public enum Verdict { Pass, Warn, Block }

/// <summary>The fixed finding vocabulary of design.md; the wire values are these strings.</summary>
public static class Categories
{
    public const string BannedClaim = "banned-claim";
    public const string Misinformation = "misinformation";
    public const string Testimonial = "testimonial";
    public const string BeforeAfter = "before-after";
    public const string PricePromotion = "price-promotion";
    public const string Comparative = "comparative";
    public const string FearAppeal = "fear-appeal";
    public const string MandatoryDisclaimer = "mandatory-disclaimer";
    public const string PersonalData = "personal-data";
    public const string PlatformLimit = "platform-limit";

    public static readonly IReadOnlyList<string> All =
        [BannedClaim, Misinformation, Testimonial, BeforeAfter, PricePromotion, Comparative, FearAppeal, MandatoryDisclaimer, PersonalData, PlatformLimit];
}

/// <summary>Uses a patient's written consent can cover (wire values: testimonial, before-after, patient-image).</summary>
public static class ConsentUses
{
    public const string Testimonial = "testimonial";
    public const string BeforeAfter = "before-after";
    public const string PatientImage = "patient-image";
}

/// <summary>
/// A consent record as the engine sees it: id, the uses and channels it covers, and its validity. Null sets mean
/// "any"; a null date bound means open-ended.
/// </summary>
public sealed record ConsentReference(
    string Id,
    IReadOnlySet<string> Uses,
    IReadOnlySet<Platform>? Platforms = null,
    DateOnly? ValidFrom = null,
    DateOnly? ValidTo = null,
    bool Withdrawn = false);

/// <summary>
/// What to check. PublishOn: the day the post goes out (consent validity is checked against it; null = not checked).
/// OwnContacts: the organisation's own public phone numbers and addresses, never reported as patient data.
/// IsPublicReply: a public reply to a citizen (privacy rules for replies apply). HasMedia: images or video are
/// attached (patient-image and caption limits apply).
/// </summary>
public sealed record CheckRequest(
    string Text,
    Jurisdiction Jurisdiction,
    Platform? Platform = null,
    IReadOnlyList<ConsentReference>? Consents = null,
    DateOnly? PublishOn = null,
    IReadOnlyList<string>? OwnContacts = null,
    bool IsPublicReply = false,
    bool HasMedia = false);

/// <summary>
/// One problem found in a text. Message and Suggestion are in the jurisdiction's language, MessageEn and SuggestionEn in
/// English for reviewers who do not read it. Start/Length are UTF-16 code units of the request text. A finding a consent can
/// satisfy keeps its category; with a matching consent it is reported with Satisfied=true and does not count
/// towards the verdict.
/// </summary>
public sealed record Finding(
    string Rule,
    string Category,
    Severity Severity,
    int Start,
    int Length,
    string Message,
    string MessageEn,
    string Suggestion,
    string SuggestionEn,
    string Source,
    string Confidence,
    bool ConsentCanSatisfy = false,
    bool Satisfied = false,
    string? SatisfiedBy = null);

public sealed record CheckResult(Verdict Verdict, IReadOnlyList<Finding> Findings)
{
    public static Verdict VerdictOf(IEnumerable<Finding> findings)
    {
        var open = findings.Where(f => !f.Satisfied).ToList();
        return open.Any(f => f.Severity == Severity.Block) ? Verdict.Block : open.Count > 0 ? Verdict.Warn : Verdict.Pass;
    }
}

/// <summary>The engine: loads every rule pack once (thread-safe, reusable) and checks texts.</summary>
public interface IComplianceChecker
{
    CheckResult Check(CheckRequest request);
}
