using System.Buffers;
using PresetPlanner.Costing;
using PresetPlanner.Results;
using PresetPlanner.Settings;

namespace PresetPlanner.Search;

/// <summary>
/// Plans a space larger than a table holds in bounded memory, on every core it is given: the best
/// <c>destination.Length</c> layouts, in rank order, and the counts over all of them. Two passes over the enumeration,
/// in chunks evaluated in parallel: the first keeps only each layout's 32-bit rank key (<see cref="RankSort.Key"/>, 4
/// bytes a layout) and counts what fits; a selection on those keys finds the key of the last layout kept; the second
/// evaluates again only the layouts at or above it. Layouts whose 32-bit keys tie at that boundary are settled by the
/// exact comparison (<see cref="RankKey"/>), so the rows are exactly the first rows of the full ranking.
/// </summary>
internal static class BoundedPlanner
{
    // Layouts enumerated per chunk: 64K layouts of 48 bytes and their results, a few tens of MB whatever the space.
    private const int Chunk = 1 << 16;

    /// <summary>
    /// Evaluates the <paramref name="total"/> layouts of <paramref name="space"/> and writes the best
    /// <paramref name="destination"/>.Length of them (fewer when the space has fewer), ranked, into it; returns how many
    /// were written, with how many of all the layouts fit and how many evaluations both passes made.
    /// </summary>
    public static int Plan(CostContext ctx, in SearchSpace space, int total, StrategyResult[] destination, int parallelism, out int feasible, out long evaluations)
    {
        int keep = Math.Min(destination.Length, total);
        uint[] keys = new uint[total];
        ParallelLayout[] layouts = ArrayPool<ParallelLayout>.Shared.Rent(Chunk);
        StrategyResult[] results = ArrayPool<StrategyResult>.Shared.Rent(Chunk);
        try
        {
            // Pass 1: every layout's key.
            int fits = 0;
            var walk = new StrategyEnumerator(ctx, space);
            for (int start = 0; start < total;)
            {
                int n = Fill(ref walk, layouts, Math.Min(Chunk, total - start));
                if (n == 0)
                {
                    break;
                }

                fits += StrategyPlanner.EvaluateInParallel(ctx, layouts, results, n, parallelism);
                for (int i = 0; i < n; i++)
                {
                    keys[start + i] = RankSort.Key(results[i]);
                }

                start += n;
            }

            feasible = fits;
            evaluations = total;
            uint boundary = Select(keys, keep, out int below);

            // Pass 2: the layouts kept, in enumeration order; those whose key is the boundary's wait for the exact order.
            var ties = new List<(StrategyResult Result, int Index)>();
            int written = 0;
            walk = new StrategyEnumerator(ctx, space);
            for (int start = 0; start < total;)
            {
                int n = Fill(ref walk, layouts, Math.Min(Chunk, total - start));
                if (n == 0)
                {
                    break;
                }

                int kept = 0;
                for (int i = 0; i < n; i++)
                {
                    if (keys[start + i] <= boundary)
                    {
                        layouts[kept++] = layouts[i];
                    }
                }

                StrategyPlanner.EvaluateInParallel(ctx, layouts, results, kept, parallelism);
                evaluations += kept;
                for (int i = 0, k = 0; i < n; i++)
                {
                    if (keys[start + i] < boundary)
                    {
                        destination[written++] = results[k++];
                    }
                    else if (keys[start + i] == boundary)
                    {
                        ties.Add((results[k++], start + i));
                    }
                }

                start += n;
            }

            System.Diagnostics.Debug.Assert(written == below, "every layout under the boundary key is kept");
            MergeTies(destination, below, ties, keep - below);
            StrategyPlanner.Rank(destination.AsSpan(0, keep));
            return keep;
        }
        finally
        {
            ArrayPool<ParallelLayout>.Shared.Return(layouts);
            ArrayPool<StrategyResult>.Shared.Return(results);
        }
    }

    // The next layouts of the walk, at most `want`; 0 only if the walk yields fewer than it counted (it is deterministic,
    // so never; the passes stop rather than loop).
    private static int Fill(ref StrategyEnumerator walk, ParallelLayout[] layouts, int want)
    {
        int n = 0;
        while (n < want && walk.MoveNext())
        {
            layouts[n++] = walk.Current;
        }

        return n;
    }

    // The key of the keep-th smallest of `keys` (keys order like ranks), and how many keys are below it: two passes of
    // a 16-bit histogram, the high half then the low half among keys with that high half.
    private static uint Select(uint[] keys, int keep, out int below)
    {
        int[] histogram = ArrayPool<int>.Shared.Rent(1 << 16);
        try
        {
            int wanted = keep;
            uint high = 0;
            below = 0;
            for (int half = 1; half >= 0; half--)
            {
                Span<int> counts = histogram.AsSpan(0, 1 << 16);
                counts.Clear();
                int shift = half * 16;
                foreach (uint key in keys)
                {
                    if (half == 1 || key >> 16 == high >> 16)
                    {
                        counts[(int)((key >> shift) & 0xFFFF)]++;
                    }
                }

                int bucket = 0;
                while (wanted > counts[bucket])
                {
                    wanted -= counts[bucket];
                    below += counts[bucket];
                    bucket++;
                }

                high |= (uint)bucket << shift;
            }

            return high;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(histogram);
        }
    }

    // The best `quota` of the boundary's ties by the exact order, after the `below` rows under the boundary, in
    // enumeration order. Ranking the rows by position then settles equal exact keys as the full plan does: rows under
    // the boundary are in enumeration order, the ties too, and a row under it never equals a tie (its 32-bit key differs).
    private static void MergeTies(StrategyResult[] destination, int below, List<(StrategyResult Result, int Index)> ties, int quota)
    {
        ties.Sort((a, b) => RankKey.Of(a.Result, a.Index).CompareTo(RankKey.Of(b.Result, b.Index)));
        ties.RemoveRange(quota, ties.Count - quota);
        ties.Sort((a, b) => a.Index.CompareTo(b.Index));
        for (int i = 0; i < ties.Count; i++)
        {
            destination[below + i] = ties[i].Result;
        }
    }
}
