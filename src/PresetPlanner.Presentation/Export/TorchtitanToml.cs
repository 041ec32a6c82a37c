using System.Text;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Export;

/// <summary>
/// A torchtitan job-config TOML fragment (torchtitan/config/job_config.py; docs/export.md names the commit read).
/// torchtitan shards data parallelism with FSDP2 (ZeRO-3, or ZeRO-2 with <c>fsdp_reshard_after_forward = "never"</c>)
/// and its tensor parallelism always shards the sequence; what it cannot express becomes a comment.
/// </summary>
internal static class TorchtitanToml
{
    public static ExportFragment Write(in ExportPlan plan)
    {
        ParallelLayout l = plan.Layout;
        TrainingSettings s = plan.Settings;
        var notes = new List<string>();
        if (plan.ScheduleNote(ExportFramework.Torchtitan) is string scheduleNote)
        {
            notes.Add(scheduleNote);
        }

        if (plan.Model.IsHybrid)
        {
            notes.Add("torchtitan has no Mamba-2 model: a hybrid Mamba-Transformer model needs a model implementation of its own there");
        }

        (int replicate, int shard) = DataParallel(l, s, notes);
        var text = new StringBuilder();
        var body = new StringBuilder();
        body.Append("[training]\n");
        // Without PP, local_batch_size is the micro-batch and torchtitan accumulates global / (local x DP) of them; with
        // PP it is the pipeline's whole batch, cut into pipeline_parallel_microbatch_size pieces.
        body.Append("local_batch_size = ").Append(ExportPlan.I(l.Pp > 1 ? l.MicroBatch * plan.GradientAccumulation : l.MicroBatch)).Append('\n');
        body.Append("global_batch_size = ").Append(ExportPlan.I(s.GlobalBatchSize)).Append('\n');
        body.Append("seq_len = ").Append(ExportPlan.I(s.SequenceLength)).Append('\n');
        body.Append("mixed_precision_param = \"bfloat16\"\n");
        body.Append("mixed_precision_reduce = \"float32\"\n\n");
        if (s.ReducesGradientsIn16Bits)
        {
            notes.Add("torchtitan reduces gradients in float32 only (mixed_precision_reduce); the plan's bf16 gradient reduction moves half the bytes");
        }

        body.Append("[parallelism]\n");
        body.Append("data_parallel_replicate_degree = ").Append(ExportPlan.I(replicate)).Append('\n');
        body.Append("data_parallel_shard_degree = ").Append(ExportPlan.I(shard)).Append('\n');
        body.Append("fsdp_reshard_after_forward = \"").Append(Reshard(l, s)).Append("\"\n");
        body.Append("tensor_parallel_degree = ").Append(ExportPlan.I(l.Tp)).Append('\n');
        body.Append("context_parallel_degree = ").Append(ExportPlan.I(l.Cp)).Append('\n');
        body.Append("pipeline_parallel_degree = ").Append(ExportPlan.I(l.Pp)).Append('\n');
        bool asyncTp = AsyncTensorParallel(l, s, notes);
        if (asyncTp)
        {
            body.Append("enable_async_tensor_parallel = true\n");
        }

        Pipeline(plan, body, notes);
        Experts(plan, body, notes);

        body.Append("\n[activation_checkpoint]\n");
        body.Append("mode = \"").Append(l.Recompute switch { RecomputeMode.Selective => "selective", RecomputeMode.Full => "full", _ => "none" }).Append("\"\n");
        if (l.Recompute == RecomputeMode.Selective)
        {
            body.Append("selective_ac_option = \"op\"\n");
            notes.Add($"selective recomputation of {Spelling.Of(s.SelectiveModules)}: torchtitan's selective_ac_option \"op\" saves matmul outputs and recomputes the rest, not the same modules");
        }

        Model(plan, body, notes);
        if (asyncTp)
        {
            // torchtitan/distributed/tensor_parallel.py, maybe_enable_async_tp: "Async TP requires 'model' in
            // --compile.components and --compile.enable".
            body.Append("\n[compile]\nenable = true\ncomponents = [\"model\", \"loss\"]\n");
        }

        Precision(s, body, notes);
        Unsupported(l, s, notes);
        text.Append("# torchtitan job config (TOML, torchtitan v0.2.2; later releases configure in Python) for ").Append(plan.Title).Append('\n');
        foreach (string note in notes)
        {
            text.Append("# note: ").Append(ExportPlan.Comment(note)).Append('\n');
        }

        text.Append(body);
        return new ExportFragment(ExportFramework.Torchtitan, text.ToString(), notes);
    }

