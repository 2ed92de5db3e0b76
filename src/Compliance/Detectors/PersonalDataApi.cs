namespace CareDialog.Compliance.Detectors;

/// <summary>Stable wire values of the personal-data kinds (CLI and JSON output).</summary>
public static class PersonalDataKinds
{
    public const string TrIdentity = "tr-tckn";
    public const string DkCpr = "dk-cpr";
    public const string FiHetu = "fi-hetu";
    public const string RuSnils = "ru-snils";
    public const string RuInn = "ru-inn";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string HealthName = "name-with-health-condition";
}

/// <summary>One piece of personal data; Start/Length are UTF-16 code units of the input text.</summary>
public sealed record PersonalDataMatch(string Kind, int Start, int Length, string Description);

/// <summary>
/// DefaultRegion: ISO country used to parse phone numbers written without a country code (TR, DK, FI, RU).
/// OwnContacts: the organisation's own public phone numbers and e-mail addresses, never reported.
/// </summary>
public sealed record PersonalDataOptions(string? DefaultRegion = null, IReadOnlyList<string>? OwnContacts = null);
