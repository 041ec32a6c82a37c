using System.Globalization;
using System.Text;
using PresetPlanner.Planning;
using PresetPlanner.Results;
using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Text;

/// <summary>Names and sentences for layouts, rules and plans, shared by the library's tables and every front end.</summary>
public static class LayoutText
{
    /// <summary>
    /// Short name of a layout in the seed's style: "TP=8, PP=4, DP=2" (dimensions of degree 1 omitted, "Pure DP" when all
    /// are), with its pipeline schedule after PP and VP when it is not 1F1B ("PP=16, DualPipe, EP=64, DP=128").
    /// </summary>
    public static string Strategy(in ParallelLayout l)
    {
        var sb = new StringBuilder();
        Append(sb, "TP", l.Tp);
        Append(sb, "PP", l.Pp);
        Append(sb, "VP", l.Vp);
        if (l.EffectiveSchedule != PipelineSchedule.OneForwardOneBackward)
        {
            sb.Append(", ").Append(ScheduleText.Name(l.EffectiveSchedule, l.Vp));
        }

        Append(sb, "CP", l.Cp);
        Append(sb, "EP", l.Ep);
        Append(sb, "ETP", l.Etp);
        if (sb.Length == 0)
        {
            return l.Dp > 1 ? "Pure DP" : "Single GPU";
        }

        Append(sb, "DP", l.Dp);
        return sb.ToString();
    }

    /// <summary>"ZeRO-1": the stage number is the contract.</summary>
    public static string Zero(int stage) => "ZeRO-" + stage.ToString(CultureInfo.InvariantCulture);

    /// <summary>"no recomputation", "selective recomputation", "full recomputation".</summary>
    public static string RecomputePhrase(RecomputeMode mode) => (mode == RecomputeMode.None ? "no" : Spelling.Of(mode)) + " recomputation";

    /// <summary>"TP=8, PP=4, DP=2, micro-batch 1, ZeRO-1, selective recomputation, SP": the layout and how each rank trains.</summary>
    public static string Full(in ParallelLayout l) =>
        $"{Strategy(l)}, micro-batch {I(l.MicroBatch)}, {Zero(l.Zero)}, {RecomputePhrase(l.Recompute)}{(l.SequenceParallel ? ", sequence parallel" : string.Empty)}";

    /// <summary>The one sentence that says why a layout is not usable: which rule failed and by how much, or what memory it needs.</summary>
    public static string Reason(in StrategyResult r) => r.Failure.Constraint == Constraint.OutOfMemory
        ? $"activations {Units.Gigabytes(r.Memory.Activations)} + states {Units.Gigabytes(r.Memory.ModelStates)} + other {Units.Gigabytes(r.Memory.Other)} = {Units.Gigabytes(r.Memory.Total)} > {Units.Gigabytes(r.CapacityBytes)} per GPU"
        : Reason(r.Failure);

