using CsCheck;
using PresetPlanner.Import.Launch;

namespace PresetPlanner.Core.Tests;

/// <summary>
/// Importing what users run (issue 33 item 3): a Megatron-LM launch read back into its layout and settings, and
/// exporting then importing gives back the same run.
/// </summary>
public class LaunchRoundTripTests
{
    private static readonly (ModelPreset Model, ClusterPreset Cluster)[] s_cases =
    [
        (Presets.Llama70B, Presets.H100x64),
        (Presets.Qwen3_30BA3B, Presets.Clusters.B200x64.Preset),
        (Presets.Models.DeepSeekV3.Preset, Presets.H100x1024),
        (Presets.Llama8B, Presets.Clusters.GB200Nvl72x64Gpus.Preset),
    ];

    [Theory]
    [InlineData(ExportFramework.Megatron)]
    [InlineData(ExportFramework.MegatronBridge)]
    public void ExportThenImport_GivesBackTheSameLayoutAndSettings(ExportFramework framework)
    {
        Gen.Select(Gen.Int[0, s_cases.Length - 1], Gen.Int[0, int.MaxValue], Settings).Sample((which, pick, drawn) =>
        {
            (ModelPreset model, ClusterPreset cluster) = s_cases[which];
            TrainingSettings settings = Fit(drawn, model.Spec, cluster.Spec.Gpu);
            if (framework == ExportFramework.MegatronBridge)
            {
                // What Megatron-Bridge overrides cannot say (the export notes each): bf16 moments (a torch.dtype field),
                // SGD, the tp-cp-pp-dp rank order; and the attention backend, which its recipes leave to Transformer Engine.
                settings = settings with { Optimizer = OptimizerKind.Adam, RankOrder = RankOrder.TpCpDpPp, FlashAttention = true };
            }

            var ctx = PlanningContext.Create(model, cluster, settings);
            var layouts = new List<ParallelLayout>();
            StrategyEnumerator walk = ctx.Enumerate(new SearchSpace { MicroBatch = ValueSet.Of(1, 2) });
            while (walk.MoveNext() && layouts.Count < 4000)
            {
                layouts.Add(walk.Current);
            }

            ParallelLayout layout = layouts[pick % layouts.Count];
            TrainingSettings expected = settings with
            {
                // What a Megatron-LM launch cannot carry: the overlap where Megatron-Core would refuse it (left out with a note).
                OverlapExpertCommunication = settings.OverlapExpertCommunication && ctx.OverlapsExpertCommunication(layout),
                // What the layout does not use: the modules of a selective layout, the layers of a full one.
                SelectiveModules = layout.Recompute == RecomputeMode.Selective ? settings.SelectiveModules : RecomputeModules.CoreAttention,
                FullRecomputeLayers = layout.Recompute == RecomputeMode.Full ? settings.FullRecomputeLayers : 0,
            };
            string script = FrameworkExport.Write(framework, ctx, layout).Text;

            LaunchRun run = framework == ExportFramework.Megatron
                ? MegatronLaunch.Read(script, model.Spec, new TrainingSettings())
                : MegatronBridgeLaunch.Read(script, model.Spec, new TrainingSettings());

            Assert.Equal(layout, run.On(cluster.Spec.GpuCount));
            Assert.Equal(expected, run.Settings);
            Assert.Empty(run.NotModelled);
        }, iter: 300);
    }

    [Fact]
    public void Megatron_AScriptAsUsersWriteIt_IsReadWithWhatItDoesNotModelNamed()
    {
        const string script = """
            #!/bin/bash
            # Llama 3 70B on 8 nodes
            torchrun --nproc_per_node 8 --nnodes 8 pretrain_gpt.py \
                --num-layers 80 --hidden-size 8192 --num-attention-heads 64 \
                --tensor-model-parallel-size 8 --pipeline-model-parallel-size 4 \
                --num-layers-per-virtual-pipeline-stage 5 \
                --sequence-parallel --use-distributed-optimizer --overlap-grad-reduce \
                --micro-batch-size 1 --global-batch-size 1024 --seq-length 8192 \
                --recompute-granularity selective --recompute-modules core_attn mlp \
                --bf16 --fp8-format hybrid --fp8-recipe tensorwise \
                --lr 3e-4 --data-path "/data/my corpus" # the data
            """;

        LaunchRun run = MegatronLaunch.Read(script, Presets.Llama70B.Spec, new TrainingSettings());

        Assert.Equal(Clusters.Layout(8, 4, 2, vp: 4, zero: 1, recompute: RecomputeMode.Selective, sp: true), run.On(64));
        Assert.Equal(8192, run.Settings.SequenceLength);
        Assert.Equal(1024, run.Settings.GlobalBatchSize);
        Assert.Equal(ComputePrecision.Fp8Current, run.Settings.Precision);
        Assert.Equal(RecomputeModules.CoreAttention | RecomputeModules.Mlp, run.Settings.SelectiveModules);
        Assert.Equal(["--data-path", "--lr"], run.NotModelled);
    }

