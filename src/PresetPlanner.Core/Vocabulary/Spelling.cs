using System.Globalization;

namespace PresetPlanner.Vocabulary;

/// <summary>The spellings of the training, result and rule enumerations (the shape enumerations are in the other part).</summary>
public static partial class Spelling
{
    private static readonly string[] s_precisions = ["bf16", "fp8", "fp8-current", "fp8-blockwise", "mxfp8", "nvfp4"];
    private static readonly string[] s_gradients = ["fp32", "bf16", "fp32-with-bf16-copy", "bf16-flattened-to-fp32"];
    private static readonly string[] s_optimizers = ["adam", "adam-8bit", "sgd-momentum", "adam-bf16-moments"];
    private static readonly string[] s_reshard = ["default", "always", "never"];
    private static readonly string[] s_graphs = ["none", "partial", "full"];
    private static readonly string[] s_dispatchers = ["alltoall", "deepep", "hybridep"];
    private static readonly string[] s_recompute = ["none", "selective", "full"];
    private static readonly string[] s_links = ["none", "scale-up", "scale-out", "hierarchical"];
    private static readonly string[] s_orders = ["tp-cp-dp-pp", "tp-cp-pp-dp"];
    private static readonly string[] s_frameworks = ["megatron", "megatron-bridge", "torchtitan", "deepspeed"];
    private static readonly string[] s_schedules = ["1f1b", "zb-h1", "zb-v", "dualpipe", "dualpipe-v"];
    private static readonly string[] s_sequenceLimits = ["memory", "model-context", "requested"];
    private static readonly string[] s_generations = ["ampere", "hopper", "blackwell"];
    private static readonly string[] s_widths = ["16-bit", "8-bit", "4-bit"];
    private static readonly string[] s_scopes = ["kind", "generation", "model-kind", "all"];
    private static readonly string[] s_constraints =
    [
        "none", "tensor-parallel-spans-nodes", "heads-not-divisible", "kv-heads-not-divisible", "ffn-not-divisible",
        "mamba-heads-not-divisible", "gpu-count", "pipeline-exceeds-layers", "sequence-not-divisible", "context-parallel-with-mamba", "shard-group-not-dividing", "expert-parallel-on-dense-model",
        "moe-ffn-not-divisible", "experts-not-divisible", "expert-parallel-not-dividing-data", "interleaving-needs-pipeline", "layers-not-divisible", "pipeline-split-invalid",
        "batch-not-divisible", "micro-batches-not-divisible", "sequence-parallel-without-tensor-parallel",
        "sequence-parallel-required-with-experts", "out-of-range", "out-of-memory",
        "framework-has-no-interleaving", "framework-has-no-context-parallel", "framework-refuses-sharded-pipeline",
        "framework-has-no-optimizer-only-sharding", "framework-requires-sequence-parallel", "framework-expert-tensor-parallel",
        "schedule-virtual-stages", "schedule-odd-pipeline", "schedule-micro-batches", "framework-has-no-schedule",
    ];

    /// <summary>"bf16", "fp8" (delayed scaling), "fp8-current", "fp8-blockwise", "mxfp8" or "nvfp4".</summary>
    public static string Of(ComputePrecision value) => Name(s_precisions, (int)value);

    /// <summary>"fp32", "bf16" or "fp32-with-bf16-copy".</summary>
    public static string Of(GradientPrecision value) => Name(s_gradients, (int)value);

    /// <summary>"adam", "adam-8bit", "sgd-momentum" or "adam-bf16-moments".</summary>
    public static string Of(OptimizerKind value) => Name(s_optimizers, (int)value);

    /// <summary>"none", "selective" or "full".</summary>
    public static string Of(RecomputeMode value) => Name(s_recompute, (int)value);

    /// <summary>"none", "partial" or "full".</summary>
    public static string Of(CudaGraphScope value) => Name(s_graphs, (int)value);

    /// <summary>Parses a spelling of <see cref="Of(CudaGraphScope)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out CudaGraphScope value) => Parse(s_graphs, text, out value);

    /// <summary>"alltoall", "deepep" or "hybridep".</summary>
    public static string Of(MoeDispatcher value) => Name(s_dispatchers, (int)value);

    /// <summary>Parses a spelling of <see cref="Of(MoeDispatcher)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out MoeDispatcher value) => Parse(s_dispatchers, text, out value);

