using PresetPlanner.Results;

namespace PresetPlanner.Search;

/// <summary>One cluster size of a sweep (or the answer of a minimum-size search) and the search there.</summary>
/// <param name="Gpus">Cluster size.</param>
/// <param name="Found">Whether any layout fits at this size.</param>
/// <param name="Result">The best fitting layout (when found) and what the search did.</param>
public readonly record struct SweepPoint(int Gpus, bool Found, SearchResult Result)
{
    /// <summary>The best fitting layout (default when none fits).</summary>
    public StrategyResult Best => Result.Best;
}
