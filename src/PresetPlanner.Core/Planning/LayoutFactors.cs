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
/// <param name="InverseExpertRanks">e / (d c): the ranks ZeRO shards routed experts over.</param>
/// <param name="DenseRingShare">(d c - 1) / (d c).</param>
/// <param name="ExpertRingShare">(d c / e - 1) / (d c / e).</param>
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
        double inFlight = Math.Min(p, microBatches);
        if (layout.Vp > 1)
        {
            inFlight *= 1 + ((p - 1) / ((double)p * layout.Vp));
        }

        // With n = d c ranks and n / e expert ranks: e / n, (n - 1) / n and (n / e - 1) / (n / e) = 1 - e / n.
        return new LayoutFactors(
            (double)ctx.Settings.SequenceLength * layout.MicroBatch / layout.Cp,
            inverseTp,
            (t - 1) * inverseTp,
            (e - 1) / e,
            inverseRanks,
            e * inverseRanks,
            1 - inverseRanks,
            1 - (e * inverseRanks),
            1.0 / Math.Max(microBatches, 1),
            inFlight,
            (p - 1) / (double)layout.Vp,
            PipelineBubble.Of(p, layout.Vp, microBatches));
    }

    /// <summary>1 / t with sequence parallelism (which shards the rest of the layer over TP too), else 1.</summary>
    public double InverseSp(bool sequenceParallel) => sequenceParallel ? InverseTp : 1;
}
