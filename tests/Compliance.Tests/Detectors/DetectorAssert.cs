using CareDialog.Compliance.Detectors;

namespace CareDialog.Compliance.Tests.Detectors;

internal static class DetectorAssert
{
    /// <summary>Runs the detector and checks that it reports exactly one match, of this kind, covering exactly this substring.</summary>
    public static PersonalDataMatch Single(string text, string kind, string expected, PersonalDataOptions? options = null)
    {
        var matches = PersonalDataDetector.Find(text, options);
        var match = Assert.Single(matches);
        Assert.Equal(kind, match.Kind);
        Assert.Equal(expected, text.Substring(match.Start, match.Length));
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), match.Start);
        Assert.False(string.IsNullOrWhiteSpace(match.Description));
        return match;
    }

    /// <summary>The reported substrings of the given kind, in order.</summary>
    public static string[] Found(string text, string kind, PersonalDataOptions? options = null) =>
        [.. PersonalDataDetector.Find(text, options).Where(m => m.Kind == kind).Select(m => text.Substring(m.Start, m.Length))];
}