    /// <summary>The sentence for a broken rule, e.g. "heads 64 not divisible by TP 3".</summary>
    public static string Reason(in RuleFailure f)
    {
        string a = Int(f.Value);
        string b = Int(f.Limit);
        return f.Constraint switch
        {
            Constraint.None => "fits",
            Constraint.OutOfMemory => $"needs {Units.Gigabytes(f.Value)} > {Units.Gigabytes(f.Limit)} per GPU",
            Constraint.OutOfRange => $"a value of {a} is out of range (every degree and the micro-batch must be at least 1, the ZeRO stage 0-3)",
            Constraint.GpuCount => $"the degrees multiply to {a}, which does not make up the {b} GPUs",
            Constraint.TensorParallelSpansNodes => $"TP {a} spans NVLink domains of {b} GPUs of this job (plans keep TP inside NVLink unless cross-domain TP is allowed; an evaluation costs it)",
            Constraint.HeadsNotDivisible => $"heads {a} not divisible by TP {b}",
            Constraint.KvHeadsNotDivisible => $"KV heads {a} neither divisible by TP {b} nor dividing it",
            Constraint.FfnNotDivisible => $"FFN size {a} not divisible by TP {b}",
            Constraint.MambaHeadsNotDivisible => $"Mamba heads and groups ({a}) not divisible by TP {b}",
            Constraint.ContextParallelWithMamba => $"CP {a} on a model with Mamba-2 layers (how their scan splits over the sequence is not modelled)",
            Constraint.PipelineExceedsLayers => $"PP {a} exceeds the {b} layers",
            Constraint.Bf16LayersExceedStage => $"{a} BF16 layers at one end exceed a stage's {b} layers (Megatron-Core allows at most the layers over PP)",
            Constraint.LayersNotDivisible => $"{a} layers are fewer than PP x VP = {b} pipeline chunks",
            Constraint.InterleavingNeedsPipeline => $"VP {a} needs PP > 1",
            Constraint.MicroBatchesNotDivisible => $"{a} micro-batches not divisible by PP {b} (interleaved 1F1B)",
            Constraint.ExpertsNotDivisible => $"experts {a} not divisible by EP {b}",
            Constraint.ExpertParallelOnDenseModel => $"expert parallelism of {a} on a dense model",
            Constraint.MoeFfnNotDivisible => $"expert FFN size {a} not divisible by ETP {b}",
            Constraint.ExpertParallelNotDividingData => $"EP x ETP = {b} does not divide TP x CP x DP = {a}",
            Constraint.SequenceNotDivisible => $"sequence {a} not divisible by 2 x CP = {b}",
            Constraint.BatchNotDivisible => $"global batch {a} not divisible by micro-batch x DP = {b}",
            Constraint.ShardGroupNotDividing => $"the HSDP shard group of {b} does not divide DP x CP = {a}",
            Constraint.PipelineSplitInvalid => $"the first and last stages' {a} layers leave the middle stages of this PP x VP without a layer per chunk, or the model's {b} layers without a stage",
            Constraint.SequenceParallelWithoutTensorParallel => "sequence parallelism needs TP > 1",
            Constraint.SequenceParallelRequiredWithExperts => $"TP {a} with EP {b} needs sequence parallelism (Megatron-LM requires it)",
            Constraint.FrameworkHasNoInterleaving => $"VP {a}: DeepSpeed's pipeline engine has no interleaved schedule",
            Constraint.FrameworkHasNoContextParallel => $"CP {a}: DeepSpeed has no ring-attention context parallelism (its Ulysses sequence parallelism splits heads)",
            Constraint.FrameworkRefusesShardedPipeline => $"ZeRO-{a} with PP {b}: DeepSpeed's pipeline engine refuses ZeRO-2 and ZeRO-3 with pipeline parallelism",
            Constraint.FrameworkHasNoOptimizerOnlySharding => "ZeRO-1: torchtitan's FSDP2 shards gradients with the optimizer state (ZeRO-2 or 3), never the optimizer alone",
            Constraint.FrameworkRequiresSequenceParallel => $"TP {a} without sequence parallelism: torchtitan's tensor parallelism always shards the sequence",
            Constraint.FrameworkExpertTensorParallel => $"ETP {a}: torchtitan's expert tensor parallelism is 1 or TP ({b})",
            Constraint.ScheduleVirtualStages => $"VP {a}: this pipeline schedule runs {b} chunk{(f.Limit == 1 ? string.Empty : "s")} per stage",
            Constraint.ScheduleOddPipeline => $"PP {a}: DualPipe pairs stage i with stage p - 1 - i and needs an even PP",
            Constraint.ScheduleMicroBatches => f.Value >= f.Limit ? $"{a} micro-batches: DualPipe needs an even count" : $"{a} micro-batches: this pipeline schedule needs at least {b}",
            Constraint.FrameworkHasNoSchedule => $"the framework does not ship the {Spelling.Of((PipelineSchedule)(int)f.Value)} schedule",
            _ => Spelling.Of(f.Constraint),
        };
    }

    // A model's local attention, as the header names it: ", 22 of 26 attention layers within a 512-token window".
    private static string Window(in ModelSpec m)
    {
        int attention = m.AttentionLayers;
        int local = m.LocalAttentionLayers;
        return local == 0 ? string.Empty
            : $", {(local == attention ? "every" : $"{I(local)} of {I(attention)}")} attention layer{(local == attention ? string.Empty : "s")} within {(m.ChunkedAttention ? "chunks of " + I(m.AttentionWindow) + " tokens" : "a " + I(m.AttentionWindow) + "-token window")}";
    }

    /// <summary>Two lines (three for an MoE model, with its runtime): what is planned on what, and with which settings.</summary>
    public static string Describe(PlanningContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ModelSpec m = ctx.Model;
        ClusterSpec c = ctx.Cluster;
        TrainingSettings s = ctx.Settings;
        return $"{ctx.ModelInfo.Name} ({Units.Parameters(m.TotalParameters)} parameters, {I(m.Layers)} layers, hidden {I(m.Hidden)}{Window(m)}) on {ctx.ClusterInfo.Id}: "
            + $"{I(c.GpuCount)} x {ctx.GpuInfo.Name}, {I(c.GpusPerNode)} per server, {Units.Gigabytes(c.Gpu.MemoryBytes)} each, {Placed(c, ctx.DomainShare)}\n"
            + $"Training: sequence {I(s.SequenceLength)}, global batch {I(s.GlobalBatchSize)} sequences, {Spelling.Of(s.Precision).ToUpperInvariant()}, "
            + $"{Spelling.Of(s.Gradients)} gradients, {Spelling.Of(s.Optimizer)}{(s.FlashAttention ? ", FlashAttention" : ", no FlashAttention")}{Recipe(s)}"
            + (m.IsMoe ? $"\nMoE runtime: {Runtime(s.MoeRuntime)}" : string.Empty);
    }

