using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Rules;

/// <summary>
/// The rule book: every layout rule, written once, in the order of <see cref="Constraint"/> within each enumeration
/// level (../shared/MODELING.md section 7; Megatron-Core's argument checks). The enumerator prunes a prefix with the
/// rules of its level, the evaluator reports the first rule a layout breaks, and <see cref="Planning.PlanningContext.Admits"/>,
/// <see cref="Planning.PlanningContext.Check"/>, the command line and the inverse questions ask the same methods. Each method
/// returns the failed rule with its value and limit, or <see cref="Constraint.None"/>.
/// </summary>
internal static class LayoutRules
{
    /// <summary>
    /// Whether the MoE all-to-all overlaps another micro-batch's compute in <paramref name="layout"/>: asked for, and a
    /// layout Megatron-Core runs it in. Its TransformerConfig asserts expert parallelism, a virtual pipeline when PP &gt; 1 and
    /// no full recomputation for <c>overlap_moe_expert_parallel_comm</c> (megatron/core/transformer/transformer_config.py,
    /// "If enabling EP A2A overlap ..."); elsewhere the all-to-all runs exposed, and the setting is not an error: the
    /// plan simply costs those layouts without it.
    /// </summary>
    /// <remarks>
    /// DualPipe and DualPipeV overlap it by construction, whatever the setting: each pairs one micro-batch's forward chunk
    /// with another's backward chunk so that either's dispatch and combine run behind the other's compute (DeepSeek-V3
    /// report section 3.2.1, Figure 4).
    /// </remarks>
    public static bool OverlapsExpertCommunication(in TrainingSettings settings, in ParallelLayout layout) =>
        layout.Ep > 1 && (layout.EffectiveSchedule is PipelineSchedule.DualPipe or PipelineSchedule.DualPipeV
            || (settings.OverlapExpertCommunication && (layout.Pp == 1 || layout.Vp > 1) && layout.Recompute != RecomputeMode.Full));

    /// <summary>The enumeration level at which <paramref name="constraint"/> is decided.</summary>
    public static RuleLevel LevelOf(Constraint constraint) => constraint switch
    {
        Constraint.TensorParallelSpansNodes or Constraint.HeadsNotDivisible or Constraint.KvHeadsNotDivisible or Constraint.FfnNotDivisible or Constraint.MambaHeadsNotDivisible => RuleLevel.Tp,
        Constraint.PipelineExceedsLayers or Constraint.Bf16LayersExceedStage => RuleLevel.Pp,
        Constraint.SequenceNotDivisible or Constraint.ContextParallelWithMamba => RuleLevel.Cp,
        Constraint.GpuCount or Constraint.ShardGroupNotDividing => RuleLevel.Dp,
        Constraint.MoeFfnNotDivisible => RuleLevel.Etp,
        Constraint.ExpertParallelOnDenseModel or Constraint.ExpertsNotDivisible or Constraint.ExpertParallelNotDividingData => RuleLevel.Ep,
        Constraint.InterleavingNeedsPipeline or Constraint.LayersNotDivisible or Constraint.PipelineSplitInvalid => RuleLevel.Vp,
        Constraint.BatchNotDivisible or Constraint.MicroBatchesNotDivisible => RuleLevel.MicroBatch,
        Constraint.SequenceParallelWithoutTensorParallel or Constraint.SequenceParallelRequiredWithExperts => RuleLevel.Variant,
        Constraint.FrameworkRefusesShardedPipeline or Constraint.FrameworkHasNoOptimizerOnlySharding or Constraint.FrameworkRequiresSequenceParallel => RuleLevel.Variant,
        Constraint.FrameworkHasNoContextParallel => RuleLevel.Cp,
        Constraint.FrameworkExpertTensorParallel => RuleLevel.Ep,
        Constraint.FrameworkHasNoInterleaving or Constraint.ScheduleVirtualStages or Constraint.ScheduleOddPipeline or Constraint.FrameworkHasNoSchedule => RuleLevel.Vp,
        Constraint.ScheduleMicroBatches => RuleLevel.MicroBatch,
        Constraint.OutOfMemory => RuleLevel.Memory,
        _ => RuleLevel.Tp,
    };

    /// <summary>TP: at least 1, within a node unless allowed, dividing the heads and the FFN, and the KV heads evenly.</summary>
    internal static Constraint Tp(PlanInputs ctx, int t, out double value, out double limit)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        (value, limit) = (0, 0);
        if (t < 1)
        {
            return Fail(Constraint.OutOfRange, t, 1, out value, out limit);
        }

