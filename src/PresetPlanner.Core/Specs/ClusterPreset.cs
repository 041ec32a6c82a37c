using System.Globalization;

namespace PresetPlanner.Specs;

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
    /// A job of <paramref name="gpus"/> GPUs of <paramref name="gpu"/> on its typical servers and scale-out network:
    /// <paramref name="gpusPerNode"/> GPUs per server (0: the GPU's server, capped at the job),
    /// <paramref name="gpusPerDomain"/> of them in each NVLink domain (0: placed as schedulers do, <see cref="Placement"/>).
    /// Its id is "<c>gpu-id</c>-x<c>count</c>" ("h100-sxm-x16"); validation happens when a plan is created from it.
    /// </summary>
    public static ClusterPreset Of(in GpuPreset gpu, int gpus, int gpusPerNode = 0, int gpusPerDomain = 0)
    {
        int perNode = Math.Min(gpus, gpusPerNode > 0 ? gpusPerNode : gpu.Spec.Server);
        string count = gpus.ToString(CultureInfo.InvariantCulture);
        var spec = new ClusterSpec
        {
            Gpu = gpu.Spec,
            GpuCount = gpus,
            GpusPerNode = perNode,
            GpusPerDomain = gpusPerDomain,
            ScaleOutBytesPerSecond = gpu.Spec.ScaleOutBytesPerSecond,
        };
        var info = new PresetInfo(gpu.Info.Id + "-x" + count, count + " x " + gpu.Info.Name + " (" + perNode.ToString(CultureInfo.InvariantCulture) + " per server)", gpu.Info.Source);
        return new ClusterPreset(info, gpu.Info, spec);
    }
}
