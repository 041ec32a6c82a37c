namespace PresetPlanner.Specs;

/// <summary>
/// A cluster or job: a number of identical GPUs in servers, inside NVLink (scale-up) domains. Three sizes that differ on
/// current systems: a server holds <see cref="GpusPerNode"/> GPUs (8 in a DGX H100, 4 in a GB200 compute tray); an NVLink
/// domain holds <see cref="Domain"/> GPUs (the server on DGX H100, the 72-GPU rack on GB200/GB300 NVL72); a job uses
/// <see cref="GpusPerDomainUsed"/> GPUs of each domain it spans (256 GPUs on NVL72 are 4 racks x 64). Compiled from
/// <c>presets/clusters/*.json</c>.
/// </summary>
public readonly record struct ClusterSpec
{
    /// <summary>The GPU every rank runs on.</summary>
    public GpuSpec Gpu { get; init; }

    /// <summary>Total GPUs (N).</summary>
    public int GpuCount { get; init; }

    /// <summary>GPUs per server (node): 8 for a DGX/HGX node, 4 for an NVL72 compute tray.</summary>
    public int GpusPerNode { get; init; }

    /// <summary>GPUs in one NVLink (scale-up) domain; 0 takes the GPU's <see cref="GpuSpec.ScaleUpDomain"/>.</summary>
    public int ScaleUpDomain { get; init; }

    /// <summary>GPUs of this job in each domain it uses; 0 places as schedulers do (<see cref="Placement.DomainShare"/>).</summary>
    public int GpusPerDomain { get; init; }

    /// <summary>Scale-out bandwidth per GPU per direction between domains, bytes per second.</summary>
    public double ScaleOutBytesPerSecond { get; init; }

    /// <summary>Fraction of the scale-out bandwidth that collectives reach on this network, when measured; null takes the calibrated default.</summary>
    public double? ScaleOutEfficiency { get; init; }

    /// <summary>
    /// Checkpoint write bandwidth of one server to the cluster's storage, bytes per second, when the preset states it;
    /// null takes the DGX SuperPOD guideline's 2 GB/s (docs/model.md, "Goodput"). Reads run at twice it, as in that table.
    /// </summary>
    public double? StorageWriteBytesPerSecondPerNode { get; init; }

    /// <summary>GPUs in one NVLink domain: <see cref="ScaleUpDomain"/>, or the GPU's when that is 0.</summary>
    public int Domain => ScaleUpDomain > 0 ? ScaleUpDomain : Gpu.ScaleUpDomain;

    /// <summary>GPUs of this job in each domain it uses (G): <see cref="GpusPerDomain"/>, or the placement rule's share.</summary>
    public int GpusPerDomainUsed => Placement.DomainShare(GpuCount, Domain, GpusPerNode, GpusPerDomain);

    /// <summary>Number of servers (N / GPUs per server, at least 1).</summary>
    public int Nodes => GpusPerNode <= 0 ? 0 : System.Math.Max(1, GpuCount / GpusPerNode);

    /// <summary>Number of NVLink domains the job spans (N / G).</summary>
    public int Domains => GpusPerDomainUsed <= 0 ? 0 : GpuCount / GpusPerDomainUsed;
}
