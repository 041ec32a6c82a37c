using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// Bytes and peaks of the low-precision recipes (<see cref="ComputePrecision"/>), as Transformer Engine 2.x stores them.
/// </summary>
/// <remarks>
/// Sources: OCP Microscaling Formats v1.0 (MXFP8: one 8-bit E8M0 scale per 32 elements, 1 + 1/32 bytes per element);
/// NVIDIA, "Pretraining Large Language Models with NVFP4" (2025) section 2 (NVFP4: 4-bit E2M1 values and one E4M3 scale
/// per 16, 0.5 + 1/16 bytes); Transformer Engine's quantized tensors keep a row-wise copy for the forward GEMM and a
/// column-wise one for the backward: on Hopper an FP8 tensor's column-wise copy is its transpose (the FP8 GEMM only
/// takes the TN layout), on Blackwell a per-tensor-scaled FP8 tensor needs none, while block- and micro-scaled formats
/// scale along one axis and so keep both on any GPU (TE <c>Float8Tensor</c>, <c>Float8BlockwiseQTensor</c>,
/// <c>MXFP8Tensor</c>, <c>NVFP4Tensor</c>; the usages are set by <c>Quantizer.set_usage</c>). Megatron-Core passes
/// <c>is_first_microbatch</c> to Transformer Engine, which quantizes the weights once per step and keeps the copies
/// until the step ends.
/// </remarks>
internal static class PrecisionBytes
{
    /// <summary>Whether the linear layers run in a low-precision recipe.</summary>
    public static bool IsLow(ComputePrecision precision) => precision != ComputePrecision.Bf16;

    /// <summary>Bytes per element of one quantized copy (values and scales).</summary>
    public static double Element(ComputePrecision precision) => precision switch
    {
        ComputePrecision.Bf16 => 2,
        ComputePrecision.Mxfp8 => 1 + (1.0 / 32),
        ComputePrecision.Nvfp4 => 0.5 + (1.0 / 16),
        ComputePrecision.Fp8Blockwise => 1 + (4.0 / 128),
        _ => 1,
    };

    /// <summary>Quantized copies of a weight a step keeps: row-wise, plus column-wise where the format needs one (see remarks).</summary>
    public static int WeightCopies(ComputePrecision precision, in GpuSpec gpu) => precision switch
    {
        ComputePrecision.Bf16 => 0,
        ComputePrecision.Fp8 or ComputePrecision.Fp8Current => gpu.PeakFp4FlopsPerSecond > 0 ? 1 : 2,
        _ => 2,
    };

    /// <summary>
    /// Weight bytes per parameter: the BF16 weight (dropped with <see cref="TrainingSettings.Fp8ParamGather"/>, where the
    /// low-precision copy is the weight) plus the quantized copies.
    /// </summary>
    public static double Weight(in TrainingSettings settings, in GpuSpec gpu)
    {
        ComputePrecision p = settings.Precision;
        double bf16 = settings.Fp8ParamGather && IsLow(p) ? 0 : 2;
        return bf16 + (WeightCopies(p, gpu) * Element(p));
    }

    /// <summary>Bytes per parameter ZeRO's weight all-gather moves: BF16, or the row-wise low-precision copy with <see cref="TrainingSettings.Fp8ParamGather"/>.</summary>
    public static double Gather(in TrainingSettings settings) => settings.Fp8ParamGather && IsLow(settings.Precision) ? Element(settings.Precision) : 2;

    /// <summary>
    /// Bytes per element of a linear layer's saved input: BF16, or in a low-precision recipe the quantized (column-wise)
    /// copy Transformer Engine keeps for the weight-gradient GEMM.
    /// </summary>
    public static double LinearInput(ComputePrecision precision) => Element(precision);

    /// <summary>The dense tensor-core peak the recipe's GEMMs run at: BF16, FP8 (every 8-bit recipe) or FP4 (NVFP4).</summary>
    public static double Peak(ComputePrecision precision, in GpuSpec gpu) => precision switch
    {
        ComputePrecision.Bf16 => gpu.PeakBf16FlopsPerSecond,
        ComputePrecision.Nvfp4 => gpu.PeakFp4FlopsPerSecond,
        _ => gpu.PeakFp8FlopsPerSecond,
    };
}
