using System.Text;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Export;

/// <summary>
/// Megatron-LM arguments (megatron/training/arguments.py; docs/export.md names the commit read). Data parallelism is
/// not an argument: Megatron derives it from the world size, which the header comment states.
/// </summary>
internal static class MegatronArguments
{
    public static ExportFragment Write(in ExportPlan plan)
    {
        ParallelLayout l = plan.Layout;
        TrainingSettings s = plan.Settings;
        var args = new List<string>();
        var notes = new List<string>();
        if (plan.ScheduleNote(ExportFramework.Megatron) is string scheduleNote)
        {
            notes.Add(scheduleNote);
        }

        if (plan.Model.IsHybrid)
        {
            notes.Add("a hybrid Mamba-Transformer model trains with Megatron-LM's pretrain_mamba.py: give it the model's --hybrid-override-pattern and its Mamba sizes (--mamba-num-heads, --mamba-head-dim, --mamba-state-dim, --mamba-num-groups); these arguments set the layout");
        }

        void Add(string flag, string? value = null) => args.Add(value is null ? flag : flag + " " + value);

        UnevenSplit(plan, notes);
        Connections(plan, notes);
        Add("--tensor-model-parallel-size", ExportPlan.I(l.Tp));
        Add("--pipeline-model-parallel-size", ExportPlan.I(l.Pp));
        if (l.Vp > 1)
        {
            if (plan.LayersPerVirtualStage > 0)
            {
                Add("--num-layers-per-virtual-pipeline-stage", ExportPlan.I(plan.LayersPerVirtualStage));
            }
            else
            {
                Add("--num-virtual-stages-per-pipeline-rank", ExportPlan.I(l.Vp));
            }
        }

        Add("--context-parallel-size", ExportPlan.I(l.Cp));
        if (plan.Model.IsMoe)
        {
            Add("--expert-model-parallel-size", ExportPlan.I(l.Ep));
            Add("--expert-tensor-parallel-size", ExportPlan.I(l.Etp));
        }

        if (l.SequenceParallel)
        {
            Add("--sequence-parallel");
        }

        Add("--micro-batch-size", ExportPlan.I(l.MicroBatch));
        Add("--global-batch-size", ExportPlan.I(s.GlobalBatchSize));
        Add("--seq-length", ExportPlan.I(s.SequenceLength));
        Recompute(l, s, Add);
        Sharding(l, s, Add, notes);
        Precision(s, Add, notes);
        Pipeline(s, Add);
        Experts(plan, Add, notes);
        Runtime(plan, Add, notes);
        var text = new StringBuilder();
        text.Append("# Megatron-LM arguments for ").Append(plan.Title).Append('\n');
        text.Append("# launch on ").Append(ExportPlan.I(l.Gpus)).Append(" GPUs: the data-parallel size (").Append(ExportPlan.I(l.Dp))
            .Append(") follows from the world size / (TP x PP x CP)\n");
        foreach (string note in notes)
        {
            text.Append("# note: ").Append(ExportPlan.Comment(note)).Append('\n');
        }

        for (int i = 0; i < args.Count; i++)
        {
            text.Append(args[i]).Append(i < args.Count - 1 ? " \\\n" : "\n");
        }

        return new ExportFragment(ExportFramework.Megatron, text.ToString(), notes);
    }

    // Overlaps, CUDA graphs, offload, MTP, the attention backend and rank order, and what is not an argument.
    private static void Runtime(in ExportPlan plan, Action<string, string?> add, List<string> notes)
    {
        ParallelLayout l = plan.Layout;
        TrainingSettings s = plan.Settings;
        // The time model hides part of the data-parallel traffic behind the backward pass (docs/model.md section 6),
        // which these two arguments turn on.
        add("--overlap-grad-reduce", null);
        if (l.Zero >= 1)
        {
            add("--overlap-param-gather", null);
        }

        // arguments.py: "Tensor parallel communication/GEMM overlap can happen only when sequence parallelism is enabled".
        if (s.OverlapCommunication && l.SequenceParallel)
        {
            add("--tp-comm-overlap", null);
        }
        else if (s.OverlapCommunication && l.Tp > 1)
        {
            notes.Add("TP communication overlap is left out: Megatron-LM runs --tp-comm-overlap only with --sequence-parallel");
        }

        // Partial graphs: Transformer Engine captures the attention (and, for MoE, the router and preprocessing);
        // full: one graph per iteration. arguments.py refuses graphs with full recomputation.
        if (s.CudaGraphs != CudaGraphScope.None && l.Recompute == RecomputeMode.Full)
        {
            notes.Add("CUDA graphs are left out: Megatron-LM refuses them with full recomputation (recompute_granularity must not be full)");
        }
        else if (s.CudaGraphs == CudaGraphScope.Partial)
        {
            add("--cuda-graph-impl", "transformer_engine");
            add("--cuda-graph-modules", plan.Model.IsMoe ? "attn moe_router moe_preprocess" : "attn");
        }
        else if (s.CudaGraphs == CudaGraphScope.Full)
        {
            add("--cuda-graph-impl", "full_iteration");
        }

        // Megatron-Core turns cpu_offloading on when the layer count is above 0 (no --cpu-offloading flag).
        if (s.ActivationOffloadLayers > 0)
        {
            add("--cpu-offloading-num-layers", ExportPlan.I(s.ActivationOffloadLayers));
        }

        if (s.MtpLayers > 0)
        {
            add("--mtp-num-layers", ExportPlan.I(s.MtpLayers));
        }

        if (!s.FlashAttention)
        {
            add("--attention-backend", "unfused");
        }

        if (s.RankOrder == RankOrder.TpCpPpDp)
        {
            add("--use-tp-pp-dp-mapping", null);
        }

        if (s.Lora)
        {
            notes.Add("LoRA is not a Megatron-LM pre-training argument: use Megatron-Bridge's peft=lora");
        }

        if (s.ExpandableSegments && s.CudaGraphs != CudaGraphScope.None && l.Recompute != RecomputeMode.Full)
        {
            notes.Add("expandable segments are left off: Megatron-LM refuses PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True with CUDA graphs");
        }
        else if (s.ExpandableSegments)
        {
            notes.Add("expandable segments are an environment variable: export PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True");
        }
    }

