namespace PresetPlanner;

/// <summary>
/// The result of <see cref="PlanExtensions.PlanOn(in ModelSpec, in ClusterSpec)"/>: every layout of the search space in
/// rank order (fitting layouts by predicted tokens/s per GPU first), the recommendation and its reasons.
/// <see cref="ToString()"/> prints the table a person reads.
/// </summary>
public sealed partial class StrategyTable
{
    private readonly StrategyResult[] _rows;

    /// <summary>Wraps ranked rows (best first).</summary>
    public StrategyTable(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings, StrategyResult[] rankedRows, string modelName, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(rankedRows);
        Model = model;
        Cluster = cluster;
        Settings = settings;
        _rows = rankedRows;
        ModelName = modelName;
        ClusterName = clusterName;
        Reasons = _rows.Length > 0 && _rows[0].Fits ? Recommendation.Reasons(this, _rows[0]) : [];
    }

    /// <summary>
    /// Plans <paramref name="model"/> on <paramref name="cluster"/>: evaluates and ranks every layout of the settings' search
    /// space. Names default to the catalog's (or "custom model").
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting, the model or the cluster is out of range.</exception>
    public static StrategyTable Create(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings, string? modelName = null, string? clusterName = null) =>
        Create(model, cluster, settings, parallelism: 1, modelName, clusterName);

    /// <summary>
    /// <see cref="Create(in ModelSpec, in ClusterSpec, in TrainingSettings, string?, string?)"/> on up to
    /// <paramref name="parallelism"/> cores; the rows come out in the same order on any number of cores.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting, the model or the cluster is out of range.</exception>
    public static StrategyTable Create(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings, int parallelism, string? modelName = null, string? clusterName = null)
    {
        settings.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(cluster.GpuCount, 1, nameof(cluster));
        ArgumentOutOfRangeException.ThrowIfLessThan(cluster.GpusPerNode, 1, nameof(cluster));
        ArgumentOutOfRangeException.ThrowIfLessThan(model.Layers, 1, nameof(model));
        var ctx = new PlanningContext(model, cluster, settings);
        var rows = new StrategyResult[StrategyPlanner.Count(in ctx)];
        long allocated = parallelism > 1 ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        int written = StrategyPlanner.PlanParallel(in ctx, rows, parallelism);
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        allocated = (parallelism > 1 ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread()) - allocated;
        var table = new StrategyTable(model, cluster, settings, rows[..written], modelName ?? PresetNames.Of(model), clusterName ?? PresetNames.Of(cluster));
        table.Statistics = new SearchStatistics(written, written, table.FeasibleCount, seconds, allocated);
        return table;
    }

    /// <summary>What planning did: layouts enumerated and evaluated (a table evaluates all), feasible, wall time, bytes allocated.</summary>
    public SearchStatistics Statistics { get; private set; }

    /// <summary>The layouts no other fitting layout beats on both throughput and memory per GPU.</summary>
    public StrategyResult[] ParetoFront() => PresetPlanner.ParetoFront.Of(_rows);

    /// <summary>The model planned.</summary>
    public ModelSpec Model { get; }

    /// <summary>The cluster planned on.</summary>
    public ClusterSpec Cluster { get; }

    /// <summary>The training settings.</summary>
    public TrainingSettings Settings { get; }

    /// <summary>Display name of the model ("custom model" when it is not a preset).</summary>
    public string ModelName { get; }

    /// <summary>Display name of the cluster.</summary>
    public string ClusterName { get; }

    /// <summary>Every evaluated layout, best first.</summary>
    public ReadOnlySpan<StrategyResult> Rows => _rows;

    /// <summary>The best layout that fits, or null when none does.</summary>
    public StrategyResult? Recommended => _rows.Length > 0 && _rows[0].Fits ? _rows[0] : null;

    /// <summary>Why the recommendation wins, each reason citing its deciding figure.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>Number of layouts that fit.</summary>
    public int FeasibleCount => _rows.Count(r => r.Fits);

    /// <summary>Number of valid layouts that run out of memory.</summary>
    public int OutOfMemoryCount => _rows.Count(r => r.Failed == Constraint.OutOfMemory);

    /// <summary>Number of layouts that break a divisibility or placement rule.</summary>
    public int InvalidCount => _rows.Count(r => !r.IsValid);
}
