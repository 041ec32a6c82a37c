namespace PresetPlanner.Core.Tests;

/// <summary>Published runs several tests evaluate, with the settings their reports state.</summary>
internal static class ReportedRuns
{
    /// <summary>
    /// DeepSeek-V3 report sections 3.2-3.3 and 4.2: 2,048 H800, 15,360 sequences of 4K tokens; RMSNorm and MLA
    /// up-projections recomputed; FP8 fine-grained (blockwise) GEMMs; BF16 AdamW moments; FP32 master weights and gradients;
    /// the experts' SwiGLU inputs cached in FP8 (section 3.3.2). Megatron-Core's nearest form is activation_func_fp8_input_store
    /// without moe_act recomputation (whose checkpoint would keep the BF16 input): the FP8 input and the down projection's
    /// FP8 input, 3 bytes per expert unit where DeepSeek's recomputed output leaves 2.
    /// </summary>
    public static TrainingSettings DeepSeekV3 => new()
    {
        SequenceLength = 4096,
        GlobalBatchSize = 15360,
        Precision = ComputePrecision.Fp8Blockwise,
        Optimizer = OptimizerKind.AdamBf16Moments,
        SelectiveModules = RecomputeModules.LayerNorm | RecomputeModules.MlaUpProjection,
        ActivationFuncFp8InputStore = true,
    };

    /// <summary>
    /// <see cref="DeepSeekV3"/> with its MTP depth, on Megatron-Bridge's PP-16 split of the model (recipes/deepseek/h100/
    /// deepseek_v3.py at 067f987: the embedding and four layers, fourteen stages of four, the last layer with the MTP depth
    /// and the loss): the report gives no split of its 61 layers, and this is how Megatron-Bridge runs it on 16 stages.
    /// </summary>
    public static TrainingSettings DeepSeekV3WithMtp => DeepSeekV3 with { MtpLayers = 1, LastStageLayers = 1 };

    /// <summary>DeepSeek-V3's layout: PP 16, EP 64 (over DP 128), ZeRO-1, no TP, selective recomputation.</summary>
    public static ParallelLayout DeepSeekV3Layout => Clusters.Layout(1, 16, 128, ep: 64, zero: 1, recompute: RecomputeMode.Selective);
}