    // megatron/training/arguments.py asserts CUDA_DEVICE_MAX_CONNECTIONS=1 before Blackwell with TP or CP, unless
    // Megatron-FSDP or the MoE all-to-all overlap is on (then it only warns: they want more connections).
    private static void Connections(in ExportPlan plan, List<string> notes)
    {
        ParallelLayout l = plan.Layout;
        if (plan.BeforeBlackwell && (l.Tp > 1 || l.Cp > 1) && l.Zero < 2 && !plan.OverlapsExpertCommunication)
        {
            notes.Add("export CUDA_DEVICE_MAX_CONNECTIONS=1 before launching: Megatron-LM asserts it with TP or CP on GPUs before Blackwell");
        }
    }

    // Megatron-Core asserts an even split unless the first/last stages are sized or the layout is given.
    private static void UnevenSplit(in ExportPlan plan, List<string> notes)
    {
        if (plan.UnevenWithoutFlags)
        {
            notes.Add($"{ExportPlan.I(plan.Model.Layers)} layers do not split evenly over {ExportPlan.I(plan.Layout.Pp * plan.Layout.Vp)} (virtual) stages: add --decoder-first-pipeline-num-layers/--decoder-last-pipeline-num-layers or --pipeline-model-parallel-layout; the plan costed the busiest stage at {ExportPlan.I(plan.MostLoadedLayers)} layers");
        }
    }

    private static void Recompute(in ParallelLayout l, in TrainingSettings s, Action<string, string?> add)
    {
        if (l.Recompute == RecomputeMode.Selective)
        {
            add("--recompute-granularity", "selective");
            add("--recompute-modules", Spelling.Of(s.SelectiveModules).Replace(',', ' '));
        }
        else if (l.Recompute == RecomputeMode.Full)
        {
            add("--recompute-granularity", "full");
            add("--recompute-method", s.FullRecomputeLayers > 0 ? "block" : "uniform");
            add("--recompute-num-layers", ExportPlan.I(s.FullRecomputeLayers > 0 ? s.FullRecomputeLayers : 1));
        }
    }

    // ZeRO-1 is the distributed optimizer; ZeRO-2/3 are Megatron-FSDP's sharding strategies.
    private static void Sharding(in ParallelLayout l, in TrainingSettings s, Action<string, string?> add, List<string> notes)
    {
        switch (l.Zero)
        {
            case 1:
                add("--use-distributed-optimizer", null);
                break;
            case 2 or 3:
                add("--use-megatron-fsdp", null);
                add("--data-parallel-sharding-strategy", l.Zero == 2 ? "optim_grads" : "optim_grads_params");
                // megatron/training/arguments.py asserts Megatron-FSDP's checkpoint format with --use-megatron-fsdp.
                add("--ckpt-format", "fsdp_dtensor");
                break;
        }

        if (s.ShardGroupSize > 0 && l.Zero >= 1)
        {
            int instances = Math.Max(1, l.Dp * l.Cp / s.ShardGroupSize);
            add("--num-distributed-optimizer-instances", ExportPlan.I(instances));
        }

        if (s.Reshard != ReshardPolicy.Default)
        {
            notes.Add($"the re-shard policy '{Spelling.Of(s.Reshard)}' is FSDP2's reshard_after_forward; Megatron-FSDP has no such argument");
        }

        // arguments.py: the optimizer's CPU offload runs on the precision-aware optimizer's code path.
        if (s.OptimizerOffloadFraction > 0)
        {
            add("--optimizer-cpu-offload", null);
            add("--optimizer-offload-fraction", ExportPlan.D(s.OptimizerOffloadFraction));
            if (s.Optimizer != OptimizerKind.AdamBf16Moments)
            {
                add("--use-precision-aware-optimizer", null);
            }
        }
    }

