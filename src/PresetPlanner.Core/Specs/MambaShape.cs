namespace PresetPlanner.Specs;

/// <summary>
/// The Mamba-2 mixer of a hybrid model's M layers (Dao and Gu, "Transformers are SSMs", ICML 2024, section 7; Megatron-Core
/// <c>megatron/core/ssm/mamba_mixer.py</c>). The inner width is heads x head dimension, as the Hugging Face modelling
/// code and Megatron-Bridge build it (a config's <c>expand</c> can disagree: Nemotron 3 Nano).
/// </summary>
public readonly record struct MambaShape
{
    /// <summary>SSM heads (<c>mamba_num_heads</c>, n_h).</summary>
    public int Heads { get; init; }

    /// <summary>Channels per SSM head (<c>mamba_head_dim</c>, P).</summary>
    public int HeadDim { get; init; }

    /// <summary>State size per channel (<c>ssm_state_size</c>, N).</summary>
    public int StateSize { get; init; }

    /// <summary>Groups sharing B and C (<c>n_groups</c>, G); also the gated norm's groups.</summary>
    public int Groups { get; init; }

    /// <summary>Width of the causal depthwise convolution (<c>conv_kernel</c>).</summary>
    public int ConvKernel { get; init; }

    /// <summary>Chunk length of the SSD scan (<c>chunk_size</c>).</summary>
    public int ChunkSize { get; init; }

    /// <summary>Inner width d_inner = n_h x P.</summary>
    public long Inner => (long)Heads * HeadDim;

    /// <summary>Channels through the convolution: x, B and C (d_inner + 2 G N).</summary>
    public long ConvChannels => Inner + (2L * Groups * StateSize);

    /// <summary>Output width of the input projection: z, x, B, C and dt (2 d_inner + 2 G N + n_h).</summary>
    public long InProjection => (2 * Inner) + (2L * Groups * StateSize) + Heads;
}
