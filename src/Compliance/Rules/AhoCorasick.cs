namespace CareDialog.Compliance.Rules;

/// <summary>
/// Aho–Corasick over the anchors of every trigger of every pack, as a dense DFA: one table read per key character and no
/// failure-link walking at check time. It only proposes candidates (Verify compares every character of a trigger), which allows two
/// economies that keep the table small enough to stay in cache: all digits share one column, and anchors are at most
/// <see cref="TriggerPattern.MaxAnchor"/> characters. States are numbered breadth-first, so the shallow states ordinary text keeps
/// returning to share cache lines.
/// </summary>
internal sealed class AhoCorasick
{
    /// <summary>Columns fit 6 bits: a row is <c>state &lt;&lt; 6</c>, a shift instead of a multiply on the per-character chain.</summary>
    public const int Shift = 6;
    public const int MaxWidth = 1 << Shift;

    /// <summary>Entries are 16 bits; the top bit marks a state that reports anchors.</summary>
    public const int MaxStates = 0x7FFF;

    private const int DigitColumn = 1;

    private readonly byte[] _alphabet = new byte[65536];
    private readonly int[] _outStart;
    private readonly int[] _outputs;

    public AhoCorasick(IReadOnlyList<string> anchors)
    {
        // Alphabet: every character some anchor uses; everything else shares column 0 and always leads back to the root.
        var width = DigitColumn + 1;
        for (var d = '0'; d <= '9'; d++)
        {
            _alphabet[d] = DigitColumn;
        }

        foreach (var a in anchors)
        {
            foreach (var c in a)
            {
                if (_alphabet[c] == 0)
                {
                    if (width == MaxWidth)
                    {
                        throw new InvalidOperationException($"The triggers use more than {MaxWidth - 2} distinct letters and symbols; widen AhoCorasick.Shift.");
                    }

                    _alphabet[c] = (byte)width++;
                }
            }
        }

        // The trie in a flat goto table (0 = no child: the root is nobody's child).
        var capacity = 1;
        foreach (var a in anchors)
        {
            capacity += a.Length;
        }

        var trie = new int[capacity << Shift];
        var ownOf = new List<int>?[capacity];
        var states = 1;
        for (var p = 0; p < anchors.Count; p++)
        {
            var s = 0;
            foreach (var c in anchors[p])
            {
                ref var child = ref trie[(s << Shift) + _alphabet[c]];
                if (child == 0)
                {
                    child = states++;
                }

                s = child;
            }

            (ownOf[s] ??= []).Add(p);
        }

        if (states > MaxStates)
        {
            throw new InvalidOperationException($"The triggers compile into {states} automaton states; the 16-bit table holds {MaxStates}.");
        }

        // Breadth-first renumbering.
        var order = new int[states];
        var id = new int[states];
        var head = 0;
        var tail = 1;
        while (head < tail)
        {
            var s = order[head++];
            id[s] = head - 1;
            for (var col = 0; col < MaxWidth; col++)
            {
                var child = trie[(s << Shift) + col];
                if (child != 0)
                {
                    order[tail++] = child;
                }
            }
        }

        var fail = new int[states];
        var delta = new int[states << Shift];
        var outputs = new int[states][];
        outputs[0] = [.. ownOf[0] ?? []];
        for (var k = 0; k < states; k++)
        {
            var old = order[k];
            if (k > 0)
            {
                outputs[k] = [.. ownOf[old] ?? [], .. outputs[fail[k]]];
            }

            for (var col = 0; col < MaxWidth; col++)
            {
                var child = trie[(old << Shift) + col];
                if (child != 0)
                {
                    var c = id[child];
                    fail[c] = k == 0 ? 0 : delta[(fail[k] << Shift) + col];
                    delta[(k << Shift) + col] = c;
                }
                else
                {
                    delta[(k << Shift) + col] = k == 0 ? 0 : delta[(fail[k] << Shift) + col];
                }
            }
        }

        _outStart = new int[states + 1];
        var flat = new List<int>();
        for (var s = 0; s < states; s++)
        {
            _outStart[s] = flat.Count;
            flat.AddRange(outputs[s]);
        }

        _outStart[states] = flat.Count;
        _outputs = [.. flat];

        Delta = new ushort[delta.Length];
        for (var i = 0; i < delta.Length; i++)
        {
            var target = delta[i];
            Delta[i] = (ushort)(_outStart[target + 1] > _outStart[target] ? target | 0x8000 : target);
        }

        StateCount = states;
    }

    public int StateCount { get; }

    /// <summary>Transitions: <c>Delta[(state &lt;&lt; Shift) + column]</c> is the next state, with bit 15 set when it reports anchors.</summary>
    public ushort[] Delta { get; }

    public int ColumnOf(char c) => _alphabet[c];

    /// <summary>The anchors <paramref name="state"/> reports.</summary>
    public ReadOnlySpan<int> OutputsOf(int state) => _outputs.AsSpan(_outStart[state], _outStart[state + 1] - _outStart[state]);

    /// <summary>A copy of a folding table with each key character's column in bits 24–31, so the fused loop needs no second lookup.</summary>
    public uint[] WithColumns(uint[] packed)
    {
        var table = new uint[packed.Length];
        for (var c = 0; c < packed.Length; c++)
        {
            var entry = packed[c];
            var cls = (CharClass)((entry >> 16) & 0x7F);
            var column = cls is CharClass.Letter or CharClass.Digit or CharClass.Symbol ? _alphabet[(char)entry] : 0;
            table[c] = (entry & 0x00FFFFFF) | ((uint)column << 24);
        }

        return table;
    }
}
