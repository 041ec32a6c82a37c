namespace PresetPlanner.Core.Tests;

/// <summary>
/// Each recipe setting's effect on memory, traffic or time, against the framework behaviour it stands for (the source
/// is named on each test; docs/model.md, "Recipe settings").
/// </summary>
public class RecipeSettingTests
{
    private static readonly TrainingSettings s_base = new() { SequenceLength = 8192, GlobalBatchSize = 256, Gradients = GradientPrecision.Bf16 };

    private static StrategyResult Llama70B(in ParallelLayout layout, TrainingSettings settings, int gpus = 64) =>
        PlanningContext.Create(Presets.Llama70B, Clusters.Of(Presets.H100, gpus), settings).Evaluate(layout);

    [Fact]
    public void RecomputeModules_Mlp_KeepsOnlyTheMlpInput()
    {
        // Megatron-Core --recompute-modules mlp: the dense MLP is checkpointed on its input (2 s b h bytes in BF16).
        ParallelLayout layout = Clusters.Layout(8, 1, 8, recompute: RecomputeMode.Selective, sp: true);
        var none = PlanningContext.Create(Presets.Llama70B, Clusters.Of(Presets.H100, 64), s_base with { SelectiveModules = RecomputeModules.None });
        var mlp = PlanningContext.Create(Presets.Llama70B, Clusters.Of(Presets.H100, 64), s_base with { SelectiveModules = RecomputeModules.Mlp });
        double full = ActivationMemory.Layer(none.Costing, layout, false, RecomputeMode.Selective);
        double checkpointed = ActivationMemory.Layer(mlp.Costing, layout, false, RecomputeMode.Selective);

        double sb = 8192.0;
        double mlpStored = (2 * sb * 8192 / 8) + ((4 + 2) * sb * 28672 / 8);
        Assert.Equal(full - mlpStored + (2 * sb * 8192 / 8), checkpointed, 1e-6 * full);
    }

    [Fact]
    public void RecomputeModules_CoreAttentionWithFlashAttention_DropsOnlyTheLogSumExp()
    {
        // FlashAttention keeps an fp32 log-sum-exp per query and head (Dao et al. 2022); core_attn recomputation drops it.
        ParallelLayout layout = Clusters.Layout(8, 1, 8, recompute: RecomputeMode.Selective, sp: true);
        var none = PlanningContext.Create(Presets.Llama70B, Clusters.Of(Presets.H100, 64), s_base with { SelectiveModules = RecomputeModules.None });
        var core = PlanningContext.Create(Presets.Llama70B, Clusters.Of(Presets.H100, 64), s_base);

        double difference = ActivationMemory.Layer(none.Costing, layout, false, RecomputeMode.Selective) - ActivationMemory.Layer(core.Costing, layout, false, RecomputeMode.Selective);
        Assert.Equal(4.0 * 8192 * 64 / 8, difference, 1e-6);
    }

    [Fact]
    public void RecomputeModules_MlaUpProjection_DropsPerHeadQkvOfDeepSeek()
    {
        // DeepSeek-V3 report section 3.2.3 and Megatron-Core mla_up_proj: Q, K and V are recomputed from the latents.
        ParallelLayout layout = Clusters.Layout(1, 1, 8, ep: 8, recompute: RecomputeMode.Selective);
        var none = PlanningContext.Create(Presets.DeepSeekV3, Clusters.Of(Presets.H800, 8), s_base with { SelectiveModules = RecomputeModules.None, SequenceLength = 4096 });
        var up = PlanningContext.Create(Presets.DeepSeekV3, Clusters.Of(Presets.H800, 8), s_base with { SelectiveModules = RecomputeModules.MlaUpProjection, SequenceLength = 4096 });

        double difference = ActivationMemory.Layer(none.Costing, layout, true, RecomputeMode.Selective) - ActivationMemory.Layer(up.Costing, layout, true, RecomputeMode.Selective);
        Assert.Equal(2.0 * 4096 * 128 * (192 + 192 + 128), difference, 1e-6);
    }