    /// <summary>The recipe settings that differ from the defaults, each as ", name value", in the CLI's flag names.</summary>
    public static string Recipe(in TrainingSettings s)
    {
        var sb = new StringBuilder();
        if (s.SelectiveModules != RecomputeModules.CoreAttention)
        {
            sb.Append(", selective recomputes ").Append(Spelling.Of(s.SelectiveModules));
        }

        Count(sb, ", full recomputation of ", s.FullRecomputeLayers, " layers per chunk");
        Count(sb, ", activations of ", s.ActivationOffloadLayers, " layers per stage offloaded to host");
        Count(sb, ", ", s.MtpLayers, " multi-token-prediction layers");
        Count(sb, ", first ", s.Bf16FirstLayers, " layers in BF16");
        Count(sb, ", last ", s.Bf16LastLayers, " layers in BF16");
        if (s.OptimizerOffloadFraction > 0)
        {
            sb.Append(", ").Append(Units.Number(s.OptimizerOffloadFraction * 100)).Append("% of the optimizer on host");
        }

        if (s.Fp8ParamGather)
        {
            sb.Append(", low-precision weights (fp8 param gather)");
        }

        if (s.ActivationFuncFp8InputStore)
        {
            sb.Append(", SwiGLU input kept in FP8");
        }

        if (s.Reshard != ReshardPolicy.Default)
        {
            sb.Append(", FSDP reshard ").Append(Spelling.Of(s.Reshard));
        }

        Count(sb, ", HSDP shard groups of ", s.ShardGroupSize, string.Empty);
        Count(sb, ", first stage ", s.FirstStageLayers, " layers");
        Count(sb, ", last stage ", s.LastStageLayers, " layers");
        if (s.EmbeddingInPipelineSplit)
        {
            sb.Append(", embedding counted as a layer");
        }

        if (s.LossInPipelineSplit)
        {
            sb.Append(", loss counted as a layer");
        }

        return sb.ToString();

        static void Count(StringBuilder sb, string before, int value, string after)
        {
            if (value > 0)
            {
                sb.Append(before).Append(I(value)).Append(after);
            }
        }
    }

    /// <summary>"hybridep dispatcher, full CUDA graphs, all-to-all overlapped, dropless": an MoE runtime in the CLI's words.</summary>
    public static string Runtime(in MoeRuntime r) =>
        $"{Spelling.Of(r.Dispatcher)} dispatcher, "
        + (r.CudaGraphs == CudaGraphScope.None ? "no CUDA graphs" : Spelling.Of(r.CudaGraphs) + " CUDA graphs")
        + (r.OverlapExpertCommunication ? ", all-to-all overlapped" : ", no overlap")
        + (r.DropAndPad ? ", drop-and-pad" : ", dropless");

    /// <summary>
    /// "MoE runtime: ..." for one layout, saying when the all-to-all overlap asked for does not run in it
    /// (<see cref="PlanningContext.OverlapsExpertCommunication"/>).
    /// </summary>
    public static string RuntimeLine(PlanningContext ctx, in ParallelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return "MoE runtime: " + Runtime(ctx.Settings.MoeRuntime)
            + (ctx.Settings.OverlapExpertCommunication && !ctx.OverlapsExpertCommunication(layout)
                ? " (the overlap does not run here: Megatron-Core needs EP > 1, a virtual pipeline when PP > 1 and no full recomputation)"
                : string.Empty);
    }

    /// <summary>"in one NVLink domain of 72", "4 NVLink domains of 8", "placed as 4 NVLink domains x 64 (of 72)".</summary>
    public static string Placed(in ClusterSpec c, int share)
    {
        int domains = share > 0 ? c.GpuCount / share : 0;
        return domains <= 1 ? $"in one NVLink domain of {I(c.Domain)}"
            : share == c.Domain ? $"{I(domains)} NVLink domains of {I(share)}"
            : $"placed as {I(domains)} NVLink domains x {I(share)} (of {I(c.Domain)})";
    }

    private static void Append(StringBuilder sb, string name, int degree)
    {
        if (degree > 1)
        {
            sb.Append(sb.Length == 0 ? string.Empty : ", ").Append(name).Append('=').Append(I(degree));
        }
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Int(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
