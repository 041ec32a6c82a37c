namespace PresetPlanner.Core.Tests;

/// <summary>
/// The attention core's time without FlashAttention: Megatron-LM's unfused path computes every s x s score and moves each
/// through HBM between its kernels (TimeConstants).
/// </summary>
public class AttentionCostTests
{
    private static TimeConstants Time(ModelSpec model, bool flash) => PlanningContext.Create(
        model,
        Clusters.Of(Presets.A100, 8),
        new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 8, FlashAttention = flash }).Costing.Time;

    [Fact]
    public void Unfused_ComputesEveryScore_FlashAttentionOnlyTheCausalHalf()
    {
        Assert.Equal(2 * Time(Presets.Gpt3_175B.Spec, flash: true).Attention, Time(Presets.Gpt3_175B.Spec, flash: false).Attention, 6);
    }

    [Theory]
    [InlineData(0.1, 13, 19, 5)]
    [InlineData(0.0, 8, 14, 2)]
    public void Unfused_MovesEachScoreThroughHbmItsExactBytes_WhateverTheMemoryBoundPasses(double dropout, double forwardBytes, double backwardBytes, double storedBytes)
    {
        // Per score, forward: QK^T written, softmax read and written, dropout read and its mask and output written, the
        // context GEMM's read; backward: dV, dP, the dropout and softmax backward, dQ and dK. The layer's memory-bound
        // passes already count ElementwisePasses x the stored bytes, so the core adds the exact bytes less those.
        ModelSpec model = Presets.Gpt3_175B.Spec with { Dropout = dropout };
        EfficiencyModel e = EfficiencyModel.Default.OverriddenBy(Clusters.Of(Presets.A100, 8));
        TimeConstants k = Time(model, flash: false);

        // The two batched GEMMs per head are s x s x d and s x d x s: stretched by their shape (GemmShape).
        double stretch = (1 + (e.GemmHalfDimension / model.HeadDim)) * Math.Pow(1 + (e.GemmHalfDimension / 2048.0), 2);
        double gemm = k.Attention * stretch / (Presets.A100.Spec.PeakBf16FlopsPerSecond * e.Matmul);
        double perScore = model.Heads * 2048.0 / Presets.A100.Spec.MemoryBytesPerSecond;

        Assert.Equal(gemm + (forwardBytes * perScore), k.AttentionForwardSeconds, 12);
        Assert.Equal((2 * gemm) + ((backwardBytes - (e.ElementwisePasses * storedBytes)) * perScore), k.AttentionBackwardSeconds, 12);

        // Whatever the passes, passes over the stored scores plus the core's bytes are the exact 32 (22) per score.
        foreach (double passes in new[] { 2.0, 3.0, 8.0 })
        {
            TimeConstants other = PlanningContext.Create(model, Clusters.Of(Presets.A100, 8), new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 8, FlashAttention = false }, e with { ElementwisePasses = passes }).Costing.Time;
            double bytes = ((other.AttentionForwardSeconds + other.AttentionBackwardSeconds - (3 * gemm)) / perScore) + (passes * storedBytes);
            Assert.Equal(forwardBytes + backwardBytes, bytes, 9);
        }
    }

    [Fact]
    public void Unfused_CostsMoreThanFlashAttention_AndMostOnSmallModels()
    {
        // Korthikanti et al. 2022 Table 5's 22B and 175B layouts: the unfused core is a larger share of the small model's step.
        double Slowdown(ModelPreset model, int pp, int gpus)
        {
            ParallelLayout layout = Clusters.Layout(8, pp, 1, recompute: RecomputeMode.Selective, sp: true);
            double Step(bool flash) => PlanningContext.Create(model, Clusters.Of(Presets.A100, gpus), new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 64, FlashAttention = flash }).Evaluate(layout).Time.StepSeconds;
            return Step(flash: false) / Step(flash: true);
        }

        double small = Slowdown(Presets.Gpt22B, 1, 8);
        double large = Slowdown(Presets.Gpt3_175B, 8, 64);

        Assert.True(large > 1.0);
        Assert.True(small > large + 0.02);
    }
}