    [Fact]
    public void RecomputeNumLayers_StoresBetweenFullAndNoRecomputation()
    {
        // Megatron-LM --recompute-method block --recompute-num-layers N: N layers per chunk keep only their input.
        ParallelLayout full = Clusters.Layout(8, 4, 2, recompute: RecomputeMode.Full, sp: true);
        double all = Llama70B(full, s_base).Memory.Activations;
        double some = Llama70B(full, s_base with { FullRecomputeLayers = 10 }).Memory.Activations;
        double none = Llama70B(full with { Recompute = RecomputeMode.None }, s_base).Memory.Activations;

        Assert.True(all < some && some < none, $"{all} < {some} < {none}");
    }

    [Fact]
    public void ActivationOffload_HalfTheLayers_RoughlyHalvesTheStoredActivations()
    {
        // Megatron-Core --cpu-offloading-num-layers: the offloaded layers' activations live in host memory.
        ParallelLayout layout = Clusters.Layout(8, 1, 8, sp: true);
        double kept = Llama70B(layout, s_base).Memory.Activations;
        double offloaded = Llama70B(layout, s_base with { ActivationOffloadLayers = 40 }).Memory.Activations;

        Assert.InRange(offloaded / kept, 0.5, 0.56);
    }

    [Fact]
    public void OptimizerOffload_Half_HalvesTheOptimizerState()
    {
        // Megatron-Core --optimizer-offload-fraction 0.5.
        ParallelLayout layout = Clusters.Layout(8, 4, 2, zero: 1, sp: true);
        double gpu = Llama70B(layout, s_base).Memory.Optimizer;

        Assert.Equal(gpu / 2, Llama70B(layout, s_base with { OptimizerOffloadFraction = 0.5 }).Memory.Optimizer, 1e-6 * gpu);
    }

    [Fact]
    public void PrecisionAwareOptimizer_Bf16Moments_IsEightBytesPerParameter()
    {
        // Megatron-Core --use-precision-aware-optimizer --exp-avg-dtype bf16 --exp-avg-sq-dtype bf16: 4 + 2 + 2 bytes.
        ParallelLayout layout = Clusters.Layout(8, 4, 2, sp: true);
        double adam = Llama70B(layout, s_base).Memory.Optimizer;

        Assert.Equal(adam * 8 / 12, Llama70B(layout, s_base with { Optimizer = OptimizerKind.AdamBf16Moments }).Memory.Optimizer, 1e-6 * adam);
    }

    [Theory]
    [InlineData("h100-sxm", ComputePrecision.Fp8, false, 4)]
    [InlineData("h100-sxm", ComputePrecision.Fp8, true, 2)]
    [InlineData("b200", ComputePrecision.Fp8Current, false, 3)]
    [InlineData("b200", ComputePrecision.Mxfp8, false, 2 + (2 * 33.0 / 32))]
    [InlineData("b200", ComputePrecision.Mxfp8, true, 2 * 33.0 / 32)]
    [InlineData("b200", ComputePrecision.Nvfp4, false, 2 + (2 * 0.5625))]
    public void LowPrecision_WeightBytesPerParameter(string gpu, ComputePrecision precision, bool paramGather, double expected)
    {
        // Transformer Engine keeps row- and column-wise quantised weights for a step (Hopper FP8: data and transpose;
        // Blackwell per-tensor FP8: one copy; MXFP8 and NVFP4: both, with 1/32 and 1/16 scales); --fp8-param-gather
        // drops the BF16 copy.
        Assert.True(Presets.Gpus.TryGet(gpu, out GpuPreset g));
        var settings = new TrainingSettings { Precision = precision, Fp8ParamGather = paramGather };

        Assert.Equal(expected, PrecisionBytes.Weight(settings, g.Spec), 1e-12);
    }