    // The plan's TP communication overlap is torchtitan's async TP (micro-pipelined all-gather and reduce-scatter matmuls
    // under torch.compile): written with TP, said when the layout has none or its schedule refuses torch.compile.
    private static bool AsyncTensorParallel(in ParallelLayout l, in TrainingSettings s, List<string> notes)
    {
        if (!s.OverlapCommunication)
        {
            return false;
        }

        if (l.Tp == 1)
        {
            notes.Add("TP communication overlap needs TP: with TP=1 there is nothing for async TP to overlap");
            return false;
        }

        if (RefusesCompile(l))
        {
            notes.Add("async TP needs torch.compile, which this schedule's stages refuse: TP communication is not overlapped here");
            return false;
        }

        return true;
    }

    // FSDP2 shards over data_parallel_shard_degree and replicates over data_parallel_replicate_degree (HSDP); without
    // ZeRO there is only replication (DDP). torchtitan folds CP into the FSDP mesh, so the shard degree here is DP's.
    private static (int Replicate, int Shard) DataParallel(in ParallelLayout l, in TrainingSettings s, List<string> notes)
    {
        if (l.Zero == 0)
        {
            if (l.Cp > 1)
            {
                notes.Add($"torchtitan folds CP into the FSDP mesh, so with CP={ExportPlan.I(l.Cp)} it shards weights, gradients and optimizer state over the CP ranks: the plan's ZeRO-0 has no torchtitan form here");
            }

            return (l.Dp, 1);
        }

        if (l.Zero == 1)
        {
            notes.Add("ZeRO-1 (a sharded optimizer only) has no torchtitan form: FSDP2 shards gradients too, which needs no more memory than the plan");
        }

        int shard = s.ShardGroupSize > 0 ? Math.Clamp(s.ShardGroupSize / Math.Max(1, l.Cp), 1, l.Dp) : l.Dp;
        return (Math.Max(1, l.Dp / shard), shard);
    }

    private static string Reshard(in ParallelLayout l, in TrainingSettings s)
    {
        if (l.Zero is 1 or 2)
        {
            return "never";
        }

        return s.Reshard switch
        {
            ReshardPolicy.Always => "always",
            ReshardPolicy.Never => "never",
            _ => "default",
        };
    }

    // Whether the layout's pipeline schedule splits the backward into input and weight passes, which torch.compile'd
    // stages refuse (torch.distributed.pipelining, _check_torch_compile_compatibility): the V schedules.
    private static bool RefusesCompile(in ParallelLayout l) =>
        l.Pp > 1 && l.Schedule is PipelineSchedule.ZeroBubbleV or PipelineSchedule.DualPipeV;

    // The pipeline keys: the schedule, the micro-batch and the stage split torchtitan will count.
    private static void Pipeline(in ExportPlan plan, StringBuilder body, List<string> notes)
    {
        ParallelLayout l = plan.Layout;
        if (l.Pp > 1)
        {
            // torch.distributed.pipelining's names (get_schedule_class): the V schedules hold two chunks per rank in a V.
            string schedule = l.Schedule switch
            {
                PipelineSchedule.ZeroBubbleV => "ZBVZeroBubble",
                PipelineSchedule.DualPipeV => "DualPipeV",
                _ => l.Vp > 1 ? "Interleaved1F1B" : "1F1B",
            };
            body.Append("pipeline_parallel_schedule = \"").Append(schedule).Append("\"\n");
            if (RefusesCompile(l))
            {
                notes.Add($"{schedule} splits the backward into input and weight passes, which torch.compile'd stages refuse (torch.distributed.pipelining, _check_torch_compile_compatibility): leave [compile] off");
            }

            body.Append("pipeline_parallel_microbatch_size = ").Append(ExportPlan.I(l.MicroBatch)).Append('\n');
            if (plan.LayersPerVirtualStage > 0)
            {
                // torchtitan counts ceil((layers + first_less + last_less) / layers_per_stage) stages, with both "less"
                // weights 1 by default (torchtitan/distributed/pipeline_parallel.py, get_pipeline_metadata): 0 keeps the
                // plan's PP x VP stages.
                body.Append("pipeline_parallel_layers_per_stage = ").Append(ExportPlan.I(plan.LayersPerVirtualStage)).Append('\n');
                body.Append("pipeline_parallel_first_stage_less_layers = 0\n");
                body.Append("pipeline_parallel_last_stage_less_layers = 0\n");
            }
            else
            {
                notes.Add($"{ExportPlan.I(plan.Model.Layers)} layers over {ExportPlan.I(l.Pp * l.Vp)} (virtual) stages is not an even split: set pipeline_parallel_layers_per_stage with pipeline_parallel_first_stage_less_layers and pipeline_parallel_last_stage_less_layers (or module_fqns_per_model_part) to the split you want");
            }
        }
    }

