namespace PresetPlanner;

/// <summary>
/// A cluster: a number of identical GPUs grouped into nodes (NVLink domains). Compiled from
/// <c>presets/clusters/*.json</c>.
/// </summary>
public readonly record struct ClusterSpec
{
    /// <summary>The GPU every rank runs on.</summary>
    public GpuSpec Gpu { get; init; }

    /// <summary>Total GPUs (N).</summary>
    public int GpuCount { get; init; }

    /// <summary>GPUs that share one scale-up (NVLink) domain (G): 8 for a DGX node, 72 for an NVL72 rack.</summary>
    public int GpusPerNode { get; init; }

    /// <summary>Scale-out bandwidth per GPU per direction between nodes, bytes per second.</summary>
    public double ScaleOutBytesPerSecond { get; init; }

    /// <summary>Fraction of the scale-out bandwidth that collectives reach on this network, when measured; null takes the calibrated default.</summary>
    public double? ScaleOutEfficiency { get; init; }

    /// <summary>Number of nodes (N / G).</summary>
    public int Nodes => GpusPerNode <= 0 ? 0 : GpuCount / GpusPerNode;
}
