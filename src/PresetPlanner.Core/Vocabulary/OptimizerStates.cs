namespace PresetPlanner.Vocabulary;

/// <summary>What an optimizer keeps per parameter besides the weights and gradients (docs/model.md, "Memory").</summary>
public static class OptimizerStates
{
    /// <summary>
    /// Optimizer-state bytes per parameter, FP32 master weights included: Adam 12 (master, two FP32 moments; Rajbhandari
    /// et al. 2020, ZeRO, section 3.1: K = 12), 8-bit Adam 6 (master and two 1-byte moments; Dettmers et al. 2022), SGD with
    /// momentum and Adam with BF16 moments 8 (master and 4 bytes of state: Megatron-LM's precision-aware optimizer with
    /// <c>--exp-avg-dtype bf16 --exp-avg-sq-dtype bf16</c>).
    /// </summary>
    public static double BytesPerParameter(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.Adam8Bit => 6,
        OptimizerKind.SgdMomentum or OptimizerKind.AdamBf16Moments => 8,
        _ => 12,
    };
}
