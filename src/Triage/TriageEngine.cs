using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using CareDialog.Compliance.Detectors;

namespace CareDialog.Triage;

/// <summary>
/// Triage of one inbound message: language, sentiment, intent, urgency and patient data, each with the words that decided it.
/// Lexicons are loaded once; <see cref="Analyze"/> keeps no state between calls, so one engine serves every thread.
/// </summary>
/// <remarks>
/// Emergency is decided first and from the cues of every language, not only the detected one: a missed emergency is the worst
/// error this engine can make, so a misdetected language must never hide one. A cue is ignored only when a negator of its
/// language stands one or two words before it ("no chest pain") or a figurative phrase covers it ("almost had a heart attack").
/// </remarks>
public sealed class TriageEngine
{
    private const string Undetermined = "und";
    private const double EndingWeight = 0.3;
    private const double DiacriticWeight = 1.5;

    private static readonly Lazy<TriageEngine> Lazy = new(() => new TriageEngine(Lexicon.LoadEmbedded()), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Dictionary<string, PersonalDataOptions> OptionsByRegion = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TR"] = new("TR"), ["DK"] = new("DK"), ["FI"] = new("FI"), ["RU"] = new("RU"),
    };

    private readonly Lexicon _lexicon;
    private readonly int _tr;
    private readonly int _da;
    private readonly int _fi;
    private readonly int _ru;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>[] _negators;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>[] _negatorsAfter;

    private TriageEngine(Lexicon lexicon)
    {
        var stopwatch = Stopwatch.StartNew();
        _lexicon = lexicon;
        int Index(string code) => lexicon.Languages.First(l => l.Code == code).Index;
        _tr = Index("tr");
        _da = Index("da");
        _fi = Index("fi");
        _ru = Index("ru");
        _negators = [.. lexicon.Languages.Select(l => l.Negators.GetAlternateLookup<ReadOnlySpan<char>>())];
        _negatorsAfter = [.. lexicon.Languages.Select(l => l.NegatorsAfter.GetAlternateLookup<ReadOnlySpan<char>>())];
        LoadTime = stopwatch.Elapsed;
    }

    /// <summary>The engine over the embedded lexicons, loaded on first use.</summary>
    public static TriageEngine Default => Lazy.Value;

    /// <summary>How long compiling the lexicons took (after JSON parsing), for the benchmark report.</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>Number of phrases loaded from all lexicon files.</summary>
    public int CueCount => _lexicon.CueCount;

    public TriageResult Analyze(TriageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Text ?? "";
        var capacity = (text.Length * 3) + 1;
        var folded = ArrayPool<char>.Shared.Rent(capacity);
        var map = ArrayPool<int>.Shared.Rent(capacity);
        var wordStarts = ArrayPool<int>.Shared.Rent(capacity);
        var wordEnds = ArrayPool<int>.Shared.Rent(capacity);
        try
        {
            var n = Folding.Fold(text, folded, map);
            var words = Tokenize(folded.AsSpan(0, n), wordStarts, wordEnds);
            var scan = new Scan(text, folded, map, wordStarts, wordEnds, words);
            return Decide(request, scan);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(folded);
            ArrayPool<int>.Shared.Return(map);
            ArrayPool<int>.Shared.Return(wordStarts);
            ArrayPool<int>.Shared.Return(wordEnds);
        }
    }

    private static int Tokenize(ReadOnlySpan<char> folded, int[] starts, int[] ends)
    {
        var count = 0;
        var i = 0;
        while (i < folded.Length)
        {
            while (i < folded.Length && folded[i] == ' ')
            {
                i++;
            }

            if (i >= folded.Length)
            {
                break;
            }

            var start = i;
            while (i < folded.Length && folded[i] != ' ')
            {
                i++;
            }

            starts[count] = start;
            ends[count++] = i;
        }

        return count;
    }