        if (t > ctx.DomainShare && !ctx.Settings.AllowCrossNodeTensorParallel)
        {
            return Fail(Constraint.TensorParallelSpansNodes, t, ctx.DomainShare, out value, out limit);
        }

        return TpDivides(ctx, t, out value, out limit);
    }

    /// <summary>
    /// The TP degrees above the job's share of one NVLink domain that the rules would allow if TP could span domains:
    /// the first of them dividing the GPU count, the heads and the FFN, or 0 when none does (or TP may span domains).
    /// </summary>
    internal static int FirstCrossDomainTp(PlanInputs ctx, in ValueSet tp)
    {
        if (ctx.Settings.AllowCrossNodeTensorParallel)
        {
            return 0;
        }

        for (int t = ctx.DomainShare + 1; t <= ctx.Cluster.GpuCount; t++)
        {
            if (ctx.Cluster.GpuCount % t == 0 && tp.Contains(t) && TpDivides(ctx, t, out _, out _) == Constraint.None)
            {
                return t;
            }
        }

        return 0;
    }

    // TP's divisibility rules: the heads, KV heads, FFN and Mamba heads split evenly.
    private static Constraint TpDivides(PlanInputs ctx, int t, out double value, out double limit)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        (value, limit) = (0, 0);

        // A hybrid without attention (or MLP) layers has no heads (or FFN) for TP to split.
        bool attention = !m.IsHybrid || m.Hybrid.Attention > 0;
        if (attention && m.Heads % t != 0)
        {
            return Fail(Constraint.HeadsNotDivisible, m.Heads, t, out value, out limit);
        }

        if (attention && m.KvHeads % t != 0 && t % m.KvHeads != 0)
        {
            return Fail(Constraint.KvHeadsNotDivisible, m.KvHeads, t, out value, out limit);
        }

        if ((!m.IsHybrid || m.Hybrid.Mlp > 0) && m.FfnHidden % t != 0)
        {
            return Fail(Constraint.FfnNotDivisible, m.FfnHidden, t, out value, out limit);
        }

        // The smaller of the Mamba heads and groups is reported: the first to stop dividing.
        int mamba = Math.Min(m.Mamba.Heads, m.Mamba.Groups);
        return m.Hybrid.Mamba > 0 && (m.Mamba.Heads % t != 0 || m.Mamba.Groups % t != 0)
            ? Fail(Constraint.MambaHeadsNotDivisible, mamba, t, out value, out limit) : Constraint.None;
    }

    /// <summary>PP: at least 1, t x p dividing the GPU count, at most one stage per layer.</summary>
    internal static Constraint Pp(PlanInputs ctx, int t, int p, out double value, out double limit)
    {
        (value, limit) = (0, 0);
        if (p < 1)
        {
            return Fail(Constraint.OutOfRange, p, 1, out value, out limit);
        }

        long tp = (long)t * p;
        if (ctx.Cluster.GpuCount % tp != 0)
        {
            return Fail(Constraint.GpuCount, tp, ctx.Cluster.GpuCount, out value, out limit);
        }

        if (p > ctx.Model.Layers)
        {
            return Fail(Constraint.PipelineExceedsLayers, p, ctx.Model.Layers, out value, out limit);
        }

        // Megatron-Core refuses more BF16 end layers than a stage's even share (TransformerConfig.__post_init__).
        int bf16 = Math.Max(ctx.Settings.Bf16FirstLayers, ctx.Settings.Bf16LastLayers);
        return bf16 > ctx.Model.Layers / p
            ? Fail(Constraint.Bf16LayersExceedStage, bf16, ctx.Model.Layers / p, out value, out limit)
            : Constraint.None;
    }

    /// <summary>CP: at least 1, t x p x c dividing the GPU count, the sequence splitting into 2c chunks.</summary>
    internal static Constraint Cp(PlanInputs ctx, int t, int p, int c, out double value, out double limit)
    {
        (value, limit) = (0, 0);
        if (c < 1)
        {
            return Fail(Constraint.OutOfRange, c, 1, out value, out limit);
        }

        long tpc = (long)t * p * c;
        if (ctx.Cluster.GpuCount % tpc != 0)
        {
            return Fail(Constraint.GpuCount, tpc, ctx.Cluster.GpuCount, out value, out limit);
        }

        int s = ctx.Settings.SequenceLength;
        if (c > 1 && s % (2 * c) != 0)
        {
            return Fail(Constraint.SequenceNotDivisible, s, 2 * c, out value, out limit);
        }

        if (c > 1 && ctx.Settings.Framework == ExportFramework.DeepSpeed)
        {
            return Fail(Constraint.FrameworkHasNoContextParallel, c, 1, out value, out limit);
        }

        return c > 1 && ctx.Model.Hybrid.Mamba > 0 ? Fail(Constraint.ContextParallelWithMamba, c, 1, out value, out limit) : Constraint.None;
    }

    /// <summary>DP: at least 1, t x p x d x c equal to the GPU count, and an HSDP shard group dividing d x c.</summary>
    internal static Constraint Dp(PlanInputs ctx, int t, int p, int c, int d, out double value, out double limit)
    {
        (value, limit) = (0, 0);
        if (d < 1)
        {
            return Fail(Constraint.OutOfRange, d, 1, out value, out limit);
        }

        long gpus = (long)t * p * c * d;
        if (gpus != ctx.Cluster.GpuCount)
        {
            return Fail(Constraint.GpuCount, gpus, ctx.Cluster.GpuCount, out value, out limit);
        }

        long ranks = (long)d * c;
        int shard = ctx.Settings.ShardGroupSize;
        return shard > 0 && shard < ranks && ranks % shard != 0 ? Fail(Constraint.ShardGroupNotDividing, ranks, shard, out value, out limit) : Constraint.None;
    }

    /// <summary>ETP: at least 1; above 1 only on an MoE model, dividing its expert FFN size.</summary>
    internal static Constraint Etp(PlanInputs ctx, int etp, out double value, out double limit)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        Constraint rule = ExpertDegree(m, etp, out value, out limit);
        return rule != Constraint.None ? rule
            : m.IsMoe && m.MoeFfnHidden % etp != 0 ? Fail(Constraint.MoeFfnNotDivisible, m.MoeFfnHidden, etp, out value, out limit) : Constraint.None;
    }

    /// <summary>EP: at least 1; above 1 only on an MoE model, dividing its experts, and EP x ETP dividing t x c x d.</summary>
    internal static Constraint Ep(PlanInputs ctx, int t, int c, int d, int etp, int e, out double value, out double limit)
    {
        ref readonly ModelSpec m = ref ctx.Model;
        Constraint rule = ExpertDegree(m, e, out value, out limit);
        if (rule != Constraint.None)
        {
            return rule;
        }

        if (m.IsMoe && m.Experts % e != 0)
        {
            return Fail(Constraint.ExpertsNotDivisible, m.Experts, e, out value, out limit);
        }

        long ranks = (long)t * c * d;
        long expert = (long)e * etp;
        if (ranks % expert != 0)
        {
            return Fail(Constraint.ExpertParallelNotDividingData, ranks, expert, out value, out limit);
        }

        return m.IsMoe && etp != 1 && etp != t && ctx.Settings.Framework == ExportFramework.Torchtitan
            ? Fail(Constraint.FrameworkExpertTensorParallel, etp, t, out value, out limit)
            : Constraint.None;
    }

    /// <summary>VP: at least 1; above 1 only with PP, at least one layer per virtual stage, and the uneven-pipeline settings met.</summary>
    internal static Constraint Vp(PlanInputs ctx, int p, int v, PipelineSchedule schedule, out double value, out double limit)
    {
        (value, limit) = (0, 0);
        if (v < 1)
        {
            return Fail(Constraint.OutOfRange, v, 1, out value, out limit);
        }

        if (v > 1 && p == 1)
        {
            return Fail(Constraint.InterleavingNeedsPipeline, v, p, out value, out limit);
        }

        if (v > 1 && ctx.Settings.Framework == ExportFramework.DeepSpeed)
        {
            return Fail(Constraint.FrameworkHasNoInterleaving, v, 1, out value, out limit);
        }

        Constraint scheduleRule = ScheduleStages(ctx.Settings.Framework, p, v, schedule, out value, out limit);
        if (scheduleRule != Constraint.None)
        {
            return scheduleRule;
        }

        // The embedding and the loss count as layers when the split accounts for them (Llama 3.1 405B: 126 + 2 = 128
        // chunks at PP 16 x VP 8 in Megatron-Bridge's recipe).
        long chunks = (long)p * v;
        int counted = ctx.Model.Layers + (ctx.Settings.EmbeddingInPipelineSplit ? 1 : 0) + (ctx.Settings.LossInPipelineSplit ? 1 : 0);
        bool pinnedEnds = ctx.Settings.FirstStageLayers > 0 || ctx.Settings.LastStageLayers > 0;
        if (v > 1 && counted < chunks && !pinnedEnds)
        {
            return Fail(Constraint.LayersNotDivisible, counted, chunks, out value, out limit);
        }

        return PipelineSplit.TryOf(ctx.Model.Layers, ctx.Settings, p, v, out _) ? Constraint.None : Fail(Constraint.PipelineSplitInvalid, ctx.Settings.FirstStageLayers + ctx.Settings.LastStageLayers, ctx.Model.Layers, out value, out limit);
    }

    /// <summary>Micro-batch: at least 1, b x d dividing the global batch, and with interleaving the micro-batches dividing by p.</summary>
    internal static Constraint MicroBatch(PlanInputs ctx, int b, int d, int p, int v, PipelineSchedule schedule, out double value, out double limit)
    {
        (value, limit) = (0, 0);
        if (b < 1)
        {
            return Fail(Constraint.OutOfRange, b, 1, out value, out limit);
        }

        int batch = ctx.Settings.GlobalBatchSize;
        long perStep = (long)b * d;
        if (batch % perStep != 0)
        {
            return Fail(Constraint.BatchNotDivisible, batch, perStep, out value, out limit);
        }

        long m = batch / perStep;
        schedule = p > 1 ? schedule : PipelineSchedule.OneForwardOneBackward;
        long least = schedule switch
        {
            PipelineSchedule.DualPipe or PipelineSchedule.DualPipeV => 2L * p,
            PipelineSchedule.ZeroBubbleV => p,
            _ => 0,
        };
        if (m < least || (schedule == PipelineSchedule.DualPipe && m % 2 != 0))
        {
            return Fail(Constraint.ScheduleMicroBatches, m, least, out value, out limit);
        }

        // Megatron-Core's interleaved schedule runs the micro-batches in groups of p; the V schedules do not.
        return v > 1 && schedule == PipelineSchedule.OneForwardOneBackward && m % p != 0 ? Fail(Constraint.MicroBatchesNotDivisible, m, p, out value, out limit) : Constraint.None;
    }

    /// <summary>
    /// What the pipeline schedule asks of the stages (the <c>Schedule*</c> constraints and <see cref="Constraint.FrameworkHasNoSchedule"/>):
    /// a framework that ships it, one chunk per stage for ZB-H1 and DualPipe, two for ZB-V and DualPipeV, an even PP for
    /// DualPipe. A layout without a pipeline (p = 1) has no schedule to run.
    /// </summary>
    private static Constraint ScheduleStages(ExportFramework? framework, int p, int v, PipelineSchedule schedule, out double value, out double limit)
    {
        (value, limit) = (0, 0);
        if (p == 1 || schedule == PipelineSchedule.OneForwardOneBackward)
        {
            return Constraint.None;
        }

        if ((uint)schedule > (uint)PipelineSchedule.DualPipeV)
        {
            return Fail(Constraint.OutOfRange, (int)schedule, (int)PipelineSchedule.DualPipeV, out value, out limit);
        }

        if (!TrainingSettings.FrameworkRuns(framework, schedule))
        {
            return Fail(Constraint.FrameworkHasNoSchedule, (int)schedule, 0, out value, out limit);
        }

        int chunks = ChunksPerStage(schedule);
        if (v != chunks)
        {
            return Fail(Constraint.ScheduleVirtualStages, v, chunks, out value, out limit);
        }

        return schedule == PipelineSchedule.DualPipe && p % 2 != 0 ? Fail(Constraint.ScheduleOddPipeline, p, 2, out value, out limit) : Constraint.None;
    }

    /// <summary>
    /// Chunks per stage a schedule runs: one for ZB-H1 and DualPipe, two in a V for ZB-V and DualPipeV (torch.distributed.pipelining's
    /// V schedules require two stages per rank); 0 for 1F1B, which runs any (interleaved above one).
    /// </summary>
    internal static int ChunksPerStage(PipelineSchedule schedule) => schedule switch
    {
        PipelineSchedule.ZeroBubbleV or PipelineSchedule.DualPipeV => 2,
        PipelineSchedule.OneForwardOneBackward => 0,
        _ => 1,
    };

    /// <summary>The ZeRO stage, recomputation and sequence parallelism, given valid degrees.</summary>
    internal static Constraint Variant(PlanInputs ctx, int t, int p, int e, int zero, RecomputeMode recompute, bool sp, out double value, out double limit)
    {
        (value, limit) = (0, 0);
        if ((uint)zero > 3)
        {
            return Fail(Constraint.OutOfRange, zero, 3, out value, out limit);
        }

        if ((uint)recompute > (uint)RecomputeMode.Full)
        {
            return Fail(Constraint.OutOfRange, (int)recompute, (int)RecomputeMode.Full, out value, out limit);
        }

        if (sp && t == 1)
        {
            return Fail(Constraint.SequenceParallelWithoutTensorParallel, t, 2, out value, out limit);
        }

        if (!sp && t > 1 && e > 1)
        {
            return Fail(Constraint.SequenceParallelRequiredWithExperts, t, e, out value, out limit);
        }

        return Framework(ctx.Settings.Framework, t, p, zero, sp, out value, out limit);
    }

    // The per-rank choices a framework cannot run (the Framework* constraints; sources on each).
    private static Constraint Framework(ExportFramework? framework, int t, int p, int zero, bool sp, out double value, out double limit)
    {
        (value, limit) = (0, 0);
        return framework switch
        {
            ExportFramework.DeepSpeed when zero >= 2 && p > 1 => Fail(Constraint.FrameworkRefusesShardedPipeline, zero, p, out value, out limit),
            ExportFramework.Torchtitan when zero == 1 => Fail(Constraint.FrameworkHasNoOptimizerOnlySharding, zero, 1, out value, out limit),
            ExportFramework.Torchtitan when t > 1 && !sp => Fail(Constraint.FrameworkRequiresSequenceParallel, t, 1, out value, out limit),
            _ => Constraint.None,
        };
    }

    /// <summary>Every rule on the degrees and the micro-batch, level by level.</summary>
    internal static Constraint Degrees(PlanInputs ctx, in ParallelLayout l, out double value, out double limit)
    {
        Constraint rule = Tp(ctx, l.Tp, out value, out limit);
        if (rule == Constraint.None)
        {
            rule = Pp(ctx, l.Tp, l.Pp, out value, out limit);
        }

        if (rule == Constraint.None)
        {
            rule = Cp(ctx, l.Tp, l.Pp, l.Cp, out value, out limit);
        }

        if (rule == Constraint.None)
        {
            rule = Dp(ctx, l.Tp, l.Pp, l.Cp, l.Dp, out value, out limit);
        }

        if (rule == Constraint.None)
        {
            rule = Etp(ctx, l.Etp, out value, out limit);
        }

        if (rule == Constraint.None)
        {
            rule = Ep(ctx, l.Tp, l.Cp, l.Dp, l.Etp, l.Ep, out value, out limit);
        }

        if (rule == Constraint.None)
        {
            rule = Vp(ctx, l.Pp, l.Vp, l.Schedule, out value, out limit);
        }

        return rule == Constraint.None ? MicroBatch(ctx, l.MicroBatch, l.Dp, l.Pp, l.Vp, l.Schedule, out value, out limit) : rule;
    }

    /// <summary>Every rule but memory.</summary>
    internal static Constraint Check(PlanInputs ctx, in ParallelLayout l, out double value, out double limit)
    {
        Constraint rule = Degrees(ctx, l, out value, out limit);
        return rule != Constraint.None ? rule : Variant(ctx, l.Tp, l.Pp, l.Ep, l.Zero, l.Recompute, l.SequenceParallel, out value, out limit);
    }

    // An expert degree (EP or ETP): at least 1, and above 1 only on an MoE model.
    private static Constraint ExpertDegree(in ModelSpec m, int degree, out double value, out double limit)
    {
        (value, limit) = (0, 0);
        return degree < 1 ? Fail(Constraint.OutOfRange, degree, 1, out value, out limit)
            : degree > 1 && !m.IsMoe ? Fail(Constraint.ExpertParallelOnDenseModel, degree, 1, out value, out limit)
            : Constraint.None;
    }

    private static Constraint Fail(Constraint constraint, double a, double b, out double value, out double limit)
    {
        value = a;
        limit = b;
        return constraint;
    }
}