    [Fact]
    public void Zero3WithPipeline_KeepsWeightsGatheredByDefault_LikeTorchtitan()
    {
        // torchtitan's fsdp_reshard_after_forward "default": no re-sharding with PP, so the stage's weights stay gathered
        // (more memory) and are gathered once per step (less traffic) rather than every micro-batch.
        ParallelLayout layout = Clusters.Layout(8, 4, 2, zero: 3, sp: true);
        StrategyResult kept = Llama70B(layout, s_base);
        StrategyResult resharded = Llama70B(layout, s_base with { Reshard = ReshardPolicy.Always });

        Assert.True(kept.Memory.Weights > resharded.Memory.Weights);
        Assert.True(kept.Communication.DataParallel < resharded.Communication.DataParallel);
        Assert.Equal(Constraint.None, LayoutRules.Check(PlanningContext.Create(Presets.Llama70B, Clusters.Of(Presets.H100, 64), s_base).Costing, layout, out _, out _));
    }

    [Fact]
    public void Hsdp_ShardGroup_ShardsOverTheGroupAndAllReducesAcrossReplicas()
    {
        // PyTorch HSDP (Zhao et al., VLDB 2023, section 3.2.2): states sharded over the group, gradients all-reduced
        // across the replicas.
        ParallelLayout layout = Clusters.Layout(8, 1, 64, zero: 1, sp: true);
        StrategyResult whole = Llama70B(layout, s_base, 512);
        StrategyResult hsdp = Llama70B(layout, s_base with { ShardGroupSize = 8 }, 512);

        Assert.Equal(whole.Memory.Optimizer * 8, hsdp.Memory.Optimizer, 1e-6 * hsdp.Memory.Optimizer);
        // Reduce-scatter and all-gather inside the group plus an all-reduce of each shard across the replicas move about
        // the bytes one flat ring does: P (g + w) 7/8 + 2 (P/8) g 7/8 against P (g + w) 63/64.
        Assert.InRange(hsdp.Communication.DataParallel / whole.Communication.DataParallel, 0.99, 1.01);
        Assert.Equal(Constraint.ShardGroupNotDividing, Llama70B(layout, s_base with { ShardGroupSize = 12 }, 512).Failure.Constraint);
    }

    [Fact]
    public void UnevenPipeline_Llama405BRecipe_CountsEmbeddingAndLossAsLayers()
    {
        // Megatron-Bridge's Llama 3.1 405B recipe: PP 16 x VP 8 with account_for_embedding/loss_in_pipeline_split makes
        // 126 + 2 = 128 chunks; without them 126 layers are too few.
        var settings = s_base with { EmbeddingInPipelineSplit = true, LossInPipelineSplit = true };
        ParallelLayout layout = Clusters.Layout(8, 16, 8, vp: 8, sp: true);
        var ctx = PlanningContext.Create(Presets.Llama405B, Clusters.Of(Presets.H100, 1024), settings);

        Assert.Equal(Constraint.None, LayoutRules.Check(ctx.Costing, layout, out _, out _));
        Assert.Equal(Constraint.LayersNotDivisible, LayoutRules.Check(PlanningContext.Create(Presets.Llama405B, Clusters.Of(Presets.H100, 1024), s_base).Costing, layout, out _, out _));
        Assert.True(PipelineSplit.TryOf(126, settings, 16, 8, out PipelineSplit split));
        Assert.Equal(new PipelineSplit(7, 8, 7), split);
    }

    [Fact]
    public void UnevenPipeline_FirstAndLastStageLayers_TheBusiestMiddleStageDecides()
    {
        // --decoder-first/last-pipeline-num-layers: the rest is split over the middle stages, which hold more.
        var settings = s_base with { FirstStageLayers = 2, LastStageLayers = 2 };
        ParallelLayout layout = Clusters.Layout(8, 8, 1, sp: true);
        StrategyResult uneven = Llama70B(layout, settings);

        Assert.True(PipelineSplit.TryOf(80, settings, 8, 1, out PipelineSplit split));
        Assert.Equal(new PipelineSplit(2, 13, 2), split);
        Assert.Equal(1, uneven.MostLoadedStage);
        Assert.True(uneven.Time.StepSeconds > Llama70B(layout, s_base).Time.StepSeconds);
    }