    private TriageResult Decide(TriageRequest request, Scan scan)
    {
        var hits = new List<Hit>(16);
        var languageScores = new double[_lexicon.Languages.Count];
        FindCues(scan, hits, languageScores);

        var reasons = new List<TriageReason>(6);
        var language = DetectLanguage(scan.Text, languageScores, reasons, out var languageIndex);

        // Emergency and figurative cues count in every language; the rest only in the detected one.
        var emergency = new List<Hit>();
        foreach (var hit in hits)
        {
            if (hit.Cue.Kind != CueKind.Emergency)
            {
                continue;
            }

            if (IsNegated(scan, hit))
            {
                reasons.Add(Reason(scan, "ignored", "emergency (negated)", hit));
            }
            else if (CoveredByFigurative(hits, hit))
            {
                reasons.Add(Reason(scan, "ignored", "emergency (figurative)", hit));
            }
            else
            {
                emergency.Add(hit);
            }
        }

        Span<double> score = stackalloc double[(int)CueKind.Urgent + 1];
        var negatedPolarity = new List<Hit>();
        foreach (var hit in hits)
        {
            var kind = hit.Cue.Kind;
            if (kind is CueKind.Stop or CueKind.Emergency or CueKind.Figurative)
            {
                continue;
            }

            if (kind != CueKind.Spam && hit.Cue.Language != languageIndex)
            {
                continue;
            }

            if (kind is CueKind.Positive or CueKind.Negative or CueKind.Praise or CueKind.Complaint && IsNegated(scan, hit))
            {
                // "not good" counts as negative, "no problem" as nothing, "not satisfied" as negative.
                negatedPolarity.Add(hit);
                if (kind is CueKind.Positive or CueKind.Praise)
                {
                    score[(int)CueKind.Negative]++;
                }

                continue;
            }

            score[(int)kind]++;
        }

        var questionMark = scan.Text.AsSpan().IndexOfAny('?', '？');
        if (questionMark >= 0)
        {
            score[(int)CueKind.Question]++;
        }

        var intent = ChooseIntent(emergency.Count > 0, score);
        var sentiment = ChooseSentiment(intent, score);
        var urgency = intent switch
        {
            Intent.Emergency => Urgency.Critical,
            _ when score[(int)CueKind.Urgent] > 0 && intent is not (Intent.Spam or Intent.Praise) => Urgency.High,
            Intent.Spam or Intent.Praise or Intent.Other => Urgency.Low,
            _ => Urgency.Normal,
        };

        var intentName = WireNames.Of(intent);
        if (intent == Intent.Emergency)
        {
            foreach (var hit in emergency)
            {
                reasons.Add(Reason(scan, "intent", intentName, hit));
            }
        }
        else if (intent == Intent.Other)
        {
            reasons.Add(new TriageReason("intent", intentName, "no complaint, question, appointment, praise, spam or emergency cue"));
        }
        else
        {
            var kind = intent switch
            {
                Intent.Complaint => CueKind.Complaint,
                Intent.Question => CueKind.Question,
                Intent.Appointment => CueKind.Appointment,
                Intent.Praise => CueKind.Praise,
                _ => CueKind.Spam,
            };
            AddHitReasons(scan, hits, negatedPolarity, kind, languageIndex, "intent", intentName, reasons);
            if (intent == Intent.Question && questionMark >= 0)
            {
                reasons.Add(new TriageReason("intent", intentName, "?", questionMark, 1));
            }
        }

        var sentimentName = WireNames.Of(sentiment);
        if (intent == Intent.Emergency)
        {
            reasons.Add(new TriageReason("sentiment", sentimentName, "an emergency is negative"));
        }
        else if (sentiment == Sentiment.Neutral)
        {
            reasons.Add(new TriageReason("sentiment", sentimentName, intent == Intent.Spam
                ? "spam is not scored"
                : $"positive {score[(int)CueKind.Positive] + score[(int)CueKind.Praise]} = negative {score[(int)CueKind.Negative] + score[(int)CueKind.Complaint]}"));
        }
        else
        {
            var positive = sentiment == Sentiment.Positive;
            foreach (var hit in hits)
            {
                if (hit.Cue.Language != languageIndex)
                {
                    continue;
                }

                var negated = negatedPolarity.Contains(hit);
                var counts = hit.Cue.Kind switch
                {
                    CueKind.Positive or CueKind.Praise => positive != negated,
                    CueKind.Negative or CueKind.Complaint => !positive && !negated,
                    _ => false,
                };
                if (counts)
                {
                    reasons.Add(Reason(scan, "sentiment", negated ? $"{sentimentName} (negated cue)" : sentimentName, hit));
                }
            }
        }

        var urgencyName = WireNames.Of(urgency);
        if (urgency == Urgency.High)
        {
            AddHitReasons(scan, hits, negatedPolarity, CueKind.Urgent, languageIndex, "urgency", urgencyName, reasons);
        }
        else
        {
            reasons.Add(new TriageReason("urgency", urgencyName, $"intent is {intentName}"));
        }

        var region = request.DefaultRegion ?? (languageIndex >= 0 ? _lexicon.Languages[languageIndex].Region : null);
        var options = region is not null && OptionsByRegion.TryGetValue(region, out var o) ? o : null;
        var personalData = PersonalDataDetector.Find(scan.Text, options);
        return new TriageResult(language, sentiment, intent, urgency, personalData, reasons);
    }

