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
    [InlineData(ExportFramework.Torchtitan)]
    [InlineData(ExportFramework.DeepSpeed)]
    public void ExportThenImport_GivesBackTheSameLayoutAndSettings(ExportFramework framework)
    {
        int compared = 0;
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
            else if (framework == ExportFramework.Torchtitan)
            {
                // What a torchtitan job config cannot say (the export notes each): Megatron-Core's MoE runtime,
                // offloads, MTP, bf16 reduction, FP8 delayed scaling, NVFP4, optimizers other than AdamW, the rank order
                // and the attention backend; its selective recomputation is op-level, not modules. TP overlap is its
                // async TP.
                settings = new TrainingSettings
                {
                    Dispatcher = settings.Dispatcher == MoeDispatcher.DeepEp ? MoeDispatcher.DeepEp : MoeDispatcher.AllToAll,
                    SequenceLength = settings.SequenceLength,
                    GlobalBatchSize = settings.GlobalBatchSize,
                    Precision = settings.Precision is ComputePrecision.Fp8Current or ComputePrecision.Fp8Blockwise or ComputePrecision.Mxfp8 ? settings.Precision : ComputePrecision.Bf16,
                    Fp8ParamGather = settings.Fp8ParamGather && settings.Precision is ComputePrecision.Fp8Current or ComputePrecision.Fp8Blockwise,
                    Reshard = settings.Reshard,
                    OverlapCommunication = settings.OverlapCommunication,
                    Framework = ExportFramework.Torchtitan,
                };
            }

            else if (framework == ExportFramework.DeepSpeed)
            {
                // A DeepSpeed config holds the batch, ZeRO, offload and the gradient reduction's type; the rest lives in
                // the model code and the script (the export notes it).
                settings = new TrainingSettings
                {
                    SequenceLength = settings.SequenceLength,
                    GlobalBatchSize = settings.GlobalBatchSize,
                    Gradients = settings.Gradients,
                    OptimizerOffloadFraction = settings.OptimizerOffloadFraction,
                    Framework = ExportFramework.DeepSpeed,
                };
            }

            var ctx = PlanningContext.Create(model, cluster, settings);
            TrainingSettings baseline = new() { Framework = settings.Framework, SequenceLength = settings.SequenceLength };
            var layouts = new List<ParallelLayout>();
            SearchSpace space = framework == ExportFramework.DeepSpeed
                ? new SearchSpace { MicroBatch = ValueSet.Of(1, 2), RecomputeModes = RecomputeModes.Off | RecomputeModes.Full, Etp = ValueSet.Of(1) }
                : new SearchSpace { MicroBatch = ValueSet.Of(1, 2) };
            StrategyEnumerator walk = ctx.Enumerate(space);
            while (walk.MoveNext() && layouts.Count < 4000)
            {
                layouts.Add(walk.Current);
            }

            ParallelLayout layout = layouts[pick % layouts.Count];
            if ((framework == ExportFramework.Torchtitan && !TitanExpresses(layout, settings, model.Spec))
                || (framework == ExportFramework.DeepSpeed && !DeepSpeedExpresses(layout, settings)))
            {
                return;
            }

            TrainingSettings expected = settings with
            {
                // What a Megatron-LM launch cannot carry: the overlap where Megatron-Core would refuse it (left out with a note).
                OverlapExpertCommunication = settings.OverlapExpertCommunication && ctx.OverlapsExpertCommunication(layout),
                // What the layout does not use: the modules of a selective layout, the layers of a full one.
                SelectiveModules = layout.Recompute == RecomputeMode.Selective ? settings.SelectiveModules : RecomputeModules.CoreAttention,
                FullRecomputeLayers = layout.Recompute == RecomputeMode.Full ? settings.FullRecomputeLayers : 0,
            };
            if (framework == ExportFramework.Megatron)
            {
                // What Megatron-LM's argument checks refuse, left out with a note: TP overlap without SP, CUDA graphs with
                // full recomputation, FP8 parameter gather with the optimizer's CPU offload under a recipe other than delayed.
                expected = expected with
                {
                    OverlapCommunication = settings.OverlapCommunication && layout.SequenceParallel,
                    CudaGraphs = layout.Recompute == RecomputeMode.Full ? CudaGraphScope.None : settings.CudaGraphs,
                    Fp8ParamGather = settings.Fp8ParamGather && !(settings.OptimizerOffloadFraction > 0 && settings.Precision != ComputePrecision.Fp8),
                    // A TransformerConfig field without a Megatron-LM argument (noted).
                    ActivationFuncFp8InputStore = false,
                };
            }
            else if (framework == ExportFramework.Torchtitan)
            {
                // Async TP needs TP, and torch.compile, which the V schedules' stages refuse (noted).
                expected = expected with
                {
                    OverlapCommunication = settings.OverlapCommunication && layout.Tp > 1
                        && !(layout.Pp > 1 && layout.Schedule is PipelineSchedule.ZeroBubbleV or PipelineSchedule.DualPipeV),
                };
            }

            string script = FrameworkExport.Write(framework, ctx, layout).Text;

            LaunchRun run = framework switch
            {
                ExportFramework.Megatron => MegatronLaunch.Read(script, model.Spec, baseline),
                ExportFramework.MegatronBridge => MegatronBridgeLaunch.Read(script, model.Spec, baseline),
                ExportFramework.Torchtitan => TorchtitanLaunch.Read(script, model.Spec, baseline),
                _ => DeepSpeedLaunch.Read(script, model.Spec, baseline, layout.Tp, layout.Pp, layout.Ep),
            };

            Assert.Equal(layout, run.On(cluster.Spec.GpuCount));
            Assert.Equal(expected, run.Settings);
            Assert.Empty(run.NotModelled);
            Interlocked.Increment(ref compared);
        }, iter: 300);

        // About half the random cases are ones the framework expresses whole (DeepSpeed's share sits near 50%: a floor of
        // 150 failed at 149 by chance); 120 keeps the check three and a half standard deviations from it.
        Assert.True(compared >= 120, $"only {compared} of 300 cases compared");
    }

    // Layouts a torchtitan job config carries whole: the plan keeps only what torchtitan runs (Framework), and a TOML
    // names the stages of an interleaved pipeline only when they split the layers evenly; ZeRO-3 that never
    // re-shards reads back as the ZeRO-2 --emit writes it as; ZeRO-0 with CP is sharded by torchtitan (noted); and
    // ZeRO over a single data-parallel rank shards nothing, so it reads back as ZeRO-0.
    private static bool TitanExpresses(in ParallelLayout l, in TrainingSettings s, in ModelSpec m) =>
        (l.Vp == 1 || m.Layers % (l.Pp * l.Vp) == 0) && !(l.Zero == 3 && s.Reshard == ReshardPolicy.Never) && !(l.Zero == 0 && l.Cp > 1)
        && !(l.Zero > 0 && l.Dp * l.Cp == 1)
        && (s.Dispatcher != MoeDispatcher.DeepEp || (l.Ep > 1 && l.Etp == 1));

    // Layouts a DeepSpeed config and its script carry whole: checkpointing is all-or-nothing in the config (read as full
    // recomputation), SP goes with TP, a partial offload ratio only with ZeRO-3, ZeRO over one rank shards nothing, and
    // DeepSpeed-MoE's experts are not split by TP unless the model code asks (enable_expert_tensor_parallelism).
    private static bool DeepSpeedExpresses(in ParallelLayout l, in TrainingSettings s) =>
        l.Etp == 1 && l.Recompute != RecomputeMode.Selective && l.SequenceParallel == (l.Tp > 1) && (s.OptimizerOffloadFraction is 0 or 1 || l.Zero == 3)
        && !(l.Zero > 0 && l.Dp * l.Cp == 1);

    [Fact]
    public void Torchtitan_AJobConfigAsUsersWriteIt_IsReadWithWhatItDoesNotModelNamed()
    {
        const string toml = """
            [job]
            dump_folder = "./outputs"
            description = "Llama 3 70B training"

            [model]
            name = "llama3"
            flavor = "70B"
            converters = ["quantize.linear.float8"]  # float8 training

            [training]
            local_batch_size = 8
            seq_len = 8192
            steps = 1000

            [parallelism]
            data_parallel_replicate_degree = 1
            data_parallel_shard_degree = -1
            tensor_parallel_degree = 8
            pipeline_parallel_degree = 1

            [activation_checkpoint]
            mode = "full"

            [quantize.linear.float8]
            recipe_name = "tensorwise"
            enable_fsdp_float8_all_gather = true
            """;

        LaunchRun run = TorchtitanLaunch.Read(toml, Presets.Llama70B.Spec, new TrainingSettings());

        Assert.Equal(Clusters.Layout(8, 1, 8, mbs: 8, zero: 3, recompute: RecomputeMode.Full, sp: true), run.On(64));
        Assert.Equal(ComputePrecision.Fp8Current, run.Settings.Precision);
        Assert.True(run.Settings.Fp8ParamGather);
        Assert.Equal(8192, run.Settings.SequenceLength);
        Assert.Equal(["job.description", "job.dump_folder", "training.steps"], run.NotModelled);
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

    // Megatron-LM d98e8a6 has no argument for activation_func_fp8_input_store (a TransformerConfig field there): a fork's
    // script flag is read, and without one the baseline's setting (the CLI's flag beside --run) stands.
    [Fact]
    public void Megatron_TheSwigluFp8Store_IsReadFromAForksFlag_OrKeptFromTheBaseline()
    {
        const string script = "pretrain_gpt.py --tensor-model-parallel-size 8 --seq-length 4096 --global-batch-size 512";
        Assert.True(MegatronLaunch.Read(script + " --activation-func-fp8-input-store", Presets.Llama70B.Spec, new TrainingSettings()).Settings.ActivationFuncFp8InputStore);
        Assert.True(MegatronLaunch.Read(script, Presets.Llama70B.Spec, new TrainingSettings { ActivationFuncFp8InputStore = true }).Settings.ActivationFuncFp8InputStore);
        Assert.False(MegatronLaunch.Read(script, Presets.Llama70B.Spec, new TrainingSettings()).Settings.ActivationFuncFp8InputStore);
        Assert.True(MegatronBridgeLaunch.Read("model.tensor_model_parallel_size=8 model.activation_func_fp8_input_store=true", Presets.Llama70B.Spec, new TrainingSettings()).Settings.ActivationFuncFp8InputStore);
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

    [Fact]
    public void AnyText_IsReadOrRefusedWithItsField_NeverACrash()
    {
        // Hostile launch files: fragments of real ones shuffled with junk, zeros, huge numbers and stray syntax.
        string[] pieces =
        [
            "--pipeline-model-parallel-size", "--num-layers-per-virtual-pipeline-stage", "--tensor-model-parallel-size", "0", "-1",
            "2147483647", "99999999999", "NaN", "1e309", "--fp8-recipe", "--recompute-modules", "=", "\\\n", "\"", "'", "#", "[", "]",
            "[parallelism]", "pipeline_parallel_degree = 0", "pipeline_parallel_layers_per_stage = 2147483647",
            "pipeline_parallel_first_stage_less_layers = 2147483647", "pipeline_parallel_schedule = \"Interleaved1F1B\"",
            "model.virtual_pipeline_model_parallel_size=0", "mixed_precision=fp7", "model.sequence_parallel=maybe", "\n", " ", "\u0000",
            "[quantize.linear.float8]", "recipe_name = [", "{", "a.b=c",
        ];
        Gen.Int[0, pieces.Length - 1].Array[0, 24].Select(ix => string.Join(' ', ix.Select(i => pieces[i]))).Sample(text =>
        {
            try
            {
                LaunchRun run = LaunchFile.Read(text, Presets.Llama70B.Spec, new TrainingSettings());
                _ = run.On(64);
            }
            catch (PlanInputException ex)
            {
                Assert.Equal(InputField.Config, ex.Input);
            }
        }, iter: 3000);
    }

    [Fact]
    public void Megatron_APythonFileAsAnArgumentsValue_KeepsTheArgumentsBeforeIt()
    {
        // Only the launcher's flags end at the script's name: a training argument's ".py" value does not reset them.
        LaunchRun run = MegatronLaunch.Read("torchrun --nnodes 2 pretrain_gpt.py --tensor-model-parallel-size 4 --tokenizer-model /opt/tok.py --pipeline-model-parallel-size 2", Presets.Llama70B.Spec, new TrainingSettings());

        Assert.Equal(4, run.Layout.Tp);
        Assert.Equal(2, run.Layout.Pp);
        Assert.Equal(["--tokenizer-model"], run.NotModelled);
    }

    [Theory]
    [InlineData("{\"train_batch_size\": 512, \"communication_data_type\": \"\\ud800\"}")]
    [InlineData("{\"zero_optimization\": {\"stage\": 3, \"offload_optimizer\": {\"device\": \"\\udfff\"}}}")]
    public void DeepSpeed_ALoneSurrogateEscape_IsRefusedWithItsPlace(string json)
    {
        PlanInputException ex = Assert.Throws<PlanInputException>(() => DeepSpeedLaunch.Read(json, Presets.Llama70B.Spec, new TrainingSettings(), 8, 1));

        Assert.Equal(InputField.Config, ex.Input);
        Assert.Contains("unpaired surrogate", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--attention-backend flash", true)]
    [InlineData("--attention-backend fused", true)]
    [InlineData("--attention-backend unfused", false)]
    [InlineData("--attention-backend local", false)]
    public void Megatron_AttentionBackend_StoresTheScoresOnlyUnfused(string arguments, bool flash) =>
        Assert.Equal(flash, MegatronLaunch.Read(arguments, Presets.Llama70B.Spec, new TrainingSettings()).Settings.FlashAttention);

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

    [Fact]
    public void Torchtitan_AsyncTp_IsTheTpOverlap_AndNeedsTorchCompile()
    {
        const string Toml = """
            [parallelism]
            tensor_parallel_degree = 8
            data_parallel_shard_degree = 8
            enable_async_tensor_parallel = true
            """;
        // torchtitan/distributed/tensor_parallel.py, maybe_enable_async_tp refuses it without torch.compile of the model.
        PlanInputException ex = Assert.Throws<PlanInputException>(() => TorchtitanLaunch.Read(Toml, Presets.Llama70B.Spec, new TrainingSettings()));
        Assert.Contains("parallelism.enable_async_tensor_parallel", ex.Message, StringComparison.Ordinal);
        Assert.Throws<PlanInputException>(() => TorchtitanLaunch.Read(Toml + "\n[compile]\nenable = true\ncomponents = [\"loss\"]\n", Presets.Llama70B.Spec, new TrainingSettings()));

        LaunchRun run = TorchtitanLaunch.Read(Toml + "\n[compile]\nenable = true\n", Presets.Llama70B.Spec, new TrainingSettings());
        Assert.True(run.Settings.OverlapCommunication);
        Assert.Empty(run.NotModelled);
    }

    // Settings a Megatron-LM launch expresses, drawn at random.
    private static readonly Gen<TrainingSettings> Settings =
        from seq in Gen.OneOf(2048, 4096, 8192)
        from gbs in Gen.OneOf(256, 512, 1024)
        from precision in Gen.Int[0, 5]
        from bf16Grads in Gen.Bool
        from paramGather in Gen.Bool
        from activationFp8 in Gen.Bool
        from optimizer in Gen.OneOf(OptimizerKind.Adam, OptimizerKind.AdamBf16Moments, OptimizerKind.SgdMomentum)
        from modules in Gen.Int[1, (int)RecomputeModules.All]
        from fullLayers in Gen.OneOf(0, 0, 2)
        from offload in Gen.OneOf(0, 0, 1)
        from mtp in Gen.OneOf(0, 0, 1)
        from bf16First in Gen.OneOf(0, 0, 1)
        from bf16Last in Gen.OneOf(0, 0, 2)
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
            ActivationFuncFp8InputStore = activationFp8,
            Optimizer = optimizer,
            SelectiveModules = (RecomputeModules)modules,
            FullRecomputeLayers = fullLayers,
            ActivationOffloadLayers = offload,
            MtpLayers = mtp,
            Bf16FirstLayers = bf16First,
            Bf16LastLayers = bf16Last,
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
            Bf16FirstLayers = precision == ComputePrecision.Bf16 ? 0 : s.Bf16FirstLayers,
            Bf16LastLayers = precision == ComputePrecision.Bf16 ? 0 : s.Bf16LastLayers,
        };
        return model.IsMoe ? s : s with { Dispatcher = MoeDispatcher.AllToAll, OverlapExpertCommunication = false, DropAndPad = false, ExpertCapacityFactor = 1 };
    }
}