    private static void Precision(in TrainingSettings s, Action<string, string?> add, List<string> notes)
    {
        add("--bf16", null);
        switch (s.Precision)
        {
            case ComputePrecision.Fp8:
                add("--fp8-format", "hybrid");
                add("--fp8-recipe", "delayed");
                break;
            case ComputePrecision.Fp8Current:
                add("--fp8-format", "hybrid");
                add("--fp8-recipe", "tensorwise");
                break;
            case ComputePrecision.Fp8Blockwise:
                add("--fp8-format", "e4m3");
                add("--fp8-recipe", "blockwise");
                break;
            case ComputePrecision.Mxfp8:
                add("--fp8-format", "e4m3");
                add("--fp8-recipe", "mxfp8");
                break;
            case ComputePrecision.Nvfp4:
                add("--fp4-format", "e2m1");
                add("--fp4-recipe", "nvfp4");
                break;
        }

        // arguments.py: with the optimizer's CPU offload, --fp8-param-gather needs the delayed recipe.
        if (s.Fp8ParamGather && s.OptimizerOffloadFraction > 0 && s.Precision != ComputePrecision.Fp8)
        {
            notes.Add("--fp8-param-gather is left out: Megatron-LM runs it with --optimizer-cpu-offload only under --fp8-recipe delayed");
        }
        else if (s.Fp8ParamGather)
        {
            add("--fp8-param-gather", null);
        }

        if (s.ActivationFuncFp8InputStore)
        {
            // arguments.py at d98e8a6 lists activation_func_fp8_input_store among the TransformerConfig fields with no argument.
            notes.Add("the SwiGLU input kept in FP8 has no Megatron-LM argument: set activation_func_fp8_input_store=True on the TransformerConfig (core_transformer_config_from_args) or use Megatron-Bridge's model.activation_func_fp8_input_store");
        }

        if (s.ReducesGradientsIn16Bits)
        {
            add("--grad-reduce-in-bf16", null);
        }

        // TransformerConfig's first_last_layers_bf16 and its two counts (argument names from its fields through
        // arguments.py's ArgumentGroupFactory); both counts default to 1 once the switch is on, so both are written.
        if (s.KeepsBf16EndLayers)
        {
            add("--first-last-layers-bf16", null);
            add("--num-layers-at-start-in-bf16", ExportPlan.I(s.Bf16FirstLayers));
            add("--num-layers-at-end-in-bf16", ExportPlan.I(s.Bf16LastLayers));
        }

        switch (s.Optimizer)
        {
            case OptimizerKind.AdamBf16Moments:
                add("--use-precision-aware-optimizer", null);
                add("--exp-avg-dtype", "bf16");
                add("--exp-avg-sq-dtype", "bf16");
                break;
            case OptimizerKind.SgdMomentum:
                add("--optimizer", "sgd");
                break;
            case OptimizerKind.Adam8Bit:
                notes.Add("8-bit Adam (bitsandbytes) is not a Megatron-LM optimizer");
                break;
        }
    }

    private static void Pipeline(in TrainingSettings s, Action<string, string?> add)
    {
        if (s.FirstStageLayers > 0)
        {
            add("--decoder-first-pipeline-num-layers", ExportPlan.I(s.FirstStageLayers));
        }

        if (s.LastStageLayers > 0)
        {
            add("--decoder-last-pipeline-num-layers", ExportPlan.I(s.LastStageLayers));
        }

        if (s.EmbeddingInPipelineSplit)
        {
            add("--account-for-embedding-in-pipeline-split", null);
        }

        if (s.LossInPipelineSplit)
        {
            add("--account-for-loss-in-pipeline-split", null);
        }
    }

    private static void Experts(in ExportPlan plan, Action<string, string?> add, List<string> notes)
    {
        TrainingSettings s = plan.Settings;
        if (!plan.Model.IsMoe)
        {
            return;
        }

        switch (s.Dispatcher)
        {
            case MoeDispatcher.DeepEp:
                add("--moe-token-dispatcher-type", "flex");
                add("--moe-flex-dispatcher-backend", "deepep");
                break;
            case MoeDispatcher.HybridEp:
                add("--moe-token-dispatcher-type", "flex");
                add("--moe-flex-dispatcher-backend", "hybridep");
                break;
            default:
                add("--moe-token-dispatcher-type", "alltoall");
                break;
        }

        if (plan.OverlapsExpertCommunication)
        {
            add("--overlap-moe-expert-parallel-comm", null);
        }
        else if (s.OverlapExpertCommunication)
        {
            notes.Add(ExportPlan.OverlapLeftOutNote);
        }

        if (s.DropAndPad)
        {
            add("--moe-expert-capacity-factor", ExportPlan.D(s.ExpertCapacityFactor));
            add("--moe-pad-expert-input-to-capacity", null);
        }
        else if (s.ExpertCapacityFactor != 1.0)
        {
            notes.Add($"the expert load factor {ExportPlan.D(s.ExpertCapacityFactor)} is the plan's assumption about routing imbalance; --moe-expert-capacity-factor would drop tokens, so it is not set");
        }

    }
}
