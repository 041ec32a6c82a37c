using System.Globalization;

namespace PresetPlanner;

/// <summary>The recommendation's headline and its reasons, each citing the figure that decides it.</summary>
internal static class Recommendation
{
    /// <summary>"TP=8 (within node), PP=4 (across nodes), DP=2; micro-batch 1, ZeRO-1, selective recomputation, SP".</summary>
    public static string Headline(StrategyTable table, in StrategyResult best)
    {
        ArgumentNullException.ThrowIfNull(table);
        ParallelLayout l = best.Layout;
        CommunicationBreakdown c = best.Communication;
        var parts = new List<string>();
        AddDimension(parts, "TP", l.Tp, c.Links.TensorParallel.Kind);
        AddDimension(parts, "PP", l.Pp, c.Links.PipelineParallel.Kind);
        if (l.Vp > 1)
        {
            parts.Add("VP=" + I(l.Vp));
        }

        AddDimension(parts, "CP", l.Cp, c.Links.ContextParallel.Kind);
        AddDimension(parts, "EP", l.Ep, c.Links.ExpertParallel.Kind);
        if (l.Etp > 1)
        {
            parts.Add("ETP=" + I(l.Etp));
        }
        parts.Add("DP=" + I(l.Dp));
        return string.Join(", ", parts) + "; micro-batch " + I(l.MicroBatch) + ", " + LayoutText.Zero(l.Zero) + ", "
            + LayoutText.RecomputePhrase(l.Recompute) + (l.SequenceParallel ? ", sequence parallel" : string.Empty);
    }

    /// <summary>The reasons for <paramref name="best"/>, figures included.</summary>
    public static string[] Reasons(StrategyTable table, in StrategyResult best)
    {
        ArgumentNullException.ThrowIfNull(table);
        ParallelLayout l = best.Layout;
        CommunicationBreakdown c = best.Communication;
        ModelSpec m = table.Context.Model;
        var reasons = new List<string>();
        string nvlinkShare = c.Total > 0 ? Units.Percent(c.OnScaleUp / c.Total) : "100%";
        LinkKind tpLink = c.Links.TensorParallel.Kind;
        reasons.Add(l.Tp > 1
            ? $"TP={I(l.Tp)} {(tpLink == LinkKind.ScaleUp ? "stays inside one NVLink domain" : "spans NVLink domains")}: its {Units.Gigabytes(c.TensorParallel)} per GPU per step run on {Link(tpLink)}; {nvlinkShare} of all traffic stays on NVLink"
            : $"No TP: layers are not split, so no per-layer all-reduce; {nvlinkShare} of the traffic stays on NVLink");
        if (l.Pp > 1)
        {
            string layers = I((m.Layers + l.Pp - 1) / l.Pp);
            reasons.Add($"PP={I(l.Pp)}{(l.Vp > 1 ? " interleaved x" + I(l.Vp) : string.Empty)} over {Link(c.Links.PipelineParallel.Kind)}: {layers} layers per stage; {I(best.MicroBatches)} micro-batches give a bubble of {Units.Percent(best.Bubble.Fraction)} of the step");
        }

        string zero = l.Zero == 0 ? "no ZeRO" : $"{LayoutText.Zero(l.Zero)} shards {(l.Zero == 1 ? "the optimizer state" : l.Zero == 2 ? "optimizer state and gradients" : "weights, gradients and optimizer state")} over {I(l.Dp * l.Cp)} {(l.Cp > 1 ? "DP x CP ranks" : "ranks")}";
        reasons.Add($"DP={I(l.Dp)} with {zero}: {Units.Gigabytes(c.DataParallel + c.ExpertDataParallel)} of gradient traffic per GPU per step on {Link(c.Links.DataParallel.Kind)}");
        MemoryBreakdown mem = best.Memory;
        string margin = best.Tight
            ? $"; only {Units.Gigabytes(best.HeadroomBytes)} free, inside the memory model's {Units.Percent(StrategyResult.MemoryUncertainty)} uncertainty: tight, it may run out of memory"
            : $"; {Units.Gigabytes(best.HeadroomBytes)} free";
        reasons.Add($"Peak memory {Units.Gigabytes(mem.Total)} of {Units.Gigabytes(best.CapacityBytes)} per GPU{margin} (weights {Units.Gigabytes(mem.Weights)}, gradients {Units.Gigabytes(mem.Gradients)}, optimizer {Units.Gigabytes(mem.Optimizer)}, activations {Units.Gigabytes(mem.Activations)} with {LayoutText.RecomputePhrase(l.Recompute)}, other {Units.Gigabytes(mem.Other)})");
        reasons.Add($"Predicted {Units.Count(best.Time.TokensPerSecondPerGpu)} tokens/s per GPU ({Units.Number(best.Time.StepSeconds, 2)} s per step), MFU {Units.Percent(best.Time.Mfu)}{Alternative(table, best)}");
        AddNearTieReasons(table, best, reasons);
        AddShortCpReason(table, best, reasons);
        return [.. reasons];
    }

