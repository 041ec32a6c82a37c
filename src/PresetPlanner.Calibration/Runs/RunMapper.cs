using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Calibration.Runs;

/// <summary>
/// Maps a published run onto model, cluster, layout and settings. Where the source omits a setting, the era's default is
/// used and docs/validation.md says so: Megatron 2021-22 and BLOOM ran without FlashAttention and without the
/// distributed optimizer unless stated; Megatron-Core, NeMo and Megatron-Bridge runs use FlashAttention, the distributed
/// optimizer (ZeRO-1 with fp32 gradients) and sequence parallelism with TP.
/// </summary>
public static class RunMapper
{
    /// <summary>Maps <paramref name="row"/>, applying its Megatron-Bridge recipe row when <paramref name="recipes"/> holds one.</summary>
    public static PublishedRun Map(Dictionary<string, string> row, Dictionary<string, Dictionary<string, string>> recipes)
    {
        string id = row["case_id"];
        string source = id.Split('-')[0];
        bool legacy = source is "MEG21" or "KOR22" or "MEG" or "BLOOM";
        if (Named(row["model"]) is string named && !Presets.Models.TryGet(named, out _))
        {
            return Skipped(id, source, $"the model '{row["model"]}' is not a preset (docs/model.md, \"Known limits\")");
        }

        if ((Named(row["model"]) is null && PublishedRun.Number(row["layers"]) is null) || PublishedRun.Number(row["tp"]) is null || PublishedRun.Number(row["gbs"]) is null)
        {
            return Skipped(id, source, "the source publishes no model shape or no layout");
        }

        if (Model(row, legacy) is not ModelSpec model)
        {
            return Skipped(id, source, $"the model '{row["model"]}' is not a preset");
        }

        if (Gpu(row["gpu"]) is not GpuSpec gpu)
        {
            return Skipped(id, source, $"the GPU '{row["gpu"]}' is not a preset");
        }

        // The CSV's gpus_per_node is the NVLink domain (72 for NVL72 racks); servers are the GPU's (4-GPU trays on NVL72)
        // and the job is placed in the domains as schedulers place it (256 GPUs: 4 racks x 64).
        int n = PublishedRun.IntOr(row, "n_gpus", 1);
        if (DegreesProblem(row, n) is string problem)
        {
            return Skipped(id, source, problem);
        }

        int domain = PublishedRun.IntOr(row, "gpus_per_node", gpu.ScaleUpDomain);
        var cluster = new ClusterSpec { Gpu = gpu, GpuCount = n, GpusPerNode = Math.Min(n, gpu.Server), ScaleUpDomain = domain, ScaleOutBytesPerSecond = gpu.ScaleOutBytesPerSecond };
        ParallelLayout layout = Layout(row, source, legacy, n);
        TrainingSettings settings = Settings(row, id, source, legacy, layout.Zero);
        string mapping = source switch
        {
            "NEMO2407" => "NeMo 24.07 publishes the layout and the precision; gradients are read as BF16 (NeMo-Framework-Launcher's H100 scripts set optim.grad_sync_dtype=bf16), its FP8 weight storage and recomputation settings are not mapped and are read with Megatron's defaults",
            "MEG21" when layout.Zero >= 2 => "DeepSpeed ZeRO-3 of 2021 without model parallelism; its allocator and prefetch buffers are not modelled",
            _ => string.Empty,
        };
        if (recipes.TryGetValue(id, out Dictionary<string, string>? recipe))
        {
            (layout, settings) = RecipeRows.Apply(recipe, layout, settings);
            mapping = RecipeRows.Describe(recipe);
        }

        bool oom = row["measured_mem_gb"] == "OOM";
        double? memory = oom ? null : PublishedRun.Number(row["measured_mem_gb"]) is double gb && double.IsFinite(gb) && gb > 0 ? gb : null;
        return new PublishedRun(id, source, model, cluster, layout, settings, Tokens(row, model, settings, source), memory, oom, null, Family(row["model"]), mapping) { ModelName = ModelKey(row["model"]) };
    }

    // A published TP, PP or CP below 1, or whose product exceeds the GPU count (or overflows), cannot be laid out: the
    // row is skipped with the reason rather than divided by.
    private static string? DegreesProblem(Dictionary<string, string> row, int n)
    {
        long t = PublishedRun.IntOr(row, "tp", 1);
        long p = PublishedRun.IntOr(row, "pp", 1);
        long c = PublishedRun.IntOr(row, "cp", 1);
        return n < 1 || t < 1 || p < 1 || c < 1 || t * p * c > n
            ? $"the published layout (TP {t}, PP {p}, CP {c} on {n} GPUs) cannot be laid out: each degree must be at least 1 and their product at most the GPU count"
            : null;
    }

