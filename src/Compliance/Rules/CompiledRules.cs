using System.Runtime.CompilerServices;

namespace CareDialog.Compliance.Rules;

/// <summary>A rule that fired, with the original-text span that explains it.</summary>
internal readonly record struct RuleHit(int Rule, int Start, int End);

/// <summary>
/// Every trigger, exception, applies-when and required-part pattern of every pack in one automaton, plus the per-candidate checks
/// the automaton cannot do (word boundaries, endings, words between phrase parts) and the rule logic on top of the matches.
/// </summary>
internal sealed class CompiledRules
{
    /// <summary>Words of one trigger may be this many UTF-16 units apart (spaces, punctuation, emoji, line breaks).</summary>
    public const int MaxGap = 64;

    /// <summary>
    /// Inside a hashtag words are not separated (#eniyiklinik), so a trigger may start or end inside one, but only when it is at least
    /// this long: shorter stems ("tek", "tl") would be found inside unrelated tags.
    /// </summary>
    public const int MinHashtagInfix = 5;

    private readonly AhoCorasick _automaton;
    private readonly uint[] _defaultTable;
    private readonly uint[] _turkishTable;

    public CompiledRules(PackSet packs, TextFolding folding)
    {
        Rules = [.. packs.Rules];
        var suffixes = packs.Suffixes.ToDictionary(kv => kv.Key, kv => new SuffixSet(kv.Value, folding));
        var patterns = new List<TriggerPattern>();
        foreach (var rule in Rules)
        {
            Add(rule, rule.Triggers, PatternRole.Trigger, 0);
            for (var g = 0; g < rule.AppliesWhen.Count; g++)
            {
                Add(rule, rule.AppliesWhen[g], PatternRole.AppliesWhen, g);
            }

            for (var g = 0; g < rule.Parts.Count; g++)
            {
                Add(rule, rule.Parts[g], PatternRole.Part, g);
            }

            for (var g = 0; g < rule.Exceptions.Count; g++)
            {
                Add(rule, rule.Exceptions[g].Triggers, PatternRole.Exception, g);
            }

            if (rule.Kind == RuleKind.Required && rule.AppliesWhen.Count == 0)
            {
                throw new InvalidOperationException($"Rule {rule.Id}: a required text needs appliesWhen (when is the text required?).");
            }

            if (rule.AppliesWhen.Count > 16)
            {
                throw new InvalidOperationException($"Rule {rule.Id}: at most 16 appliesWhen groups.");
            }
        }

        Patterns = [.. patterns];
        var anchors = new string[Patterns.Length];
        for (var i = 0; i < anchors.Length; i++)
        {
            anchors[i] = Patterns[i].Anchor;
        }

        _automaton = new AhoCorasick(anchors);
        _defaultTable = _automaton.WithColumns(TextFolding.Default.Packed);
        _turkishTable = _automaton.WithColumns(TextFolding.For(Jurisdiction.TR).Packed);

        void Add(RuleDefinition rule, IReadOnlyList<string> triggers, PatternRole role, int group)
        {
            foreach (var t in triggers)
            {
                TriggerPattern p;
                try
                {
                    p = TriggerPattern.Parse(t, rule.Language, folding);
                }
                catch (FormatException e)
                {
                    throw new InvalidOperationException($"Rule {rule.Id}: {e.Message}", e);
                }

                if (p.Tokens.Any(x => x.Kind == TokenKind.Inventory))
                {
                    p.Suffixes = suffixes.TryGetValue(p.Language, out var s)
                        ? s
                        : throw new InvalidOperationException($"Rule {rule.Id}: trigger '{t}' uses '+' but there is no suffix list for '{p.Language}'.");
                }

                p.Rule = rule.Index;
                p.Role = role;
                p.Group = group;
                p.Jurisdictions = rule.Jurisdictions;
                p.RequiresMedia = rule.RequiresMedia;
                p.PublicReplyOnly = rule.PublicReplyOnly;
                patterns.Add(p);
            }
        }
    }

    public RuleDefinition[] Rules { get; }
    public TriggerPattern[] Patterns { get; }
    public int StateCount => _automaton.StateCount;

