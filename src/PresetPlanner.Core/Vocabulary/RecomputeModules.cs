namespace PresetPlanner.Vocabulary;

/// <summary>
/// What selective recomputation recomputes: Megatron-Core's <c>--recompute-granularity selective
/// --recompute-modules</c> (<c>megatron/core/transformer/transformer_config.py</c>, <c>recompute_modules</c>). Each module
/// drops the activations it would otherwise store and re-runs its forward in the backward pass.
/// </summary>
[Flags]
public enum RecomputeModules
{
    /// <summary>Nothing (a selective layout then stores everything, as Megatron-Bridge's empty module list does).</summary>
    None = 0,

    /// <summary><c>core_attn</c>: the attention core (Korthikanti et al. section 5): its s x s scores, or with FlashAttention its log-sum-exp.</summary>
    CoreAttention = 1,

    /// <summary><c>mlp</c>: a dense layer's whole MLP; only its input stays.</summary>
    Mlp = 2,

    /// <summary><c>moe_act</c>: the routed experts' activation function; its output is recomputed.</summary>
    MoeActivation = 4,

    /// <summary><c>layernorm</c>: the two norms; their outputs (the next linear layers' inputs) are recomputed.</summary>
    LayerNorm = 8,

    /// <summary><c>mla_up_proj</c>: MLA's up-projections and RoPE; the per-head Q, K and V are recomputed from the latents.</summary>
    MlaUpProjection = 16,

    /// <summary><c>moe</c>: a whole MoE layer (router, dispatch, experts, combine); only its input stays.</summary>
    Moe = 32,

    /// <summary><c>shared_experts</c>: the shared experts of an MoE layer.</summary>
    SharedExperts = 64,

    /// <summary>Every module.</summary>
    All = CoreAttention | Mlp | MoeActivation | LayerNorm | MlaUpProjection | Moe | SharedExperts,
}