    // The published layout; what the source leaves out takes its era's default (see the type's summary).
    private static ParallelLayout Layout(Dictionary<string, string> row, string source, bool legacy, int n)
    {
        int t = PublishedRun.IntOr(row, "tp", 1);
        int p = PublishedRun.IntOr(row, "pp", 1);
        int c = PublishedRun.IntOr(row, "cp", 1);
        RecomputeMode recompute = row["recompute"] switch
        {
            "full" => RecomputeMode.Full,
            "selective" => RecomputeMode.Selective,
            "" when source == "MCORE" => RecomputeMode.Selective,
            "" when legacy => RecomputeMode.Full,
            _ => RecomputeMode.None,
        };
        return new ParallelLayout
        {
            Tp = t,
            Pp = p,
            Dp = PublishedRun.IntOr(row, "dp", n / (t * p * c)),
            Cp = c,
            Ep = PublishedRun.IntOr(row, "ep", 1),
            Vp = PublishedRun.IntOr(row, "vp", 1),
            MicroBatch = PublishedRun.IntOr(row, "mbs", 1),
            Zero = PublishedRun.IntOr(row, "zero_stage", legacy ? 0 : 1),
            Recompute = recompute,
            SequenceParallel = row["sequence_parallel"] switch { "yes" => true, "no" => false, _ => t > 1 },
        };
    }

    private static TrainingSettings Settings(Dictionary<string, string> row, string id, string source, bool legacy, int zero)
    {
        string precision = row["precision"].ToUpperInvariant();
        return new TrainingSettings
        {
            SequenceLength = PublishedRun.IntOr(row, "seq_len", 2048),
            GlobalBatchSize = PublishedRun.IntOr(row, "gbs", 1),
            Precision = precision.Contains("FP8", StringComparison.Ordinal) || precision.Contains("FP4", StringComparison.Ordinal) ? ComputePrecision.Fp8 : ComputePrecision.Bf16,
            // NeMo-Framework-Launcher's H100 example scripts (examples/training/*/h100/*.sh) run its distributed Adam with
            // optim.grad_sync_dtype=bf16.
            Gradients = source == "NEMO2407" ? GradientPrecision.Bf16 : Gradients(zero, precision),
            FlashAttention = !legacy,
            OverlapCommunication = !legacy,
            Lora = id.Contains("-LoRA-", StringComparison.Ordinal),

            // Megatron-Bridge's performance scripts export PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True
            // (scripts/performance/utils/executors.py, PERF_ENV_VARS; docs/calibration/megatron-bridge-recipes.md).
            ExpandableSegments = source == "MBRIDGE",
        };
    }

    // DeepSpeed ZeRO-1/2/3 keep 16-bit gradients; its ZeRO-0 FP16_Optimizer flattens fp32 casts of them at the step;
    // BLOOM's BF16 optimizer adds an fp32 accumulation buffer; Megatron keeps fp32 main gradients.
    private static GradientPrecision Gradients(int zero, string precision) =>
        precision.Contains("FP32 GRAD ACCUM", StringComparison.Ordinal) ? GradientPrecision.Fp32WithBf16Copy
        : zero == 0 && precision.Contains("PRE-BF16-OPTIMIZER", StringComparison.Ordinal) ? GradientPrecision.Bf16FlattenedToFp32
        : zero >= 2 || precision.Contains("PRE-BF16-OPTIMIZER", StringComparison.Ordinal) ? GradientPrecision.Bf16
        : GradientPrecision.Fp32;

    // The model a row trains, by its published name with the source's decorations removed ("Llama3 70B (NeMo)" and
    // "LLAMA3_70B" are one model): lower case, letters and digits only, and "3.1" read as "3".
    private static string ModelKey(string model)
    {
        string name = new([.. model.ToLowerInvariant().Split('(')[0].Where(char.IsLetterOrDigit)]);
        return name.Replace("llama31", "llama3", StringComparison.Ordinal).Replace("llama3_1", "llama3", StringComparison.Ordinal);
    }

    // The family a model belongs to, by the words of its published name.
    private static string Family(string model)
    {
        string name = model.ToLowerInvariant();
        return name.Contains("bloom", StringComparison.Ordinal) ? "BLOOM"
            : name.Contains("llama", StringComparison.Ordinal) ? "Llama"
            : name.Contains("nemotron", StringComparison.Ordinal) ? "Nemotron"
            : name.Contains("deepseek", StringComparison.Ordinal) ? "DeepSeek"
            : name.Contains("qwen", StringComparison.Ordinal) ? "Qwen"
            : name.Contains("gpt-oss", StringComparison.Ordinal) ? "gpt-oss"
            : "GPT";
    }

    private static PublishedRun Skipped(string id, string source, string why) =>
        new(id, source, default, default, default, new TrainingSettings(), null, null, false, why);

