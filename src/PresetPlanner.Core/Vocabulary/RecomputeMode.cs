namespace PresetPlanner.Vocabulary;

/// <summary>Activation recomputation (Korthikanti et al. MLSys'23 section 5).</summary>
public enum RecomputeMode
{
    /// <summary>Keep every activation.</summary>
    None,

    /// <summary>Recompute the attention core (QK^T, softmax, dropout): drops the s x s terms.</summary>
    Selective,

    /// <summary>Keep only each layer's input and recompute the layer in backward.</summary>
    Full,
}