    [Fact]
    public void Lora_FrozenBase_HasNoGradientsNoOptimizerAndFewerMatmuls()
    {
        ParallelLayout layout = Clusters.Layout(8, 1, 8, zero: 1, sp: true);
        StrategyResult full = Llama70B(layout, s_base);
        StrategyResult lora = Llama70B(layout, s_base with { Lora = true });

        Assert.Equal(0, lora.Memory.Gradients);
        Assert.Equal(0, lora.Memory.Optimizer);
        Assert.Equal(0, lora.Communication.DataParallel);
        // The weight-gradient GEMMs are a third of the GEMM time; attention, memory-bound work and TP traffic remain.
        Assert.True(lora.Time.StepSeconds < full.Time.StepSeconds * 0.85);
        Assert.True(lora.Time.ComputeSeconds < full.Time.ComputeSeconds * 0.8);
    }

    [Fact]
    public void CudaGraphsAndFusedDispatch_SpeedUpFineGrainedMoe()
    {
        // Megatron-Bridge 26.06: full-iteration CUDA graphs and HybridEP on Qwen3-30B-A3B.
        ParallelLayout layout = Clusters.Layout(1, 1, 8, ep: 8, mbs: 4);
        var settings = new TrainingSettings { SequenceLength = 4096, GlobalBatchSize = 512, Precision = ComputePrecision.Mxfp8 };
        double Tokens(in TrainingSettings s) => PlanningContext.Create(Presets.Qwen3_30BA3B, Clusters.Of(Presets.GB200, 8, 4), s).Evaluate(layout).Time.TokensPerSecondPerGpu;

        // Partial graphs leave PartialGraphHostShare of the host time (fitted, possibly none); full graphs leave none.
        Assert.True(Tokens(settings with { CudaGraphs = CudaGraphScope.Full }) >= Tokens(settings with { CudaGraphs = CudaGraphScope.Partial }));
        Assert.True(Tokens(settings with { CudaGraphs = CudaGraphScope.Full }) > Tokens(settings));
        Assert.True(Tokens(settings with { Dispatcher = MoeDispatcher.HybridEp }) > Tokens(settings));
    }

    [Fact]
    public void RecomputeNumLayers_RepeatsOnlyThoseLayersForwardWork()
    {
        // Review finding: --recompute-num-layers changed memory but not time, traffic or HFU.
        ParallelLayout full = Clusters.Layout(4, 4, 4, zero: 1, recompute: RecomputeMode.Full, sp: true);
        StrategyResult all = Llama70B(full, s_base);
        StrategyResult one = Llama70B(full, s_base with { FullRecomputeLayers = 1 });
        StrategyResult none = Llama70B(full with { Recompute = RecomputeMode.None }, s_base);

        Assert.True(none.Time.StepSeconds < one.Time.StepSeconds && one.Time.StepSeconds < all.Time.StepSeconds);
        Assert.True(none.Communication.TensorParallel < one.Communication.TensorParallel && one.Communication.TensorParallel < all.Communication.TensorParallel);
    }

    [Fact]
    public void RecomputeModules_Mlp_RepeatsTheMlpsForwardWork()
    {
        // Review finding: every selective layout paid one attention repeat and nothing else, whatever its modules.
        ParallelLayout layout = Clusters.Layout(4, 4, 4, zero: 1, recompute: RecomputeMode.Selective, sp: true);
        double core = Llama70B(layout, s_base).Time.StepSeconds;
        double mlp = Llama70B(layout, s_base with { SelectiveModules = RecomputeModules.Mlp }).Time.StepSeconds;
        double nothing = Llama70B(layout, s_base with { SelectiveModules = RecomputeModules.None }).Time.StepSeconds;

        Assert.True(mlp > core, $"{mlp} > {core}");
        Assert.Equal(Llama70B(layout with { Recompute = RecomputeMode.None }, s_base).Time.StepSeconds, nothing, 1e-9);
    }

    [Fact]
    public void EvenSplit_DeepSeekV3_EvaluatesTheMiddleStageWithMoreMoeLayers()
    {
        // Review finding: at PP 16 stage 0 holds 3 dense layers and 1 MoE layer, stage 1 four MoE layers; stage 1 was
        // never evaluated.
        var ctx = PlanningContext.Create(Presets.DeepSeekV3, Presets.H800x2048, s_base with { SequenceLength = 4096 });
        var frame = new LayoutFrame(ctx.Costing, Clusters.Layout(1, 16, 128, ep: 64, zero: 1));

        Assert.True(frame.HasMiddle);
        Assert.Equal(4, frame.Middle.MoeLayers);
        Assert.Equal(1, frame.First.MoeLayers);
    }

