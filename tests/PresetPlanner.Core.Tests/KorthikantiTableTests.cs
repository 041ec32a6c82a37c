namespace PresetPlanner.Core.Tests;

/// <summary>
/// Activation memory per layer reduces exactly to Korthikanti et al. (MLSys'23) Table 2 under its assumptions:
/// GPT-3 175B (MHA, GELU 4h, dropout), no FlashAttention, 2-byte activations.
/// </summary>
public class KorthikantiTableTests
{
    private const double S = 2048;
    private const double B = 1;
    private const double H = 12288;
    private const double A = 96;

    private static PlanningContext Context(int gpus) => PlanningContext.Create(
        Presets.Gpt3_175B,
        Clusters.Of(Presets.A100, gpus),
        new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 64, FlashAttention = false });

    [Fact]
    public void Layer_NoParallelism_Is34PlusAttentionScores()
    {
        double expected = S * B * H * (34 + (5 * A * S / H));

        Assert.Equal(expected, ActivationMemory.Layer(Context(1).Costing, Clusters.Layout(1, 1, 1), false, RecomputeMode.None), 6);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Layer_TensorParallel_Is10Plus24OverT(int t)
    {
        double expected = S * B * H * (10 + (24.0 / t) + (5 * A * S / (H * t)));

        Assert.Equal(expected, ActivationMemory.Layer(Context(t).Costing, Clusters.Layout(t, 1, 1), false, RecomputeMode.None), 6);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public void Layer_TensorAndSequenceParallel_IsEverythingOverT(int t)
    {
        double expected = S * B * H * (34 + (5 * A * S / H)) / t;

        Assert.Equal(expected, ActivationMemory.Layer(Context(t).Costing, Clusters.Layout(t, 1, 1, sp: true), false, RecomputeMode.None), 6);
    }

    [Theory]
    [InlineData(8)]
    public void Layer_TensorParallelSelective_DropsAttentionScores(int t)
    {
        double expected = S * B * H * (10 + (24.0 / t));

        Assert.Equal(expected, ActivationMemory.Layer(Context(t).Costing, Clusters.Layout(t, 1, 1), false, RecomputeMode.Selective), 6);
    }

    [Theory]
    [InlineData(8)]
    public void Layer_TensorSequenceParallelSelective_Is34OverT(int t)
    {
        double expected = 34 * S * B * H / t;

        Assert.Equal(expected, ActivationMemory.Layer(Context(t).Costing, Clusters.Layout(t, 1, 1, sp: true), false, RecomputeMode.Selective), 6);
    }

    [Fact]
    public void LayerInput_FullRecompute_Is2sbhOrOverTWithSequenceParallel()
    {
        Assert.Equal(2 * S * B * H, ActivationMemory.LayerInput(Context(8).Costing, Clusters.Layout(8, 1, 1)), 6);
        Assert.Equal(2 * S * B * H / 8, ActivationMemory.LayerInput(Context(8).Costing, Clusters.Layout(8, 1, 1, sp: true)), 6);
    }

    [Fact]
    public void Stage_FirstOf1F1B_HoldsLLayersWorthOfOneMicroBatch()
    {
        // Megatron theoretical_memory_usage.py: the first stage holds p micro-batches of L/p layers.
        PlanningContext ctx = Context(64);
        ParallelLayout layout = Clusters.Layout(8, 8, 1, sp: true, recompute: RecomputeMode.Selective);
        StageShape first = StageShape.FirstOf(ctx.Model, 8, 1);
        double perLayer = ActivationMemory.Layer(ctx.Costing, layout, false, RecomputeMode.Selective);
        double embedding = (8 * S * B) + (S * B * H / 8);

        Assert.Equal((96 * perLayer) + (8 * embedding), ActivationMemory.Stage(ctx.Costing, layout, first, microBatches: 64), 3);
    }

    [Fact]
    public void Stage_Interleaved_MultipliesByOnePlusPMinus1OverPV()
    {
        PlanningContext ctx = Context(64);
        ParallelLayout plain = Clusters.Layout(8, 8, 1, sp: true, recompute: RecomputeMode.Selective);
        ParallelLayout interleaved = plain with { Vp = 2 };
        StageShape first = StageShape.FirstOf(ctx.Model, 8, 2);

        double ratio = ActivationMemory.Stage(ctx.Costing, interleaved, first, 64) / ActivationMemory.Stage(ctx.Costing, plain, first, 64);

        Assert.Equal(1 + (7.0 / 16), ratio, 12);
    }
}
