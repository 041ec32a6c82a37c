namespace PresetPlanner;

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

/// <summary>Data type of the gradient buffer and of its reduction.</summary>
public enum GradientPrecision
{
    /// <summary>fp32 gradients (Megatron-LM's default main_grad buffer).</summary>
    Fp32,

    /// <summary>bf16 gradients (DeepSpeed/FSDP default, Megatron with bf16 reduction).</summary>
    Bf16,

    /// <summary>
    /// DeepSpeed's BF16 optimizer with fp32 gradient accumulation: autograd's bf16 gradients plus an fp32 accumulation
    /// buffer (6 bytes per parameter held, reduced in fp32). BLOOM-176B trained with it.
    /// </summary>
    Fp32WithBf16Copy,

    /// <summary>
    /// DeepSpeed's FP16_Optimizer (ZeRO stage 0, <c>deepspeed/runtime/fp16/fused_optimizer.py</c>, <c>step</c>): 16-bit
    /// autograd gradients, reduced in 16 bits; the step casts each to fp32 and flattens the casts into one fp32 buffer
    /// while the 16-bit gradients still live, so the peak holds 2 + 4 + 4 = 10 bytes per parameter. BLOOM's pre-BF16
    /// branch ran ZeRO-0 with it.
    /// </summary>
    Bf16FlattenedToFp32,
}

/// <summary>Optimizer, which decides the optimizer-state bytes per parameter (K in ZeRO section 3.1).</summary>
public enum OptimizerKind
{
    /// <summary>Adam with fp32 master weights, momentum and variance: K = 12 bytes per parameter.</summary>
    Adam,

    /// <summary>Adam with 8-bit momentum and variance (Dettmers et al. 2022) and an fp32 master copy: K = 6.</summary>
    Adam8Bit,

    /// <summary>SGD with momentum and an fp32 master copy: K = 8.</summary>
    SgdMomentum,

    /// <summary>
    /// Megatron-Core's precision-aware optimizer with fp32 master weights and BF16 moments
    /// (<c>--use-precision-aware-optimizer --exp-avg-dtype bf16 --exp-avg-sq-dtype bf16</c>): K = 4 + 2 + 2 = 8.
    /// </summary>
    AdamBf16Moments,
}

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

/// <summary>
/// When ZeRO-3/FSDP frees the gathered weights: PyTorch FSDP2's <c>reshard_after_forward</c> (torchtitan
/// <c>--parallelism.fsdp_reshard_after_forward</c>).
/// </summary>
public enum ReshardPolicy
{
    /// <summary>torchtitan's "default": re-shard after every forward without pipelining, keep the weights gathered with it.</summary>
    Default,

    /// <summary>Free after each forward and gather again for the backward, every micro-batch (least memory, most traffic).</summary>
    Always,

    /// <summary>Keep the stage's weights gathered (and, with pipelining, its gradients unsharded) until the step's last backward.</summary>
    Never,
}

/// <summary>
/// How much of a training step runs as CUDA graphs, which replay captured kernels without the host launching each one:
/// Megatron-Core <c>--cuda-graph-impl</c> and <c>--cuda-graph-scope</c> (Megatron-Bridge <c>cuda_graph_impl</c>).
/// </summary>
public enum CudaGraphScope
{
    /// <summary>No graphs: every kernel is launched from Python (Megatron-Core's default).</summary>
    None,

    /// <summary>Parts of each layer are captured (Transformer Engine or per-layer graphs: attention, router, MoE preprocessing).</summary>
    Partial,

    /// <summary>The whole forward and backward pass is one graph (<c>--cuda-graph-impl full_iteration</c>; MoE with static, padded shapes).</summary>
    Full,
}

/// <summary>
/// The MoE token dispatcher: Megatron-Core <c>--moe-token-dispatcher-type</c> and, for <c>flex</c>,
/// <c>--moe-flex-dispatcher-backend</c>.
/// </summary>
public enum MoeDispatcher
{
    /// <summary>NCCL all-to-all (<c>alltoall</c>), Megatron-Core's default.</summary>
    AllToAll,

    /// <summary>DeepSeek's DeepEP kernels (<c>flex</c> with <c>deepep</c>): fused dispatch and combine over NVLink and RDMA.</summary>
    DeepEp,

    /// <summary>NVIDIA's HybridEP kernels (<c>flex</c> with <c>hybridep</c>), built for NVLink domains such as NVL72.</summary>
    HybridEp,
}
