namespace PresetPlanner.Generator.Reading;

/// <summary>What a preset file describes, decided by its folder (presets/models, presets/gpus, presets/clusters).</summary>
internal enum PresetKind
{
    Model,
    Gpu,
    Cluster,
}
