using System.Buffers;

namespace PresetPlanner;

/// <summary>
/// Sorts results into rank order (<see cref="RankKey"/>) in linear time: each result gets a 64-bit key whose unsigned
/// order is the rank order (the group in the top two bits, then the IEEE-754 bits of tokens/s, reversed, or of the
/// memory ratio, which order like the non-negative numbers they encode), an LSD radix sort over bytes orders the keys
/// stably (equal keys keep enumeration order), one pass restores the exact order inside runs of equal keys with the full
/// comparison, and the results are permuted in place following each cycle once.
/// </summary>
internal static class RankSort
{
    private const int Radix = 256;

    /// <summary>Sorts <paramref name="results"/> by their <paramref name="keys"/> (<see cref="Key"/> of each; reordered too).</summary>
    public static void Sort(Span<StrategyResult> results, Span<ulong> keys)
    {
        int n = results.Length;
        if (n < 2)
        {
            return;
        }

        ulong[] keyBuffer = ArrayPool<ulong>.Shared.Rent(n);
        int[] indexBuffer = ArrayPool<int>.Shared.Rent(2 * n);
        try
        {
            Span<int> order = indexBuffer.AsSpan(0, n);
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            RadixSort(keys, order, keyBuffer.AsSpan(0, n), indexBuffer.AsSpan(n, n));
            FixTies(results, keys, order);
            Permute(results, order);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keyBuffer);
            ArrayPool<int>.Shared.Return(indexBuffer);
        }
    }

    // Group 0 (fits): more tokens/s first; 1 (out of memory): smaller memory/capacity first; 2 (invalid): by rule. The
    // lowest bit of the 63-bit value is dropped to make room for the group; FixTies settles what that merges.
    /// <summary>The 64-bit key whose unsigned order is the rank order, up to the ties <see cref="Sort"/> settles.</summary>
    public static ulong Key(in StrategyResult r)
    {
        if (r.Fits)
        {
            return (long.MaxValue - (ulong)BitConverter.DoubleToInt64Bits(r.Time.TokensPerSecondPerGpu)) >> 1;
        }

        return r.Failed == Constraint.OutOfMemory
            ? (1UL << 62) | ((ulong)BitConverter.DoubleToInt64Bits(r.Memory.Total / r.CapacityBytes) >> 1)
            : (2UL << 62) | (ulong)r.Failed;
    }

    private static void RadixSort(Span<ulong> keys, Span<int> order, Span<ulong> keyScratch, Span<int> orderScratch)
    {
        Span<int> counts = stackalloc int[Radix];
        for (int shift = 0; shift < 64; shift += 8)
        {
            counts.Clear();
            foreach (ulong key in keys)
            {
                counts[(int)(key >> shift) & 0xFF]++;
            }

            // A byte every key shares leaves the order as it is.
            if (counts[(int)(keys[0] >> shift) & 0xFF] == keys.Length)
            {
                continue;
            }

            int sum = 0;
            for (int b = 0; b < Radix; b++)
            {
                (counts[b], sum) = (sum, sum + counts[b]);
            }

            for (int i = 0; i < keys.Length; i++)
            {
                int at = counts[(int)(keys[i] >> shift) & 0xFF]++;
                keyScratch[at] = keys[i];
                orderScratch[at] = order[i];
            }

            keyScratch.CopyTo(keys);
            orderScratch.CopyTo(order);
        }
    }

    // Runs of equal keys (equal tokens/s to the bit dropped, or the same rule) are put in exact rank order by insertion.
    private static void FixTies(Span<StrategyResult> results, Span<ulong> keys, Span<int> order)
    {
        int start = 0;
        for (int i = 1; i <= keys.Length; i++)
        {
            if (i < keys.Length && keys[i] == keys[start])
            {
                continue;
            }

            for (int j = start + 1; j < i; j++)
            {
                int held = order[j];
                RankKey key = RankKey.Of(results[held], held);
                int k = j - 1;
                while (k >= start && RankKey.Of(results[order[k]], order[k]).CompareTo(key) > 0)
                {
                    order[k + 1] = order[k];
                    k--;
                }

                order[k + 1] = held;
            }

            start = i;
        }
    }

    // results[i] must become old results[order[i]]; follow each cycle once, marking visited slots with -1.
    private static void Permute(Span<StrategyResult> results, Span<int> order)
    {
        for (int start = 0; start < order.Length; start++)
        {
            if (order[start] < 0 || order[start] == start)
            {
                continue;
            }

            StrategyResult held = results[start];
            int current = start;
            while (true)
            {
                int from = order[current];
                order[current] = -1;
                if (from == start)
                {
                    results[current] = held;
                    break;
                }

                results[current] = results[from];
                current = from;
            }
        }
    }
}