    // The expert keys: EP and ETP, and DeepEP where torchtitan runs it.
    private static void Experts(in ExportPlan plan, StringBuilder body, List<string> notes)
    {
        ParallelLayout l = plan.Layout;
        TrainingSettings s = plan.Settings;
        if (plan.Model.IsMoe)
        {
            body.Append("expert_parallel_degree = ").Append(ExportPlan.I(l.Ep)).Append('\n');
            body.Append("expert_tensor_parallel_degree = ").Append(ExportPlan.I(l.Etp)).Append('\n');
            // DeepEP: torchtitan's expert_parallel_comm_backend, which asserts EP > 1 and no expert TP
            // (torchtitan/models/*/infra/parallelize.py).
            if (s.Dispatcher == MoeDispatcher.DeepEp && l.Ep > 1 && l.Etp == 1)
            {
                body.Append("expert_parallel_comm_backend = \"deepep\"\n");
            }
            else if (s.Dispatcher != MoeDispatcher.AllToAll)
            {
                notes.Add(s.Dispatcher == MoeDispatcher.DeepEp
                    ? "torchtitan's DeepEP backend (expert_parallel_comm_backend = \"deepep\") needs EP > 1 and no expert TP: the standard all-to-all is written"
                    : "HybridEP is not a backend of torchtitan v0.2.2 (its expert_parallel_comm_backend has standard and deepep): the standard all-to-all is written");
            }

            if (l.Etp != 1 && l.Etp != l.Tp)
            {
                notes.Add($"torchtitan supports expert tensor parallelism of 1 or TP only, not ETP={ExportPlan.I(l.Etp)}");
            }
        }
    }

    // [model]: the model code torchtitan v0.2.2 ships (torchtitan/models: llama3, llama4, deepseek_v3, qwen3) with the
    // flavor of its train_configs where the size is one of them, and the converters that turn float8 or MX training on
    // (a [quantize.linear.*] section alone does nothing).
    private static void Model(in ExportPlan plan, StringBuilder body, List<string> notes)
    {
        (string? name, string? flavor) = plan.ModelId switch
        {
            "llama-3.1-8b" => ("llama3", "8B"),
            "llama-3.1-70b" => ("llama3", "70B"),
            "llama-3.1-405b" => ("llama3", "405B"),
            "deepseek-v3" => ("deepseek_v3", "671B"),
            string id when id.StartsWith("llama-4", StringComparison.Ordinal) => ("llama4", null),
            string id when id.StartsWith("qwen3", StringComparison.Ordinal) => ("qwen3", null),
            _ => (null, null),
        };
        string? converter = plan.Settings.Precision switch
        {
            ComputePrecision.Fp8 or ComputePrecision.Fp8Current or ComputePrecision.Fp8Blockwise => "quantize.linear.float8",
            ComputePrecision.Mxfp8 => "quantize.linear.mx",
            _ => null,
        };
        if (name is null)
        {
            notes.Add($"torchtitan v0.2.2 ships model code for Llama 3, Llama 4, DeepSeek-V3 and Qwen3 only (torchtitan/models): {plan.ModelId} needs a model implementation of its own, registered under [model] name");
        }
        else if (flavor is null)
        {
            notes.Add($"set [model] flavor to the torchtitan flavor of {plan.ModelId}'s size (its model's args table)");
        }

        if (name is null && converter is null)
        {
            return;
        }

        body.Append("\n[model]\n");
        if (name is not null)
        {
            body.Append("name = \"").Append(name).Append("\"\n");
        }

        if (flavor is not null)
        {
            body.Append("flavor = \"").Append(flavor).Append("\"\n");
        }

        if (converter is not null)
        {
            body.Append("converters = [\"").Append(converter).Append("\"]\n");
        }
    }

