namespace PresetPlanner.Generator;

/// <summary>Names of the tracked pipeline steps; tests find them by reflection and check their run reasons.</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string ParsedPresetFile = nameof(ParsedPresetFile);
    public const string ModelSpecs = nameof(ModelSpecs);
    public const string GpuSpecs = nameof(GpuSpecs);
    public const string ClusterSpecs = nameof(ClusterSpecs);
    public const string Identities = nameof(Identities);
    public const string GpuIndex = nameof(GpuIndex);
    public const string Catalog = nameof(Catalog);
}
