namespace PresetPlanner.Core.Tests;

/// <summary>
/// A low-precision recipe's BF16 layers (<see cref="TrainingSettings.Bf16FirstLayers"/>,
/// <see cref="TrainingSettings.Bf16LastLayers"/>; Megatron-Core <c>first_last_layers_bf16</c>): their GEMMs run at the
/// BF16 rate, Megatron-Core's stage bound holds, and the exports say it.
/// </summary>
public class Bf16LayerTests
{
    private static readonly TrainingSettings s_nvfp4 = new() { Precision = ComputePrecision.Nvfp4, SequenceLength = 8192, GlobalBatchSize = 64 };

    private static PlanningContext Context(TrainingSettings settings) => PlanningContext.Create(Presets.Llama8B, Clusters.Of(Presets.B200, 8), settings);

    [Fact]
    public void Slowdown_IsTheRecipesGemmRateOverBf16s_AndNothingInBf16()
    {
        EfficiencyModel e = EfficiencyModel.Default.OverriddenBy(Clusters.Of(Presets.B200, 8));
        GpuSpec b200 = Presets.B200.Spec;
        Assert.Equal((b200.PeakFp4FlopsPerSecond * e.Fp4Matmul / (b200.PeakBf16FlopsPerSecond * e.Matmul)) - 1, Context(s_nvfp4).Costing.Time.Bf16LinearSlowdown, 12);
        Assert.Equal(0, Context(s_nvfp4 with { Precision = ComputePrecision.Bf16 }).Costing.Time.Bf16LinearSlowdown);

        // In a BF16 recipe the counts mean nothing (Megatron-Core reads them under FP8 or FP4 only): said, not ignored.
        PlanInputException ex = Assert.Throws<PlanInputException>(() => Context(s_nvfp4 with { Precision = ComputePrecision.Bf16, Bf16LastLayers = 4 }));
        Assert.Equal(InputField.Bf16LastLayers, ex.Input);
    }

    [Fact]
    public void EachBf16Layer_AddsTheSameMatmulTime_OnTheStageThatHoldsIt()
    {
        ParallelLayout pp1 = Clusters.Layout(1, 1, 8);
        double Compute(TrainingSettings s, ParallelLayout layout) => Context(s).Evaluate(layout).Time.ComputeSeconds;
        double none = Compute(s_nvfp4, pp1);
        double two = Compute(s_nvfp4 with { Bf16LastLayers = 2 }, pp1);
        double four = Compute(s_nvfp4 with { Bf16FirstLayers = 2, Bf16LastLayers = 2 }, pp1);
        Assert.True(two > none);
        Assert.Equal(2 * (two - none), four - none, 9);

        // With PP the last layers sit on the last stage, which sets the pace here: the first layers on the first stage
        // leave the step as it was.
        ParallelLayout pp2 = Clusters.Layout(1, 2, 4);
        Assert.Equal(Compute(s_nvfp4, pp2), Compute(s_nvfp4 with { Bf16FirstLayers = 1 }, pp2), 9);
        Assert.True(Compute(s_nvfp4 with { Bf16LastLayers = 2 }, pp2) > Compute(s_nvfp4, pp2));
    }

    [Fact]
    public void MoreBf16LayersThanAStagesShare_IsRefused_AsMegatronCoreDoes()
    {
        // 32 layers over PP 8: at most 4 at either end (TransformerConfig.__post_init__).
        PlanningContext ctx = PlanningContext.Create(Presets.Llama8B, Clusters.Of(Presets.B200, 64), s_nvfp4 with { Bf16LastLayers = 5 });
        Assert.Equal(Constraint.Bf16LayersExceedStage, LayoutRules.Check(ctx.Costing, Clusters.Layout(1, 8, 8), out double value, out double limit));
        Assert.Equal((5, 4), (value, limit));
        Assert.Equal(Constraint.None, LayoutRules.Check(ctx.Costing, Clusters.Layout(1, 4, 16), out _, out _));
    }

    [Fact]
    public void Exports_WriteTheSwitchAndBothCounts_OrSayWhereTheyGo()
    {
        PlanningContext ctx = Context(s_nvfp4 with { Bf16LastLayers = 2 });
        ParallelLayout layout = Clusters.Layout(1, 1, 8);
        Assert.Contains("--first-last-layers-bf16 --num-layers-at-start-in-bf16 0 --num-layers-at-end-in-bf16 2", FrameworkExport.Write(ExportFramework.Megatron, ctx, layout).Text.Replace(" \\\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        string bridge = FrameworkExport.Write(ExportFramework.MegatronBridge, ctx, layout).Text;
        Assert.Contains("mixed_precision.first_last_layers_bf16=true", bridge, StringComparison.Ordinal);
        Assert.Contains("mixed_precision.num_layers_at_end_in_bf16=2", bridge, StringComparison.Ordinal);
        Assert.Contains("filter_fqns", FrameworkExport.Write(ExportFramework.Torchtitan, ctx, layout).Text, StringComparison.Ordinal);
    }
}
