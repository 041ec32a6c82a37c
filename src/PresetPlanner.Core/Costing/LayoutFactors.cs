using PresetPlanner.Results;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// The ratios of a layout's degrees that the memory, communication and time formulas divide by, computed once per set
/// of degrees (TP, PP, DP, CP, EP, VP, micro-batch) so that evaluating its ZeRO, recomputation and SP variants only
/// multiplies: a double division issues about ten times less often than a multiplication (Agner Fog's instruction
/// tables), and moving them here took twelve cached variants from 92 to 50 ns each (docs/performance.md). The formulas
/// keep their sources' form; only the division is moved here.
/// </summary>
internal readonly record struct LayoutFactors
{
    /// <summary>Tokens of one micro-batch on one CP rank: s b / c.</summary>
    public double TokensPerRank { get; init; }

    /// <summary>1 / t.</summary>
    public double InverseTp { get; init; }

    /// <summary>(t - 1) / t: the share a ring collective over the TP group sends per rank.</summary>
    public double TpRingShare { get; init; }

    /// <summary>Copies of each routed token the dispatch sends to other EP ranks (<see cref="ExpertDispatch.SentCopies"/>).</summary>
    public double EpSentCopies { get; init; }

    /// <summary>1 / n: the n = d c ranks ZeRO shards dense parameters over (with HSDP, the shard group).</summary>
    public double InverseDenseRanks { get; init; }

    /// <summary>1 / (e x ETP): the routed experts one GPU holds.</summary>
    public double InverseExpertShards { get; init; }

    /// <summary>One over the expert data-parallel ranks ZeRO shards routed experts over: e ETP / (t c d), or the HSDP shard group.</summary>
    public double InverseExpertRanks { get; init; }

    /// <summary>(n - 1) / n of the dense shard group.</summary>
    public double DenseRingShare { get; init; }

    /// <summary>(n - 1) / n of the expert shard group (the n = t c d / (e ETP) expert data-parallel ranks without HSDP).</summary>
    public double ExpertRingShare { get; init; }

    /// <summary>(r - 1) / r of the r HSDP replicas of the dense shard group; 0 without HSDP.</summary>
    public double DenseReplicaShare { get; init; }

    /// <summary>(r - 1) / r of the replicas of the expert shard group; 0 without HSDP.</summary>
    public double ExpertReplicaShare { get; init; }

    /// <summary>1 / max(m, 1).</summary>
    public double InverseMicroBatches { get; init; }

    /// <summary>Micro-batches whose activations the first stage holds: min(p, m), times 1 + (p-1)/(p v) with interleaving.</summary>
    public double FirstStageInFlight { get; init; }

    /// <summary>The same for the second stage, which stands for the middle ones: min(p - 1, m); with interleaving p + (p - 3)/v.</summary>
    public double SecondStageInFlight { get; init; }

    /// <summary>The same for the last stage: 1; with interleaving p - (p - 1)/v.</summary>
    public double LastStageInFlight { get; init; }

    /// <summary>(p - 1) / v: pipeline fill and drain in micro-batch times.</summary>
    public double StagesPerVirtualStage { get; init; }

    /// <summary>The pipeline bubble.</summary>
    public PipelineBubble Bubble { get; init; }

    /// <summary>The factors of <paramref name="layout"/>'s degrees with <paramref name="microBatches"/> micro-batches.</summary>
    public static LayoutFactors Of(CostContext ctx, in ParallelLayout layout, int microBatches)
    {
        int p = layout.Pp;
        double t = layout.Tp;
        double e = layout.Ep;
        double inverseTp = 1 / t;
        int denseRanks = layout.Dp * layout.Cp;
        double expertShards = e * layout.Etp;
        int expertRanks = (int)Math.Max(1, layout.Tp * (long)layout.Cp * layout.Dp / ((long)layout.Ep * layout.Etp));
        int shard = ctx.Settings.ShardGroupSize;
        int denseShard = Shard(denseRanks, shard);
        int expertShard = Shard(expertRanks, shard);
        double inverseRanks = 1.0 / denseShard;
        double inverseExpertRanks = 1.0 / expertShard;
        // 1F1B: rank r holds p - r micro-batches (at most m). Interleaved (Megatron-Core's schedule): rank r warms up with
        // (p - r - 1) 2 + (v - 1) p chunk forwards and holds one more, each chunk 1/v of the stage: p + (p - 2r - 1)/v
        // micro-batches' worth, which for rank 0 is Megatron's theoretical p (1 + (p-1)/(p v)).
        double inFlight = Math.Min(p, microBatches);
        double secondInFlight = Math.Max(1, Math.Min(p - 1, microBatches));
        double lastInFlight = 1;
        int v = layout.Vp;
        PipelineSchedule schedule = layout.EffectiveSchedule;
        if (schedule != PipelineSchedule.OneForwardOneBackward)
        {
            (inFlight, secondInFlight, lastInFlight) = ScheduledInFlight(schedule, p, microBatches);
            if (schedule == PipelineSchedule.ZeroBubbleH1)
            {
                // As 1F1B, a stage cannot hold more micro-batches than the step has.
                (inFlight, secondInFlight, lastInFlight) = (Math.Min(inFlight, microBatches), Math.Min(secondInFlight, Math.Max(1, microBatches)), Math.Min(lastInFlight, Math.Max(1, microBatches)));
            }
        }
        else if (v > 1)
        {
            inFlight = p + ((p - 1) / (double)v);
            secondInFlight = p + ((p - 3) / (double)v);
            lastInFlight = p - ((p - 1) / (double)v);
        }

        // Dense states shard over n = d c ranks: 1/n and (n - 1)/n. Routed experts are split over e ETP GPUs and their
        // states sharded over the t c d / (e ETP) expert data-parallel ranks (MoE parallel folding).
        return new LayoutFactors
        {
            TokensPerRank = (double)ctx.Settings.SequenceLength * layout.MicroBatch / layout.Cp,
            InverseTp = inverseTp,
            TpRingShare = (t - 1) * inverseTp,
            EpSentCopies = ExpertDispatch.SentCopies(ctx.Settings.Dispatcher, ctx.Model.Experts, ctx.Model.ActiveExperts, layout.Ep),
            InverseDenseRanks = inverseRanks,
            InverseExpertShards = 1 / expertShards,
            InverseExpertRanks = inverseExpertRanks,
            DenseRingShare = 1 - inverseRanks,
            ExpertRingShare = 1 - inverseExpertRanks,
            DenseReplicaShare = 1 - ((double)denseShard / denseRanks),
            ExpertReplicaShare = 1 - ((double)expertShard / expertRanks),
            InverseMicroBatches = 1.0 / Math.Max(microBatches, 1),
            FirstStageInFlight = inFlight,
            SecondStageInFlight = secondInFlight,
            LastStageInFlight = lastInFlight,
            StagesPerVirtualStage = (p - 1) / (double)layout.Vp,
            Bubble = PipelineBubble.Of(p, layout.Vp, microBatches),
        };
    }

    /// <summary>
    /// The activations the first, a middle and the last GPU hold under a schedule other than 1F1B, in micro-batches of the
    /// layers that GPU holds:
    /// <list type="bullet">
    /// <item>ZB-H1: worker i (from 1) holds (p - i + 1) M_B + (i - 1) M_W (Qi et al. ICLR 2024, section 2.3), where a
    /// delayed weight gradient keeps M_W / M_B = 32 sbh / 34 sbh of a micro-batch's activations (their Table 1, without the
    /// attention scores FlashAttention does not store): p on the first GPU and nearly p on the others.</item>
    /// <item>ZB-V: p of a GPU's share, 2p chunks' micro-batches ("1x" 1F1B's activation memory, sail-sg/zero-bubble-pipeline-parallelism
    /// README). Replaying the V schedule its <c>zbv.py</c> builds (<c>PipelineGraph.try_v_schedule</c> with equal passes and
    /// the memory figures its <c>runtime.py</c> passes; docs/model.md section 6) gives GPU r 2p - 1 - r micro-batches of
    /// its chunk r and r + 1 of its chunk 2p - 1 - r when m &gt;= 2p, and the first GPU m of chunk 0 and a little under
    /// 2p - m of the last when p &lt;= m &lt; 2p: the first GPU min(2p - 1, m) of chunk 0 and the rest of 2p of the last chunk
    /// (applied to the two chunks apart), a middle GPU p of its share.</item>
    /// <item>DualPipe: PP + 1 stages' micro-batches on a GPU that holds two stages (DeepSeek-V3 report Table 2). Walking
    /// deepseek-ai/DualPipe's <c>dualpipe.py</c> <c>step()</c> (commit 3da1bbe; docs/model.md, "Pipeline schedules") shows
    /// how they divide: GPU r &lt; p/2 peaks at p - r micro-batches of its stage r and r + 1 of its stage p - 1 - r, what
    /// 1F1B's GPUs r and p - 1 - r hold. So the first GPU holds p of the first stage and 1 of the last (the first and last
    /// figures here, applied to the two end stages apart), and a middle GPU (p + 1) / 2 of its two-stage share.</item>
    /// <item>DualPipeV: PP + 1 chunks' micro-batches with 2p chunks of half a GPU's layers (deepseek-ai/DualPipe README).
    /// The same walk of <c>dualpipev.py</c> gives GPU r 2p - r micro-batches of its chunk r and r + 1 of its chunk
    /// 2p - 1 - r, what 1F1B over 2p stages holds on its GPUs r and 2p - 1 - r: the first GPU 2p of chunk 0 and 1 of the
    /// last chunk (applied to the two chunks apart), a middle GPU p + 1/2 of its share.</item>
    /// </list>
    /// </summary>
    private static (double First, double Second, double Last) ScheduledInFlight(PipelineSchedule schedule, int p, int m) => schedule switch
    {
        PipelineSchedule.ZeroBubbleH1 => (p, (p - 1) + WeightGradientActivationShare, 1 + ((p - 1) * WeightGradientActivationShare)),
        PipelineSchedule.ZeroBubbleV => (Math.Min((2 * p) - 1, m), p, (2 * p) - Math.Min((2 * p) - 1, m)),
        PipelineSchedule.DualPipe => (p, (p + 1) / 2.0, 1),
        _ => (2 * p, p + 0.5, 1),
    };

    /// <summary>M_W / M_B: the activations a pending weight-gradient pass keeps over a pending backward's, 32 sbh / 34 sbh (Qi et al. ICLR 2024, Table 1).</summary>
    internal const double WeightGradientActivationShare = 32.0 / 34.0;

    // The ranks ZeRO shards over: the whole group, or the HSDP shard group (for the expert group, which need not be a
    // multiple of it, its largest divisor not above the shard size).
    private static int Shard(int ranks, int shard)
    {
        if (shard <= 0 || shard >= ranks)
        {
            return ranks;
        }

        for (int size = shard; size > 1; size--)
        {
            if (ranks % size == 0)
            {
                return size;
            }
        }

        return 1;
    }

    /// <summary>1 / t with sequence parallelism (which shards the rest of the layer over TP too), else 1.</summary>
    public double InverseSp(bool sequenceParallel) => sequenceParallel ? InverseTp : 1;
}
