namespace PresetPlanner;

/// <summary>The layouts no other fitting layout beats on both throughput and memory per GPU.</summary>
public static class ParetoFront
{
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
