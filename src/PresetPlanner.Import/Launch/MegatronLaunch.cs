using System;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Import.Launch;

/// <summary>
/// Reads a Megatron-LM launch: a script or an argument list (megatron/training/arguments.py, the commit docs/export.md
/// names), into the layout and settings it runs. Each argument the exporter writes is read back (a property test holds
/// export then import to the same run); arguments that change nothing the planner models are known and skipped
/// (<c>--overlap-grad-reduce</c>, <c>--ckpt-format</c>, data and logging arguments are listed as not modelled);
/// Megatron-LM's defaults stand where an argument is absent.
/// </summary>
public static class MegatronLaunch
{
    /// <summary>
    /// The run <paramref name="text"/> launches for <paramref name="model"/>, over <paramref name="baseline"/> (whose
    /// sequence, batch and allocator settings stand unless the arguments give them).
    /// </summary>
    /// <exception cref="PlanInputException">An argument's value is not one Megatron-LM accepts (the flag is named).</exception>
    public static LaunchRun Read(string text, in ModelSpec model, in TrainingSettings baseline)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(ShellArguments.Parse(text), model, baseline, ExportFramework.Megatron);
    }

    /// <summary>The run <paramref name="flags"/> (Megatron-LM arguments, parsed) launch, reported as <paramref name="framework"/>'s.</summary>
    internal static LaunchRun Read(List<(string Flag, List<string> Values)> flags, in ModelSpec model, in TrainingSettings baseline, ExportFramework framework)
    {
        var args = new Arguments(flags);
        var notModelled = new List<string>();
        TrainingSettings s = baseline with
        {
            Precision = ComputePrecision.Bf16,
            Gradients = args.Has("--grad-reduce-in-bf16") ? GradientPrecision.Bf16 : GradientPrecision.Fp32,
            Fp8ParamGather = args.Has("--fp8-param-gather"),
            // Not an argument of Megatron-LM d98e8a6 (a TransformerConfig field there, so the baseline's setting stands), but
            // of forks' launch scripts, and what Megatron-Bridge's model.activation_func_fp8_input_store reads as.
            ActivationFuncFp8InputStore = baseline.ActivationFuncFp8InputStore || args.Has("--activation-func-fp8-input-store"),
            OverlapCommunication = args.Has("--tp-comm-overlap"),
            OverlapExpertCommunication = args.Has("--overlap-moe-expert-parallel-comm"),
            EmbeddingInPipelineSplit = args.Has("--account-for-embedding-in-pipeline-split"),
            LossInPipelineSplit = args.Has("--account-for-loss-in-pipeline-split"),
            // Megatron-Core's unfused and local backends store the s x s scores (no FlashAttention).
            FlashAttention = args.Text("--attention-backend") is not ("unfused" or "local"),
            RankOrder = args.Has("--use-tp-pp-dp-mapping") ? RankOrder.TpCpPpDp : RankOrder.TpCpDpPp,
            SequenceLength = args.Int("--seq-length") ?? baseline.SequenceLength,
            GlobalBatchSize = args.Int("--global-batch-size") ?? baseline.GlobalBatchSize,
            FirstStageLayers = args.Int("--decoder-first-pipeline-num-layers") ?? 0,
            LastStageLayers = args.Int("--decoder-last-pipeline-num-layers") ?? 0,
            ActivationOffloadLayers = args.Int("--cpu-offloading-num-layers") ?? 0,
            MtpLayers = args.Int("--mtp-num-layers") ?? 0,
            Bf16FirstLayers = args.Has("--first-last-layers-bf16") ? args.Int("--num-layers-at-start-in-bf16") ?? 1 : 0,
            Bf16LastLayers = args.Has("--first-last-layers-bf16") ? args.Int("--num-layers-at-end-in-bf16") ?? 1 : 0,
            Dispatcher = MoeDispatcher.AllToAll,
            CudaGraphs = CudaGraphScope.None,
            DropAndPad = false,
            Optimizer = OptimizerKind.Adam,
            SelectiveModules = RecomputeModules.CoreAttention,
            FullRecomputeLayers = 0,
            OptimizerOffloadFraction = 0,
            Framework = baseline.Framework,
        };
        s = Precision(args, s);
        s = Optimizer(args, s);
        s = Experts(args, s);
        s = Graphs(args, s);
        ParallelLayout layout = Layout(args, model, ref s);
        CheckModel(args, model, notModelled);
        notModelled.AddRange(args.Notes);
        notModelled.AddRange(args.Unread());
        return new LaunchRun(framework, layout, s, notModelled);
    }

    // The degrees, recomputation, sharding and the data-parallel size left to the world size (Dp = 0).
    private static ParallelLayout Layout(Arguments args, in ModelSpec model, ref TrainingSettings s)
    {
        int tp = args.Int("--tensor-model-parallel-size") ?? 1;
        int pp = args.Int("--pipeline-model-parallel-size") ?? 1;
        int vp = args.Int("--num-virtual-stages-per-pipeline-rank") ?? 1;
        if (args.Int("--num-layers-per-virtual-pipeline-stage") is int perChunk)
        {
            long chunkLayers = (long)pp * perChunk;
            vp = chunkLayers > 0 && model.Layers % chunkLayers == 0 ? (int)(model.Layers / chunkLayers)
                : throw Bad("--num-layers-per-virtual-pipeline-stage", perChunk.ToString(CultureInfo.InvariantCulture), $"does not split the model's {model.Layers} layers over PP {pp}");
        }

        RecomputeMode recompute = args.Text("--recompute-granularity") switch
        {
            null => RecomputeMode.None,
            "selective" => RecomputeMode.Selective,
            "full" => RecomputeMode.Full,
            string other => throw Bad("--recompute-granularity", other, "is not selective or full"),
        };
        if (recompute == RecomputeMode.Selective && args.Values("--recompute-modules") is { Count: > 0 } modules)
        {
            s = s with
            {
                SelectiveModules = Spelling.TryParse(string.Join(',', modules), out RecomputeModules set) ? set
                    : throw Bad("--recompute-modules", string.Join(' ', modules), "holds a module the planner does not know: " + string.Join(", ", Spelling.ModuleNames)),
            };
        }

        if (recompute == RecomputeMode.Full && args.Text("--recompute-method") == "block")
        {
            s = s with { FullRecomputeLayers = args.Int("--recompute-num-layers") ?? 1 };
        }
        else
        {
            _ = args.Text("--recompute-method");
            _ = args.Text("--recompute-num-layers");
        }

        bool distributedOptimizer = args.Has("--use-distributed-optimizer");
        int zero = args.Has("--use-megatron-fsdp")
            ? args.Text("--data-parallel-sharding-strategy") switch
            {
                "optim_grads" => 2,
                "optim_grads_params" or null => 3,
                "optim" => 1,
                "no_shard" => 0,
                string other => throw Bad("--data-parallel-sharding-strategy", other, "is not no_shard, optim, optim_grads or optim_grads_params"),
            }
            : distributedOptimizer ? 1 : 0;
        if (args.Int("--num-distributed-optimizer-instances") is int instances && instances > 1)
        {
            args.NotModelled("--num-distributed-optimizer-instances", "its shard groups depend on the data-parallel size; give --shard-group N");
        }

        // Megatron-Core: expert_tensor_parallel_size defaults to the tensor-parallel size.
        int ep = args.Int("--expert-model-parallel-size") ?? 1;
        int etp = args.Int("--expert-tensor-parallel-size") ?? (model.IsMoe ? tp : 1);
        return new ParallelLayout
        {
            Tp = tp,
            Pp = pp,
            Vp = vp,
            Cp = args.Int("--context-parallel-size") ?? 1,
            Ep = ep,
            Etp = etp,
            Dp = 0,
            MicroBatch = args.Int("--micro-batch-size") ?? 1,
            Zero = zero,
            Recompute = recompute,
            SequenceParallel = args.Has("--sequence-parallel"),
        };
    }

    private static TrainingSettings Precision(Arguments args, TrainingSettings s)
    {
        _ = args.Has("--bf16");
        if (args.Text("--fp4-recipe") is string fp4)
        {
            _ = args.Text("--fp4-format");
            return fp4 == "nvfp4" ? s with { Precision = ComputePrecision.Nvfp4 } : throw Bad("--fp4-recipe", fp4, "is not nvfp4");
        }

        string? format = args.Text("--fp8-format");
        return args.Text("--fp8-recipe") switch
        {
            null when format is null => s,
            null or "delayed" => s with { Precision = ComputePrecision.Fp8 },
            "tensorwise" => s with { Precision = ComputePrecision.Fp8Current },
            "blockwise" => s with { Precision = ComputePrecision.Fp8Blockwise },
            "mxfp8" => s with { Precision = ComputePrecision.Mxfp8 },
            string other => throw Bad("--fp8-recipe", other, "is not delayed, tensorwise, blockwise or mxfp8"),
        };
    }

    private static TrainingSettings Optimizer(Arguments args, TrainingSettings s)
    {
        if (args.Has("--use-precision-aware-optimizer") && args.Text("--exp-avg-dtype") == "bf16" && args.Text("--exp-avg-sq-dtype") == "bf16")
        {
            s = s with { Optimizer = OptimizerKind.AdamBf16Moments };
        }

        if (args.Text("--optimizer") is string optimizer)
        {
            s = optimizer switch
            {
                "sgd" => s with { Optimizer = OptimizerKind.SgdMomentum },
                "adam" => s,
                _ => throw Bad("--optimizer", optimizer, "is not adam or sgd"),
            };
        }

        if (args.Has("--optimizer-cpu-offload"))
        {
            s = s with { OptimizerOffloadFraction = args.Real("--optimizer-offload-fraction") ?? 1.0 };
        }

        return s;
    }

    private static TrainingSettings Experts(Arguments args, TrainingSettings s)
    {
        string? backend = args.Text("--moe-flex-dispatcher-backend");
        s = args.Text("--moe-token-dispatcher-type") switch
        {
            null or "alltoall" => s,
            "flex" => s with
            {
                Dispatcher = backend switch
                {
                    null or "deepep" => MoeDispatcher.DeepEp,
                    "hybridep" => MoeDispatcher.HybridEp,
                    _ => throw Bad("--moe-flex-dispatcher-backend", backend, "is not deepep or hybridep"),
                },
            },
            string other => throw Bad("--moe-token-dispatcher-type", other, "is not alltoall or flex (allgather is not modelled)"),
        };
        if (args.Real("--moe-expert-capacity-factor") is double capacity)
        {
            s = s with { ExpertCapacityFactor = capacity, DropAndPad = args.Has("--moe-pad-expert-input-to-capacity") };
        }

        return s;
    }

    private static TrainingSettings Graphs(Arguments args, TrainingSettings s)
    {
        _ = args.Values("--cuda-graph-modules");
        return args.Text("--cuda-graph-impl") switch
        {
            null or "none" => s,
            "transformer_engine" or "local" => s with { CudaGraphs = CudaGraphScope.Partial },
            "full_iteration" => s with { CudaGraphs = CudaGraphScope.Full },
            string other => throw Bad("--cuda-graph-impl", other, "is not none, local, transformer_engine or full_iteration"),
        };
    }

    // The model arguments of a script must describe the model planned; a mismatch is said, not silently ignored.
    private static void CheckModel(Arguments args, in ModelSpec model, List<string> notModelled)
    {
        foreach ((string flag, int expected) in new[] { ("--num-layers", model.Layers), ("--hidden-size", model.Hidden), ("--num-attention-heads", model.Heads) })
        {
            if (args.Int(flag) is int value && value != expected)
            {
                notModelled.Add($"{flag} {value.ToString(CultureInfo.InvariantCulture)}: the model planned has {expected.ToString(CultureInfo.InvariantCulture)}; the layout is evaluated for the model planned");
            }
        }

        // Arguments that change nothing the planner models: known, not listed.
        foreach (string flag in s_noEffect)
        {
            _ = args.Values(flag);
        }
    }

    private static readonly string[] s_noEffect =
    [
        "--overlap-grad-reduce", "--overlap-param-gather", "--ckpt-format", "--use-mcore-models", "--ffn-hidden-size",
        "--num-query-groups", "--group-query-attention", "--max-position-embeddings", "--swiglu", "--normalization",
        "--position-embedding-type", "--untie-embeddings-and-output-weights", "--disable-bias-linear", "--use-flash-attn",
        "--num-experts", "--moe-router-topk", "--moe-ffn-hidden-size", "--moe-grouped-gemm",
    ];

    private static PlanInputException Bad(string flag, string value, string rule) => LaunchValues.Bad(flag, value, rule);

    // The parsed flags, with what was read, so that the rest can be reported.
    private sealed class Arguments(List<(string Flag, List<string> Values)> flags)
    {
        private readonly Dictionary<string, List<string>> _values = flags.GroupBy(f => f.Flag, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Values, StringComparer.Ordinal);
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);

        public bool Has(string flag)
        {
            _read.Add(flag);
            return _values.ContainsKey(flag);
        }

        public List<string>? Values(string flag) => Has(flag) ? _values[flag] : null;

        public string? Text(string flag) => Values(flag) is { } v ? (v.Count == 1 ? v[0] : throw Bad(flag, string.Join(' ', v), "needs one value")) : null;

        public int? Int(string flag) => Text(flag) is string text
            ? LaunchValues.Count(flag, text)
            : null;

        public double? Real(string flag) => Text(flag) is string text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : throw Bad(flag, text, "is not a number")
            : null;

        public void NotModelled(string flag, string why) => _notModelled.Add(flag + ": " + why);

        public IEnumerable<string> Notes => _notModelled;

        public IEnumerable<string> Unread() => _values.Keys.Where(k => !_read.Contains(k)).OrderBy(k => k, StringComparer.Ordinal);

        private readonly List<string> _notModelled = [];
    }
}