    private static Intent ChooseIntent(bool emergency, ReadOnlySpan<double> score)
    {
        if (emergency)
        {
            return Intent.Emergency;
        }

        var spam = score[(int)CueKind.Spam];
        var complaint = score[(int)CueKind.Complaint];
        var appointment = score[(int)CueKind.Appointment];
        var question = score[(int)CueKind.Question];
        var praise = score[(int)CueKind.Praise];
        var others = complaint + appointment + question + praise;
        if (spam >= 2 || (spam >= 1 && others <= 1))
        {
            return Intent.Spam;
        }

        // A question about a complaint is rhetorical ("what is the point?") and a question about booking is a booking request, so
        // question marks and question words never outvote complaint or appointment cues; ties go to the label that needs the most
        // from a responder.
        if (complaint > 0 && complaint >= appointment && complaint >= praise)
        {
            return Intent.Complaint;
        }

        if (appointment > 0 && appointment >= praise)
        {
            return Intent.Appointment;
        }

        if (question > 0 && question >= praise)
        {
            return Intent.Question;
        }

        return praise > 0 ? Intent.Praise : Intent.Other;
    }

    private static Sentiment ChooseSentiment(Intent intent, ReadOnlySpan<double> score)
    {
        if (intent == Intent.Emergency)
        {
            return Sentiment.Negative;
        }

        if (intent == Intent.Spam)
        {
            return Sentiment.Neutral;
        }

        var positive = score[(int)CueKind.Positive] + score[(int)CueKind.Praise];
        var negative = score[(int)CueKind.Negative] + score[(int)CueKind.Complaint];
        return positive > negative ? Sentiment.Positive : negative > positive ? Sentiment.Negative : Sentiment.Neutral;
    }

    private void FindCues(in Scan scan, List<Hit> hits, double[] languageScores)
    {
        var folded = scan.Folded;
        for (var w = 0; w < scan.Words; w++)
        {
            var word = folded.AsSpan(scan.WordStarts[w], scan.WordEnds[w] - scan.WordStarts[w]);
            if (_lexicon.ExactLookup.TryGetValue(word, out var exact))
            {
                Collect(scan, w, exact, hits, languageScores);
            }

            for (var len = Math.Min(word.Length, _lexicon.MaxPrefix); len >= Lexicon.MinPrefix; len--)
            {
                if (_lexicon.PrefixLookup.TryGetValue(word[..len], out var byPrefix))
                {
                    Collect(scan, w, byPrefix, hits, languageScores);
                }
            }

            // Endings are weak evidence; each language counts at most once per word.
            for (var len = Math.Min(4, word.Length - 2); len >= 2; len--)
            {
                if (_lexicon.EndingLookup.TryGetValue(word[^len..], out var langs))
                {
                    foreach (var l in langs)
                    {
                        languageScores[l] += EndingWeight;
                    }

                    break;
                }
            }
        }
    }

    private static void Collect(in Scan scan, int first, Cue[] cues, List<Hit> hits, double[] languageScores)
    {
        foreach (var cue in cues)
        {
            if (first + cue.Words.Length > scan.Words)
            {
                continue;
            }

            var matched = true;
            for (var k = 1; k < cue.Words.Length && matched; k++)
            {
                var w = scan.Word(first + k);
                matched = cue.Prefix[k] ? w.StartsWith(cue.Words[k], StringComparison.Ordinal) : w.SequenceEqual(cue.Words[k]);
            }

            if (!matched)
            {
                continue;
            }

            if (cue.Kind != CueKind.Figurative)
            {
                languageScores[cue.Language] += cue.LanguageWeight;
            }

            if (cue.Kind != CueKind.Stop)
            {
                hits.Add(new Hit(cue, first, first + cue.Words.Length));
            }
        }
    }

