using System.Buffers;
using PresetPlanner.Results;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Search;

/// <summary>
/// Sorts results into rank order (<see cref="RankKey"/>) in linear time. Each result gets one 64-bit entry: a 32-bit key
/// whose unsigned order is the rank order up to ties (the group in the top two bits, then the top 30 bits of the
/// IEEE-754 tokens/s, reversed, or of the memory ratio, which order like the non-negative numbers they encode) above its
/// index. An LSD radix sort of three 11-bit digits, all counted in one pass, orders the entries stably (equal keys keep
/// enumeration order); one pass restores the exact order inside runs of equal keys with the full comparison, reading
/// each result's exact figures from a compact <see cref="RankTie"/> array rather than the result itself (out of cache in
/// a large plan); and the results are permuted in place following each cycle once.
/// </summary>
internal static class RankSort
{
    private const int DigitBits = 11;
    private const int Radix = 1 << DigitBits;
    private const int DigitMask = Radix - 1;
    private const int Digits = 3;
    private const ulong Visited = uint.MaxValue;

    /// <summary>The sort entry of <paramref name="r"/> at <paramref name="index"/>: its <see cref="Key"/> above, the index below.</summary>
    public static ulong Entry(in StrategyResult r, int index) => ((ulong)Key(r) << 32) | (uint)index;

    // Group 0 (fits): more tokens/s first; 1 (out of memory): smaller memory/capacity first; 2 (invalid): by rule. The
    // low 33 bits of the double are dropped (values within 2^-19 of each other tie); FixTies settles what that merges.
    /// <summary>The 32-bit key whose unsigned order is the rank order, up to the ties <see cref="Sort(Span{StrategyResult}, Span{ulong}, ReadOnlySpan{RankTie})"/> settles.</summary>
    public static uint Key(in StrategyResult r)
    {
        if (r.Fits)
        {
            return (uint)(0x3FFF_FFFFUL - ((ulong)BitConverter.DoubleToInt64Bits(r.Time.TokensPerSecondPerGpu) >> 33));
        }

        return r.Failure.Constraint == Constraint.OutOfMemory
            ? (1u << 30) | (uint)((ulong)BitConverter.DoubleToInt64Bits(r.Memory.Total / r.CapacityBytes) >> 33)
            : (2u << 30) | (uint)r.Failure.Constraint;
    }

    /// <summary>The exact figures of <paramref name="r"/> that order it among results whose <see cref="Key"/> ties.</summary>
    public static RankTie Tie(in StrategyResult r)
    {
        RankKey key = RankKey.Of(r, 0);
        return new RankTie(key.Score, key.Tie);
    }

    /// <summary>
    /// Sorts <paramref name="results"/> by their <paramref name="entries"/> (<see cref="Entry"/> of each, in the same
    /// order; consumed) and <paramref name="ties"/> (<see cref="Tie"/> of each, in the same order).
    /// </summary>
    public static void Sort(Span<StrategyResult> results, Span<ulong> entries, ReadOnlySpan<RankTie> ties) => Sort(results, entries, ties, default);

    /// <summary>
    /// As <see cref="Sort(Span{StrategyResult}, Span{ulong}, ReadOnlySpan{RankTie})"/>; for results that are not in
    /// enumeration order, <paramref name="indices"/> holds each result's index in the enumeration, which settles
    /// results whose exact figures are equal as the full plan does (there the position is that index; empty: the
    /// results are in enumeration order).
    /// </summary>
    public static void Sort(Span<StrategyResult> results, Span<ulong> entries, ReadOnlySpan<RankTie> ties, ReadOnlySpan<int> indices)
    {
        if (results.Length < 2)
        {
            return;
        }

        OrderEntries(entries, ties, indices);
        Permute(results, entries);
    }

    /// <summary>
    /// The rank order of results without moving them: <paramref name="ranking"/>[k] becomes the index of the result of
    /// rank k, from their <paramref name="entries"/> (<see cref="Entry"/> of each, consumed) and <paramref name="ties"/>.
    /// A plan's results are a few hundred bytes each; the permutation <see cref="Sort(Span{StrategyResult}, Span{ulong}, ReadOnlySpan{RankTie})"/> does after the same ordering is a
    /// third of a whole plan's time, which a caller that reads the ranking (or only its first rows) never pays.
    /// </summary>
    public static void Order(Span<ulong> entries, ReadOnlySpan<RankTie> ties, Span<int> ranking)
    {
        OrderEntries(entries, ties, default);
        for (int k = 0; k < entries.Length; k++)
        {
            ranking[k] = (int)(uint)entries[k];
        }
    }

