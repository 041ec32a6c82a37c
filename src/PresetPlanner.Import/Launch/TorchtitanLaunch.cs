using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Import.Launch;

/// <summary>
/// Reads a torchtitan job config (the TOML of torchtitan v0.2.2, torchtitan/config/job_config.py) into the run it
/// launches: FSDP2's shard and replicate degrees as ZeRO and HSDP (a shard degree above 1 is ZeRO-3, or ZeRO-2 when
/// weights are never re-sharded, as <c>--emit torchtitan</c> writes them), TP always with sequence parallelism (its TP
/// plans shard the norms' sequence), the pipeline schedule and stage count, activation checkpointing, and float8 or MX
/// training where <c>[model] converters</c> enables it. torchtitan's defaults stand where a key is absent.
/// </summary>
public static class TorchtitanLaunch
{
    /// <summary>The run the job config <paramref name="text"/> launches for <paramref name="model"/>, over <paramref name="baseline"/>.</summary>
    /// <exception cref="PlanInputException">A value is not one torchtitan accepts (the key is named).</exception>
    public static LaunchRun Read(string text, in ModelSpec model, in TrainingSettings baseline)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new Keys(TomlTables.Parse(text));
        var notModelled = new List<string>();
        int tp = keys.Int("parallelism.tensor_parallel_degree") ?? 1;
        int pp = keys.Int("parallelism.pipeline_parallel_degree") ?? 1;
        int cp = keys.Int("parallelism.context_parallel_degree") ?? 1;
        int replicate = keys.Int("parallelism.data_parallel_replicate_degree") ?? 1;
        int shard = keys.Int("parallelism.data_parallel_shard_degree", allowAuto: true) ?? -1;
        string reshard = keys.Text("parallelism.fsdp_reshard_after_forward") ?? "default";
        // torchtitan applies FSDP when the shard degree or CP is above 1 (it folds CP into the FSDP mesh).
        int zero = shard == 1 && cp == 1 ? 0 : reshard == "never" ? 2 : 3;
        TrainingSettings s = baseline with
        {
            SequenceLength = keys.Int("training.seq_len") ?? baseline.SequenceLength,
            GlobalBatchSize = keys.Int("training.global_batch_size") ?? baseline.GlobalBatchSize,
            Precision = ComputePrecision.Bf16,
            Gradients = GradientPrecision.Fp32,
            Fp8ParamGather = false,
            Reshard = zero == 3 ? Reshard(reshard) : ReshardPolicy.Default,
            ShardGroupSize = zero > 0 && replicate > 1 && shard > 1 ? shard * cp : 0,
            Dispatcher = MoeDispatcher.AllToAll,
            CudaGraphs = CudaGraphScope.None,
            OverlapExpertCommunication = false,
            OverlapCommunication = AsyncTensorParallel(keys),
            DropAndPad = false,
            Framework = baseline.Framework,
        };
        if (keys.Text("training.mixed_precision_reduce") is string reduce && reduce != "float32")
        {
            throw Bad("training.mixed_precision_reduce", reduce, "is not float32, the only value torchtitan accepts");
        }

        _ = keys.Text("training.mixed_precision_param");
        _ = keys.Text("model.name");
        _ = keys.Text("model.flavor");
        s = Precision(keys, s, notModelled);
        int micro = pp > 1 ? keys.Int("parallelism.pipeline_parallel_microbatch_size") ?? 1 : keys.Int("training.local_batch_size") ?? 1;
        if (pp > 1)
        {
            _ = keys.Int("training.local_batch_size");
        }

