namespace PresetPlanner.Generator.Catalog;

/// <summary>What a cluster needs to know of a GPU preset.</summary>
/// <param name="Id">GPU id.</param>
/// <param name="Identifier">Generated member name.</param>
/// <param name="ScaleUpDomain">GPUs in one scale-up domain.</param>
/// <param name="Path">The GPU's preset file.</param>
internal sealed record GpuReference(string Id, string Identifier, int ScaleUpDomain, string Path);
