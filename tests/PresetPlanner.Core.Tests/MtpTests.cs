namespace PresetPlanner.Core.Tests;

/// <summary>
/// Multi-token prediction (DeepSeek-V3 report section 2.2; Megatron-Core <c>--mtp-num-layers</c>): one more layer per
/// depth on the last stage, a projection and a logits pass, in memory, FLOPs, time and the exports.
/// </summary>
public class MtpTests
{
    private static readonly TrainingSettings s_settings = new() { SequenceLength = 4096, GlobalBatchSize = 256, Gradients = GradientPrecision.Bf16 };

    private static StrategyResult Evaluate(in ModelPreset model, int mtp, in ParallelLayout layout) =>
        PlanningContext.Create(model, Clusters.Of(Presets.H100, 64), s_settings with { MtpLayers = mtp }).Evaluate(layout);

    [Fact]
    public void ModelFlops_OneDepth_AddALayerItsProjectionAndLogits()
    {
        // Per token, forward and backward: an MoE layer with attention (Mixtral: every layer is one), the 2h x h
        // projection and the logits, as Megatron-LM's num_floating_point_operations counts an MTP depth.
        ParallelLayout layout = Clusters.Layout(8, 1, 8, ep: 8, sp: true, zero: 1);
        double without = Evaluate(Presets.Mixtral8x7B, 0, layout).Time.ModelFlopsPerStep;
        double with = Evaluate(Presets.Mixtral8x7B, 1, layout).Time.ModelFlopsPerStep;
        ModelSpec m = Presets.Mixtral8x7B.Spec;
        double tokens = s_settings.TokensPerStep;
        double layerLinear = 2.0 * (ParameterCount.Attention(m) + ParameterCount.MoeDensePart(m) + (2 * ParameterCount.Expert(m)));
        double attentionScores = 2.0 * m.Heads * 4096 * (2.0 * m.HeadDim);
        double perToken = 3 * (layerLinear + (4.0 * m.Hidden * m.Hidden) + (2.0 * m.Vocab * m.Hidden) + attentionScores);
        Assert.Equal(tokens * perToken, with - without, 1e-6 * tokens * perToken);
    }

    [Fact]
    public void Stages_Depths_SitOnTheLastStageOnly()
    {
        // PP 2: the first stage is unchanged, the last holds one more MoE layer, and its experts, per depth.
        ParallelLayout layout = Clusters.Layout(8, 2, 4, ep: 4, sp: true, zero: 1);
        var without = new LayoutFrame(PlanningContext.Create(Presets.Mixtral8x7B, Clusters.Of(Presets.H100, 64), s_settings).Costing, layout);
        var with = new LayoutFrame(PlanningContext.Create(Presets.Mixtral8x7B, Clusters.Of(Presets.H100, 64), s_settings with { MtpLayers = 2 }).Costing, layout);
        Assert.Equal(without.First, with.First);
        Assert.Equal(without.FirstDense, with.FirstDense);
        Assert.Equal(without.Last.Layers + 2, with.Last.Layers);
        Assert.Equal(without.Last.MoeLayers + 2, with.Last.MoeLayers);
        Assert.Equal(without.LastExperts / 16 * 18, with.LastExperts, 1e-9 * with.LastExperts);

        // Each depth's layer (TP-split, its norms whole), its 2h x h projection (TP-split) and its two input norms.
        ModelCosts k = PlanningContext.Create(Presets.Mixtral8x7B, Clusters.Of(Presets.H100, 64), s_settings).Costing.Costs;
        double h = Presets.Mixtral8x7B.Spec.Hidden;
        double perDepth = (k.MoeLayerParameters / 8) + k.NormParameters + (2 * h * h / 8) + (2 * h);
        Assert.Equal(without.LastDense + (2 * perDepth), with.LastDense, 1e-9 * with.LastDense);
    }

    // Megatron-Core multi_token_prediction.py process_mtp_loss: each depth applies the shared output layer to its own hidden
    // states and computes its loss, so the last stage keeps each depth's fp32 logits (4 s b V / t) beside the main ones,
    // and the depth's MoE layer (its two input norms and 2h projection input, a few s b h, are not counted).
    [Fact]
    public void Activations_EachDepth_AddsItsLayerAndItsOwnLogits()
    {
        ParallelLayout layout = Clusters.Layout(8, 2, 4, ep: 4, sp: true, zero: 1);
        CostContext without = PlanningContext.Create(Presets.Mixtral8x7B, Clusters.Of(Presets.H100, 64), s_settings).Costing;
        CostContext with = PlanningContext.Create(Presets.Mixtral8x7B, Clusters.Of(Presets.H100, 64), s_settings with { MtpLayers = 2 }).Costing;
        var frameWithout = new LayoutFrame(without, layout);
        var frameWith = new LayoutFrame(with, layout);
        LayerActivations layers = LayerActivations.Of(without, layout);

        double added = ActivationMemory.Stage(with, layout, frameWith.Last, layers, frameWith.Factors)
            - ActivationMemory.Stage(without, layout, frameWithout.Last, layers, frameWithout.Factors);
        ModelSpec m = Presets.Mixtral8x7B.Spec;
        double logits = 4.0 * 4096 * m.Vocab / 8;
        Assert.Equal(2 * (layers.Moe + logits), added, 1e-9 * added);
    }

    [Fact]
    public void Export_Depths_AreTheFrameworksFlag()
    {
        var ctx = PlanningContext.Create(Presets.DeepSeekV3, Clusters.Of(Presets.H100, 256), s_settings with { MtpLayers = 1 });
        ParallelLayout layout = Clusters.Layout(1, 8, 32, ep: 32, zero: 1);
        Assert.Contains("--mtp-num-layers 1", FrameworkExport.Write(ExportFramework.Megatron, ctx, layout).Text, StringComparison.Ordinal);
        Assert.Contains("model.mtp_num_layers=1", FrameworkExport.Write(ExportFramework.MegatronBridge, ctx, layout).Text, StringComparison.Ordinal);
        Assert.Contains(FrameworkExport.Write(ExportFramework.Torchtitan, ctx, layout).Notes, n => n.Contains("multi-token-prediction", StringComparison.Ordinal));
    }
}