    [Fact]
    public void InterleavedSchedule_LastStageHoldsPMinusPMinusOneOverVMicroBatches()
    {
        // Megatron-Core's interleaved warm-up: rank r runs (p - r - 1) 2 + (v - 1) p chunk forwards first.
        var ctx = PlanningContext.Create(Presets.Llama70B, Clusters.Of(Presets.H100, 64), s_base);
        LayoutFactors f = LayoutFactors.Of(ctx.Costing, Clusters.Layout(4, 4, 4, vp: 2), 64);

        Assert.Equal(4 + (3 / 2.0), f.FirstStageInFlight, 12);
        Assert.Equal(4 + (1 / 2.0), f.SecondStageInFlight, 12);
        Assert.Equal(4 - (3 / 2.0), f.LastStageInFlight, 12);
    }

    [Fact]
    public void HugeMoeModel_StageCountsDoNotOverflow()
    {
        // Review finding: 70,000 MoE layers made MoeLayers x layers overflow int and memory negative.
        var model = new ModelSpec
        {
            Layers = 70000,
            Hidden = 256,
            Heads = 4,
            KvHeads = 4,
            HeadDim = 64,
            FfnHidden = 512,
            Vocab = 1000,
            MaxSequence = 4096,
            Activation = MlpActivation.Gelu,
            Experts = 4,
            ActiveExperts = 1,
            MoeFfnHidden = 256,
            MoeLayerInterval = 1,
        };
        StrategyResult r = PlanningContext.Create(model, Clusters.Of(Presets.H100, 8), new TrainingSettings { SequenceLength = 1024, GlobalBatchSize = 8 })
            .Evaluate(Clusters.Layout(1, 2, 4, vp: 2, zero: 1));

        Assert.True(r.IsValid);
        Assert.True(r.Memory.Activations > 0 && r.Memory.Other > 0);
    }

    [Fact]
    public void Zero3WithFp8ParamGather_GathersTheQuantisedCopiesOnly()
    {
        // Review finding: the row-wise FP8 copy was counted twice in ZeRO-3's gathered weights.
        var settings = new TrainingSettings { Precision = ComputePrecision.Fp8, Fp8ParamGather = true, Reshard = ReshardPolicy.Never };
        var ctx = PlanningContext.Create(Presets.Llama8B, Clusters.Of(Presets.H100, 8), settings);
        ParallelLayout layout = Clusters.Layout(1, 2, 4, zero: 3, recompute: RecomputeMode.Full);
        var frame = new LayoutFrame(ctx.Costing, layout);
        ModelStateMemory.Compute(ctx.Costing, layout, frame.LastDense, frame.LastExperts, frame.Factors, out double weights, out _, out _);

        double whole = frame.LastDense;
        Assert.Equal((whole / 4 * 1) + (whole * 2), weights, 1e-6 * weights);
    }

    [Fact]
    public void LowPrecision_KeepsQuantisedCopiesOfTheExpertsInputs()
    {
        // Review finding: routed experts kept 2-byte inputs in FP8.
        ParallelLayout layout = Clusters.Layout(1, 1, 8, ep: 8);
        var bf16 = PlanningContext.Create(Presets.Mixtral8x7B, Clusters.Of(Presets.H100, 8), s_base with { SequenceLength = 4096 });
        var fp8 = PlanningContext.Create(Presets.Mixtral8x7B, Clusters.Of(Presets.H100, 8), s_base with { SequenceLength = 4096, Precision = ComputePrecision.Fp8 });

        double saved = ActivationMemory.Layer(bf16.Costing, layout, true, RecomputeMode.None) - ActivationMemory.Layer(fp8.Costing, layout, true, RecomputeMode.None);
        double sb = 4096;

        // Attention's QKV and projection inputs (2 x h) and each routed copy's expert and down-projection inputs (h + f).
        Assert.Equal((2 * sb * 4096) + (sb * 2 * (4096 + 14336)), saved, 1e-6 * saved);
    }
}