    // Puts the entries in exact rank order: the radix sort of their keys, then the exact order inside runs of equal keys
    // (by enumeration index last: `indices` where the entries are not in enumeration order, else their own positions).
    private static void OrderEntries(Span<ulong> entries, ReadOnlySpan<RankTie> ties, ReadOnlySpan<int> indices)
    {
        int n = entries.Length;
        if (n < 2)
        {
            return;
        }

        ulong[] scratch = ArrayPool<ulong>.Shared.Rent(n);
        int[] counts = ArrayPool<int>.Shared.Rent(Digits * Radix);
        try
        {
            RadixSort(entries, scratch.AsSpan(0, n), counts.AsSpan(0, Digits * Radix));
            FixTies(entries, ties, indices);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(scratch);
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    private static void RadixSort(Span<ulong> entries, Span<ulong> scratch, Span<int> counts)
    {
        counts.Clear();
        foreach (ulong entry in entries)
        {
            uint key = (uint)(entry >> 32);
            counts[(int)(key & DigitMask)]++;
            counts[Radix + (int)((key >> DigitBits) & DigitMask)]++;
            counts[(2 * Radix) + (int)(key >> (2 * DigitBits))]++;
        }

        bool inScratch = false;
        for (int digit = 0; digit < Digits; digit++)
        {
            Span<ulong> from = inScratch ? scratch : entries;
            Span<ulong> to = inScratch ? entries : scratch;
            Span<int> offsets = counts.Slice(digit * Radix, Radix);
            int shift = 32 + (digit * DigitBits);

            // A digit every entry shares leaves the order as it is.
            if (offsets[(int)(from[0] >> shift) & DigitMask] == from.Length)
            {
                continue;
            }

            int sum = 0;
            for (int b = 0; b < Radix; b++)
            {
                (offsets[b], sum) = (sum, sum + offsets[b]);
            }

            foreach (ulong entry in from)
            {
                to[offsets[(int)(entry >> shift) & DigitMask]++] = entry;
            }

            inScratch = !inScratch;
        }

        if (inScratch)
        {
            scratch.CopyTo(entries);
        }
    }

    // Runs of equal keys (equal to the bits kept) are put in exact rank order by insertion: the same group, so the
    // score, the tie and the index decide (RankKey). Invalid layouts' keys are exact (group and rule), and the radix
    // sort is stable, so their runs are already in order when the entries are in enumeration order (no `indices`).
    private static void FixTies(Span<ulong> entries, ReadOnlySpan<RankTie> ties, ReadOnlySpan<int> indices)
    {
        uint invalidGroup = indices.IsEmpty ? 2u << 30 : uint.MaxValue;
        int start = 0;
        for (int i = 1; i <= entries.Length; i++)
        {
            if (i < entries.Length && entries[i] >> 32 == entries[start] >> 32)
            {
                continue;
            }

            if (i - start > 1 && (uint)(entries[start] >> 32) < invalidGroup)
            {
                for (int j = start + 1; j < i; j++)
                {
                    ulong held = entries[j];
                    int k = j - 1;
                    while (k >= start && RanksAfter(entries[k], held, ties, indices))
                    {
                        entries[k + 1] = entries[k];
                        k--;
                    }

                    entries[k + 1] = held;
                }
            }

            start = i;
        }
    }

    // Whether the entry a, of the same key as b, ranks after b.
    private static bool RanksAfter(ulong a, ulong b, ReadOnlySpan<RankTie> ties, ReadOnlySpan<int> indices)
    {
        int ia = (int)(uint)a, ib = (int)(uint)b;
        RankTie ta = ties[ia], tb = ties[ib];
        int c = ta.Score.CompareTo(tb.Score);
        if (c == 0)
        {
            c = ta.Tie.CompareTo(tb.Tie);
        }

        return c != 0 ? c > 0 : indices.IsEmpty ? ia > ib : indices[ia] > indices[ib];
    }

    // results[i] must become old results[index of entries[i]]; follow each cycle once, marking visited slots.
    private static void Permute(Span<StrategyResult> results, Span<ulong> entries)
    {
        for (int start = 0; start < entries.Length; start++)
        {
            ulong first = entries[start] & Visited;
            if (first == Visited || (int)first == start)
            {
                continue;
            }

            StrategyResult held = results[start];
            int current = start;
            while (true)
            {
                int from = (int)(uint)entries[current];
                entries[current] = Visited;
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
