namespace PresetPlanner.Generator.Emit;

/// <summary>Fully qualified names of the core types that generated code uses.</summary>
internal static class TypeRefs
{
    public const string ModelSpec = "global::PresetPlanner.Specs.ModelSpec";
    public const string GpuSpec = "global::PresetPlanner.Specs.GpuSpec";
    public const string ClusterSpec = "global::PresetPlanner.Specs.ClusterSpec";
    public const string PresetInfo = "global::PresetPlanner.Specs.PresetInfo";
    public const string ModelPreset = "global::PresetPlanner.Specs.ModelPreset";
    public const string GpuPreset = "global::PresetPlanner.Specs.GpuPreset";
    public const string ClusterPreset = "global::PresetPlanner.Specs.ClusterPreset";
    public const string MlpActivation = "global::PresetPlanner.Vocabulary.MlpActivation";
    public const string AttentionKind = "global::PresetPlanner.Vocabulary.AttentionKind";
    public const string GpuVendor = "global::PresetPlanner.Vocabulary.GpuVendor";
    public const string NormKind = "global::PresetPlanner.Vocabulary.NormKind";
    public const string PositionEmbedding = "global::PresetPlanner.Vocabulary.PositionEmbedding";
    public const string HybridLayers = "global::PresetPlanner.Specs.HybridLayers";
    public const string MambaShape = "global::PresetPlanner.Specs.MambaShape";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan";
}