    // Why a recommendation with CP chunks shorter than any published run's keeps them (StrategyTable.TryGetRecommended):
    // no layout without CP is a near-tie of the fastest, or every one that is fits only tightly.
    private static void AddShortCpReason(StrategyTable table, in StrategyResult best, List<string> reasons)
    {
        if (!table.HasShortCpChunks(best.Layout))
        {
            return;
        }

        ReadOnlySpan<StrategyResult> rows = table.Rows;
        string chunks = $"CP={best.Layout.Cp} gives each rank {ShortChunks(table, best.Layout)}";
        double tie = table.NearTieThreshold;
        foreach (StrategyResult row in rows)
        {
            if (!row.Fits)
            {
                break;
            }

            if (row.Layout.Cp == 1)
            {
                reasons.Add(row.Time.TokensPerSecondPerGpu >= tie
                    ? $"{chunks}; every layout without CP within {Units.Percent(StrategyTable.NearTie)} of the fastest fits only within the memory model's uncertainty (the fastest, {LayoutText.Strategy(row.Layout)}: {Units.Count(row.Time.TokensPerSecondPerGpu)}), so margin in memory is kept"
                    : $"{chunks}; the fastest layout without CP, {LayoutText.Strategy(row.Layout)} ({Units.Count(row.Time.TokensPerSecondPerGpu)}), is {Units.Percent(1 - (row.Time.TokensPerSecondPerGpu / rows[0].Time.TokensPerSecondPerGpu))} behind the fastest, not a near-tie");
                return;
            }
        }

        reasons.Add($"{chunks}; no layout without CP fits");
    }

    // Why the recommendation is not the fastest row (StrategyTable.TryGetRecommended): the fastest is tight, or the
    // fastest with margin uses CP and this layout without it is a near-tie, or both.
    private static void AddNearTieReasons(StrategyTable table, in StrategyResult best, List<string> reasons)
    {
        ReadOnlySpan<StrategyResult> rows = table.Rows;
        if (rows.Length == 0 || rows[0].Layout == best.Layout)
        {
            return;
        }

        string within = $"a near-tie (within {Units.Percent(StrategyTable.NearTie)})";
        StrategyResult fastest = rows[0];
        StrategyResult withMargin = fastest;
        if (fastest.Tight)
        {
            foreach (StrategyResult row in rows)
            {
                if (!row.Tight)
                {
                    withMargin = row;
                    break;
                }
            }

            reasons.Add($"The fastest layout, {LayoutText.Strategy(fastest.Layout)} ({Units.Count(fastest.Time.TokensPerSecondPerGpu)}), fits only within the memory model's uncertainty"
                + (withMargin.Layout == best.Layout ? $"; this one is {within} with margin" : string.Empty));
        }

        if (withMargin.Layout != best.Layout && table.HasShortCpChunks(withMargin.Layout))
        {
            ParallelLayout cp = withMargin.Layout;
            string which = fastest.Tight ? "The fastest layout with margin" : "The fastest layout";
            reasons.Add($"{which}, {LayoutText.Strategy(cp)} ({Units.Count(withMargin.Time.TokensPerSecondPerGpu)}), gives each CP rank {ShortChunks(table, cp)}; this one, without CP, is {within}, so CP's gain is inside the model's accuracy");
        }
    }

    // "2,048-token chunks, shorter than any published run's (4,096)" for a layout with short CP chunks.
    private static string ShortChunks(StrategyTable table, in ParallelLayout layout) =>
        $"{Units.Count(table.Context.Settings.SequenceLength / layout.Cp)}-token chunks, shorter than any published run's ({Units.Count(StrategyTable.ShortestPublishedCpChunk)})";

    private static string Alternative(StrategyTable table, in StrategyResult best)
    {
        foreach (StrategyResult r in table.Rows)
        {
            if (r.Fits && (r.Layout.Tp != best.Layout.Tp || r.Layout.Pp != best.Layout.Pp))
            {
                double gain = (best.Time.TokensPerSecondPerGpu / r.Time.TokensPerSecondPerGpu) - 1;
                string tie = Math.Abs(gain) <= StrategyTable.NearTie ? " (a tie within the model's accuracy)" : string.Empty;
                string ahead = gain >= 0 ? Units.Percent(gain) + " ahead of" : Units.Percent(-gain) + " behind";
                return $"; {ahead} the best layout with another TP x PP ({LayoutText.Strategy(r.Layout)}: {Units.Count(r.Time.TokensPerSecondPerGpu)}){tie}";
            }
        }

        return string.Empty;
    }

    private static void AddDimension(List<string> parts, string name, int degree, LinkKind link)
    {
        if (degree > 1)
        {
            parts.Add($"{name}={I(degree)} ({(link == LinkKind.ScaleUp ? "within NVLink" : link == LinkKind.Hierarchical ? "within and across NVLink domains" : "across NVLink domains")})");
        }
    }

    private static string Link(LinkKind link) => link switch
    {
        LinkKind.ScaleOut => "the scale-out network",
        LinkKind.Hierarchical => "NVLink inside each domain and the scale-out network across",
        _ => "NVLink",
    };

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
