using System.Diagnostics;

namespace PresetPlanner;

/// <summary>
/// Finds the best layout that fits, exhaustively, with pruning that never drops the optimum: a layout is skipped only
/// when its model states and reserve alone overflow the GPU (so it cannot fit), or when no layout with its degrees,
/// micro-batch and recomputation can beat the best found so far (<see cref="ThroughputBound"/>: its compute and exposed
/// transfers alone, with a relative margin of 1e-9 so that rounding never prunes a tie). Ties are broken as in the table: more headroom, then enumeration order.
/// </summary>
public static class StrategySearch
{
    /// <summary>The best fitting layout of <paramref name="ctx"/>'s space; false when nothing fits.</summary>
    public static bool TryFindBest(ref readonly PlanningContext ctx, bool prune, out StrategyResult best, out SearchStatistics statistics)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        Span<double> bounds = stackalloc double[3];
        ParallelLayout boundKey = default;
        var incumbent = default(BestSoFar);
        long enumerated = 0;
        EvaluationCache cache = default;
        foreach (ParallelLayout layout in new StrategyEnumerator(in ctx))
        {
            enumerated++;
            if (prune && incumbent.Found)
            {
                // Bounds per set of degrees and micro-batch, for each recomputation mode (the enumerator lists the
                // ZeRO, recomputation and SP variants of one set together).
                if (!layout.HasSameDegrees(boundKey))
                {
                    // The frame is the one the evaluation uses next (same cache); invalid degrees are left to it.
                    boundKey = layout;
                    ref readonly LayoutFrame frame = ref cache.Prepare(ctx, layout);
                    for (int mode = 0; mode < bounds.Length; mode++)
                    {
                        bounds[mode] = frame.Rule != Constraint.None ? double.PositiveInfinity
                            : ThroughputBound.TokensPerSecondPerGpu(ctx, layout, frame, (RecomputeMode)mode) * (1 + 1e-9);
                    }
                }

                if (bounds[(int)layout.Recompute] < incumbent.Tokens)
                {
                    continue;
                }
            }

            if (prune)
            {
                // Model states depend only on the degrees and the ZeRO stage: the cache holds them for the evaluation
                // that follows. Degrees that break a rule have no frame; they are checked on their own.
                ref readonly LayoutFrame frame = ref cache.Prepare(ctx, layout);
                bool overflows = frame.Rule == Constraint.None
                    ? ThroughputBound.StatesAloneOverflow(ctx, cache.States(ctx, layout))
                    : ThroughputBound.StatesAloneOverflow(ctx, layout);
                if (overflows)
                {
                    continue;
                }
            }

            incumbent.Consider(ctx, layout, ref cache);
        }

        statistics = new SearchStatistics(enumerated, incumbent.Evaluated, incumbent.Feasible, Stopwatch.GetElapsedTime(start).TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - allocated);
        best = incumbent.Result;
        return incumbent.Found;
    }
}
