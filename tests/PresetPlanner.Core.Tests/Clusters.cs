namespace PresetPlanner.Core.Tests;

/// <summary>Clusters of any size built from a GPU preset, contexts and layouts, for tests.</summary>
internal static class Clusters
{
    public static ClusterSpec Of(in GpuPreset gpu, int gpus, int perNode = 8) => Of(gpu.Spec, gpus, perNode);

    public static ClusterSpec Of(in GpuSpec gpu, int gpus, int perNode = 8) =>
        new() { Gpu = gpu, GpuCount = gpus, GpusPerNode = Math.Min(perNode, gpus), ScaleOutBytesPerSecond = gpu.ScaleOutBytesPerSecond };

    /// <summary>A cluster whose every group stays on the scale-up fabric (one domain holds it all).</summary>
    public static ClusterSpec AllNvlink(in GpuPreset gpu, int gpus) => Of(gpu.Spec with { ScaleUpDomain = SpecValidator.MaxGpus }, gpus, gpus);

    public static PlanningContext Context(in ModelPreset model, in ClusterPreset cluster, in TrainingSettings settings) =>
        PlanningContext.Create(model, cluster, settings);

    public static StrategyResult Evaluate(in ModelPreset model, in ClusterPreset cluster, in ParallelLayout layout, in TrainingSettings settings) =>
        PlanningContext.Create(model, cluster, settings).Evaluate(layout);

    public static ParallelLayout Layout(int tp, int pp, int dp, int cp = 1, int ep = 1, int vp = 1, int mbs = 1, int zero = 0,
        RecomputeMode recompute = RecomputeMode.None, bool sp = false) =>
        new() { Tp = tp, Pp = pp, Dp = dp, Cp = cp, Ep = ep, Vp = vp, MicroBatch = mbs, Zero = zero, Recompute = recompute, SequenceParallel = sp };
}
