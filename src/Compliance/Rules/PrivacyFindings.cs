using CareDialog.Compliance.Detectors;

namespace CareDialog.Compliance.Rules;

/// <summary>Turns the patient-data detectors' matches into findings with the jurisdiction's texts.</summary>
internal static class PrivacyFindings
{
    // National identifiers and a name next to a health condition identify a patient on their own; a phone number or an e-mail address
    // may be anyone's (or the organisation's own), so those warn.
    private static readonly Dictionary<string, (string Rule, Severity Severity)> Kinds = new(StringComparer.Ordinal)
    {
        [PersonalDataKinds.TrIdentity] = ("PRIVACY.TR_TCKN", Severity.Block),
        [PersonalDataKinds.DkCpr] = ("PRIVACY.DK_CPR", Severity.Block),
        [PersonalDataKinds.FiHetu] = ("PRIVACY.FI_HETU", Severity.Block),
        [PersonalDataKinds.RuSnils] = ("PRIVACY.RU_SNILS", Severity.Block),
        [PersonalDataKinds.RuInn] = ("PRIVACY.RU_INN", Severity.Block),
        [PersonalDataKinds.Phone] = ("PRIVACY.PHONE", Severity.Warn),
        [PersonalDataKinds.Email] = ("PRIVACY.EMAIL", Severity.Warn),
        [PersonalDataKinds.HealthName] = ("PRIVACY.HEALTH_NAME", Severity.Block),
    };

    public static string? RegionOf(Jurisdiction j) => j switch
    {
        Jurisdiction.TR => "TR",
        Jurisdiction.DK => "DK",
        Jurisdiction.FI => "FI",
        Jurisdiction.RU => "RU",
        _ => null,
    };

    public static (string Rule, Severity Severity) RuleOf(string kind) =>
        Kinds.TryGetValue(kind, out var known)
            ? known
            : ("PRIVACY." + kind.ToUpperInvariant().Replace('-', '_'), Severity.Warn);

    public static void Check(CheckRequest request, IReadOnlyDictionary<string, SystemText> texts, List<Finding> findings)
    {
        var matches = PersonalDataDetector.Find(request.Text, new PersonalDataOptions(RegionOf(request.Jurisdiction), request.OwnContacts));
        if (matches.Count == 0)
        {
            return;
        }

        var general = texts["PRIVACY"];
        foreach (var m in matches)
        {
            var (rule, severity) = RuleOf(m.Kind);
            var t = texts.TryGetValue(rule, out var specific) ? specific : general;
            findings.Add(new Finding(
                rule,
                Categories.PersonalData,
                severity,
                m.Start,
                m.Length,
                t.Message.Replace("{description}", m.Description, StringComparison.Ordinal),
                t.MessageEn.Replace("{description}", m.Description, StringComparison.Ordinal),
                t.Suggestion,
                t.SuggestionEn,
                t.Source ?? general.Source!,
                "C"));
        }
    }
}