        string scheduleName = ScheduleName(keys);
        var layout = new ParallelLayout
        {
            Tp = tp,
            Pp = pp,
            Vp = VirtualStages(keys, model, pp, scheduleName),
            Schedule = pp > 1 ? ScheduleOf(scheduleName) : PipelineSchedule.OneForwardOneBackward,
            Cp = cp,
            Ep = keys.Int("parallelism.expert_parallel_degree") ?? 1,
            Etp = keys.Int("parallelism.expert_tensor_parallel_degree") ?? 1,
            Dp = shard > 0 ? replicate * shard : 0,
            MicroBatch = micro,
            Zero = zero,
            Recompute = keys.Text("activation_checkpoint.mode") switch
            {
                null or "none" => RecomputeMode.None,
                "selective" => RecomputeMode.Selective,
                "full" => RecomputeMode.Full,
                string other => throw Bad("activation_checkpoint.mode", other, "is not none, selective or full"),
            },
            SequenceParallel = tp > 1,
        };
        _ = keys.Text("activation_checkpoint.selective_ac_option");
        if (pp > 1 && scheduleName is "GPipe" or "LoopedBFS" or "InterleavedZeroBubble")
        {
            notModelled.Add($"parallelism.pipeline_parallel_schedule = {scheduleName}: costed as {(scheduleName == "GPipe" ? "1F1B" : "interleaved 1F1B")} (its bubble and the activations it holds differ)");
        }

        s = Runtime(keys, s, notModelled);

