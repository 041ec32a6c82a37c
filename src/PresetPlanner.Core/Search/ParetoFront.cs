using PresetPlanner.Results;

namespace PresetPlanner.Search;

/// <summary>The layouts no other fitting layout beats on both throughput and memory per GPU.</summary>
public static class ParetoFront
{
    /// <summary>
    /// Marks the cluster sizes on the front of time to train against its cost: no other size trains both faster (more
    /// cluster tokens/s) and cheaper (more tokens/s per GPU, so fewer GPU-hours). Both follow from throughput alone,
    /// so the front holds for any token budget and any price per GPU-hour.
    /// </summary>
    public static bool[] OfTimeAndCost(ReadOnlySpan<SweepPoint> sweep)
    {
        var onFront = new bool[sweep.Length];
        for (int i = 0; i < sweep.Length; i++)
        {
            if (!sweep[i].Found)
            {
                continue;
            }

            double perGpu = sweep[i].Best.Time.TokensPerSecondPerGpu;
            double total = perGpu * sweep[i].Gpus;
            bool dominated = false;
            for (int j = 0; j < sweep.Length && !dominated; j++)
            {
                if (j == i || !sweep[j].Found)
                {
                    continue;
                }

                double otherPerGpu = sweep[j].Best.Time.TokensPerSecondPerGpu;
                double otherTotal = otherPerGpu * sweep[j].Gpus;
                dominated = otherPerGpu >= perGpu && otherTotal >= total && (otherPerGpu > perGpu || otherTotal > total || j < i);
            }

            onFront[i] = !dominated;
        }

        return onFront;
    }

    /// <summary>
    /// The sizes of a sweep that no smaller size beats on total throughput (tokens/s of the whole cluster): the cluster
    /// sizes worth buying. Sizes where nothing fits are never on it.
    /// </summary>
    public static bool[] OfSweep(ReadOnlySpan<SweepPoint> sweep)
    {
        var onFront = new bool[sweep.Length];
        for (int i = 0; i < sweep.Length; i++)
        {
            if (!sweep[i].Found)
            {
                continue;
            }

            double total = sweep[i].Best.Time.TokensPerSecondPerGpu * sweep[i].Gpus;
            bool dominated = false;
            for (int j = 0; j < sweep.Length && !dominated; j++)
            {
                dominated = j != i && sweep[j].Found && sweep[j].Gpus <= sweep[i].Gpus
                    && sweep[j].Best.Time.TokensPerSecondPerGpu * sweep[j].Gpus >= total
                    && (sweep[j].Gpus < sweep[i].Gpus || j < i);
            }

            onFront[i] = !dominated;
        }

        return onFront;
    }

    /// <summary>The front of throughput (higher is better) against memory per GPU (lower is better), by increasing memory.</summary>
    public static StrategyResult[] Of(ReadOnlySpan<StrategyResult> rows)
    {
        var fitting = new List<StrategyResult>();
        foreach (StrategyResult r in rows)
        {
            if (r.Fits)
            {
                fitting.Add(r);
            }
        }

        fitting.Sort(static (a, b) =>
        {
            int byMemory = a.Memory.Total.CompareTo(b.Memory.Total);
            return byMemory != 0 ? byMemory : b.Time.TokensPerSecondPerGpu.CompareTo(a.Time.TokensPerSecondPerGpu);
        });
        var front = new List<StrategyResult>();
        double bestTokens = double.NegativeInfinity;
        foreach (StrategyResult r in fitting)
        {
            if (r.Time.TokensPerSecondPerGpu > bestTokens)
            {
                front.Add(r);
                bestTokens = r.Time.TokensPerSecondPerGpu;
            }
        }

        return [.. front];
    }
}
