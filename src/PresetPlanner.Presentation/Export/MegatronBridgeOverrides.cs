using System.Text;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Export;

/// <summary>
/// Megatron-Bridge recipe overrides, one <c>section.field=value</c> per line as its recipe scripts take them on the
/// command line (the ConfigContainer sections model, train, ddp, optimizer, dataset and mixed_precision; docs/export.md
/// names the files and commit read). Model fields are Megatron-Core TransformerConfig's.
/// </summary>
internal static class MegatronBridgeOverrides
{
    public static ExportFragment Write(in ExportPlan plan)
    {
        var o = new Overrides();
        if (plan.ScheduleNote(ExportFramework.MegatronBridge) is string scheduleNote)
        {
            o.Note(scheduleNote);
        }

        Parallelism(plan, o);
        Batch(plan, o);
        Sharding(plan, o);
        Optimizer(plan.Settings, o);
        PipelineSplit(plan, o);
        Runtime(plan, o);
        return o.Fragment(plan.Title);
    }

    private static void Parallelism(in ExportPlan plan, Overrides o)
    {
        ParallelLayout l = plan.Layout;
        TrainingSettings s = plan.Settings;
        o.Set("model.tensor_model_parallel_size", ExportPlan.I(l.Tp));
        o.Set("model.pipeline_model_parallel_size", ExportPlan.I(l.Pp));
        o.Set("model.virtual_pipeline_model_parallel_size", l.Vp > 1 ? ExportPlan.I(l.Vp) : "null");
        o.Set("model.context_parallel_size", ExportPlan.I(l.Cp));
        if (!plan.Model.IsMoe)
        {
            return;
        }

        o.Set("model.expert_model_parallel_size", ExportPlan.I(l.Ep));
        o.Set("model.expert_tensor_parallel_size", ExportPlan.I(l.Etp));
        o.Set("model.moe_token_dispatcher_type", s.Dispatcher == MoeDispatcher.AllToAll ? "alltoall" : "flex");
        if (s.Dispatcher != MoeDispatcher.AllToAll)
        {
            o.Set("model.moe_flex_dispatcher_backend", s.Dispatcher == MoeDispatcher.DeepEp ? "deepep" : "hybridep");
        }

        if (plan.OverlapsExpertCommunication)
        {
            o.Set("comm_overlap.overlap_moe_expert_parallel_comm", "true");
        }
        else if (s.OverlapExpertCommunication)
        {
            o.Note(ExportPlan.OverlapLeftOutNote);
        }

        if (s.DropAndPad)
        {
            o.Set("model.moe_expert_capacity_factor", ExportPlan.D(s.ExpertCapacityFactor));
            o.Set("model.moe_pad_expert_input_to_capacity", "true");
        }
    }

    private static void Batch(in ExportPlan plan, Overrides o)
    {
        ParallelLayout l = plan.Layout;
        TrainingSettings s = plan.Settings;
        o.Set("model.sequence_parallel", B(l.SequenceParallel));
        o.Set("model.seq_length", ExportPlan.I(s.SequenceLength));
        o.Set("dataset.seq_length", ExportPlan.I(s.SequenceLength));
        o.Set("train.micro_batch_size", ExportPlan.I(l.MicroBatch));
        o.Set("train.global_batch_size", ExportPlan.I(s.GlobalBatchSize));
        switch (l.Recompute)
        {
            case RecomputeMode.Selective:
                o.Set("model.recompute_granularity", "selective");
                o.Set("model.recompute_modules", "[" + Spelling.Of(s.SelectiveModules) + "]");
                break;
            case RecomputeMode.Full:
                o.Set("model.recompute_granularity", "full");
                o.Set("model.recompute_method", s.FullRecomputeLayers > 0 ? "block" : "uniform");
                o.Set("model.recompute_num_layers", ExportPlan.I(s.FullRecomputeLayers > 0 ? s.FullRecomputeLayers : 1));
                break;
            default:
                o.Set("model.recompute_granularity", "null");
                break;
        }
    }

    // ZeRO-1 is the distributed optimizer; ZeRO-2/3 are Megatron-FSDP's sharding strategies; then the precisions.
    private static void Sharding(in ExportPlan plan, Overrides o)
    {
        ParallelLayout l = plan.Layout;
        TrainingSettings s = plan.Settings;
        o.Set("ddp.use_distributed_optimizer", B(l.Zero >= 1));
        o.Set("optimizer.use_distributed_optimizer", B(l.Zero >= 1));
        if (l.Zero >= 2)
        {
            o.Set("ddp.use_megatron_fsdp", "true");
            o.Set("ddp.data_parallel_sharding_strategy", l.Zero == 2 ? "optim_grads" : "optim_grads_params");
            // Megatron-Bridge asserts Megatron-FSDP's checkpoint format when it saves or loads a checkpoint.
            o.Set("checkpoint.ckpt_format", "fsdp_dtensor");
        }

        // The mixed-precision recipe sets ddp.grad_reduce_in_fp32 at setup, overwriting a ddp override: its own key decides.
        o.Set("mixed_precision", MixedPrecision(s.Precision));
        o.Set("mixed_precision.grad_reduce_in_fp32", B(!s.ReducesGradientsIn16Bits));
        if (s.Fp8ParamGather)
        {
            o.Set("mixed_precision.fp8_param_gather", "true");
        }

        if (s.ActivationFuncFp8InputStore)
        {
            o.Set("model.activation_func_fp8_input_store", "true");
        }

        // MixedPrecisionConfig's fields (mixed_precision.py), which it copies onto the model at setup.
        if (s.KeepsBf16EndLayers)
        {
            o.Set("mixed_precision.first_last_layers_bf16", "true");
            o.Set("mixed_precision.num_layers_at_start_in_bf16", ExportPlan.I(s.Bf16FirstLayers));
            o.Set("mixed_precision.num_layers_at_end_in_bf16", ExportPlan.I(s.Bf16LastLayers));
        }
    }

