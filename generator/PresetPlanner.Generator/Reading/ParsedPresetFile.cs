namespace PresetPlanner.Generator.Reading;

/// <summary>
/// The result of parsing one preset file: at most one spec (none when the file has errors), the positions later
/// diagnostics need, and the file's own problems.
/// </summary>
/// <param name="Path">The preset file.</param>
/// <param name="Identity">Set when the file is valid and will be emitted.</param>
/// <param name="IdLocation">Where the "id" property stands.</param>
/// <param name="IdentifierLocation">Where the "identifier" property stands, or the id when there is none.</param>
/// <param name="GpuLocation">For a cluster, where its "gpu" property stands.</param>
/// <param name="Model">The model spec, for a valid model file.</param>
/// <param name="Gpu">The GPU spec, for a valid GPU file.</param>
/// <param name="Cluster">The cluster spec, for a valid cluster file.</param>
/// <param name="Problems">What is wrong with the file.</param>
internal sealed record ParsedPresetFile(
    string Path,
    PresetIdentity? Identity,
    PresetLocation? IdLocation,
    PresetLocation? IdentifierLocation,
    PresetLocation? GpuLocation,
    ModelPresetSpec? Model,
    GpuPresetSpec? Gpu,
    ClusterPresetSpec? Cluster,
    EquatableArray<PresetProblem> Problems);
