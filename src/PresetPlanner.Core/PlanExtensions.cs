namespace PresetPlanner;

/// <summary>The entry point: <c>Presets.Llama70B.PlanOn(Presets.H100x64)</c>.</summary>
public static class PlanExtensions
{
    /// <summary>Plans <paramref name="model"/> on <paramref name="cluster"/> with the default settings (sequence 4096, global batch 512, BF16 Adam).</summary>
    public static StrategyTable PlanOn(this in ModelSpec model, in ClusterSpec cluster) => PlanOn(model, cluster, new TrainingSettings());

    /// <summary>Plans <paramref name="model"/> on <paramref name="cluster"/> with <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting, or the cluster, is out of range.</exception>
    public static StrategyTable PlanOn(this in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings) =>
        StrategyTable.Create(model, cluster, settings);

    /// <summary>Plans on up to <paramref name="parallelism"/> cores; the rows come out in the same order on any number of cores.</summary>
    public static StrategyTable PlanOn(this in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings, int parallelism) =>
        StrategyTable.Create(model, cluster, settings, parallelism);

    /// <summary>The best fitting layout, found exhaustively with pruning that never drops the optimum; null when nothing fits.</summary>
    public static StrategyResult? FindBest(this in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings)
    {
        settings.Validate();
        var ctx = new PlanningContext(model, cluster, settings);
        return StrategySearch.TryFindBest(in ctx, prune: true, out StrategyResult best, out _) ? best : null;
    }

    /// <summary>Evaluates one layout of <paramref name="model"/> on <paramref name="cluster"/>.</summary>
    public static StrategyResult Evaluate(this in ModelSpec model, in ClusterSpec cluster, in ParallelLayout layout, in TrainingSettings settings)
    {
        settings.Validate();
        var ctx = new PlanningContext(model, cluster, settings);
        return StrategyEvaluator.Evaluate(ctx, layout);
    }
}
