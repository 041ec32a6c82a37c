namespace PresetPlanner.Vocabulary;

/// <summary>How keys and values are projected.</summary>
public enum AttentionKind
{
    /// <summary>Multi-head attention: as many KV heads as query heads.</summary>
    Mha,

    /// <summary>Grouped-query attention: fewer KV heads than query heads (Ainslie et al. 2023).</summary>
    Gqa,

    /// <summary>Multi-query attention: one KV head (Shazeer 2019).</summary>
    Mqa,

    /// <summary>Multi-head latent attention with low-rank Q and KV projections (DeepSeek-V2/V3).</summary>
    Mla,
}
