namespace PresetPlanner.Core.Tests;

/// <summary>
/// Hybrid Mamba-Transformer models (Nemotron-H, Nemotron 3): parameter counts against the published configs' derived
/// counts (docs/model-facts.md section 4), the Mamba-2 mixer against Megatron-LM's FLOP formula and mamba_ssm's saved
/// tensors, and the rules Megatron-Core's mixer imposes.
/// </summary>
public class HybridModelTests
{
    private static readonly TrainingSettings s_settings = new() { SequenceLength = 4096, GlobalBatchSize = 64 };

    [Theory]
    [InlineData("nemotron-h-8b", 8_100_852_736L)]
    [InlineData("nemotron-h-56b", 56_324_350_464L)]
    public void TotalParameters_NemotronH_MatchTheConfigToTheDigit(string id, long derived)
    {
        Assert.True(Presets.Models.TryGet(id, out ModelPreset preset));
        Assert.Equal(derived, preset.Spec.TotalParameters);
    }

    [Fact]
    public void Parameters_Nemotron3Nano_MatchTheConfigBarTheRoutersExpertBias()
    {
        // The derived counts include the router's 128 expert-bias terms in each of the 23 MoE layers, which the planner
        // does not count (as for DeepSeek-V3).
        ModelSpec m = Presets.Nemotron3Nano.Spec;
        const long bias = 23 * 128;
        Assert.Equal(31_577_940_288L - bias, m.TotalParameters);
        Assert.Equal(3_580_076_352L - bias, m.ActiveParameters);
        Assert.Equal(23, m.MoeLayers);
    }

    [Theory]
    [InlineData("nemotron-3-super", 40, 512, 120_668_707_840L, 12_770_237_440L)]
    [InlineData("nemotron-3-ultra", 48, 512, 549_308_993_536L, 56_058_843_136L)]
    public void Parameters_LatentMoe_MatchTheConfigBarTheRoutersExpertBias(string id, int moeLayers, int experts, long total, long active)
    {
        // Backbone counts derived from the configs (docs/model-facts.md 4d, 4e; Super's plus its MTP layer equals the
        // Megatron-Bridge verification card's 123,611,033,088 elements); the routers' expert-bias terms are not counted.
        Assert.True(Presets.Models.TryGet(id, out ModelPreset preset));
        long bias = (long)moeLayers * experts;
        Assert.Equal(total - bias, preset.Spec.TotalParameters);
        Assert.Equal(active - bias, preset.Spec.ActiveParameters);
    }

    [Fact]
    public void ExpertParallelTraffic_LatentMoe_DispatchesTheLatentWidth()
    {
        // LatentMoE's point (Megatron-Core --moe-latent-size): tokens cross the EP group at the latent width, 1024 of 4096.
        ModelSpec latent = Presets.Nemotron3Super.Spec;
        ModelSpec full = latent with { MoeLatentSize = 0 };
        ParallelLayout layout = Clusters.Layout(1, 1, 8, ep: 8);
        double Ep(in ModelSpec m) => PlanningContext.Create(new ModelPreset(new PresetInfo("m", "m", "test"), m), Clusters.Of(Presets.GB200, 8, 4), s_settings)
            .Evaluate(layout).Communication.ExpertParallel;
        Assert.Equal(Ep(full) / 4, Ep(latent), 1e-9 * Ep(full));
    }

    [Fact]
    public void MambaMixer_Projections_AreMegatronsFlopShapes()
    {
        // Megatron-LM training.py mamba_layer_flops, per token: in_proj 2h(2 d_in + 2 G N + n_h) and out_proj 2 d_in h,
        // with d_in = 2h (Nemotron-H 8B's d_inner is 8192 = 2h). The mixer's other parameters (convolution, dt, A, D,
        // norm) are under 0.1% of it.
        ModelSpec m = Presets.NemotronH8B.Spec;
        double h = 4096, dIn = 8192, g = 8, n = 128, heads = 128;
        double megatron = (2 * h * ((2 * dIn) + (2 * g * n) + heads)) + (2 * dIn * h);
        double ours = 2.0 * ParameterCount.Mamba(m);
        Assert.InRange(ours / megatron, 1, 1.001);
        Assert.Equal(7.0 * dIn * n, FlopCount.Scan(m));
    }

    [Fact]
    public void ActivationMemory_MambaLayer_IsTheFusedKernelsSavedTensors()
    {
        // A model of Mamba layers only: per token its pre-norm input (2h), the input projection's input (2h), the
        // fused kernel's saved projection output (2 x InProjection), the gated norm's fp32 rstd per group (4G) and
        // the output projection's input (2 d_inner); TP 2 with SP divides all of it by 2.
        ModelSpec m = Presets.NemotronH8B.Spec with { Hybrid = new HybridLayers(52, 0, 0, 0) };
        var ctx = PlanningContext.Create(new ModelPreset(new PresetInfo("mamba", "mamba", "test"), m), Clusters.Of(Presets.H100, 8), s_settings);
        ParallelLayout layout = Clusters.Layout(2, 1, 4, mbs: 1, sp: true);
        double sb = 4096;
        double perToken = (2 * 4096) + (2 * 4096) + (2 * m.Mamba.InProjection) + (4 * 8) + (2 * 8192);
        Assert.Equal(sb * perToken / 2, ActivationMemory.Layer(ctx.Costing, layout, false, RecomputeMode.None), 1e-9 * sb * perToken);
    }