    /// <summary>
    /// Folds <paramref name="text"/> into <paramref name="kt"/> and runs the automaton in the same pass, then checks every anchor it
    /// reported and evaluates the rules those matches belong to into <see cref="CheckScratch.Hits"/>.
    /// </summary>
    public void Run(string text, Jurisdiction jurisdiction, KeyText kt, CheckScratch scratch, bool media, bool publicReply)
    {
        scratch.Prepare(Rules.Length);
        var folding = TextFolding.For(jurisdiction);
        var step = new DfaStep(_automaton.Delta, _automaton, scratch);
        kt.Build(text, folding, jurisdiction == Jurisdiction.TR ? _turkishTable : _defaultTable, ref step);

        var jurisdictionBit = 1u << (int)jurisdiction;
        var patterns = Patterns;
        for (var h = 0; h < scratch.RawCount; h++)
        {
            var lastIndex = scratch.RawIndex[h];
            foreach (var anchor in _automaton.OutputsOf(scratch.RawState[h]))
            {
                var p = patterns[anchor];
                if ((p.Jurisdictions & jurisdictionBit) == 0 || (p.RequiresMedia && !media) || (p.PublicReplyOnly && !publicReply))
                {
                    continue;
                }

                var start = lastIndex - p.Anchor.Length + 1;
                if (Verify(kt, p, start, out var last))
                {
                    scratch.AddMatch(anchor, start, last);
                }
            }
        }

        Evaluate(kt, scratch);
    }

    /// <summary>One automaton step per key character, called from inside the folding loop.</summary>
    private struct DfaStep(ushort[] delta, AhoCorasick automaton, CheckScratch scratch) : IKeyStep
    {
        private int _state;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Step(uint entry, int index) => Advance((int)(entry >> 24), index);

        public void StepChar(char key, int index) => Advance(automaton.ColumnOf(key), index);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Advance(int column, int index)
        {
            int next = delta[(_state << AhoCorasick.Shift) + column];
            if (next >= 0x8000)
            {
                next &= 0x7FFF;
                scratch.AddRaw(next, index);
            }

            _state = next;
        }
    }

    /// <summary>Checks the whole trigger at key position <paramref name="s"/>, where its anchor was found.</summary>
    internal static bool Verify(KeyText kt, TriggerPattern p, int s, out int last)
    {
        last = -1;
        var first = p.Tokens[0];
        if (p.HashtagOnly && (kt.Flags[s] & KeyFlags.HashtagStart) == 0)
        {
            return false;
        }

        if (!first.Infix && (kt.Flags[s] & KeyFlags.WordStart) == 0 && !(p.StemLetters >= MinHashtagInfix && InTagInterior(kt, s)))
        {
            return false;
        }

        return MatchAt(kt, p, 0, s, ref last);
    }

    private static bool InTagInterior(KeyText kt, int p) =>
        p < kt.Length && (kt.Flags[p] & (KeyFlags.Hashtag | KeyFlags.HashtagStart)) == KeyFlags.Hashtag;

