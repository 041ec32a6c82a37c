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

    /// <summary>Evaluates one layout of <paramref name="model"/> on <paramref name="cluster"/>.</summary>
    public static StrategyResult Evaluate(this in ModelSpec model, in ClusterSpec cluster, in ParallelLayout layout, in TrainingSettings settings)
    {
        settings.Validate();
        var ctx = new PlanningContext(model, cluster, settings);
        return StrategyEvaluator.Evaluate(ctx, layout);
    }
}
