namespace CareDialog.Core.Features.Inbox;

/// <summary>A pre-approved public answer to a possible emergency, with the public numbers it names and where they come from.</summary>
public sealed record EmergencyReply(string Language, string Text, IReadOnlyList<string> Numbers, string Source);

/// <summary>
/// The emergency answer offered on an emergency item, per country: the emergency number, and a crisis line only where one was
/// verified. Public numbers, so the privacy check must not read them as a patient's phone number. The text confirms nothing
/// about the writer (no "your", no condition), as the public-reply privacy rules require.
/// </summary>
public static class EmergencyReplies
{
    private static readonly Dictionary<string, EmergencyReply> ByCountry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DK"] = new("da",
            "Hvis det er akut, så ring 112 nu. Har du tanker om selvmord, kan du ringe anonymt til Livslinien på 70 201 201.",
            ["112", "70 201 201"],
            "112: EU single emergency number. Livslinien 70 201 201: https://www.livslinien.dk (as cited by cphpost.dk 2015-10-26)."),
        ["FI"] = new("fi",
            "Jos tilanne on kiireellinen, soita heti 112. Jos mielessä on itsetuhoisia ajatuksia, MIELI Kriisipuhelin päivystää numerossa 09 2525 0111.",
            ["112", "09 2525 0111"],
            "112: Hätäkeskus. MIELI Kriisipuhelin 09 2525 0111 (Finnish, 24 h): https://mieli.fi/helpline and https://mentalhealth.fi/where-to-go-in-an-emergency."),
        ["TR"] = new("tr",
            "Acil bir durum varsa lütfen hemen 112'yi arayın.",
            ["112"],
            "112 Acil Çağrı Merkezi (single emergency number). No national crisis line was verified; add the organisation's own if it has one."),
        ["RU"] = new("ru",
            "Если это экстренная ситуация, пожалуйста, немедленно позвоните по номеру 112.",
            ["112"],
            "112: единый номер вызова экстренных служб. No national crisis line was verified; add the organisation's own if it has one."),
    };

    private static readonly EmergencyReply Default = new("en", "If this is an emergency, please call 112 now.", ["112"], "112: EU single emergency number.");

    public static EmergencyReply For(string country) => ByCountry.GetValueOrDefault(country) ?? Default;
}
