using PresetPlanner.Costing;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Search;

/// <summary>
/// Finds the best layout that fits, exhaustively, with pruning that never drops the optimum: a layout is skipped only
/// when its model states and reserve alone overflow the GPU (so it cannot fit), or when no layout with its degrees,
/// micro-batch and recomputation can beat the best found so far (<see cref="ThroughputBound"/>: its compute and exposed
/// transfers alone, with a relative margin of 1e-9 so that rounding never prunes a tie). Ties are broken as in the table:
/// more headroom, then enumeration order.
/// </summary>
internal static class StrategySearch
{
    /// <summary>The best fitting layout of <paramref name="space"/>; false when nothing fits.</summary>
    public static bool TryFindBest(CostContext ctx, in SearchSpace space, bool prune, out SearchResult result) =>
        TryFindBest(ctx, space, prune, SearchGoal.Fastest, out result);

    /// <summary>
    /// The best fitting layout of <paramref name="space"/> that meets <paramref name="goal"/>; false when none does. The
    /// bound prunes as for the fastest: it bounds every layout, so it bounds those the goal keeps.
    /// </summary>
    public static bool TryFindBest(CostContext ctx, in SearchSpace space, bool prune, SearchGoal goal, out SearchResult result)
    {
        Span<double> bounds = stackalloc double[LayoutVariants.RecomputeModes];
        ParallelLayout boundKey = default;
        var incumbent = default(BestSoFar);
        long enumerated = 0;
        EvaluationCache cache = default;
        var walk = new StrategyEnumerator(ctx, space);
        while (walk.MoveNext())
        {
            ParallelLayout layout = walk.Current;
            enumerated++;
            if (prune && Prunes(ctx, layout, ref cache, incumbent, ref boundKey, bounds))
            {
                continue;
            }

            incumbent.Consider(ctx, layout, ref cache, goal);
        }

        result = new SearchResult(incumbent.Result, new SearchStatistics(enumerated, incumbent.Evaluated, incumbent.Feasible, walk.FirstExclusion));
        return incumbent.Found;
    }

    // Whether the layout can be skipped: no layout with its degrees, micro-batch and recomputation can beat the
    // incumbent, or its model states alone overflow the GPU. Bounds are computed once per set of degrees (the enumerator
    // lists its ZeRO, recomputation and SP variants together); frame and model states come from the cache the
    // evaluation uses next. Every enumerated layout is valid, so its frame is always filled.
    private static bool Prunes(CostContext ctx, in ParallelLayout layout, ref EvaluationCache cache, in BestSoFar incumbent, ref ParallelLayout boundKey, Span<double> bounds)
    {
        ref readonly LayoutFrame frame = ref cache.Prepare(ctx, layout);
        if (incumbent.Found)
        {
            if (!layout.HasSameDegrees(boundKey))
            {
                boundKey = layout;
                for (int mode = 0; mode < bounds.Length; mode++)
                {
                    bounds[mode] = ThroughputBound.TokensPerSecondPerGpu(ctx, layout, frame, (RecomputeMode)mode) * (1 + 1e-9);
                }
            }

            if (bounds[(int)layout.Recompute] < incumbent.Tokens)
            {
                return true;
            }
        }

        return ThroughputBound.StatesAloneOverflow(ctx, cache.States(ctx, layout), frame.Reserved);
    }
}
