namespace PresetPlanner;

/// <summary>Precision of the matrix multiplications.</summary>
public enum ComputePrecision
{
    /// <summary>BF16 weights and matmuls (mixed precision with fp32 master weights).</summary>
    Bf16,

    /// <summary>FP8 matmuls (Transformer Engine) with BF16 weights and fp32 master weights; an FP8 weight copy is cached.</summary>
    Fp8,
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
