namespace CareDialog.Compliance.Platforms;

/// <summary>
/// Length of a domain label after punycode encoding ("xn--" + RFC 3492), computed the way twitter-text's JavaScript
/// idna check does it (punycode.js toASCII, applied per label). X refuses URLs whose encoded labels exceed 63 characters,
/// which decides whether a long internationalised host counts 23 or its full length.
/// Hand-written rather than <see cref="System.Globalization.IdnMapping"/> because IdnMapping also applies IDNA2008 validity
/// and mapping rules (it rejects symbols such as ☃ that twitter-text accepts) and depends on the platform's ICU version.
/// </summary>
internal static class Punycode
{
    private const int Base = 36;
    private const int TMin = 1;
    private const int TMax = 26;
    private const int Skew = 38;
    private const int Damp = 700;
    private const int InitialBias = 72;
    private const int InitialN = 128;
    private const int AcePrefixLength = 4; // "xn--"

    /// <summary>
    /// Encoded length of <paramref name="label"/>. punycode.js treats the ideographic and full-width full stops as label
    /// separators too, so such a "label" is encoded piecewise and measured with its separators.
    /// Labels that cannot fit in 63 characters may report any length above 63.
    /// </summary>
    public static int EncodedLabelLength(ReadOnlySpan<char> label)
    {
        var total = 0;
        var first = true;
        foreach (var range in label.SplitAny("\u3002\uFF0E\uFF61"))
        {
            total += (first ? 0 : 1) + EncodedLength(label[range]);
            first = false;
            if (total > 63)
            {
                return total;
            }
        }

        return total;
    }

    private static int EncodedLength(ReadOnlySpan<char> part)
    {
        if (!part.ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return part.Length;
        }

        // Every code point costs at least one output character, so long parts are decided without encoding them.
        // Code points are UTF-16 based as in punycode.js (a lone surrogate is one code point).
        var codePoints = new List<int>(Math.Min(part.Length, 64));
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (char.IsHighSurrogate(c) && i + 1 < part.Length && char.IsLowSurrogate(part[i + 1]))
            {
                codePoints.Add(char.ConvertToUtf32(c, part[++i]));
            }
            else
            {
                codePoints.Add(c);
            }

            if (codePoints.Count > 63)
            {
                return AcePrefixLength + codePoints.Count;
            }
        }

        return AcePrefixLength + EncodeLength(codePoints);
    }

    private static int EncodeLength(List<int> input)
    {
        var basic = input.Count(cp => cp < InitialN);
        var output = basic > 0 ? basic + 1 : 0; // basic code points, then the '-' delimiter
        var n = InitialN;
        long delta = 0;
        var bias = InitialBias;
        var handled = basic;
        while (handled < input.Count)
        {
            var m = input.Where(cp => cp >= n).Min();
            delta += (long)(m - n) * (handled + 1);
            n = m;
            foreach (var cp in input)
            {
                if (cp < n)
                {
                    delta++;
                }

                if (cp != n)
                {
                    continue;
                }

                var q = delta;
                for (var k = Base; ; k += Base)
                {
                    var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                    if (q < t)
                    {
                        break;
                    }

                    output++;
                    q = (q - t) / (Base - t);
                }

                output++;
                bias = Adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled++;
            }

            delta++;
            n++;
        }

        return output;
    }

    private static int Adapt(long delta, int numPoints, bool firstTime)
    {
        delta = firstTime ? delta / Damp : delta / 2;
        delta += delta / numPoints;
        var k = 0;
        while (delta > (Base - TMin) * TMax / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }

        return (int)(k + ((Base - TMin + 1) * delta / (delta + Skew)));
    }
}
