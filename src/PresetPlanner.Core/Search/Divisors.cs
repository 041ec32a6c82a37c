namespace PresetPlanner.Search;

/// <summary>The divisors of a GPU count, ascending, found in O(sqrt n) so that any count is enumerated quickly.</summary>
internal static class Divisors
{
    /// <summary>Most divisors kept (no int below 2^31 has more than 1,600; cluster sizes have far fewer).</summary>
    public const int Capacity = 512;

    /// <summary>Writes the divisors of <paramref name="n"/> in ascending order (at most <see cref="Capacity"/>); returns how many.</summary>
    public static int Of(int n, Span<int> destination)
    {
        int count = 0;
        int high = destination.Length;
        for (long i = 1; i * i <= n; i++)
        {
            if (n % i != 0)
            {
                continue;
            }

            if (count < high)
            {
                destination[count++] = (int)i;
            }

            long pair = n / i;
            if (pair != i && high > count)
            {
                destination[--high] = (int)pair;
            }
        }

        // The small divisors fill the front, the large ones the back, both ascending: close the gap.
        int large = destination.Length - high;
        destination[high..].CopyTo(destination[count..]);
        return count + large;
    }
}