    /// <summary>Tokens/s per GPU: published, else derived from the published TFLOP/s with the source's own FLOP count.</summary>
    // The published throughput, tokens/s per GPU; a figure that is not positive and finite is no figure (a row that
    // claims -400 TFLOP/s is compared with nothing rather than giving a negative error).
    private static double? Tokens(Dictionary<string, string> row, in ModelSpec m, in TrainingSettings s, string source)
    {
        if (PublishedRun.Number(row["tokens_per_s_per_gpu"]) is double tokens)
        {
            return double.IsFinite(tokens) && tokens > 0 ? tokens : null;
        }

        if (PublishedRun.Number(row["achieved_tflops_per_gpu"]) is not double tflops || !double.IsFinite(tflops) || tflops <= 0)
        {
            return null;
        }

        // Narayanan et al. SC'21 Eq. 3 (with full recomputation, 96) and Megatron-LM's model FLOPs without it (72).
        double l = m.Layers;
        double h = m.Hidden;
        double seq = s.SequenceLength;
        double perToken = source is "MEG21" or "MEG"
            ? 96 * l * h * h * (1 + (seq / (6 * h)) + (m.Vocab / (16 * l * h)))
            : 72 * l * h * h * (1 + (seq / (6 * h)) + (m.Vocab / (12 * l * h)));
        return tflops * 1e12 / perToken;
    }

    private static GpuSpec? Gpu(string name) => name switch
    {
        "A100-80GB-SXM" => Presets.A100.Spec,
        "H100-80GB-SXM" => Presets.H100.Spec,
        "B200" => Presets.B200.Spec,
        "B300" => Presets.B300.Spec,
        "GB200-NVL72" => Presets.GB200.Spec,
        "GB300-NVL72" => Presets.GB300.Spec,
        _ => null,
    };

    // The MoE and hybrid models of the Megatron-Bridge tables, by the table's name, and the preset each one is. Nemotron
    // 3.5 Lightning's recipe builds the Nano provider (its checkpoint id aside) and adds two MTP layers, which the
    // recipe row carries (docs/calibration/megatron-bridge-recipes-moe.csv).
    private static readonly (string Name, string Preset)[] s_named =
    [
        ("deepseek-v3", "deepseek-v3"), ("gpt-oss-120b", "gpt-oss-120b"), ("qwen3-235b-a22b", "qwen3-235b-a22b"),
        ("qwen3-30b-a3b", "qwen3-30b-a3b"), ("nemotron_3_nano", "nemotron-3-nano"), ("nemotron_3_super", "nemotron-3-super"),
        ("nemotron_3_ultra", "nemotron-3-ultra"), ("nemotron_3_5_lightning", "nemotron-3-nano"), ("deepseekv4", "deepseek-v4-flash"),
    ];

    // The preset id of a model the Megatron-Bridge tables name, or null.
    private static string? Named(string model)
    {
        string name = model.ToLowerInvariant();
        foreach ((string named, string preset) in s_named)
        {
            if (name.StartsWith(named, StringComparison.Ordinal))
            {
                return preset;
            }
        }

        return null;
    }

    private static ModelSpec? Model(Dictionary<string, string> row, bool legacy)
    {
        string name = row["model"].ToLowerInvariant();
        if (Named(row["model"]) is string id)
        {
            return Presets.Models.TryGet(id, out ModelPreset found) ? found.Spec : null;
        }

        if (PublishedRun.Number(row["experts"]) is double)
        {
            return null;
        }

        int layers = PublishedRun.IntOr(row, "layers", 1);
        int hidden = PublishedRun.IntOr(row, "hidden", 1);
        int heads = PublishedRun.IntOr(row, "heads", 1);
        int kv = PublishedRun.IntOr(row, "kv_heads", heads);
        int ffn = PublishedRun.IntOr(row, "ffn", 4 * hidden);
        int vocab = PublishedRun.IntOr(row, "vocab", name.Contains("nemo gpt3", StringComparison.Ordinal) ? 50257 : 51200);
        foreach (ModelPreset candidate in Presets.Models.All)
        {
            ModelSpec preset = candidate.Spec;
            if (preset.Layers == layers && preset.Hidden == hidden && preset.Heads == heads && preset.KvHeads == kv && preset.FfnHidden == ffn && preset.Vocab == vocab)
            {
                return preset;
            }
        }

        bool swiglu = name.Contains("llama", StringComparison.Ordinal);
        bool nemotron = name.Contains("nemotron", StringComparison.Ordinal);
        return new ModelSpec
        {
            Layers = layers,
            Hidden = hidden,
            Heads = heads,
            KvHeads = kv,
            HeadDim = heads > 0 ? hidden / heads : 0,
            FfnHidden = ffn,
            Vocab = vocab,
            MaxSequence = PublishedRun.IntOr(row, "seq_len", 2048),
            Activation = swiglu ? MlpActivation.SwiGlu : nemotron ? MlpActivation.SquaredRelu : MlpActivation.Gelu,
            Attention = kv == heads ? AttentionKind.Mha : AttentionKind.Gqa,
            Norm = swiglu ? NormKind.RmsNorm : NormKind.LayerNorm,
            Positions = name.Contains("bloom", StringComparison.Ordinal) ? PositionEmbedding.Alibi : legacy ? PositionEmbedding.Learned : PositionEmbedding.Rope,
            TiedEmbeddings = !swiglu && !nemotron,
            LinearBias = !swiglu && !nemotron,
            Dropout = legacy && !name.Contains("bloom", StringComparison.Ordinal) ? 0.1 : 0,
            MoeLayerInterval = 1,
        };
    }
}