    private string DetectLanguage(string text, double[] scores, List<TriageReason> reasons, out int languageIndex)
    {
        var cyrillic = 0;
        var latin = 0;
        var tr = 0;
        var da = 0;
        var fi = 0;
        foreach (var c in text)
        {
            if (c is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
            }
            else if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
            {
                latin++;
            }
            else if (c is 'ş' or 'Ş' or 'ğ' or 'Ğ' or 'ı' or 'İ')
            {
                latin++;
                tr++;
            }
            else if (c is 'æ' or 'Æ' or 'ø' or 'Ø' or 'å' or 'Å')
            {
                latin++;
                da++;
            }
            else if (c is 'ä' or 'Ä')
            {
                latin++;
                fi++;
            }
        }

        if (cyrillic > 0 && cyrillic >= latin)
        {
            languageIndex = _ru;
            reasons.Add(new TriageReason("language", "ru", $"Cyrillic script ({cyrillic} of {cyrillic + latin} letters)"));
            return "ru";
        }

        // Letters only one of the languages uses are strong evidence, but capped so one loan word cannot outvote the sentence.
        scores[_tr] += Math.Min(tr, 3) * DiacriticWeight;
        scores[_da] += Math.Min(da, 3) * DiacriticWeight;
        scores[_fi] += Math.Min(fi, 3) * DiacriticWeight;

        languageIndex = -1;
        var best = 0.0;
        var second = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] > best)
            {
                second = best;
                best = scores[i];
                languageIndex = i;
            }
            else if (scores[i] > second)
            {
                second = scores[i];
            }
        }

        if (languageIndex < 0 || best < 0.5)
        {
            languageIndex = -1;
            reasons.Add(new TriageReason("language", Undetermined, "no profile word, ending or letter of a known language"));
            return Undetermined;
        }

        var code = _lexicon.Languages[languageIndex].Code;
        reasons.Add(new TriageReason("language", code, string.Create(CultureInfo.InvariantCulture,
            $"profile score {best:0.#} (words, endings, letters) against {second:0.#} for the next language{(languageIndex == _ru ? "; transliterated Russian" : "")}")));
        return code;
    }

    private bool IsNegated(in Scan scan, Hit hit)
    {
        var negators = _negators[hit.Cue.Language];
        for (var w = Math.Max(0, hit.FirstWord - 2); w < hit.FirstWord; w++)
        {
            if (negators.Contains(scan.Word(w)))
            {
                return true;
            }
        }

        return hit.EndWord < scan.Words && _negatorsAfter[hit.Cue.Language].Contains(scan.Word(hit.EndWord));
    }

    private static bool CoveredByFigurative(List<Hit> hits, Hit emergency)
    {
        foreach (var hit in hits)
        {
            if (hit.Cue.Kind == CueKind.Figurative && hit.FirstWord < emergency.EndWord && emergency.FirstWord < hit.EndWord)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddHitReasons(in Scan scan, List<Hit> hits, List<Hit> negated, CueKind kind, int language, string label, string value, List<TriageReason> reasons)
    {
        foreach (var hit in hits)
        {
            if (hit.Cue.Kind == kind && (hit.Cue.Language == language || kind == CueKind.Spam) && !negated.Contains(hit))
            {
                reasons.Add(Reason(scan, label, value, hit));
            }
        }
    }

    private static TriageReason Reason(in Scan scan, string label, string value, Hit hit)
    {
        var start = scan.Map[scan.WordStarts[hit.FirstWord]];
        var end = scan.Map[scan.WordEnds[hit.EndWord - 1] - 1] + 1;

        // Letters that fold to nothing (ь, ъ, apostrophes) still belong to the word the reader sees.
        while (end < scan.Text.Length && (char.IsLetterOrDigit(scan.Text[end]) || scan.Text[end] is '\'' or '\u2019'
            || char.GetUnicodeCategory(scan.Text[end]) == UnicodeCategory.NonSpacingMark))
        {
            end++;
        }

        return new TriageReason(label, value, scan.Text[start..end], start, end - start);
    }

    private readonly record struct Hit(Cue Cue, int FirstWord, int EndWord);

    private readonly record struct Scan(string Text, char[] Folded, int[] Map, int[] WordStarts, int[] WordEnds, int Words)
    {
        public ReadOnlySpan<char> Word(int w) => Folded.AsSpan(WordStarts[w], WordEnds[w] - WordStarts[w]);
    }
}