    /// <summary>"default", "always" or "never".</summary>
    public static string Of(ReshardPolicy value) => Name(s_reshard, (int)value);

    /// <summary>Parses a spelling of <see cref="Of(ReshardPolicy)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out ReshardPolicy value) => Parse(s_reshard, text, out value);

    /// <summary>"ampere", "hopper" or "blackwell".</summary>
    public static string Of(GpuGeneration value) => Name(s_generations, (int)value);

    /// <summary>"16-bit", "8-bit" or "4-bit".</summary>
    public static string Of(PrecisionWidth value) => Name(s_widths, (int)value);

    /// <summary>"kind", "generation", "model-kind" or "all".</summary>
    public static string Of(BandScope value) => Name(s_scopes, (int)value);

    /// <summary>"none", "scale-up", "scale-out" or "hierarchical".</summary>
    public static string Of(LinkKind value) => Name(s_links, (int)value);

    /// <summary>"tp-cp-dp-pp" or "tp-cp-pp-dp".</summary>
    public static string Of(RankOrder value) => Name(s_orders, (int)value);

    /// <summary>Parses a spelling of <see cref="Of(RankOrder)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out RankOrder value) => Parse(s_orders, text, out value);

    /// <summary>"memory", "model-context" or "requested": what stopped a longest-sequence search.</summary>
    public static string Of(SequenceLimit value) => Name(s_sequenceLimits, (int)value);

    /// <summary>"megatron", "megatron-bridge", "torchtitan", "deepspeed".</summary>
    public static string Of(ExportFramework value) => Name(s_frameworks, (int)value);

    /// <summary>Parses a spelling of <see cref="Of(ExportFramework)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out ExportFramework value) => Parse(s_frameworks, text, out value);

    /// <summary>"1f1b" (interleaved when VP &gt; 1), "zb-h1", "zb-v", "dualpipe" or "dualpipe-v".</summary>
    public static string Of(PipelineSchedule value) => Name(s_schedules, (int)value);

    /// <summary>Parses a spelling of <see cref="Of(PipelineSchedule)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out PipelineSchedule value) => Parse(s_schedules, text, out value);

    /// <summary>The rule's kebab-case name, e.g. "heads-not-divisible" or "out-of-memory".</summary>
    public static string Of(Constraint value) => Name(s_constraints, (int)value);

    /// <summary>Parses a spelling of <see cref="Of(ComputePrecision)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out ComputePrecision value) => Parse(s_precisions, text, out value);

    /// <summary>Parses a spelling of <see cref="Of(GradientPrecision)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out GradientPrecision value) => Parse(s_gradients, text, out value);

    /// <summary>Parses a spelling of <see cref="Of(OptimizerKind)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out OptimizerKind value) => Parse(s_optimizers, text, out value);

    /// <summary>Parses a spelling of <see cref="Of(RecomputeMode)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out RecomputeMode value) => Parse(s_recompute, text, out value);

    /// <summary>Parses a spelling of <see cref="Of(Constraint)"/> (case-insensitive).</summary>
    public static bool TryParse(string? text, out Constraint value) => Parse(s_constraints, text, out value);

    /// <summary>Every spelling of <typeparamref name="T"/>'s values, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Table(typeof(T));

    /// <summary>Whether <paramref name="value"/> is one of the declared values of its enumeration.</summary>
    public static bool IsDefined<T>(T value)
        where T : struct, Enum
    {
        long index = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        return index >= 0 && index < Table(typeof(T)).Length;
    }

    private static string[] Table(Type type) => ShapeNames(type)
        ?? (type == typeof(ComputePrecision) ? s_precisions
        : type == typeof(GradientPrecision) ? s_gradients
        : type == typeof(OptimizerKind) ? s_optimizers
        : type == typeof(ReshardPolicy) ? s_reshard
        : type == typeof(CudaGraphScope) ? s_graphs
        : type == typeof(MoeDispatcher) ? s_dispatchers
        : type == typeof(RecomputeMode) ? s_recompute
        : type == typeof(LinkKind) ? s_links
        : type == typeof(RankOrder) ? s_orders
        : type == typeof(ExportFramework) ? s_frameworks
        : type == typeof(PipelineSchedule) ? s_schedules
        : type == typeof(SequenceLimit) ? s_sequenceLimits
        : type == typeof(Constraint) ? s_constraints
        : throw new ArgumentException("no spellings for " + type.Name, nameof(type)));
}