    [Fact]
    public void MegatronBridge_OverridesOnACommandLine_AreReadWithUnknownKeysNamed()
    {
        const string command = "python scripts/performance/run.py --recipe llama3_70b model.tensor_model_parallel_size=4 "
            + "model.pipeline_model_parallel_size=4 model.virtual_pipeline_model_parallel_size=5 model.sequence_parallel=true "
            + "train.micro_batch_size=1 train.global_batch_size=128 mixed_precision=bf16_with_fp8_current_scaling_mixed "
            + "ddp.use_distributed_optimizer=true model.recompute_granularity=null train.train_iters=50";

        LaunchRun run = MegatronBridgeLaunch.Read(command, Presets.Llama70B.Spec, new TrainingSettings());

        Assert.Equal(Clusters.Layout(4, 4, 4, vp: 5, zero: 1, sp: true), run.On(64));
        Assert.Equal(ComputePrecision.Fp8Current, run.Settings.Precision);
        Assert.Equal(128, run.Settings.GlobalBatchSize);
        Assert.Equal(["train.train_iters"], run.NotModelled);
    }

    [Theory]
    [InlineData("--tensor-model-parallel-size eight", "--tensor-model-parallel-size 'eight' is not a whole number")]
    [InlineData("--fp8-recipe fp7", "--fp8-recipe 'fp7' is not delayed, tensorwise, blockwise or mxfp8")]
    [InlineData("--recompute-granularity some", "--recompute-granularity 'some' is not selective or full")]
    [InlineData("--num-layers-per-virtual-pipeline-stage 3 --pipeline-model-parallel-size 4", "--num-layers-per-virtual-pipeline-stage '3' does not split the model's 80 layers over PP 4")]
    public void Megatron_BadValue_NamesTheFlag(string arguments, string expected)
    {
        PlanInputException ex = Assert.Throws<PlanInputException>(() => MegatronLaunch.Read(arguments, Presets.Llama70B.Spec, new TrainingSettings()));

        Assert.Equal(InputField.Config, ex.Input);
        Assert.EndsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    // Settings a Megatron-LM launch expresses, drawn at random.
    private static readonly Gen<TrainingSettings> Settings =
        from seq in Gen.OneOf(2048, 4096, 8192)
        from gbs in Gen.OneOf(256, 512, 1024)
        from precision in Gen.Int[0, 5]
        from bf16Grads in Gen.Bool
        from paramGather in Gen.Bool
        from optimizer in Gen.OneOf(OptimizerKind.Adam, OptimizerKind.AdamBf16Moments, OptimizerKind.SgdMomentum)
        from modules in Gen.Int[1, (int)RecomputeModules.All]
        from fullLayers in Gen.OneOf(0, 0, 2)
        from offload in Gen.OneOf(0, 0, 1)
        from mtp in Gen.OneOf(0, 0, 1)
        from optimizerOffload in Gen.OneOf(0.0, 0.0, 0.25, 1.0)
        from tpOverlap in Gen.Bool
        from graphs in Gen.Enum<CudaGraphScope>()
        from dispatcher in Gen.Enum<MoeDispatcher>()
        from moeOverlap in Gen.Bool
        from dropAndPad in Gen.Bool
        from flash in Gen.Int[0, 5]
        from order in Gen.Enum<RankOrder>()
        select new TrainingSettings
        {
            SequenceLength = seq,
            GlobalBatchSize = gbs,
            Precision = (ComputePrecision)precision,
            Gradients = bf16Grads ? GradientPrecision.Bf16 : GradientPrecision.Fp32,
            Fp8ParamGather = paramGather,
            Optimizer = optimizer,
            SelectiveModules = (RecomputeModules)modules,
            FullRecomputeLayers = fullLayers,
            ActivationOffloadLayers = offload,
            MtpLayers = mtp,
            OptimizerOffloadFraction = optimizerOffload,
            OverlapCommunication = tpOverlap,
            CudaGraphs = graphs,
            Dispatcher = dispatcher,
            OverlapExpertCommunication = moeOverlap,
            DropAndPad = dropAndPad,
            ExpertCapacityFactor = dropAndPad ? 1.25 : 1,
            FlashAttention = flash > 0,
            RankOrder = order,
        };

    // The drawn settings made valid for the model and GPU: low precision only where the GPU runs it, MoE settings only
    // on an MoE model.
    private static TrainingSettings Fit(TrainingSettings s, in ModelSpec model, in GpuSpec gpu)
    {
        bool blackwell = gpu.PeakFp4FlopsPerSecond > 0;
        ComputePrecision precision = s.Precision switch
        {
            ComputePrecision.Mxfp8 or ComputePrecision.Nvfp4 when !blackwell => ComputePrecision.Fp8Current,
            _ => s.Precision,
        };
        s = s with
        {
            Precision = precision,
            Fp8ParamGather = s.Fp8ParamGather && precision != ComputePrecision.Bf16,
        };
        return model.IsMoe ? s : s with { Dispatcher = MoeDispatcher.AllToAll, OverlapExpertCommunication = false, DropAndPad = false, ExpertCapacityFactor = 1 };
    }
}
