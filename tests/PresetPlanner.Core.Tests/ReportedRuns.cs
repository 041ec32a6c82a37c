namespace PresetPlanner.Core.Tests;

/// <summary>Published runs several tests evaluate, with the settings their reports state.</summary>
internal static class ReportedRuns
{
    /// <summary>
    /// DeepSeek-V3 report sections 3.2-3.3 and 4.2: 2,048 H800, 15,360 sequences of 4K tokens; RMSNorm and MLA
    /// up-projections recomputed; FP8 fine-grained (blockwise) GEMMs; BF16 AdamW moments; FP32 master weights and gradients.
    /// </summary>
    public static TrainingSettings DeepSeekV3 => new()
    {
        SequenceLength = 4096,
        GlobalBatchSize = 15360,
        Precision = ComputePrecision.Fp8Blockwise,
        Optimizer = OptimizerKind.AdamBf16Moments,
        SelectiveModules = RecomputeModules.LayerNorm | RecomputeModules.MlaUpProjection,
    };

    /// <summary>DeepSeek-V3's layout: PP 16, EP 64 (over DP 128), ZeRO-1, no TP, selective recomputation.</summary>
    public static ParallelLayout DeepSeekV3Layout => Clusters.Layout(1, 16, 128, ep: 64, zero: 1, recompute: RecomputeMode.Selective);
}
