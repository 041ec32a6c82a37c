using System.Buffers;
using PresetPlanner.Costing;
using PresetPlanner.Results;
using PresetPlanner.Settings;

namespace PresetPlanner.Search;

/// <summary>
/// Plans a space larger than a table holds in bounded memory, on every core it is given: the best
/// <c>destination.Length</c> layouts, in rank order, and the counts over all of them. Two passes over the enumeration,
/// in chunks evaluated in parallel: the first evaluates every layout once, keeps each one's 32-bit rank key
/// (<see cref="RankSort.Key"/>, 4 bytes a layout) and writes the results of the first <c>destination.Length</c> layouts
/// where they may stay; a selection on the keys finds the key of the last layout kept; the second evaluates again only
/// the layouts kept that came after those, into the slots of the first ones that are not kept. Layouts whose 32-bit keys
/// tie at that boundary are settled by the exact comparison (<see cref="RankKey"/>), so the rows are exactly the first
/// rows of the full ranking; a space just over the bound is evaluated little more than once.
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
            feasible = FirstPass(ctx, space, keys, keep, destination, layouts, results, parallelism);
            uint boundary = Select(keys, keep, out int below);
            int[] indices = new int[keep];
            for (int i = 0; i < keep; i++)
            {
                indices[i] = i;
            }

            var ties = new List<(StrategyResult Result, int Index)>();
            var overflow = new List<(StrategyResult Result, int Index)>();
            var holes = new Holes(keys, keep, boundary);
            evaluations = total + SecondPass(ctx, space, keys, boundary, destination, indices, layouts, results, parallelism, ties, overflow, ref holes);

            // The boundary's ties among the first `keep` are in their slots; the best of all of them stay or come in.
            for (int i = 0; i < keep; i++)
            {
                if (keys[i] == boundary)
                {
                    ties.Add((destination[i], i));
                }
            }

            SettleTies(destination, indices, ties, keep - below, overflow, ref holes);
            System.Diagnostics.Debug.Assert(!holes.TryNext(out _), "every slot holds a layout kept");
            StrategyPlanner.Rank(destination.AsSpan(0, keep), indices);
            return keep;
        }
        finally
        {
            ArrayPool<ParallelLayout>.Shared.Return(layouts);
            ArrayPool<StrategyResult>.Shared.Return(results);
        }
    }

    // Pass 1: every layout's key (`keys` holds one per layout); the first `keep` results go straight to their slots.
    // Returns how many layouts fit.
    private static int FirstPass(CostContext ctx, in SearchSpace space, uint[] keys, int keep, StrategyResult[] destination, ParallelLayout[] layouts, StrategyResult[] results, int parallelism)
    {
        int fits = 0;
        var walk = new StrategyEnumerator(ctx, space);
        for (int start = 0; start < keys.Length;)
        {
            int n = Fill(ref walk, layouts, Math.Min(Chunk, keys.Length - start));
            if (n == 0)
            {
                break;
            }

            int direct = Math.Clamp(keep - start, 0, n);
            if (direct == n)
            {
                fits += StrategyPlanner.EvaluateInParallel(ctx, layouts, destination, n, parallelism, start);
                for (int i = 0; i < n; i++)
                {
                    keys[start + i] = RankSort.Key(destination[start + i]);
                }
            }
            else
            {
                fits += StrategyPlanner.EvaluateInParallel(ctx, layouts, results, n, parallelism);
                if (direct > 0)
                {
                    results.AsSpan(0, direct).CopyTo(destination.AsSpan(start));
                }
                for (int i = 0; i < n; i++)
                {
                    keys[start + i] = RankSort.Key(results[i]);
                }
            }

            start += n;
        }

        return fits;
    }

    // Pass 2: the layouts kept after the first `keep` (`indices.Length`), in enumeration order, into the slots of the
    // first ones that are not (`holes`, in slot order; `overflow` once none is left); those whose key is the boundary's
    // wait in `ties` for the exact order. Returns how many it evaluated.
    private static long SecondPass(CostContext ctx, in SearchSpace space, uint[] keys, uint boundary, StrategyResult[] destination, int[] indices, ParallelLayout[] layouts, StrategyResult[] results, int parallelism, List<(StrategyResult Result, int Index)> ties, List<(StrategyResult Result, int Index)> overflow, ref Holes holes)
    {
        int keep = indices.Length;
        long evaluations = 0;
        var walk = new StrategyEnumerator(ctx, space);
        for (int start = 0; start < keys.Length;)
        {
            int n = Fill(ref walk, layouts, Math.Min(Chunk, keys.Length - start));
            if (n == 0)
            {
                break;
            }

            int kept = 0;
            for (int i = Math.Max(0, keep - start); i < n; i++)
            {
                if (keys[start + i] <= boundary)
                {
                    layouts[kept++] = layouts[i];
                }
            }

            StrategyPlanner.EvaluateInParallel(ctx, layouts, results, kept, parallelism);
            evaluations += kept;
            for (int i = Math.Max(0, keep - start), k = 0; i < n; i++)
            {
                int index = start + i;
                if (keys[index] < boundary)
                {
                    if (holes.TryNext(out int slot))
                    {
                        destination[slot] = results[k];
                        indices[slot] = index;
                    }
                    else
                    {
                        overflow.Add((results[k], index));
                    }

                    k++;
                }
                else if (keys[index] == boundary)
                {
                    ties.Add((results[k++], index));
                }
            }

            start += n;
        }

        return evaluations;
    }

    // The slots of the first `keep` layouts whose keys are past the boundary, in slot order; then those of the boundary's
    // ties that lose (Add).
    private struct Holes(uint[] keys, int keep, uint boundary)
    {
        private int _next;
        private List<int>? _added;
        private int _nextAdded;

        public bool TryNext(out int slot)
        {
            while (_next < keep)
            {
                if (keys[_next++] > boundary)
                {
                    slot = _next - 1;
                    return true;
                }
            }

            if (_added is not null && _nextAdded < _added.Count)
            {
                slot = _added[_nextAdded++];
                return true;
            }

            slot = -1;
            return false;
        }

        public void Add(int slot) => (_added ??= []).Add(slot);
    }

    // The best `quota` of the boundary's ties by the exact order stay (those among the first `keep`) or take a hole
    // (those after); the others' slots become holes, which the layouts kept that found none (`overflow`) fill.
    private static void SettleTies(StrategyResult[] destination, int[] indices, List<(StrategyResult Result, int Index)> ties, int quota, List<(StrategyResult Result, int Index)> overflow, ref Holes holes)
    {
        int keep = indices.Length;
        ties.Sort((a, b) => RankKey.Of(a.Result, a.Index).CompareTo(RankKey.Of(b.Result, b.Index)));
        for (int i = quota; i < ties.Count; i++)
        {
            if (ties[i].Index < keep)
            {
                holes.Add(ties[i].Index);
            }
        }

        foreach ((StrategyResult result, int index) in overflow.Concat(ties.Take(quota).Where(t => t.Index >= keep)))
        {
            bool found = holes.TryNext(out int slot);
            System.Diagnostics.Debug.Assert(found, "a hole for every layout kept");
            destination[slot] = result;
            indices[slot] = index;
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
}