    /// <summary>Token <paramref name="ti"/> starts at <paramref name="pos"/> (its start boundary has been checked by the caller).</summary>
    private static bool MatchAt(KeyText kt, TriggerPattern p, int ti, int pos, ref int last)
    {
        var tok = p.Tokens[ti];
        switch (tok.Kind)
        {
            case TokenKind.AnyWord:
                return Continue(kt, p, ti, kt.WordEnd(pos), ref last);
            case TokenKind.UpToThreeWords:
            {
                if (MatchAt(kt, p, ti + 1, pos, ref last))
                {
                    return true;
                }

                var q = pos;
                for (var skipped = 1; skipped <= 3 && q < kt.Length; skipped++)
                {
                    q = kt.WordEnd(q);
                    if (q >= kt.Length || kt.Start[q] - kt.EndOf(q - 1) > MaxGap)
                    {
                        return false;
                    }

                    if (MatchAt(kt, p, ti + 1, q, ref last))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        var stem = tok.Stem;
        var key = kt.Key;
        var flags = kt.Flags;
        if (pos + stem.Length > kt.Length)
        {
            return false;
        }

        var inTag = (flags[pos] & KeyFlags.Hashtag) != 0;
        for (var k = 0; k < stem.Length; k++)
        {
            if (key[pos + k] != stem[k])
            {
                return false;
            }

            // A stem is one word: it may not run across a word start, except inside a hashtag written in camel case.
            if (k > 0 && (flags[pos + k] & KeyFlags.WordStart) != 0 && !(inTag && (flags[pos + k] & KeyFlags.Hashtag) != 0))
            {
                return false;
            }
        }

        var q0 = pos + stem.Length;
        var relaxed = p.StemLetters >= MinHashtagInfix && InTagInterior(kt, q0);
        var isLast = ti == p.Tokens.Length - 1;
        switch (tok.Kind)
        {
            case TokenKind.Exact:
                if (kt.IsWordEnd(q0) || relaxed)
                {
                    return Continue(kt, p, ti, q0, ref last);
                }

                return false;

            case TokenKind.Open:
            {
                var w = kt.WordEnd(q0);
                if (Continue(kt, p, ti, w, ref last))
                {
                    return true;
                }

                if (relaxed && !isLast)
                {
                    for (var r = q0; r < w && r <= q0 + 16; r++)
                    {
                        if (Continue(kt, p, ti, r, ref last))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            case TokenKind.Inventory:
            {
                var w = kt.WordEnd(q0);
                var reach = p.Suffixes!.Reachable(key, q0, w);
                if (w - q0 <= SuffixSet.MaxLength && (reach & (1u << (w - q0))) != 0 && Continue(kt, p, ti, w, ref last))
                {
                    return true;
                }

                if (relaxed)
                {
                    // Inside a hashtag the word end is unknown: any ending chain that the next part (or the tag's end) can follow will do.
                    var bits = reach;
                    while (bits != 0)
                    {
                        var j = System.Numerics.BitOperations.TrailingZeroCount(bits);
                        bits &= bits - 1;
                        if (Continue(kt, p, ti, q0 + j, ref last))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
        }

        return false;
    }

    /// <summary>Token <paramref name="ti"/> ended just before <paramref name="r"/>; match the rest of the trigger from there.</summary>
    private static bool Continue(KeyText kt, TriggerPattern p, int ti, int r, ref int last)
    {
        if (ti == p.Tokens.Length - 1)
        {
            last = r - 1;
            return true;
        }

        if (r >= kt.Length)
        {
            return false;
        }

        if ((kt.Flags[r] & KeyFlags.WordStart) != 0)
        {
            if (kt.Start[r] - kt.EndOf(r - 1) > MaxGap)
            {
                return false;
            }
        }
        else if (!(p.StemLetters >= MinHashtagInfix && InTagInterior(kt, r)))
        {
            return false;
        }

        return MatchAt(kt, p, ti + 1, r, ref last);
    }

    private void Evaluate(KeyText kt, CheckScratch sc)
    {
        var patterns = Patterns;
        for (var m = 0; m < sc.MatchCount; m++)
        {
            var r = patterns[sc.MatchPattern[m]].Rule;
            if (sc.RuleHead[r] < 0)
            {
                sc.Touch(r);
            }

            sc.MatchNext[m] = sc.RuleHead[r];
            sc.RuleHead[r] = m;
        }

        for (var t = 0; t < sc.TouchedCount; t++)
        {
            var r = sc.Touched[t];
            switch (Rules[r].Kind)
            {
                case RuleKind.Match:
                    EvaluateMatch(kt, sc, r);
                    break;
                case RuleKind.Required:
                    EvaluateRequired(kt, sc, r);
                    break;
            }
        }
    }

    private void EvaluateMatch(KeyText kt, CheckScratch sc, int r)
    {
        var rule = Rules[r];
        if (rule.AppliesWhen.Count > 0 && !AppliesWhenHolds(sc, r, out _, kt))
        {
            return;
        }

        var candidates = sc.Candidates;
        candidates.Clear();
        for (var m = sc.RuleHead[r]; m >= 0; m = sc.MatchNext[m])
        {
            if (Patterns[sc.MatchPattern[m]].Role == PatternRole.Trigger)
            {
                candidates.Add((kt.Start[sc.MatchStart[m]], kt.EndOf(sc.MatchLast[m])));
            }
        }

        if (candidates.Count == 0)
        {
            return;
        }

        // Earliest first, longest first: overlapping triggers of one rule ("en iyi", "en iyisi") make one finding.
        candidates.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var acceptedEnd = -1;
        foreach (var (start, end) in candidates)
        {
            if (start < acceptedEnd || IsExcepted(kt, sc, r, start, end))
            {
                continue;
            }

            sc.Hits.Add(new RuleHit(r, start, end));
            acceptedEnd = end;
        }
    }

    private void EvaluateRequired(KeyText kt, CheckScratch sc, int r)
    {
        var rule = Rules[r];
        var partsFound = 0u;
        int partStart = int.MaxValue, partEnd = 0;
        for (var m = sc.RuleHead[r]; m >= 0; m = sc.MatchNext[m])
        {
            var p = Patterns[sc.MatchPattern[m]];
            if (p.Role != PatternRole.Part)
            {
                continue;
            }

            partsFound |= 1u << p.Group;
            var s = kt.Start[sc.MatchStart[m]];
            if (s < partStart)
            {
                partStart = s;
                partEnd = kt.EndOf(sc.MatchLast[m]);
            }
        }

        var allParts = (1u << rule.Parts.Count) - 1;
        if (partsFound == allParts)
        {
            return;
        }

        if (partsFound != 0)
        {
            // Someone wrote the text but left part of it out: a finding of its own, pointing at what is there.
            var target = rule.PartialRule >= 0 ? rule.PartialRule : r;
            if (!IsExcepted(kt, sc, target, partStart, partEnd))
            {
                sc.Hits.Add(new RuleHit(target, partStart, partEnd));
            }

            return;
        }

        if (AppliesWhenHolds(sc, r, out var span, kt) && !IsExcepted(kt, sc, r, span.Start, span.End))
        {
            sc.Hits.Add(new RuleHit(r, span.Start, span.End));
        }
    }

    /// <summary>Every applies-when group has a match; <paramref name="first"/> is the earliest of them, the words that made the rule apply.</summary>
    private bool AppliesWhenHolds(CheckScratch sc, int r, out (int Start, int End) first, KeyText kt)
    {
        var rule = Rules[r];
        var found = 0u;
        first = (int.MaxValue, 0);
        for (var m = sc.RuleHead[r]; m >= 0; m = sc.MatchNext[m])
        {
            var p = Patterns[sc.MatchPattern[m]];
            if (p.Role != PatternRole.AppliesWhen)
            {
                continue;
            }

            found |= 1u << p.Group;
            var s = kt.Start[sc.MatchStart[m]];
            if (s < first.Start)
            {
                first = (s, kt.EndOf(sc.MatchLast[m]));
            }
        }

        return found == (1u << rule.AppliesWhen.Count) - 1;
    }

    private bool IsExcepted(KeyText kt, CheckScratch sc, int r, int start, int end)
    {
        if (Rules[r].Exceptions.Count == 0)
        {
            return false;
        }

        var index = sc.Exceptions;
        if (index.Rule != r)
        {
            index.Build(this, kt, sc, r);
        }

        return index.Text
            || index.Overlap.Intersects(start, end)
            || index.Near.Intersects(start - RuleDefinition.NearDistance, end + RuleDefinition.NearDistance)
            || (index.Sentences.Count > 0 && (index.Sentences.Contains(kt.SentenceOf(start)) || index.Sentences.Contains(kt.SentenceOf(end - 1))));
    }

    /// <summary>
    /// One rule's exception matches, indexed so that checking a trigger costs a binary search, not a pass over every match:
    /// a huge text with thousands of triggers and exceptions stays linear-logarithmic.
    /// </summary>
    internal sealed class ExceptionIndex
    {
        public readonly SpanSet Overlap = new();
        public readonly SpanSet Near = new();
        public readonly HashSet<int> Sentences = [];
        public int Rule = -1;
        public bool Text;

        public void Build(CompiledRules rules, KeyText kt, CheckScratch sc, int r)
        {
            Rule = r;
            Text = false;
            Overlap.Clear();
            Near.Clear();
            Sentences.Clear();
            var exceptions = rules.Rules[r].Exceptions;
            for (var m = sc.RuleHead[r]; m >= 0; m = sc.MatchNext[m])
            {
                var p = rules.Patterns[sc.MatchPattern[m]];
                if (p.Role != PatternRole.Exception)
                {
                    continue;
                }

                var xs = kt.Start[sc.MatchStart[m]];
                var xe = kt.EndOf(sc.MatchLast[m]);
                switch (exceptions[p.Group].Scope)
                {
                    case ExceptionScope.Overlap:
                        Overlap.Add(xs, xe);
                        break;
                    case ExceptionScope.Near:
                        Near.Add(xs, xe);
                        break;
                    case ExceptionScope.Sentence:
                        Sentences.Add(kt.SentenceOf(xs));
                        Sentences.Add(kt.SentenceOf(xe - 1));
                        break;
                    default:
                        Text = true;
                        break;
                }
            }

            Overlap.Seal();
            Near.Seal();
        }
    }

    /// <summary>Spans sorted by start with the running maximum of their ends: "does any span meet [from, to)?" in one binary search.</summary>
    internal sealed class SpanSet
    {
        private readonly List<(int Start, int End)> _spans = [];
        private int[] _maxEnd = new int[16];

        public void Clear() => _spans.Clear();

        public void Add(int start, int end) => _spans.Add((start, end));

        public void Seal()
        {
            if (_spans.Count == 0)
            {
                return;
            }

            _spans.Sort(static (a, b) => a.Start.CompareTo(b.Start));
            if (_maxEnd.Length < _spans.Count)
            {
                _maxEnd = new int[Math.Max(_spans.Count, _maxEnd.Length * 2)];
            }

            var max = int.MinValue;
            for (var i = 0; i < _spans.Count; i++)
            {
                max = Math.Max(max, _spans[i].End);
                _maxEnd[i] = max;
            }
        }

        public bool Intersects(int from, int to)
        {
            // The last span starting before 'to'; any span meets [from, to) exactly when the furthest end up to it passes 'from'.
            int lo = 0, hi = _spans.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_spans[mid].Start < to)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo > 0 && _maxEnd[lo - 1] > from;
        }
    }
}

/// <summary>Per-thread working memory of one check, reused so that a check allocates little more than its findings.</summary>
internal sealed class CheckScratch
{
    public readonly KeyText Key = new();
    public readonly List<RuleHit> Hits = [];
    public readonly List<(int Start, int End)> Candidates = [];
    public readonly CompiledRules.ExceptionIndex Exceptions = new();

    public int[] RawState = new int[64];
    public int[] RawIndex = new int[64];
    public int RawCount;

    public int[] MatchPattern = new int[64];
    public int[] MatchStart = new int[64];
    public int[] MatchLast = new int[64];
    public int[] MatchNext = new int[64];
    public int MatchCount;

    public int[] RuleHead = [];
    public int[] Touched = [];
    public int TouchedCount;

    public void Prepare(int rules)
    {
        if (RuleHead.Length < rules)
        {
            RuleHead = new int[rules];
            Touched = new int[rules];
            Array.Fill(RuleHead, -1);
        }

        for (var t = 0; t < TouchedCount; t++)
        {
            RuleHead[Touched[t]] = -1;
        }

        TouchedCount = 0;
        MatchCount = 0;
        RawCount = 0;
        Exceptions.Rule = -1;
        Hits.Clear();
    }

    public void Touch(int rule) => Touched[TouchedCount++] = rule;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void AddRaw(int row, int index)
    {
        if (RawCount == RawState.Length)
        {
            Array.Resize(ref RawState, RawCount * 2);
            Array.Resize(ref RawIndex, RawCount * 2);
        }

        RawState[RawCount] = row;
        RawIndex[RawCount] = index;
        RawCount++;
    }

    public void AddMatch(int pattern, int start, int last)
    {
        if (MatchCount == MatchPattern.Length)
        {
            var size = MatchCount * 2;
            Array.Resize(ref MatchPattern, size);
            Array.Resize(ref MatchStart, size);
            Array.Resize(ref MatchLast, size);
            Array.Resize(ref MatchNext, size);
        }

        MatchPattern[MatchCount] = pattern;
        MatchStart[MatchCount] = start;
        MatchLast[MatchCount] = last;
        MatchCount++;
    }
}
