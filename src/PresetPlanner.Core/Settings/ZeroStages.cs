namespace PresetPlanner.Settings;

/// <summary>A set of ZeRO stages (0: none, 1: optimizer state, 2: and gradients, 3: and weights).</summary>
[Flags]
public enum ZeroStages
{
    /// <summary>The empty set (a space with it has no layout).</summary>
    None = 0,

    /// <summary>ZeRO-0: every data-parallel rank holds all model states.</summary>
    Stage0 = 1,

    /// <summary>ZeRO-1: optimizer state sharded (Megatron-LM's distributed optimizer with fp32 gradients).</summary>
    Stage1 = 2,

    /// <summary>ZeRO-2: optimizer state and gradients sharded.</summary>
    Stage2 = 4,

    /// <summary>ZeRO-3: optimizer state, gradients and weights sharded (FSDP full shard).</summary>
    Stage3 = 8,

    /// <summary>Every stage.</summary>
    All = Stage0 | Stage1 | Stage2 | Stage3,
}
