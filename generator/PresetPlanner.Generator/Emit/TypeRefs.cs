namespace PresetPlanner.Generator.Emit;

/// <summary>Fully qualified names of the core types that generated code uses.</summary>
internal static class TypeRefs
{
    public const string ModelSpec = "global::PresetPlanner.ModelSpec";
    public const string GpuSpec = "global::PresetPlanner.GpuSpec";
    public const string ClusterSpec = "global::PresetPlanner.ClusterSpec";
    public const string PresetInfo = "global::PresetPlanner.PresetInfo";
    public const string ModelPreset = "global::PresetPlanner.ModelPreset";
    public const string GpuPreset = "global::PresetPlanner.GpuPreset";
    public const string ClusterPreset = "global::PresetPlanner.ClusterPreset";
    public const string MlpActivation = "global::PresetPlanner.MlpActivation";
    public const string AttentionKind = "global::PresetPlanner.AttentionKind";
    public const string NormKind = "global::PresetPlanner.NormKind";
    public const string PositionEmbedding = "global::PresetPlanner.PositionEmbedding";
    public const string HybridLayers = "global::PresetPlanner.HybridLayers";
    public const string MambaShape = "global::PresetPlanner.MambaShape";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan";
}
