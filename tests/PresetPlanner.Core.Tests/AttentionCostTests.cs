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
    public void Unfused_MovesEachScoreThroughHbm_BeyondThePassesOverItsStoredCopies(double dropout, double forwardBytes, double backwardBytes, double storedBytes)
    {
        // Per score, forward: QK^T written, softmax read and written, dropout read and its mask and output written, the
        // context GEMM's read; backward: what the layer's memory-bound passes over the stored softmax output (and mask and
        // dropout output) do not already count.
        ModelSpec model = Presets.Gpt3_175B.Spec with { Dropout = dropout };
        TimeConstants k = Time(model, flash: false);
        double gemm = k.Attention / (Presets.A100.Spec.PeakBf16FlopsPerSecond * EfficiencyModel.Default.OverriddenBy(Clusters.Of(Presets.A100, 8)).Matmul);
        double perScore = model.Heads * 2048.0 / Presets.A100.Spec.MemoryBytesPerSecond;
        double backwardBeyondPasses = Math.Max(0, backwardBytes - (EfficiencyModel.Default.ElementwisePasses * storedBytes));

        Assert.Equal(gemm + (forwardBytes * perScore), k.AttentionForwardSeconds, 12);
        Assert.Equal((2 * gemm) + (backwardBeyondPasses * perScore), k.AttentionBackwardSeconds, 12);

        // With three passes, as the model had them, backward adds 4 bytes (dropout) or 8 (none) per score.
        TimeConstants three = PlanningContext.Create(model, Clusters.Of(Presets.A100, 8), new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 8, FlashAttention = false }, EfficiencyModel.Default.OverriddenBy(Clusters.Of(Presets.A100, 8)) with { ElementwisePasses = 3 }).Costing.Time;
        Assert.Equal((2 * gemm) + ((backwardBytes - (3 * storedBytes)) * perScore), three.AttentionBackwardSeconds, 12);
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
