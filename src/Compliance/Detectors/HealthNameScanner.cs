namespace CareDialog.Compliance.Detectors;

/// <summary>
/// Finds a capitalised first and last name (Latin or Cyrillic) in the same sentence as a word or phrase of <see cref="HealthLexicon"/>.
/// One pass over the text without lexicon lookups (except for short words before a '.'); only a sentence with two capitalised words
/// side by side is read again with the lexicon, so ordinary prose costs little more than reading it.
/// </summary>
/// <remarks>
/// Not flagged: names right after a staff title ("Dr. Ayşe Yılmaz", "overlæge Anna Hansen") or followed by one after a comma or
/// bracket ("Anna Hansen, overlæge"), because introducing staff is the organisation's own business; single capitalised words (no
/// last name); runs of more than four capitalised words; and headline-style sentences where three quarters of the words are
/// capitalised ("Prostate Cancer Awareness Month"), which would otherwise read as names. A middle initial ("Anna K. Hansen") is part
/// of a name.
/// </remarks>
internal static class HealthNameScanner
{
    private const int MinNameWords = 2;
    private const int MaxNameWords = 4;
    private const int MinHeadlineWords = 4;
    private const string Description = "Person's name in the same sentence as a health condition";

    // Abbreviations that do not end a sentence ("Dr.", "Prof.", "Doç.", "Hr.") are short; longer words before a dot are not looked up.
    private const int MaxAbbreviationLength = 5;

    /// <summary>
    /// A quick pass finds sentences with two capitalised words side by side; only those are read again,
    /// word by word with the lexicon, by <see cref="Sentence.Check"/>.
    /// </summary>
    public static void Find(string text, List<Candidate> output)
    {
        var lexicon = HealthLexicon.Instance;
        Sentence? sentence = null;
        int sentenceStart = 0, run = 0, lastWordStart = -1, lastWordEnd = -1;
        var hasPair = false;
        var runContinues = false;
        var i = 0;
        while (true)
        {
            if (i < text.Length && CharClasses.IsLetterOrDigitChar(text[i]))
            {
                var end = WordEnd(text, i);
                if (IsInitial(text, i, end))
                {
                    end++; // the initial's dot is part of the name ("Anna K. Hansen"), not a sentence end
                }

                if (IsNameShaped(text, i, end, out var nameEnd))
                {
                    run = runContinues ? run + 1 : 1;
                    hasPair |= run >= MinNameWords;
                    runContinues = nameEnd == end;
                }
                else
                {
                    runContinues = false;
                }

                (lastWordStart, lastWordEnd) = (i, end);
                i = end;
                continue;
            }

            if (i >= text.Length || IsSentenceEnd(text, i, lastWordStart, lastWordEnd, lexicon))
            {
                if (hasPair)
                {
                    sentence ??= new Sentence(text, lexicon, output);
                    sentence.Check(sentenceStart, i);
                }

                if (i >= text.Length)
                {
                    return;
                }

                sentenceStart = i + 1;
                run = 0;
                hasPair = runContinues = false;
            }
            else if (!IsSpace(text[i]))
            {
                runContinues = false;
            }

            i++;
        }
    }

    /// <summary>A single capital letter followed by '.', as a middle initial.</summary>
    private static bool IsInitial(string text, int start, int end) =>
        end == start + 1 && end < text.Length && text[end] == '.' && (CharClasses.Of(text[start]) & UpperLatinOrCyrillic) == UpperLatinOrCyrillic;

    private static bool IsSentenceEnd(string text, int i, int lastWordStart, int lastWordEnd, HealthLexicon lexicon)
    {
        switch (text[i])
        {
            case '!' or '?' or '\u2026' or '\n' or '\r' or '\u2028' or '\u2029':
                return true;
            case '.':
                if (i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]))
                {
                    return false;
                }

                // "Dr.", "Prof.", "Hr." and initials ("A. Hansen") do not end a sentence.
                if (lastWordEnd == i && lastWordEnd - lastWordStart <= MaxAbbreviationLength)
                {
                    return lastWordEnd - lastWordStart > 1
                        && (RoleOf(text, lastWordStart, lastWordEnd, lexicon) & (WordRole.StaffTitle | WordRole.Honorific)) == 0;
                }

