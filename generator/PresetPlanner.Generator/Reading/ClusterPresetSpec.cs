namespace PresetPlanner.Generator.Reading;

/// <summary>A valid cluster preset.</summary>
/// <param name="Id">Kebab-case id ("h100x64").</param>
/// <param name="Identifier">C# member name.</param>
/// <param name="Name">Display name.</param>
/// <param name="Source">Where the figures come from.</param>
/// <param name="Path">The preset file.</param>
/// <param name="GpuId">Id of the GPU preset.</param>
/// <param name="GpuCount">Total GPUs.</param>
/// <param name="GpusPerNode">GPUs per server (node).</param>
/// <param name="NvlinkDomain">GPUs per NVLink domain; 0 takes the GPU's.</param>
/// <param name="GpusPerDomain">The job's GPUs in each domain; 0 places by the scheduler rule.</param>
/// <param name="ScaleOutGBps">Scale-out bandwidth per GPU per direction, GB/s; 0 takes the GPU's typical figure.</param>
/// <param name="ScaleOutEfficiency">Measured fraction of the scale-out bandwidth collectives reach; null takes the calibrated default.</param>
/// <param name="StorageWriteGBps">Checkpoint write bandwidth per server, GB/s; null takes the default.</param>
internal sealed record ClusterPresetSpec(
    string Id,
    string Identifier,
    string Name,
    string Source,
    string Path,
    string GpuId,
    int GpuCount,
    int GpusPerNode,
    int NvlinkDomain,
    int GpusPerDomain,
    double ScaleOutGBps,
    double? ScaleOutEfficiency,
    double? StorageWriteGBps);
