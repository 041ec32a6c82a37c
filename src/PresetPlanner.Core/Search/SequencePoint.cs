using PresetPlanner.Results;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Search;

/// <summary>The answer of a longest-sequence search.</summary>
/// <param name="Sequence">The longest sequence that fits, tokens.</param>
/// <param name="LimitedBy">Whether memory stopped the search, or a cap on the sequences tried.</param>
/// <param name="Result">The best layout at that sequence and what its search did.</param>
public readonly record struct SequencePoint(int Sequence, SequenceLimit LimitedBy, SearchResult Result)
{
    /// <summary>The best fitting layout at <see cref="Sequence"/>.</summary>
    public StrategyResult Best => Result.Best;
}
