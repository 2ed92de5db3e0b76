namespace CareDialog.Compliance.Platforms;

/// <summary>The text limit of one platform, as shipped in <c>platform-limits.json</c>.</summary>
/// <param name="Platform">The platform the limit applies to.</param>
/// <param name="MaxLength">Largest accepted length, in <paramref name="Unit"/>.</param>
/// <param name="Unit">What is counted: <c>weighted characters</c> (X), <c>characters</c> or <c>bytes</c> (YouTube).</param>
/// <param name="CountingRule">Human-readable description of how the length is counted.</param>
/// <param name="Source">Where the number comes from (URL or document).</param>
/// <param name="Note">Caveats, in particular whether the number is unconfirmed; null when there are none.</param>
public sealed record PlatformLimit(Platform Platform, int MaxLength, string Unit, string CountingRule, string Source, string? Note);

/// <summary>The length of a text as one platform counts it, compared with that platform's (or the channel's) limit.</summary>
/// <param name="Platform">The platform whose counting rule was applied.</param>
/// <param name="Length">Length of the text in <paramref name="Unit"/>.</param>
/// <param name="MaxLength">The limit the text was measured against.</param>
/// <param name="Unit">Unit of <paramref name="Length"/> and <paramref name="MaxLength"/>.</param>
public sealed record TextMeasure(Platform Platform, int Length, int MaxLength, string Unit)
{
    // Emptiness is a property of the text, not of the length: whitespace has a length but is still nothing to publish.
    internal TextMeasure(Platform platform, int length, int maxLength, string unit, bool isEmpty)
        : this(platform, length, maxLength, unit)
    {
        IsEmpty = isEmpty;
    }

    /// <summary>
    /// True when the text is empty or consists only of whitespace, i.e. there is nothing to publish.
    /// Measures built through the public constructor only know the length and treat length 0 as empty.
    /// </summary>
    public bool IsEmpty { get; } = Length == 0;

    /// <summary>True when <see cref="Length"/> does not exceed <see cref="MaxLength"/>. Says nothing about emptiness: check <see cref="IsEmpty"/> as well.</summary>
    public bool IsWithinLimit => Length <= MaxLength;

    /// <summary>How much is left before the limit; negative when the text is over it.</summary>
    public int Remaining => MaxLength - Length;
}
