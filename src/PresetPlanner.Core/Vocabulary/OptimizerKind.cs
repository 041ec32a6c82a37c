namespace PresetPlanner.Vocabulary;

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
