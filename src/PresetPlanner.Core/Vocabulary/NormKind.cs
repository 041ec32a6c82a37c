namespace PresetPlanner.Vocabulary;

/// <summary>The normalisation layer, which decides the norm parameter count (h for RMSNorm, 2h for LayerNorm).</summary>
public enum NormKind
{
    /// <summary>RMSNorm: one scale vector of h.</summary>
    RmsNorm,

    /// <summary>LayerNorm: scale and bias, 2h.</summary>
    LayerNorm,
}
