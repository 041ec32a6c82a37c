using System.Text.Json;
using System.Text;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Export;

/// <summary>
/// A DeepSpeed config JSON (docs/_pages/config-json.md; docs/export.md names the commit read). DeepSpeed's JSON holds
/// the batch, ZeRO, precision and checkpointing settings; tensor, pipeline and context parallel degrees live in the
/// training script (Megatron-DeepSpeed arguments, <c>PipelineModule(num_stages=...)</c>), which the notes say.
/// </summary>
internal static class DeepSpeedJson
{
    public static ExportFragment Write(in ExportPlan plan)
    {
        ParallelLayout l = plan.Layout;
        TrainingSettings s = plan.Settings;
        var notes = new List<string>();
        if (plan.ScheduleNote(ExportFramework.DeepSpeed) is string scheduleNote)
        {
            notes.Add(scheduleNote);
        }

        if (plan.Model.IsHybrid)
        {
            notes.Add("a DeepSpeed config does not describe the model: the Mamba-2 layers of this hybrid need a model implementation of their own");
        }

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("train_batch_size", s.GlobalBatchSize);
            w.WriteNumber("train_micro_batch_size_per_gpu", l.MicroBatch);
            w.WriteNumber("gradient_accumulation_steps", plan.GradientAccumulation);
            w.WriteStartObject("bf16");
            w.WriteBoolean("enabled", true);
            w.WriteEndObject();
            w.WriteStartObject("zero_optimization");
            w.WriteNumber("stage", l.Zero);
            if (s.OptimizerOffloadFraction > 0)
            {
                w.WriteStartObject("offload_optimizer");
                w.WriteString("device", "cpu");
                // DeepSpeed reads a partial offload ratio with ZeRO-3 only (DeepSpeedZeroOffloadOptimizerConfig.ratio).
                if (l.Zero == 3)
                {
                    w.WriteNumber("ratio", s.OptimizerOffloadFraction);
                }

                w.WriteEndObject();
            }

            w.WriteBoolean("overlap_comm", true);
            w.WriteBoolean("contiguous_gradients", true);
            w.WriteEndObject();
            if (l.Tp > 1 && l.Pp == 1)
            {
                w.WriteStartObject("tensor_parallel");
                w.WriteNumber("autotp_size", l.Tp);
                w.WriteEndObject();
            }

            if (s.ReducesGradientsIn16Bits)
            {
                w.WriteString("communication_data_type", "bf16");
            }

            if (l.Recompute != RecomputeMode.None)
            {
                w.WriteStartObject("activation_checkpointing");
                w.WriteBoolean("partition_activations", l.Tp > 1);
                w.WriteBoolean("cpu_checkpointing", s.ActivationOffloadLayers > 0);
                w.WriteBoolean("contiguous_memory_optimization", false);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        Notes(plan, notes);
        string json = Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        return new ExportFragment(ExportFramework.DeepSpeed, json, notes);
    }

    private static void Notes(in ExportPlan plan, List<string> notes)
    {
        ParallelLayout l = plan.Layout;
        TrainingSettings s = plan.Settings;
        notes.Add($"train_batch_size = micro-batch x gradient accumulation x data-parallel size ({ExportPlan.I(l.MicroBatch)} x {ExportPlan.I(plan.GradientAccumulation)} x {ExportPlan.I(l.Dp)}); launch on {ExportPlan.I(l.Gpus)} GPUs");
        if (l.Pp > 1)
        {
            notes.Add($"TP={ExportPlan.I(l.Tp)} and PP={ExportPlan.I(l.Pp)} are set in the training script (Megatron-DeepSpeed --tensor-model-parallel-size and --pipeline-model-parallel-size, or PipelineModule(num_stages={ExportPlan.I(l.Pp)})), not in this JSON");
        }
        else if (l.Tp > 1)
        {
            notes.Add($"tensor_parallel.autotp_size={ExportPlan.I(l.Tp)} is DeepSpeed's AutoTP, which shards a Hugging Face model's linear layers without sequence parallelism");
        }

        if (l.Pp > 1 && l.Zero >= 2)
        {
            notes.Add($"this layout does not launch in DeepSpeed: its PipelineEngine asserts that ZeRO-2 and ZeRO-3 are incompatible with pipeline parallelism (deepspeed/runtime/pipe/engine.py); ZeRO-{ExportPlan.I(l.Zero)} with PP={ExportPlan.I(l.Pp)} needs ZeRO-1, or PP 1 (plan with --zero 0,1 or --pp 1)");
        }

        if (l.Vp > 1)
        {
            notes.Add("DeepSpeed's pipeline engine has no interleaved schedule: VP>1 cannot be expressed");
        }

        if (s.OptimizerOffloadFraction > 0 && s.OptimizerOffloadFraction < 1 && l.Zero != 3)
        {
            notes.Add($"DeepSpeed offloads a fraction of the optimizer (offload_optimizer.ratio) with ZeRO-3 only: with ZeRO-{ExportPlan.I(l.Zero)} the whole optimizer state goes to the host, not {ExportPlan.D(s.OptimizerOffloadFraction)} of it");
        }

        if (l.Cp > 1)
        {
            notes.Add($"CP={ExportPlan.I(l.Cp)} (ring attention) has no DeepSpeed form; DeepSpeed-Ulysses (sequence_parallel_size) splits heads instead");
        }

        ModelCodeNotes(plan, notes);
    }

    // What the model code holds (experts, recomputation, precision, optimizer, offload, MTP, activation storage) and the
    // allocator's environment: none of it is a key of DeepSpeed's JSON.
    private static void ModelCodeNotes(in ExportPlan plan, List<string> notes)
    {
        ParallelLayout l = plan.Layout;
        TrainingSettings s = plan.Settings;
        if (plan.Model.IsMoe && l.Ep > 1)
        {
            notes.Add($"EP={ExportPlan.I(l.Ep)} is the ep_size argument of deepspeed.moe.layer.MoE in the model code (or expert_parallel.autoep_size, which cannot be combined with AutoTP)");
        }

        if (plan.Model.IsMoe && s.DropAndPad)
        {
            notes.Add($"drop-and-pad routing is deepspeed.moe.layer.MoE(capacity_factor={ExportPlan.D(s.ExpertCapacityFactor)}, drop_tokens=True) in the model code");
        }

        if (l.Recompute == RecomputeMode.Selective)
        {
            notes.Add($"selective recomputation of {Spelling.Of(s.SelectiveModules)} is chosen in the model code (deepspeed.checkpointing.checkpoint around those modules)");
        }

        if (plan.LowPrecision)
        {
            notes.Add($"{Spelling.Of(s.Precision)} compute is Transformer Engine's, enabled in the model code; the JSON keeps bf16");
            if (s.KeepsBf16EndLayers)
            {
                notes.Add($"the first {ExportPlan.I(s.Bf16FirstLayers)} and last {ExportPlan.I(s.Bf16LastLayers)} layers stay in BF16 in the model code too (outside Transformer Engine's autocast)");
            }
        }

        if (s.Optimizer != OptimizerKind.Adam)
        {
            notes.Add($"the optimizer '{Spelling.Of(s.Optimizer)}' goes in the JSON's optimizer section or the script");
        }

        if (s.ActivationOffloadLayers > 0 && l.Recompute == RecomputeMode.None)
        {
            notes.Add("activation offload without recomputation has no DeepSpeed key (cpu_checkpointing offloads checkpoints)");
        }

        if (s.MtpLayers > 0)
        {
            notes.Add("multi-token prediction is part of the model, not of a DeepSpeed config");
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
