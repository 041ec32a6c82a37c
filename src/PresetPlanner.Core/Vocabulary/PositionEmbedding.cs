namespace PresetPlanner.Vocabulary;

/// <summary>How positions are encoded; only learned absolute positions add parameters (max sequence x h).</summary>
public enum PositionEmbedding
{
    /// <summary>Rotary position embedding (no parameters).</summary>
    Rope,

    /// <summary>Learned absolute position embedding (GPT-3): max sequence x hidden parameters.</summary>
    Learned,

    /// <summary>ALiBi attention biases (no parameters). BLOOM.</summary>
    Alibi,
}