    [Fact]
    public void ActivationMemory_HybridAttentionLayerWithDropout_KeepsOneMask()
    {
        // A layer of a hybrid holds one block, so one hidden-dropout mask (1 byte per element, s b h) after it; with
        // FlashAttention dropout adds nothing else to an attention layer (a review found two masks).
        ModelSpec m = Presets.NemotronH8B.Spec with { Hybrid = new HybridLayers(0, 52, 0, 0), Mamba = default };
        double Bytes(double dropout) => ActivationMemory.Layer(
            PlanningContext.Create(new ModelPreset(new PresetInfo("a", "a", "test"), m with { Dropout = dropout }), Clusters.Of(Presets.H100, 8), s_settings).Costing,
            Clusters.Layout(1, 1, 8), false, RecomputeMode.None);
        Assert.Equal(4096.0 * 4096, Bytes(0.1) - Bytes(0), 1e-6);
    }

    [Fact]
    public void Rules_HybridWithoutMlpLayers_DoesNotSplitAnFfn()
    {
        // Nemotron 3 has no - layer: its ffnHidden splits nothing, so TP need not divide it.
        ModelSpec m = Presets.Nemotron3Nano.Spec with { FfnHidden = 1855 };
        StrategyResult r = PlanningContext.Create(new ModelPreset(new PresetInfo("n", "n", "test"), m), Clusters.Of(Presets.H100, 8), s_settings)
            .Evaluate(Clusters.Layout(2, 1, 4, ep: 8, sp: true, zero: 1));
        Assert.NotEqual(Constraint.FfnNotDivisible, r.Failure.Constraint);
        Assert.True(r.IsValid);
    }

    [Fact]
    public void Rules_ContextParallel_RefusedOnMambaLayers()
    {
        StrategyResult r = PlanningContext.Create(Presets.NemotronH8B, Clusters.Of(Presets.H100, 16), s_settings).Evaluate(Clusters.Layout(1, 1, 8, cp: 2));
        Assert.Equal(Constraint.ContextParallelWithMamba, r.Failure.Constraint);
    }

    [Fact]
    public void Rules_TensorParallelAboveTheMambaGroups_Refused()
    {
        // 8 groups of B and C cannot split 16 ways (Megatron-Core MambaMixer: ngroups % tp == 0).
        StrategyResult r = PlanningContext.Create(Presets.NemotronH8B, Clusters.AllNvlink(Presets.H100, 16), s_settings).Evaluate(Clusters.Layout(16, 1, 1));
        Assert.Equal(Constraint.MambaHeadsNotDivisible, r.Failure.Constraint);
        Assert.Equal(8, r.Failure.Value);
    }

    [Fact]
    public void TensorParallelTraffic_HybridLayer_IsHalfATransformerLayers()
    {
        // One block per layer: one all-gather and one reduce-scatter forward, where a transformer layer has two of each.
        ModelSpec hybrid = Presets.NemotronH8B.Spec;
        ModelSpec transformer = hybrid with { Hybrid = default, Mamba = default };
        ParallelLayout layout = Clusters.Layout(8, 1, 1, sp: true);
        double Tp(in ModelSpec m) => PlanningContext.Create(new ModelPreset(new PresetInfo("m", "m", "test"), m), Clusters.Of(Presets.H100, 8), s_settings)
            .Evaluate(layout).Communication.TensorParallel;
        Assert.Equal(Tp(transformer) / 2, Tp(hybrid), 1e-9 * Tp(transformer));
    }

    [Fact]
    public void MoeLayers_SplitOverStages_AddUpToThePatterns()
    {
        ModelSpec m = Presets.Nemotron3Nano.Spec;
        Assert.Equal(23, m.MoeLayersBefore(52));
        Assert.Equal(11, m.MoeLayersBefore(26));
        int counted = 0;
        for (int i = 0; i < 52; i++)
        {
            counted += m.IsMoeLayer(i) ? 1 : 0;
        }

        Assert.Equal(23, counted);
    }

    [Theory]
    [InlineData(ExportFramework.Megatron, "--hybrid-override-pattern")]
    [InlineData(ExportFramework.Torchtitan, "torchtitan has no Mamba-2 model")]
    [InlineData(ExportFramework.DeepSpeed, "Mamba-2 layers of this hybrid")]
    public void Export_Hybrid_SaysWhatTheFragmentLeavesOut(ExportFramework framework, string expected)
    {
        var ctx = PlanningContext.Create(Presets.NemotronH8B, Clusters.Of(Presets.H100, 8), s_settings);
        ExportFragment fragment = FrameworkExport.Write(framework, ctx, Clusters.Layout(1, 1, 8, zero: 1));
        Assert.Contains(fragment.Notes, n => n.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(FrameworkExport.Write(framework, PlanningContext.Create(Presets.Llama8B, Clusters.Of(Presets.H100, 8), s_settings), Clusters.Layout(1, 1, 8, zero: 1)).Notes,
            n => n.Contains("Mamba", StringComparison.Ordinal));
    }
}
