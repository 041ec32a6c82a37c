using PresetPlanner.Generator.Helpers;

namespace PresetPlanner.Generator.Specs;

/// <summary>The emitted presets of each kind, ordered by id.</summary>
/// <param name="Models">Model presets.</param>
/// <param name="Gpus">GPU presets.</param>
/// <param name="Clusters">Cluster presets.</param>
internal sealed record CatalogSpec(
    EquatableArray<PresetIdentity> Models,
    EquatableArray<PresetIdentity> Gpus,
    EquatableArray<PresetIdentity> Clusters);
