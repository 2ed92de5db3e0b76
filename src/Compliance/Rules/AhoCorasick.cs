namespace CareDialog.Compliance.Rules;

/// <summary>
/// Aho–Corasick over the anchors of every trigger of every pack, as a dense DFA: one table read per key character and no
/// failure-link walking at check time. States are numbered breadth-first, so the shallow states ordinary text keeps returning to
/// share cache lines. A transition into a state that reports anchors is stored bit-inverted: the hot loop tests a sign instead
/// of looking up an output list for every character.
/// </summary>
internal sealed class AhoCorasick
{
    /// <summary>Columns are stored in 8 bits of the folding table entry.</summary>
    public const int MaxWidth = 256;

    private readonly ushort[] _alphabet = new ushort[65536];
    private readonly int[] _outStart;
    private readonly int[] _outputs;

    public AhoCorasick(IReadOnlyList<string> anchors)
    {
        // Alphabet: every character some anchor uses; everything else shares column 0 and always leads back to the root.
        var width = 1;
        foreach (var a in anchors)
        {
            foreach (var c in a)
            {
                if (_alphabet[c] == 0)
                {
                    _alphabet[c] = (ushort)width++;
                }
            }
        }

        if (width > MaxWidth)
        {
            throw new InvalidOperationException($"The triggers use {width - 1} distinct characters; the automaton supports {MaxWidth - 1}.");
        }

        Width = width;

        var children = new List<Dictionary<int, int>> { new() };
        var own = new List<List<int>> { new() };
        for (var p = 0; p < anchors.Count; p++)
        {
            var s = 0;
            foreach (var c in anchors[p])
            {
                var col = _alphabet[c];
                if (!children[s].TryGetValue(col, out var next))
                {
                    next = children.Count;
                    children.Add([]);
                    own.Add([]);
                    children[s][col] = next;
                }

                s = next;
            }

            own[s].Add(p);
        }

        // Breadth-first renumbering.
        var states = children.Count;
        var order = new int[states];
        var id = new int[states];
        var head = 0;
        var tail = 1;
        while (head < tail)
        {
            var s = order[head++];
            id[s] = head - 1;
            foreach (var child in children[s].OrderBy(kv => kv.Key))
            {
                order[tail++] = child.Value;
            }
        }

        var fail = new int[states];
        var delta = new int[states * width];
        var outputs = new List<int>[states];
        outputs[0] = own[0];
        for (var k = 0; k < states; k++)
        {
            var old = order[k];
            if (k > 0)
            {
                outputs[k] = [.. own[old], .. outputs[fail[k]]];
            }

            for (var col = 0; col < width; col++)
            {
                if (children[old].TryGetValue(col, out var child))
                {
                    var c = id[child];
                    fail[c] = k == 0 ? 0 : delta[fail[k] * width + col];
                    delta[k * width + col] = c;
                }
                else
                {
                    delta[k * width + col] = k == 0 ? 0 : delta[fail[k] * width + col];
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

        if (states > 0x7FFF)
        {
            throw new InvalidOperationException($"The triggers compile into {states} automaton states; at most {0x7FFF} fit the 16-bit table.");
        }

        // 16-bit entries keep the table small enough to stay in cache; the top bit marks a state that reports anchors.
        Delta = new ushort[delta.Length];
        for (var i = 0; i < delta.Length; i++)
        {
            var target = delta[i];
            Delta[i] = (ushort)(_outStart[target + 1] > _outStart[target] ? target | 0x8000 : target);
        }
        StateCount = states;
    }

    public int StateCount { get; }

    public int Width { get; }

    /// <summary>Transitions: <c>Delta[state × Width + column]</c> is the next state, with bit 15 set when that state reports anchors.</summary>
    public ushort[] Delta { get; }

    public int ColumnOf(char c) => _alphabet[c];

    /// <summary>The anchors <paramref name="state"/> reports.</summary>
    public ReadOnlySpan<int> OutputsOf(int state)
    {
        return _outputs.AsSpan(_outStart[state], _outStart[state + 1] - _outStart[state]);
    }

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
