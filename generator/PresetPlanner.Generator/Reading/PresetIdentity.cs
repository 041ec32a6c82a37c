namespace PresetPlanner.Generator.Reading;

/// <summary>What makes a preset unique and what the catalog lists. No positions, so it survives whitespace edits.</summary>
/// <param name="Kind">Model, GPU or cluster.</param>
/// <param name="Id">Kebab-case id.</param>
/// <param name="Identifier">C# member name.</param>
/// <param name="Path">The preset file.</param>
/// <param name="GpuId">For a cluster, the id of its GPU; otherwise empty.</param>
/// <param name="GpusPerNode">For a cluster, its GPUs per server; otherwise 0.</param>
/// <param name="NvlinkDomain">For a cluster, its stated NVLink domain (0: the GPU's); otherwise 0.</param>
/// <param name="GpusPerDomain">For a cluster, its stated share of each domain (0: placement rule); otherwise 0.</param>
internal sealed record PresetIdentity(PresetKind Kind, string Id, string Identifier, string Path, string GpuId, int GpusPerNode, int NvlinkDomain, int GpusPerDomain);
