namespace PresetPlanner;

/// <summary>One cluster size of a sweep and the best layout on it.</summary>
/// <param name="Gpus">Cluster size.</param>
/// <param name="Found">Whether any layout fits.</param>
/// <param name="Best">The best fitting layout (default when none).</param>
/// <param name="Statistics">What the search did.</param>
public readonly record struct SizedResult(int Gpus, bool Found, StrategyResult Best, SearchStatistics Statistics);

/// <summary>
/// Inverse questions answered by searching: the smallest cluster of a GPU on which a model trains, the longest sequence
/// that fits on a cluster, and the best layout at each size of a sweep.
/// </summary>
public static class InverseQuestions
{
    /// <summary>Cluster sizes to try: 1, 2, 4 ... up to a node, then whole nodes doubling, up to <paramref name="maxGpus"/>.</summary>
    public static List<int> Sizes(int gpusPerNode, int minGpus, int maxGpus)
    {
        var sizes = new List<int>();
        for (int n = 1; n < gpusPerNode && n <= maxGpus; n *= 2)
        {
            if (n >= minGpus)
            {
                sizes.Add(n);
            }
        }

        for (long n = gpusPerNode; n <= maxGpus; n *= 2)
        {
            if (n >= minGpus)
            {
                sizes.Add((int)n);
            }
        }

        return sizes;
    }

    /// <summary>A cluster of <paramref name="gpus"/> GPUs of one kind with nodes of <paramref name="gpusPerNode"/> (fewer when the cluster is smaller).</summary>
    public static ClusterSpec Cluster(in GpuSpec gpu, int gpus, int gpusPerNode) => new()
    {
        Gpu = gpu,
        GpuCount = gpus,
        GpusPerNode = Math.Min(gpus, gpusPerNode),
        ScaleOutBytesPerSecond = gpu.ScaleOutBytesPerSecond,
    };

    /// <summary>The best layout at each size.</summary>
    public static SizedResult[] Sweep(in ModelSpec model, in GpuSpec gpu, int gpusPerNode, in TrainingSettings settings, IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var results = new SizedResult[sizes.Count];
        for (int i = 0; i < sizes.Count; i++)
        {
            var ctx = new PlanningContext(model, Cluster(gpu, sizes[i], gpusPerNode), settings);
            bool found = StrategySearch.TryFindBest(in ctx, prune: true, out StrategyResult best, out SearchStatistics stats);
            results[i] = new SizedResult(sizes[i], found, best, stats);
        }

        return results;
    }

    /// <summary>The smallest size in <paramref name="sizes"/> (ascending) on which some layout fits.</summary>
    public static SizedResult? MinGpus(in ModelSpec model, in GpuSpec gpu, int gpusPerNode, in TrainingSettings settings, IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        foreach (int n in sizes)
        {
            var ctx = new PlanningContext(model, Cluster(gpu, n, gpusPerNode), settings);
            if (StrategySearch.TryFindBest(in ctx, prune: true, out StrategyResult best, out SearchStatistics stats))
            {
                return new SizedResult(n, true, best, stats);
            }
        }

        return null;
    }

    /// <summary>
    /// The longest sequence, a multiple of <paramref name="step"/> up to <paramref name="maxSequence"/>, on which some layout
    /// of <paramref name="cluster"/> fits (context parallelism allowed): a binary search, since memory grows with s.
    /// </summary>
    public static (int Sequence, StrategyResult Best)? MaxSequence(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings, int maxSequence, int step = 1024)
    {
        int low = 0;
        int high = maxSequence / step;
        StrategyResult best = default;
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
            var ctx = new PlanningContext(model, cluster, settings with { SequenceLength = mid * step });
            if (StrategySearch.TryFindBest(in ctx, prune: true, out StrategyResult found, out _))
            {
                (low, best) = (mid, found);
            }
            else
            {
                high = mid - 1;
            }
        }

        // best always belongs to low: low only moves when a search at that length found a layout.
        return low == 0 ? null : (low * step, best);
    }
}
