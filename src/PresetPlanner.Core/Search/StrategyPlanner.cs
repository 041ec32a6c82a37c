using System.Buffers;
using PresetPlanner.Costing;
using PresetPlanner.Results;
using PresetPlanner.Settings;

namespace PresetPlanner.Search;

/// <summary>
/// Plans into caller-provided memory: evaluates every layout of the search space and sorts them in rank order.
/// After the first call (which warms up the shared array pool) it allocates nothing.
/// </summary>
internal static class StrategyPlanner
{
    /// <summary>Number of layouts in <paramref name="space"/>: the size <see cref="Plan"/> needs.</summary>
    public static int Count(CostContext ctx, in SearchSpace space)
    {
        int count = 0;
        foreach (ParallelLayout _ in new StrategyEnumerator(ctx, space))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Evaluates the layouts of <paramref name="space"/> into <paramref name="destination"/> (at most its length) and sorts them
    /// best first; returns how many were written.
    /// </summary>
    public static int Plan(CostContext ctx, in SearchSpace space, Span<StrategyResult> destination)
    {
        ulong[] keys = ArrayPool<ulong>.Shared.Rent(Math.Max(destination.Length, 1));
        RankTie[] ties = ArrayPool<RankTie>.Shared.Rent(Math.Max(destination.Length, 1));
        try
        {
            int count = EvaluateWithKeys(ctx, space, destination, keys, ties);
            RankSort.Sort(destination[..count], keys.AsSpan(0, count), ties.AsSpan(0, count));
            return count;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<RankTie>.Shared.Return(ties);
        }
    }

    /// <summary>
    /// Evaluates the layouts of <paramref name="space"/> into <paramref name="results"/> in enumeration order (at most its
    /// length) and writes their rank order into <paramref name="ranking"/> (the index in <paramref name="results"/> of
    /// each rank, best first; at least as long); returns how many were written. The results are never moved.
    /// </summary>
    public static int PlanRanking(CostContext ctx, in SearchSpace space, Span<StrategyResult> results, Span<int> ranking)
    {
        int capacity = Math.Min(results.Length, ranking.Length);
        ulong[] keys = ArrayPool<ulong>.Shared.Rent(Math.Max(capacity, 1));
        RankTie[] ties = ArrayPool<RankTie>.Shared.Rent(Math.Max(capacity, 1));
        try
        {
            int count = EvaluateWithKeys(ctx, space, results[..capacity], keys, ties);
            RankSort.Order(keys.AsSpan(0, count), ties.AsSpan(0, count), ranking[..count]);
            return count;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<RankTie>.Shared.Return(ties);
        }
    }

    // Evaluates the space's layouts into `results` in enumeration order (at most its length), each with its rank entry
    // and tie, taken while the result is still in cache; returns how many.
    private static int EvaluateWithKeys(CostContext ctx, in SearchSpace space, Span<StrategyResult> results, ulong[] keys, RankTie[] ties)
    {
        int count = 0;
        EvaluationCache cache = default;
        foreach (ParallelLayout layout in new StrategyEnumerator(ctx, space))
        {
            if (count == results.Length)
            {
                break;
            }

            ref StrategyResult slot = ref results[count];
            slot = StrategyEvaluator.Evaluate(ctx, layout, ref cache);
            keys[count] = RankSort.Entry(slot, count);
            ties[count] = RankSort.Tie(slot);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Evaluates <paramref name="layouts"/>[0..<paramref name="count"/>) into the slots of <paramref name="results"/> from
    /// <paramref name="offset"/> on, on up to <paramref name="parallelism"/> cores, in contiguous runs so that each worker's cache sees the variants of
    /// one set of degrees together; returns how many fit.
    /// </summary>
    public static int EvaluateInParallel(CostContext ctx, ParallelLayout[] layouts, StrategyResult[] results, int count, int parallelism, int offset = 0)
    {
        if (count == 0)
        {
            return 0;
        }

        if (parallelism <= 1)
        {
            // One core: no task, no closure, so a single-threaded runtime (WebAssembly) runs it as a plain loop.
            EvaluationCache single = default;
            int fitting = 0;
            for (int i = 0; i < count; i++)
            {
                results[offset + i] = StrategyEvaluator.Evaluate(ctx, layouts[i], ref single);
                fitting += results[offset + i].Fits ? 1 : 0;
            }

            return fitting;
        }

        int runs = Math.Min(count, parallelism * 8);
        int fits = 0;
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, run =>
        {
            EvaluationCache cache = default;
            int fit = 0;
            int end = (int)((long)count * (run + 1) / runs);
            for (int i = (int)((long)count * run / runs); i < end; i++)
            {
                results[offset + i] = StrategyEvaluator.Evaluate(ctx, layouts[i], ref cache);
                fit += results[offset + i].Fits ? 1 : 0;
            }

            Interlocked.Add(ref fits, fit);
        });
        return fits;
    }

    /// <summary>
    /// Sorts results best first (see <see cref="RankKey"/>), in place (<see cref="RankSort"/>); results whose exact figures
    /// are equal keep their order, or that of their enumeration <paramref name="indices"/> where given (results gathered
    /// out of enumeration order, as a bounded plan's).
    /// </summary>
    public static void Rank(Span<StrategyResult> results, ReadOnlySpan<int> indices = default)
    {
        ulong[] keys = ArrayPool<ulong>.Shared.Rent(Math.Max(results.Length, 1));
        RankTie[] ties = ArrayPool<RankTie>.Shared.Rent(Math.Max(results.Length, 1));
        try
        {
            for (int i = 0; i < results.Length; i++)
            {
                keys[i] = RankSort.Entry(results[i], i);
                ties[i] = RankSort.Tie(results[i]);
            }

            RankSort.Sort(results, keys.AsSpan(0, results.Length), ties.AsSpan(0, results.Length), indices);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<RankTie>.Shared.Return(ties);
        }
    }
}