    private static void Precision(in TrainingSettings s, StringBuilder body, List<string> notes)
    {
        if (s.KeepsBf16EndLayers)
        {
            notes.Add($"torchtitan's converters skip modules by name (filter_fqns), not layers by count: list the first {ExportPlan.I(s.Bf16FirstLayers)} and last {ExportPlan.I(s.Bf16LastLayers)} layers' linear modules there to keep them in BF16");
        }

        switch (s.Precision)
        {
            case ComputePrecision.Fp8 or ComputePrecision.Fp8Current or ComputePrecision.Fp8Blockwise:
                body.Append("\n[quantize.linear.float8]\n");
                body.Append("recipe_name = \"").Append(s.Precision == ComputePrecision.Fp8Blockwise ? "rowwise" : "tensorwise").Append("\"\n");
                body.Append("enable_fsdp_float8_all_gather = ").Append(s.Fp8ParamGather ? "true" : "false").Append('\n');
                if (s.Precision == ComputePrecision.Fp8)
                {
                    notes.Add("torchao's float8 training has no delayed scaling: tensorwise (current) scaling is written");
                }
                else if (s.Precision == ComputePrecision.Fp8Blockwise)
                {
                    notes.Add("DeepSeek-style 128x128 blockwise FP8 is not a torchao float8 recipe: rowwise is written");
                }

                break;
            case ComputePrecision.Mxfp8:
                body.Append("\n[quantize.linear.mx]\n");
                body.Append("recipe_name = \"mxfp8_cublas\"\n");
                break;
            case ComputePrecision.Nvfp4:
                notes.Add("NVFP4 training is not a torchtitan recipe");
                break;
        }
    }

    private static void Unsupported(in ParallelLayout l, in TrainingSettings s, List<string> notes)
    {
        if (l.Tp > 1 && !l.SequenceParallel)
        {
            notes.Add("torchtitan's tensor parallelism always shards the sequence (as --sequence-parallel does); the plan's TP without SP holds more activations than torchtitan will");
        }

        if (s.ActivationOffloadLayers > 0)
        {
            notes.Add($"activation offload of {ExportPlan.I(s.ActivationOffloadLayers)} layers has no torchtitan key");
        }

        if (s.MtpLayers > 0)
        {
            notes.Add($"{ExportPlan.I(s.MtpLayers)} multi-token-prediction depths have no torchtitan key");
        }

        if (s.OptimizerOffloadFraction > 0)
        {
            notes.Add("optimizer offload: torchtitan's [training] enable_cpu_offload moves weights, gradients and optimizer state to the host together (FSDP2's CPUOffloadPolicy), more than the plan's optimizer offload, so it is not written");
        }

        if (s.Optimizer is not (OptimizerKind.Adam or OptimizerKind.AdamBf16Moments))
        {
            notes.Add($"the optimizer '{Spelling.Of(s.Optimizer)}' is set in [optimizer] name, which torchtitan builds from torch.optim");
        }

        if (s.OverlapExpertCommunication || s.CudaGraphs != CudaGraphScope.None)
        {
            notes.Add("the CUDA graph and MoE all-to-all overlap settings are Megatron-Core features with no torchtitan key");
        }

        if (s.DropAndPad)
        {
            notes.Add("drop-and-pad routing is Megatron-Core's (--moe-pad-expert-input-to-capacity); torchtitan's MoE routes dropless");
        }

        if (s.Lora)
        {
            notes.Add("LoRA is not a torchtitan training mode");
        }

        if (s.ActivationFuncFp8InputStore)
        {
            notes.Add(ExportPlan.ActivationFp8StoreNote);
        }

        if (s.ExpandableSegments)
        {
            notes.Add(ExportPlan.ExpandableSegmentsNote);
        }
    }
}
