using System;
using System.Collections.Generic;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Import.Launch;

/// <summary>
/// Reads Megatron-Bridge recipe overrides, <c>section.field=value</c> as its recipe scripts take them (one per line or
/// on a command line; the ConfigContainer fields docs/export.md names), into the run they launch. The model fields are
/// Megatron-Core TransformerConfig's, so each override is read as the Megatron-LM argument it sets
/// (<see cref="MegatronLaunch"/>); <c>mixed_precision</c> names a recipe whose precision it stands for. Overrides the
/// planner does not model are named in <see cref="LaunchRun.NotModelled"/>.
/// </summary>
public static class MegatronBridgeLaunch
{
    /// <summary>The run the overrides in <paramref name="text"/> launch for <paramref name="model"/>, over <paramref name="baseline"/>.</summary>
    /// <exception cref="PlanInputException">An override's value is not one Megatron-Bridge accepts (the key is named).</exception>
    public static LaunchRun Read(string text, in ModelSpec model, in TrainingSettings baseline)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flags = new List<(string Flag, List<string> Values)>();
        foreach (string word in ShellArguments.Words(text))
        {
            int equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            string key = word[..equals].TrimStart('+');
            string value = word[(equals + 1)..];
            Translate(key, value, flags);
        }

        return MegatronLaunch.Read(flags, model, baseline, ExportFramework.MegatronBridge);
    }

    // One override as the Megatron-LM arguments it sets; unknown keys keep their name, so that they are reported.
    private static void Translate(string key, string value, List<(string Flag, List<string> Values)> flags)
    {
        void Add(string flag, params string[] values) => flags.Add((flag, [.. values]));
        bool on = value.Equals("true", StringComparison.OrdinalIgnoreCase);
        if (value is "null" or "None")
        {
            return;
        }

        if (s_switches.TryGetValue(key, out string? switchFlag))
        {
            if (on)
            {
                Add(switchFlag);
            }
            else if (!value.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                throw LaunchValues.Bad(key, value, "is not true or false");
            }

            return;
        }

        if (s_values.TryGetValue(key, out string? flag))
        {
            Add(flag, List(value));
            return;
        }

        switch (key)
        {
            case "mixed_precision":
                foreach ((string f, string[] v) in Precision(value))
                {
                    Add(f, v);
                }

                break;
            case "mixed_precision.grad_reduce_in_fp32":
                if (!on)
                {
                    Add("--grad-reduce-in-bf16");
                }

                break;
            case "optimizer.use_distributed_optimizer" or "dataset.seq_length" or "checkpoint.ckpt_format" or "model.cpu_offloading"
                or "optimizer.use_precision_aware_optimizer":
                // Set beside another key that decides (ddp.use_distributed_optimizer, model.seq_length, ...), or no effect.
                break;
            default:
                Add(key, value);
                break;
        }
    }

    // "[a,b]" and "a,b" as the list a Megatron-LM argument takes.
    private static string[] List(string value) =>
        value.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // The mixed-precision recipes of megatron/bridge/training/mixed_precision.py as the precision arguments they set.
    private static (string Flag, string[] Values)[] Precision(string recipe) => recipe switch
    {
        "bf16_mixed" => [("--bf16", [])],
        "bf16_with_fp8_delayed_scaling_mixed" => [("--bf16", []), ("--fp8-format", ["hybrid"]), ("--fp8-recipe", ["delayed"])],
        "bf16_with_fp8_current_scaling_mixed" => [("--bf16", []), ("--fp8-format", ["hybrid"]), ("--fp8-recipe", ["tensorwise"])],
        "bf16_with_fp8_subchannel_scaling_mixed" => [("--bf16", []), ("--fp8-format", ["e4m3"]), ("--fp8-recipe", ["blockwise"])],
        "bf16_with_mxfp8_mixed" => [("--bf16", []), ("--fp8-format", ["e4m3"]), ("--fp8-recipe", ["mxfp8"])],
        "bf16_with_nvfp4_mixed" => [("--bf16", []), ("--fp4-format", ["e2m1"]), ("--fp4-recipe", ["nvfp4"])],
        _ => throw LaunchValues.Bad("mixed_precision", recipe, "is not a mixed-precision recipe the planner knows: bf16_mixed, bf16_with_fp8_delayed_scaling_mixed, bf16_with_fp8_current_scaling_mixed, bf16_with_fp8_subchannel_scaling_mixed, bf16_with_mxfp8_mixed, bf16_with_nvfp4_mixed"),
    };

    private static readonly Dictionary<string, string> s_switches = new(StringComparer.Ordinal)
    {
        ["model.sequence_parallel"] = "--sequence-parallel",
        ["ddp.use_distributed_optimizer"] = "--use-distributed-optimizer",
        ["ddp.use_megatron_fsdp"] = "--use-megatron-fsdp",
        ["mixed_precision.fp8_param_gather"] = "--fp8-param-gather",
        ["model.activation_func_fp8_input_store"] = "--activation-func-fp8-input-store",
        ["optimizer.optimizer_cpu_offload"] = "--optimizer-cpu-offload",
        ["model.account_for_embedding_in_pipeline_split"] = "--account-for-embedding-in-pipeline-split",
        ["model.account_for_loss_in_pipeline_split"] = "--account-for-loss-in-pipeline-split",
        ["comm_overlap.tp_comm_overlap"] = "--tp-comm-overlap",
        ["comm_overlap.overlap_moe_expert_parallel_comm"] = "--overlap-moe-expert-parallel-comm",
        ["mixed_precision.first_last_layers_bf16"] = "--first-last-layers-bf16",
        ["model.moe_pad_expert_input_to_capacity"] = "--moe-pad-expert-input-to-capacity",
    };

    private static readonly Dictionary<string, string> s_values = new(StringComparer.Ordinal)
    {
        ["model.tensor_model_parallel_size"] = "--tensor-model-parallel-size",
        ["model.pipeline_model_parallel_size"] = "--pipeline-model-parallel-size",
        ["model.virtual_pipeline_model_parallel_size"] = "--num-virtual-stages-per-pipeline-rank",
        ["model.context_parallel_size"] = "--context-parallel-size",
        ["model.expert_model_parallel_size"] = "--expert-model-parallel-size",
        ["model.expert_tensor_parallel_size"] = "--expert-tensor-parallel-size",
        ["model.seq_length"] = "--seq-length",
        ["train.micro_batch_size"] = "--micro-batch-size",
        ["train.global_batch_size"] = "--global-batch-size",
        ["model.recompute_granularity"] = "--recompute-granularity",
        ["model.recompute_modules"] = "--recompute-modules",
        ["model.recompute_method"] = "--recompute-method",
        ["model.recompute_num_layers"] = "--recompute-num-layers",
        ["ddp.data_parallel_sharding_strategy"] = "--data-parallel-sharding-strategy",
        ["optimizer.optimizer_offload_fraction"] = "--optimizer-offload-fraction",
        ["model.cpu_offloading_num_layers"] = "--cpu-offloading-num-layers",
        ["model.mtp_num_layers"] = "--mtp-num-layers",
        ["mixed_precision.num_layers_at_start_in_bf16"] = "--num-layers-at-start-in-bf16",
        ["mixed_precision.num_layers_at_end_in_bf16"] = "--num-layers-at-end-in-bf16",
        ["model.num_layers_in_first_pipeline_stage"] = "--decoder-first-pipeline-num-layers",
        ["model.num_layers_in_last_pipeline_stage"] = "--decoder-last-pipeline-num-layers",
        ["model.cuda_graph_impl"] = "--cuda-graph-impl",
        ["model.cuda_graph_modules"] = "--cuda-graph-modules",
        ["model.moe_token_dispatcher_type"] = "--moe-token-dispatcher-type",
        ["model.moe_flex_dispatcher_backend"] = "--moe-flex-dispatcher-backend",
        ["model.moe_expert_capacity_factor"] = "--moe-expert-capacity-factor",
        ["model.num_layers"] = "--num-layers",
        ["model.hidden_size"] = "--hidden-size",
        ["model.num_attention_heads"] = "--num-attention-heads",
    };
}
