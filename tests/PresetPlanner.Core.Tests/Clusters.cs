namespace PresetPlanner.Core.Tests;

/// <summary>Clusters of any size built from a GPU preset, for tests.</summary>
internal static class Clusters
{
    public static ClusterSpec Of(GpuSpec gpu, int gpus, int perNode = 8) =>
        new() { Gpu = gpu, GpuCount = gpus, GpusPerNode = perNode, ScaleOutBytesPerSecond = gpu.ScaleOutBytesPerSecond };

    public static ParallelLayout Layout(int tp, int pp, int dp, int cp = 1, int ep = 1, int vp = 1, int mbs = 1, int zero = 0,
        RecomputeMode recompute = RecomputeMode.None, bool sp = false) =>
        new(tp, pp, dp, cp, ep, vp, mbs, zero, recompute, sp);
}
