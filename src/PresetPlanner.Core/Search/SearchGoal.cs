namespace PresetPlanner.Search;

/// <summary>
/// What a search looks for besides fitting: the plan's recommendation rules (<c>StrategyTable.TryGetRecommended</c>)
/// ask for the fastest layout, then the fastest with margin in memory, then the fastest with margin and without CP.
/// </summary>
[Flags]
internal enum SearchGoal
{
    /// <summary>The fastest layout that fits.</summary>
    Fastest = 0,

    /// <summary>Only layouts that fit with margin (not <c>StrategyResult.Tight</c>).</summary>
    WithMargin = 1,

    /// <summary>Only layouts without context parallelism.</summary>
    WithoutCp = 2,
}
