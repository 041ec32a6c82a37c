using System.Globalization;

namespace PresetPlanner;

/// <summary>A cluster with its names and its GPU's: what <c>Presets.H100x64</c> is and what a plan runs on.</summary>
/// <param name="Info">Id, display name and source of the cluster.</param>
/// <param name="GpuInfo">Id, display name and source of its GPU.</param>
/// <param name="Spec">The figures the planning core reads.</param>
public readonly record struct ClusterPreset(PresetInfo Info, PresetInfo GpuInfo, ClusterSpec Spec)
{
    /// <summary>Figures that are not a compiled preset, named "custom cluster" on a "custom GPU".</summary>
    public static implicit operator ClusterPreset(in ClusterSpec spec) =>
        new(PresetInfo.Custom("custom", "custom cluster"), PresetInfo.Custom("custom", "custom GPU"), spec);

    /// <summary>
    /// A job of <paramref name="gpus"/> GPUs of <paramref name="gpu"/>, <paramref name="gpusPerNode"/> per node (the
    /// GPU's scale-up domain when 0, capped at the job size), on the GPU's typical scale-out network. Its id is
    /// "<c>gpu-id</c>-x<c>count</c>" ("h100-sxm-x16"); validation happens when a plan is created from it.
    /// </summary>
    public static ClusterPreset Of(in GpuPreset gpu, int gpus, int gpusPerNode = 0)
    {
        int perNode = Math.Min(gpus, gpusPerNode > 0 ? gpusPerNode : gpu.Spec.ScaleUpDomain);
        string count = gpus.ToString(CultureInfo.InvariantCulture);
        var info = new PresetInfo(
            gpu.Info.Id + "-x" + count,
            count + " x " + gpu.Info.Name + " (" + perNode.ToString(CultureInfo.InvariantCulture) + " per node)",
            gpu.Info.Source);
        var spec = new ClusterSpec
        {
            Gpu = gpu.Spec,
            GpuCount = gpus,
            GpusPerNode = perNode,
            ScaleOutBytesPerSecond = gpu.Spec.ScaleOutBytesPerSecond,
        };
        return new ClusterPreset(info, gpu.Info, spec);
    }
}
