namespace PresetPlanner.Vocabulary;

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
