namespace PresetPlanner;

/// <summary>What stopped a longest-sequence search.</summary>
public enum SequenceLimit
{
    /// <summary>Memory: the next longer sequence tried does not fit.</summary>
    Memory,

    /// <summary>The model's own context length (<see cref="ModelSpec.MaxSequence"/>): longer sequences were not tried.</summary>
    ModelContext,

    /// <summary>The longest sequence the caller asked about: longer sequences were not tried.</summary>
    Requested,
}

/// <summary>The answer of a longest-sequence search.</summary>
/// <param name="Sequence">The longest sequence that fits, tokens.</param>
/// <param name="LimitedBy">Whether memory stopped the search, or a cap on the sequences tried.</param>
/// <param name="Result">The best layout at that sequence and what its search did.</param>
public readonly record struct SequencePoint(int Sequence, SequenceLimit LimitedBy, SearchResult Result)
{
    /// <summary>The best fitting layout at <see cref="Sequence"/>.</summary>
    public StrategyResult Best => Result.Best;
}
