namespace PresetPlanner;

/// <summary>
/// The ratios of a layout's degrees that the memory, communication and time formulas divide by, computed once per set
/// of degrees (TP, PP, DP, CP, EP, VP, micro-batch) so that evaluating its ZeRO, recomputation and SP variants only
/// multiplies: a double division issues about ten times less often than a multiplication (Agner Fog's instruction
/// tables), and moving them here took twelve cached variants from 92 to 50 ns each (docs/performance.md). The formulas
/// keep their sources' form; only the division is moved here.
/// </summary>
/// <param name="TokensPerRank">Tokens of one micro-batch on one CP rank: s b / c.</param>
/// <param name="InverseTp">1 / t.</param>
/// <param name="TpRingShare">(t - 1) / t: the share a ring collective over the TP group sends per rank.</param>
/// <param name="EpRingShare">(e - 1) / e.</param>
/// <param name="InverseDenseRanks">1 / (d c): the ranks ZeRO shards dense parameters over.</param>
/// <param name="InverseExpertShards">1 / (e x ETP): the routed experts one GPU holds.</param>
/// <param name="InverseExpertRanks">e ETP / (t c d): one over the expert data-parallel ranks ZeRO shards routed experts over.</param>
/// <param name="DenseRingShare">(d c - 1) / (d c).</param>
/// <param name="ExpertRingShare">(n - 1) / n of the n = t c d / (e ETP) expert data-parallel ranks.</param>
/// <param name="InverseMicroBatches">1 / max(m, 1).</param>
/// <param name="FirstStageInFlight">Micro-batches whose activations the first stage holds: min(p, m), times 1 + (p-1)/(p v) with interleaving.</param>
/// <param name="StagesPerVirtualStage">(p - 1) / v: pipeline fill and drain in micro-batch times.</param>
/// <param name="Bubble">The pipeline bubble.</param>
internal readonly record struct LayoutFactors(
    double TokensPerRank,
    double InverseTp,
    double TpRingShare,
    double EpRingShare,
    double InverseDenseRanks,
    double InverseExpertShards,
    double InverseExpertRanks,
    double DenseRingShare,
    double ExpertRingShare,
    double InverseMicroBatches,
    double FirstStageInFlight,
    double StagesPerVirtualStage,
    PipelineBubble Bubble)
{
    /// <summary>The factors of <paramref name="layout"/>'s degrees with <paramref name="microBatches"/> micro-batches.</summary>
    public static LayoutFactors Of(PlanningContext ctx, in ParallelLayout layout, int microBatches)
    {
        int p = layout.Pp;
        double t = layout.Tp;
        double e = layout.Ep;
        double inverseTp = 1 / t;
        double inverseRanks = 1 / ((double)layout.Dp * layout.Cp);
        double expertShards = e * layout.Etp;
        double inverseExpertRanks = expertShards / (t * layout.Cp * layout.Dp);
        double inFlight = Math.Min(p, microBatches);
        if (layout.Vp > 1)
        {
            inFlight *= 1 + ((p - 1) / ((double)p * layout.Vp));
        }

        // Dense states shard over n = d c ranks: 1/n and (n - 1)/n. Routed experts are split over e ETP GPUs and their
        // states sharded over the t c d / (e ETP) expert data-parallel ranks (MoE parallel folding).
        return new LayoutFactors(
            (double)ctx.Settings.SequenceLength * layout.MicroBatch / layout.Cp,
            inverseTp,
            (t - 1) * inverseTp,
            (e - 1) / e,
            inverseRanks,
            1 / expertShards,
            inverseExpertRanks,
            1 - inverseRanks,
            1 - inverseExpertRanks,
            1.0 / Math.Max(microBatches, 1),
            inFlight,
            (p - 1) / (double)layout.Vp,
            PipelineBubble.Of(p, layout.Vp, microBatches));
    }

    /// <summary>1 / t with sequence parallelism (which shards the rest of the layer over TP too), else 1.</summary>
    public double InverseSp(bool sequenceParallel) => sequenceParallel ? InverseTp : 1;
}
