using System.Globalization;
using Xunit.Abstractions;

namespace CareDialog.Triage.Tests;

/// <summary>
/// Accuracy on the labelled set, per language and split. The floors are deliberately below the measured figures (README.md) so
/// the test catches regressions, not noise; emergency recall has no slack.
/// </summary>
public class AccuracyTests(ITestOutputHelper output)
{
    private const double LanguageFloor = 0.95;
    private const double IntentFloor = 0.80;
    private const double SentimentFloor = 0.70;

    [Fact]
    public void LabelledSet_EveryLanguageAndSplit_MeetsAccuracyFloorsAndReportsFigures()
    {
        var failures = new List<string>();
        output.WriteLine("lang split   n  language  intent  sentiment  emergency-recall");
        foreach (var language in LabelledSet.Languages)
        {
            foreach (var split in new[] { "dev", "test" })
            {
                var set = LabelledSet.Load(language, split);
                int lang = 0, intent = 0, sentiment = 0, emergencies = 0, caught = 0;
                foreach (var m in set)
                {
                    var r = TriageEngine.Default.Analyze(new TriageRequest(m.Text));
                    lang += r.Language == m.Language ? 1 : 0;
                    intent += WireNames.Of(r.Intent) == m.Intent ? 1 : 0;
                    sentiment += WireNames.Of(r.Sentiment) == m.Sentiment ? 1 : 0;
                    if (m.Intent == "emergency")
                    {
                        emergencies++;
                        caught += r.Intent == Intent.Emergency ? 1 : 0;
                    }

                    if (r.Language != m.Language || WireNames.Of(r.Intent) != m.Intent || WireNames.Of(r.Sentiment) != m.Sentiment)
                    {
                        output.WriteLine($"  miss {m.Id}: got {r.Language}/{WireNames.Of(r.Intent)}/{WireNames.Of(r.Sentiment)}, want {m.Language}/{m.Intent}/{m.Sentiment}");
                    }
                }

                double n = set.Count;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{language,-4} {split,-5} {set.Count,3} {lang / n,8:P0} {intent / n,7:P0} {sentiment / n,10:P0} {caught,8}/{emergencies}"));
                if (lang / n < LanguageFloor)
                {
                    failures.Add($"{language}.{split} language {lang}/{set.Count}");
                }

                if (intent / n < IntentFloor)
                {
                    failures.Add($"{language}.{split} intent {intent}/{set.Count}");
                }

                if (sentiment / n < SentimentFloor)
                {
                    failures.Add($"{language}.{split} sentiment {sentiment}/{set.Count}");
                }

                if (caught != emergencies)
                {
                    failures.Add($"{language}.{split} emergency recall {caught}/{emergencies}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Fact]
    public void LabelledSet_EachLanguage_HasAtLeastFortyMessagesWithEmergenciesInBothSplits()
    {
        foreach (var language in LabelledSet.Languages)
        {
            var dev = LabelledSet.Load(language, "dev");
            var test = LabelledSet.Load(language, "test");
            Assert.True(dev.Count + test.Count >= 40, $"{language}: {dev.Count + test.Count} messages");
            Assert.Contains(dev, m => m.Intent == "emergency");
            Assert.Contains(test, m => m.Intent == "emergency");
            Assert.All(dev.Concat(test), m => Assert.Equal(language, m.Language));
        }
    }
}