                return true;
            default:
                return false;
        }
    }

    private static WordRole RoleOf(string text, int start, int end, HealthLexicon lexicon)
    {
        Span<char> lower = stackalloc char[HealthLexicon.MaxWordLength];
        return TryFold(text, start, end, lower, out var length) ? lexicon.RoleOf(lower[..length]) : WordRole.None;
    }

    private static bool TryFold(string text, int start, int end, Span<char> buffer, out int length)
    {
        length = end - start;
        if (length > buffer.Length)
        {
            return false;
        }

        HealthLexicon.Fold(text.AsSpan(start, length), buffer);
        return true;
    }

    private static int WordEnd(string text, int start)
    {
        var j = start + 1;
        while (j < text.Length)
        {
            var ch = text[j];
            if (CharClasses.IsWordChar(ch))
            {
                j++;
            }
            else if (IsInnerJoiner(ch) && j + 1 < text.Length && CharClasses.IsLetterOrDigitChar(text[j + 1]))
            {
                j += 2;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    private static bool IsInnerJoiner(char c) => c is '-' or '\u2011' or '\'' or '\u2019';

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\u00A0' or '\u202F' or '\u2009';

    private const byte UpperLatinOrCyrillic = CharClasses.Upper | CharClasses.LatinOrCyrillic;

    /// <summary>
    /// "Anna", "Ayşe", "Hansen-Jensen", "O'Brien", "Иванова": an upper-case Latin or Cyrillic letter, then lower-case letters (upper
    /// case only after a hyphen or apostrophe). A Turkish suffix after an apostrophe ("Yılmaz'ın") is not part of the name.
    /// </summary>
    private static bool IsNameShaped(string text, int start, int end, out int nameEnd)
    {
        nameEnd = end;
        if ((CharClasses.Of(text[start]) & UpperLatinOrCyrillic) != UpperLatinOrCyrillic)
        {
            return false;
        }

        if (end == start + 2 && text[start + 1] == '.')
        {
            return true; // an initial, as extended by the callers
        }

        var letters = 1;
        for (var k = start + 1; k < end; k++)
        {
            var ch = text[k];
            if (IsInnerJoiner(ch))
            {
                if (IsApostrophe(ch) && (CharClasses.Of(text[k + 1]) & CharClasses.Lower) != 0)
                {
                    nameEnd = k;
                    break;
                }

                continue;
            }

            var cls = CharClasses.Of(ch);
            if ((cls & CharClasses.LatinOrCyrillic) != 0 && ((cls & CharClasses.Lower) != 0 || ((cls & CharClasses.Upper) != 0 && IsInnerJoiner(text[k - 1]))))
            {
                letters++;
            }
            else if ((cls & CharClasses.NonSpacingMark) == 0)
            {
                return false;
            }
        }

        return letters >= 2;
    }

    private readonly record struct Word(int Start, int End, int NameEnd);

    private readonly record struct NameRun(int FirstWord, int LastWord);

    /// <summary>One sentence read word by word with the lexicon; the lists are reused from sentence to sentence.</summary>
    private sealed class Sentence(string text, HealthLexicon lexicon, List<Candidate> output)
    {
        private readonly List<Word> _words = [];
        private readonly List<NameRun> _runs = [];
        private int _capitalised; // capitalised words other than condition words, for the headline test
        private int _runFirst = -1;
        private int _runLast = -1;
        private bool _runContinues;

        /// <summary>Reports the non-staff names of text[from..to) if a health condition is mentioned there.</summary>
        public void Check(int from, int to)
        {
            var i = from;
            while (i < to)
            {
                if (CharClasses.IsLetterOrDigitChar(text[i]))
                {
                    var end = WordEnd(text, i);
                    if (IsInitial(text, i, end))
                    {
                        end++;
                    }

                    AddWord(i, end);
                    i = end;
                    continue;
                }

                if (!IsSpace(text[i]))
                {
                    _runContinues = false; // "Anna, Peter" are two names, and "Dr." is not part of one
                }

                i++;
            }

            CloseRun();
            if (_runs.Count > 0 && !IsHeadline() && HasCondition())
            {
                foreach (var run in _runs)
                {
                    var count = run.LastWord - run.FirstWord + 1;
                    if (count is >= MinNameWords and <= MaxNameWords && !IsStaff(run))
                    {
                        var start = _words[run.FirstWord].Start;
                        output.Add(new Candidate(PersonalDataKinds.HealthName, start, _words[run.LastWord].NameEnd - start, Description, Candidate.RankName));
                    }
                }
            }

            _words.Clear();
            _runs.Clear();
            _capitalised = 0;
            _runFirst = _runLast = -1;
            _runContinues = false;
        }

        private void AddWord(int start, int end)
        {
            var index = _words.Count;
            var isName = false;
            if (IsNameShaped(text, start, end, out var nameEnd))
            {
                var role = RoleOf(text, start, nameEnd, lexicon);
                isName = (role & (WordRole.StaffTitle | WordRole.Honorific | WordRole.NotName | WordRole.Condition)) == 0;
                _capitalised += (role & WordRole.Condition) == 0 ? 1 : 0;
            }

            _words.Add(new Word(start, end, nameEnd));
            if (!isName)
            {
                CloseRun();
            }
            else if (_runFirst >= 0 && _runContinues && _runLast == index - 1)
            {
                _runLast = index;
            }
            else
            {
                CloseRun();
                _runFirst = _runLast = index;
            }

            // A suffix after an apostrophe ends the name; only spaces may join the next word to this run.
            _runContinues = nameEnd == end;
        }

        /// <summary>
        /// "Prostate Cancer Awareness Month Starts Today": three quarters of the words capitalised, condition words aside, reads as
        /// a title, not as a sentence about people.
        /// </summary>
        private bool IsHeadline() => _words.Count >= MinHeadlineWords && _capitalised * 4 >= _words.Count * 3;

        private void CloseRun()
        {
            if (_runFirst >= 0)
            {
                _runs.Add(new NameRun(_runFirst, _runLast));
                _runFirst = _runLast = -1;
            }
        }

        private bool HasCondition()
        {
            Span<char> lower = stackalloc char[HealthLexicon.MaxWordLength];
            for (var k = 0; k < _words.Count; k++)
            {
                var word = _words[k];
                if (!TryLower(word.Start, word.End, lower, out var length))
                {
                    continue;
                }

                var span = lower[..length];
                if ((lexicon.RoleOf(span) & WordRole.Condition) != 0 || IsConditionBeforeApostrophe(span) || StartsPhrase(span, k))
                {
                    return true;
                }
            }

            return false;
        }

        // Turkish attaches case endings after an apostrophe to abbreviations: "HIV'li", "COVID-19'a".
        private bool IsConditionBeforeApostrophe(ReadOnlySpan<char> lower)
        {
            var apostrophe = lower.IndexOfAny('\'', '\u2019');
            return apostrophe > 0 && (lexicon.RoleOf(lower[..apostrophe]) & WordRole.Condition) != 0;
        }

        private bool StartsPhrase(ReadOnlySpan<char> firstLower, int k)
        {
            if (lexicon.PhrasesStartingWith(firstLower) is not { } phrases)
            {
                return false;
            }

            Span<char> lower = stackalloc char[HealthLexicon.MaxWordLength];
            foreach (var phrase in phrases)
            {
                if (k + phrase.Length > _words.Count)
                {
                    continue;
                }

                var matched = true;
                for (var w = 1; w < phrase.Length && matched; w++)
                {
                    var word = _words[k + w];
                    matched = TryLower(word.Start, word.End, lower, out var length) && phrase[w].Matches(lower[..length]);
                }

                if (matched)
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsStaff(NameRun run)
        {
            if (run.FirstWord > 0)
            {
                var before = _words[run.FirstWord - 1];
                if (IsTitle(before) && !Gap(before.End, _words[run.FirstWord].Start).ContainsAnyExcept(" .\u00A0\u202F\u2009\t"))
                {
                    return true;
                }
            }

            // "Anna Hansen, overlæge", "Ayşe Yılmaz (Kardiyoloji Uzmanı)", "Matti Virtanen – ylilääkäri".
            var next = run.LastWord + 1;
            if (next < _words.Count && Gap(_words[run.LastWord].End, _words[next].Start).ContainsAny(",(\u2013\u2014-"))
            {
                for (var w = next; w < Math.Min(next + 2, _words.Count); w++)
                {
                    if (IsTitle(_words[w]))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private ReadOnlySpan<char> Gap(int from, int to) => text.AsSpan(from, to - from);

        private bool IsTitle(Word word) => (RoleOf(text, word.Start, word.End, lexicon) & WordRole.StaffTitle) != 0;

        private bool TryLower(int start, int end, Span<char> buffer, out int length) => TryFold(text, start, end, buffer, out length);
    }
}
