namespace PresetPlanner.Vocabulary;

/// <summary>
/// Precision of the linear layers' matrix multiplications: the low-precision recipe (Transformer Engine's
/// <c>fp8_recipe</c>, Megatron-LM <c>--fp8-format</c>/<c>--fp8-recipe</c>, Megatron-Bridge <c>--compute_dtype</c>).
/// Attention, norms, the router and the output layer stay in BF16 in every recipe.
/// </summary>
public enum ComputePrecision
{
    /// <summary>BF16 weights and matmuls (mixed precision with fp32 master weights).</summary>
    Bf16,

    /// <summary>FP8 with delayed scaling (Transformer Engine <c>DelayedScaling</c>, Megatron <c>--fp8-recipe delayed</c>): per-tensor scales from an amax history.</summary>
    Fp8,

    /// <summary>FP8 with current (per-tensor, "tensorwise") scaling (TE <c>Float8CurrentScaling</c>, <c>--fp8-recipe tensorwise</c>, Megatron-Bridge <c>fp8_cs</c>).</summary>
    Fp8Current,

    /// <summary>FP8 with 1x128 activation and 128x128 weight blocks (TE <c>Float8BlockScaling</c>, <c>--fp8-recipe blockwise</c>; DeepSeek-V3 report section 3.3).</summary>
    Fp8Blockwise,

    /// <summary>MXFP8: FP8 E4M3 with one E8M0 scale per 32 elements (OCP Microscaling v1.0; TE <c>MXFP8BlockScaling</c>, <c>--fp8-recipe mxfp8</c>); Blackwell tensor cores only.</summary>
    Mxfp8,

    /// <summary>NVFP4: FP4 E2M1 with one E4M3 scale per 16 elements and a per-tensor fp32 scale (TE <c>NVFP4BlockScaling</c>); Blackwell only.</summary>
    Nvfp4,
}