        notModelled.AddRange(keys.Unread());
        return new LaunchRun(ExportFramework.Torchtitan, layout, s, notModelled);
    }

    private static ReshardPolicy Reshard(string reshard) => reshard switch
    {
        "always" => ReshardPolicy.Always,
        "never" => ReshardPolicy.Never,
        "default" => ReshardPolicy.Default,
        _ => throw Bad("parallelism.fsdp_reshard_after_forward", reshard, "is not default, always or never"),
    };

    // The expert-parallel backend, and host offload, which torchtitan applies to more than the optimizer.
    private static TrainingSettings Runtime(Keys keys, TrainingSettings s, List<string> notModelled)
    {
        s = keys.Text("parallelism.expert_parallel_comm_backend") switch
        {
            null or "standard" => s,
            "deepep" => s with { Dispatcher = MoeDispatcher.DeepEp },
            "hybridep" => s with { Dispatcher = MoeDispatcher.HybridEp },
            string other => throw Bad("parallelism.expert_parallel_comm_backend", other, "is not standard, deepep or hybridep"),
        };
        if (keys.Text("training.enable_cpu_offload") == "true")
        {
            notModelled.Add("training.enable_cpu_offload: FSDP2 offloads weights, gradients and optimizer state together; the planner models optimizer offload only (--offload-optimizer 1 is the nearest)");
        }

        return s;
    }

    // torch.distributed.pipelining's schedule names, matched as its get_schedule_class matches them (ignoring case).
    private static readonly string[] s_schedules = ["1F1B", "GPipe", "Interleaved1F1B", "LoopedBFS", "InterleavedZeroBubble", "ZBVZeroBubble", "DualPipeV"];

    // The schedule the planner costs for a torchtitan schedule name: its V schedules as themselves, the rest as 1F1B.
    private static PipelineSchedule ScheduleOf(string name) => name switch
    {
        "ZBVZeroBubble" => PipelineSchedule.ZeroBubbleV,
        "DualPipeV" => PipelineSchedule.DualPipeV,
        _ => PipelineSchedule.OneForwardOneBackward,
    };

    private static string ScheduleName(Keys keys)
    {
        string text = keys.Text("parallelism.pipeline_parallel_schedule") ?? "1F1B";
        return Array.Find(s_schedules, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) ?? text;
    }

    // Interleaved schedules: torchtitan's stage count, ceil((layers + first_less + last_less) / layers_per_stage), over
    // PP (torchtitan/distributed/pipeline_parallel.py, get_pipeline_metadata); two stages per rank without a layer count.
    private static int VirtualStages(Keys keys, in ModelSpec model, int pp, string schedule)
    {
        int? perStage = keys.Int("parallelism.pipeline_parallel_layers_per_stage");
        int first = keys.Int("parallelism.pipeline_parallel_first_stage_less_layers") ?? 1;
        int last = keys.Int("parallelism.pipeline_parallel_last_stage_less_layers") ?? 1;
        if (pp <= 1 || schedule is "1F1B" or "GPipe")
        {
            return 1;
        }

        if (schedule is "ZBVZeroBubble" or "DualPipeV")
        {
            // The V schedules hold exactly two stages per rank (torchtitan's "v" stage placement asserts it).
            return 2;
        }

        if (schedule is not ("Interleaved1F1B" or "LoopedBFS" or "InterleavedZeroBubble"))
        {
            throw Bad("parallelism.pipeline_parallel_schedule", schedule, "is not a schedule the planner models (1F1B, GPipe, Interleaved1F1B, ZBVZeroBubble, DualPipeV)");
        }

        if (perStage is not int layers || layers <= 0)
        {
            return 2;
        }

        long stages = ((long)model.Layers + first + last + layers - 1) / layers;
        return stages % pp == 0 && stages / pp <= int.MaxValue ? (int)(stages / pp)
            : throw Bad("parallelism.pipeline_parallel_layers_per_stage", layers.ToString(CultureInfo.InvariantCulture), $"gives {stages} stages, which torchtitan refuses: not a multiple of PP {pp}");
    }

    // float8 and MX train only where [model] converters names them; the sections alone do nothing.
    private static TrainingSettings Precision(Keys keys, TrainingSettings s, List<string> notModelled)
    {
        string converters = keys.Text("model.converters") ?? string.Empty;
        if (keys.Text("quantize.linear.float8.recipe_name") is string recipe)
        {
            bool gather = keys.Text("quantize.linear.float8.enable_fsdp_float8_all_gather") == "true";
            if (converters.Contains("quantize.linear.float8", StringComparison.Ordinal) || converters.Contains("\"float8\"", StringComparison.Ordinal))
            {
                return s with
                {
                    Precision = recipe switch
                    {
                        "tensorwise" => ComputePrecision.Fp8Current,
                        "rowwise" or "rowwise_with_gw_hp" => ComputePrecision.Fp8Blockwise,
                        _ => throw Bad("quantize.linear.float8.recipe_name", recipe, "is not tensorwise or rowwise"),
                    },
                    Fp8ParamGather = gather,
                };
            }

            notModelled.Add("[quantize.linear.float8]: torchtitan ignores it without [model] converters = [\"quantize.linear.float8\"], so the run is BF16");
        }

        if (keys.Text("quantize.linear.mx.recipe_name") is not null)
        {
            if (converters.Contains("quantize.linear.mx", StringComparison.Ordinal))
            {
                return s with { Precision = ComputePrecision.Mxfp8 };
            }

            notModelled.Add("[quantize.linear.mx]: torchtitan ignores it without [model] converters = [\"quantize.linear.mx\"], so the run is BF16");
        }

        return s;
    }

    private static PlanInputException Bad(string key, string value, string rule) => LaunchValues.Bad(key, value, rule);

    // The config's keys, with what was read, so that the rest can be reported.
    private sealed class Keys(Dictionary<string, string> values)
    {
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);

        public string? Text(string key)
        {
            _read.Add(key);
            return values.TryGetValue(key, out string? value) ? value : null;
        }

        public int? Int(string key, bool allowAuto = false) => Text(key) is string text ? LaunchValues.Count(key, text, allowAuto) : null;

        public IEnumerable<string> Unread() => values.Keys.Where(k => !_read.Contains(k)).OrderBy(k => k, StringComparer.Ordinal);
    }

    // parallelism.enable_async_tensor_parallel is the plan's TP communication overlap; torchtitan refuses it without
    // torch.compile of the model (torchtitan/distributed/tensor_parallel.py, maybe_enable_async_tp).
    private static bool AsyncTensorParallel(Keys keys)
    {
        if (keys.Text("parallelism.enable_async_tensor_parallel") != "true")
        {
            return false;
        }

        // compile.components defaults to ["model", "loss"] (torchtitan/config/job_config.py, Compile).
        string components = keys.Text("compile.components") ?? "[\"model\", \"loss\"]";
        return keys.Text("compile.enable") == "true" && components.Contains("\"model\"", StringComparison.Ordinal)
            ? true
            : throw Bad("parallelism.enable_async_tensor_parallel", "true", "needs [compile] enable = true with \"model\" in components (torchtitan raises \"Async TP requires 'model' in --compile.components and --compile.enable\")");
    }
}