    private static void Optimizer(in TrainingSettings s, Overrides o)
    {
        if (s.Optimizer == OptimizerKind.AdamBf16Moments)
        {
            o.Set("optimizer.use_precision_aware_optimizer", "true");
            o.Note("bf16 Adam moments: optimizer.exp_avg_dtype and optimizer.exp_avg_sq_dtype are torch.dtype fields, set to torch.bfloat16 in the recipe (as the DeepSeek performance recipes do), not by a string override");
        }
        else if (s.Optimizer is OptimizerKind.Adam8Bit or OptimizerKind.SgdMomentum)
        {
            o.Note($"the optimizer '{Spelling.Of(s.Optimizer)}' is not one of Megatron-Bridge's distributed optimizers (adam)");
        }

        if (s.OptimizerOffloadFraction > 0)
        {
            o.Set("optimizer.optimizer_cpu_offload", "true");
            o.Set("optimizer.optimizer_offload_fraction", ExportPlan.D(s.OptimizerOffloadFraction));
        }

        if (s.ActivationOffloadLayers > 0)
        {
            o.Set("model.cpu_offloading", "true");
            o.Set("model.cpu_offloading_num_layers", ExportPlan.I(s.ActivationOffloadLayers));
        }

        if (s.MtpLayers > 0)
        {
            o.Set("model.mtp_num_layers", ExportPlan.I(s.MtpLayers));
        }
    }

    private static void PipelineSplit(in ExportPlan plan, Overrides o)
    {
        TrainingSettings s = plan.Settings;
        if (s.FirstStageLayers > 0)
        {
            o.Set("model.num_layers_in_first_pipeline_stage", ExportPlan.I(s.FirstStageLayers));
        }

        if (s.LastStageLayers > 0)
        {
            o.Set("model.num_layers_in_last_pipeline_stage", ExportPlan.I(s.LastStageLayers));
        }

        if (s.EmbeddingInPipelineSplit)
        {
            o.Set("model.account_for_embedding_in_pipeline_split", "true");
        }

        if (s.LossInPipelineSplit)
        {
            o.Set("model.account_for_loss_in_pipeline_split", "true");
        }
    }

    // CUDA graphs, an uneven split without flags, TP overlap and what is a recipe choice or an environment variable.
    private static void Runtime(in ExportPlan plan, Overrides o)
    {
        TrainingSettings s = plan.Settings;
        if (s.CudaGraphs == CudaGraphScope.Partial)
        {
            o.Set("model.cuda_graph_impl", "transformer_engine");
            o.Set("model.cuda_graph_modules", plan.Model.IsMoe ? "[attn,moe_router,moe_preprocess]" : "[attn]");
        }
        else if (s.CudaGraphs == CudaGraphScope.Full)
        {
            o.Set("model.cuda_graph_impl", "full_iteration");
        }

        if (plan.UnevenWithoutFlags)
        {
            o.Note($"{ExportPlan.I(plan.Model.Layers)} layers do not split evenly over {ExportPlan.I(plan.Layout.Pp * plan.Layout.Vp)} (virtual) stages: set model.num_layers_in_first_pipeline_stage/model.num_layers_in_last_pipeline_stage or model.pipeline_model_parallel_layout");
        }

        if (s.OverlapCommunication)
        {
            o.Set("comm_overlap.tp_comm_overlap", "true");
        }

        if (s.Lora)
        {
            o.Note("LoRA: run the fine-tuning recipe with peft=lora (a recipe choice, not an override)");
        }

        if (s.RankOrder == RankOrder.TpCpPpDp)
        {
            o.Note("the tp-cp-pp-dp rank order is Megatron-LM's --use-tp-pp-dp-mapping; Megatron-Bridge recipes use the default tp-cp-ep-dp-pp");
        }

        if (s.ExpandableSegments)
        {
            o.Note(ExportPlan.ExpandableSegmentsNote);
        }
    }

    private static string B(bool value) => value ? "true" : "false";

    // The overrides in the order set, and the notes, written as the fragment: a header, the notes as comments, the lines.
    private sealed class Overrides
    {
        private readonly List<string> _lines = [];
        private readonly List<string> _notes = [];

        public void Set(string key, string value) => _lines.Add(key + "=" + value);

        public void Note(string note) => _notes.Add(note);

        public ExportFragment Fragment(string title)
        {
            var text = new StringBuilder();
            text.Append("# Megatron-Bridge overrides for ").Append(title).Append('\n');
            foreach (string note in _notes)
            {
                text.Append("# note: ").Append(ExportPlan.Comment(note)).Append('\n');
            }

            foreach (string line in _lines)
            {
                text.Append(line).Append('\n');
            }

            return new ExportFragment(ExportFramework.MegatronBridge, text.ToString(), _notes);
        }
    }

    // Megatron-Bridge's named mixed-precision recipes (mixed_precision.py).
    private static string MixedPrecision(ComputePrecision precision) => precision switch
    {
        ComputePrecision.Fp8 => "bf16_with_fp8_delayed_scaling_mixed",
        ComputePrecision.Fp8Current => "bf16_with_fp8_current_scaling_mixed",
        ComputePrecision.Fp8Blockwise => "bf16_with_fp8_subchannel_scaling_mixed",
        ComputePrecision.Mxfp8 => "bf16_with_mxfp8_mixed",
        ComputePrecision.Nvfp4 => "bf16_with_nvfp4_mixed",
        _ => "bf16_mixed",
    };
}
