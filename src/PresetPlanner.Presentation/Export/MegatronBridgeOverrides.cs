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
        ParallelLayout l = plan.Layout;
        TrainingSettings s = plan.Settings;
        var lines = new List<string>();
        var notes = new List<string>();
        void Set(string key, string value) => lines.Add(key + "=" + value);
        static string B(bool value) => value ? "true" : "false";

        Set("model.tensor_model_parallel_size", ExportPlan.I(l.Tp));
        Set("model.pipeline_model_parallel_size", ExportPlan.I(l.Pp));
        Set("model.virtual_pipeline_model_parallel_size", l.Vp > 1 ? ExportPlan.I(l.Vp) : "null");
        Set("model.context_parallel_size", ExportPlan.I(l.Cp));
        if (plan.Model.IsMoe)
        {
            Set("model.expert_model_parallel_size", ExportPlan.I(l.Ep));
            Set("model.expert_tensor_parallel_size", ExportPlan.I(l.Etp));
            Set("model.moe_token_dispatcher_type", s.Dispatcher == MoeDispatcher.AllToAll ? "alltoall" : "flex");
            if (s.Dispatcher != MoeDispatcher.AllToAll)
            {
                Set("model.moe_flex_dispatcher_backend", s.Dispatcher == MoeDispatcher.DeepEp ? "deepep" : "hybridep");
            }

            if (s.OverlapExpertCommunication)
            {
                Set("comm_overlap.overlap_moe_expert_parallel_comm", "true");
            }

            if (s.DropAndPad)
            {
                Set("model.moe_expert_capacity_factor", ExportPlan.D(s.ExpertCapacityFactor));
                Set("model.moe_pad_expert_input_to_capacity", "true");
            }
        }

        Set("model.sequence_parallel", B(l.SequenceParallel));
        Set("model.seq_length", ExportPlan.I(s.SequenceLength));
        Set("dataset.seq_length", ExportPlan.I(s.SequenceLength));
        Set("train.micro_batch_size", ExportPlan.I(l.MicroBatch));
        Set("train.global_batch_size", ExportPlan.I(s.GlobalBatchSize));
        switch (l.Recompute)
        {
            case RecomputeMode.Selective:
                Set("model.recompute_granularity", "selective");
                Set("model.recompute_modules", "[" + Spelling.Of(s.SelectiveModules) + "]");
                break;
            case RecomputeMode.Full:
                Set("model.recompute_granularity", "full");
                Set("model.recompute_method", s.FullRecomputeLayers > 0 ? "block" : "uniform");
                Set("model.recompute_num_layers", ExportPlan.I(s.FullRecomputeLayers > 0 ? s.FullRecomputeLayers : 1));
                break;
            default:
                Set("model.recompute_granularity", "null");
                break;
        }

        Set("ddp.use_distributed_optimizer", B(l.Zero >= 1));
        Set("optimizer.use_distributed_optimizer", B(l.Zero >= 1));
        if (l.Zero >= 2)
        {
            Set("ddp.use_megatron_fsdp", "true");
            Set("ddp.data_parallel_sharding_strategy", l.Zero == 2 ? "optim_grads" : "optim_grads_params");
        }

        Set("ddp.grad_reduce_in_fp32", B(!s.ReducesGradientsIn16Bits));
        Set("mixed_precision", MixedPrecision(s.Precision));
        if (s.Fp8ParamGather)
        {
            Set("mixed_precision.fp8_param_gather", "true");
        }

        if (s.Optimizer == OptimizerKind.AdamBf16Moments)
        {
            Set("optimizer.use_precision_aware_optimizer", "true");
            notes.Add("bf16 Adam moments: optimizer.exp_avg_dtype and optimizer.exp_avg_sq_dtype are torch.dtype fields, set to torch.bfloat16 in the recipe (as the DeepSeek performance recipes do), not by a string override");
        }
        else if (s.Optimizer is OptimizerKind.Adam8Bit or OptimizerKind.SgdMomentum)
        {
            notes.Add($"the optimizer '{Spelling.Of(s.Optimizer)}' is not one of Megatron-Bridge's distributed optimizers (adam)");
        }

        if (s.OptimizerOffloadFraction > 0)
        {
            Set("optimizer.optimizer_cpu_offload", "true");
            Set("optimizer.optimizer_offload_fraction", ExportPlan.D(s.OptimizerOffloadFraction));
        }

        if (s.ActivationOffloadLayers > 0)
        {
            Set("model.cpu_offloading", "true");
            Set("model.cpu_offloading_num_layers", ExportPlan.I(s.ActivationOffloadLayers));
        }

        if (s.MtpLayers > 0)
        {
            Set("model.mtp_num_layers", ExportPlan.I(s.MtpLayers));
        }

        if (s.FirstStageLayers > 0)
        {
            Set("model.num_layers_in_first_pipeline_stage", ExportPlan.I(s.FirstStageLayers));
        }

        if (s.LastStageLayers > 0)
        {
            Set("model.num_layers_in_last_pipeline_stage", ExportPlan.I(s.LastStageLayers));
        }

        if (s.EmbeddingInPipelineSplit)
        {
            Set("model.account_for_embedding_in_pipeline_split", "true");
        }

        if (s.LossInPipelineSplit)
        {
            Set("model.account_for_loss_in_pipeline_split", "true");
        }

        if (s.CudaGraphs == CudaGraphScope.Partial)
        {
            Set("model.cuda_graph_impl", "transformer_engine");
            Set("model.cuda_graph_modules", plan.Model.IsMoe ? "[attn,moe_router,moe_preprocess]" : "[attn]");
        }
        else if (s.CudaGraphs == CudaGraphScope.Full)
        {
            Set("model.cuda_graph_impl", "full_iteration");
        }

        if (plan.UnevenWithoutFlags)
        {
            notes.Add($"{ExportPlan.I(plan.Model.Layers)} layers do not split evenly over {ExportPlan.I(l.Pp * l.Vp)} (virtual) stages: set model.num_layers_in_first_pipeline_stage/model.num_layers_in_last_pipeline_stage or model.pipeline_model_parallel_layout");
        }

        if (s.OverlapCommunication)
        {
            Set("comm_overlap.tp_comm_overlap", "true");
        }

        if (s.Lora)
        {
            notes.Add("LoRA: run the fine-tuning recipe with peft=lora (a recipe choice, not an override)");
        }

        if (s.RankOrder == RankOrder.TpCpPpDp)
        {
            notes.Add("the tp-cp-pp-dp rank order is Megatron-LM's --use-tp-pp-dp-mapping; Megatron-Bridge recipes use the default tp-cp-ep-dp-pp");
        }

        if (s.ExpandableSegments)
        {
            notes.Add(ExportPlan.ExpandableSegmentsNote);
        }

        var text = new StringBuilder();
        text.Append("# Megatron-Bridge overrides for ").Append(plan.Title).Append('\n');
        foreach (string note in notes)
        {
            text.Append("# note: ").Append(note).Append('\n');
        }

        foreach (string line in lines)
        {
            text.Append(line).Append('\n');
        }

        return new ExportFragment(ExportFramework.MegatronBridge, text.ToString(), notes);
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
