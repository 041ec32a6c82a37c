using System.Globalization;
using PresetPlanner.Planning;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Reasons;

/// <summary>
/// The recommendation's headline and its reasons in words: the engine decides which reasons hold and which rows they
/// cite (<see cref="StrategyTable.Reasons"/>, <see cref="ReasonKind"/>); each sentence here cites the deciding figure.
/// </summary>
public static class Recommendation
{
    /// <summary>"TP=8 (within node), PP=4 (across nodes), DP=2; micro-batch 1, ZeRO-1, selective recomputation, SP".</summary>
    public static string Headline(in StrategyResult best)
    {
        ParallelLayout l = best.Layout;
        CommunicationBreakdown c = best.Communication;
        var parts = new List<string>();
        AddDimension(parts, "TP", l.Tp, c.Links.TensorParallel.Kind);
        AddDimension(parts, "PP", l.Pp, c.Links.PipelineParallel.Kind);
        if (l.Vp > 1)
        {
            parts.Add("VP=" + I(l.Vp));
        }

        if (l.EffectiveSchedule != PipelineSchedule.OneForwardOneBackward)
        {
            parts.Add(ScheduleText.Name(l.EffectiveSchedule, l.Vp));
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

    /// <summary>The reasons of <paramref name="table"/>'s recommendation as sentences, figures included; empty when nothing fits.</summary>
    public static string[] Sentences(StrategyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.TryGetRecommended(out StrategyResult best))
        {
            return [];
        }

        var sentences = new string[table.Reasons.Count];
        for (int i = 0; i < sentences.Length; i++)
        {
            sentences[i] = Sentence(table, best, table.Reasons[i]);
        }

        return sentences;
    }

    /// <summary>One reason of <paramref name="table"/>'s recommendation <paramref name="best"/> as a sentence.</summary>
    public static string Sentence(StrategyTable table, in StrategyResult best, PlanReason reason)
    {
        ArgumentNullException.ThrowIfNull(table);
        return reason.Kind switch
        {
            ReasonKind.TensorParallel => Tensor(best),
            ReasonKind.PipelineParallel => Pipeline(table, best),
            ReasonKind.DataParallel => Data(best),
            ReasonKind.Memory => Memory(best),
            ReasonKind.Throughput => Throughput(table, best, reason.Row),
            ReasonKind.FastestIsTight => FastestIsTight(table.Rows[reason.Row], reason.Flag),
            ReasonKind.ShortCpChunksGaveWay => GaveWay(table, table.Rows[reason.Row], reason.Flag),
            ReasonKind.ShortCpChunksKeptForMargin => $"{Chunks(table, best)}; every layout without CP within {Units.Percent(StrategyTable.NearTie)} of the fastest fits only within the memory model's uncertainty (the fastest, {Named(table.Rows[reason.Row])}), so margin in memory is kept",
            ReasonKind.ShortCpChunksKeptForSpeed => $"{Chunks(table, best)}; the fastest layout without CP, {LayoutText.Strategy(table.Rows[reason.Row].Layout)} ({Units.Count(table.Rows[reason.Row].Time.TokensPerSecondPerGpu)}), is {Units.Percent(1 - (table.Rows[reason.Row].Time.TokensPerSecondPerGpu / table.Rows[0].Time.TokensPerSecondPerGpu))} behind the fastest, not a near-tie",
            ReasonKind.ShortCpChunksKeptNoOtherFits => $"{Chunks(table, best)}; no layout without CP fits",
            ReasonKind.MoeRuntime => Runtime(table, best),
            ReasonKind.Schedule => Schedule(table, best),
            _ => reason.Kind.ToString(),
        };
    }

    // The layout's pipeline schedule and what the fastest other schedule gives on its degrees, and whether the plan's
    // framework ships it.
    private static string Schedule(StrategyTable table, in StrategyResult best)
    {
        PipelineSchedule own = best.Layout.EffectiveSchedule;
        double tokens = best.Time.TokensPerSecondPerGpu;
        string text = $"Pipeline schedule {ScheduleText.Name(own, best.Layout.Vp)}";
        foreach (ScheduleChoice choice in table.Schedules)
        {
            double other = choice.Result.Time.TokensPerSecondPerGpu;
            if (choice.Schedule == own || !choice.Result.Fits || other <= tokens * 1.01)
            {
                continue;
            }

            string framework = table.Context.Settings.Framework is ExportFramework f
                ? choice.FrameworkRuns ? $"; {FrameworkText.Name(f)} ships it" : $"; {FrameworkText.Name(f)} does not ship it"
                : choice.Schedule is PipelineSchedule.ZeroBubbleV or PipelineSchedule.DualPipeV ? "; torchtitan ships it, Megatron-LM does not"
                : choice.Schedule == PipelineSchedule.OneForwardOneBackward ? string.Empty : "; neither Megatron-LM nor torchtitan ships it";
            ParallelLayout l = choice.Result.Layout;
            return text + $": on these degrees {ScheduleText.Name(choice.Schedule, l.Vp)} would give {Units.Count(other)} tokens/s per GPU ({Signed((other / tokens) - 1)}, bubble {Units.Percent(choice.Result.Bubble.Fraction)}{framework}; "
                + $"evaluate --schedule {Spelling.Of(choice.Schedule)} --vp {I(l.Vp)} costs it)";
        }

        return text + (table.Schedules.Count > 1 ? ": no other schedule is faster on these degrees" : string.Empty);
    }

    // The plan's MoE runtime, how far it is from the fastest of the GPU's runtimes on this layout, and Megatron-Core's defaults.
    private static string Runtime(StrategyTable table, in StrategyResult best)
    {
        IReadOnlyList<MoeRuntimeChoice> ranked = table.MoeRuntimes;
        PlanningContext ctx = table.Context;
        MoeRuntime own = ctx.Settings.MoeRuntime;
        double tokens = best.Time.TokensPerSecondPerGpu;
        string text = $"MoE runtime {LayoutText.Runtime(own)}"
            + (own == MoeRuntime.MegatronCore ? " (Megatron-Core's defaults)"
                : own == MoeRuntime.RecipeFor(ctx.Gpu) ? " (this GPU's Megatron-Bridge recipe)" : string.Empty);
        if (ranked.Count == 0)
        {
            return text;
        }

        MoeRuntimeChoice fastest = ranked[0];
        double fastestTokens = fastest.Result.Time.TokensPerSecondPerGpu;
        text += fastest.Runtime == own || fastestTokens <= tokens
            ? $": the fastest of the {I(ranked.Count)} runtimes this GPU runs, on this layout"
            : $": {Units.Percent(1 - (tokens / fastestTokens))} behind the fastest of the {I(ranked.Count)} runtimes this GPU runs on this layout ({LayoutText.Runtime(fastest.Runtime)}: {Units.Count(fastestTokens)} tokens/s per GPU"
                + (fastest.Runtime.DropAndPad && !own.DropAndPad ? ", dropping the tokens over each expert's capacity)" : ")");
        if (own != MoeRuntime.MegatronCore)
        {
            foreach (MoeRuntimeChoice choice in ranked)
            {
                if (choice.Runtime == MoeRuntime.MegatronCore)
                {
                    text += $"; Megatron-Core's defaults ({LayoutText.Runtime(choice.Runtime)}) reach {Units.Count(choice.Result.Time.TokensPerSecondPerGpu)} ({Signed((choice.Result.Time.TokensPerSecondPerGpu / tokens) - 1)})";
                }
            }
        }

        return text;
    }

    private static string Signed(double fraction) => (fraction >= 0 ? "+" : string.Empty) + Units.Percent(fraction);

    private static string Tensor(in StrategyResult best)
    {
        ParallelLayout l = best.Layout;
        CommunicationBreakdown c = best.Communication;
        string nvlinkShare = c.Total > 0 ? Units.Percent(c.OnScaleUp / c.Total) : "100%";
        LinkKind tpLink = c.Links.TensorParallel.Kind;
        return l.Tp > 1
            ? $"TP={I(l.Tp)} {(tpLink == LinkKind.ScaleUp ? "stays inside one NVLink domain" : "spans NVLink domains")}: its {Units.Gigabytes(c.TensorParallel)} per GPU per step run on {Link(tpLink)}; {nvlinkShare} of all traffic stays on NVLink"
            : $"No TP: layers are not split, so no per-layer all-reduce; {nvlinkShare} of the traffic stays on NVLink";
    }

    private static string Pipeline(StrategyTable table, in StrategyResult best)
    {
        ParallelLayout l = best.Layout;
        string layers = I((table.Context.Model.Layers + l.Pp - 1) / l.Pp);
        string schedule = l.EffectiveSchedule == PipelineSchedule.OneForwardOneBackward
            ? (l.Vp > 1 ? " interleaved x" + I(l.Vp) : string.Empty)
            : $" with {ScheduleText.Name(l.EffectiveSchedule, l.Vp)}{(l.Vp > 1 ? ", two chunks per stage in a V" : string.Empty)}";
        return $"PP={I(l.Pp)}{schedule} over {Link(best.Communication.Links.PipelineParallel.Kind)}: {layers} layers per stage; {I(best.MicroBatches)} micro-batches give a bubble of {Units.Percent(best.Bubble.Fraction)} of the step";
    }

    private static string Data(in StrategyResult best)
    {
        ParallelLayout l = best.Layout;
        CommunicationBreakdown c = best.Communication;
        string zero = l.Zero == 0 ? "no ZeRO" : $"{LayoutText.Zero(l.Zero)} shards {(l.Zero == 1 ? "the optimizer state" : l.Zero == 2 ? "optimizer state and gradients" : "weights, gradients and optimizer state")} over {I(l.Dp * l.Cp)} {(l.Cp > 1 ? "DP x CP ranks" : "ranks")}";
        return $"DP={I(l.Dp)} with {zero}: {Units.Gigabytes(c.DataParallel + c.ExpertDataParallel)} of gradient traffic per GPU per step on {Link(c.Links.DataParallel.Kind)}";
    }

    private static string Memory(in StrategyResult best)
    {
        MemoryBreakdown mem = best.Memory;
        string margin = best.Tight
            ? $"; only {Units.Gigabytes(best.HeadroomBytes)} free, inside the memory model's {Units.Percent(StrategyResult.MemoryUncertainty)} uncertainty: tight, it may run out of memory"
            : $"; {Units.Gigabytes(best.HeadroomBytes)} free";
        return $"Peak memory {Units.Gigabytes(mem.Total)} of {Units.Gigabytes(best.CapacityBytes)} per GPU{margin} (weights {Units.Gigabytes(mem.Weights)}, gradients {Units.Gigabytes(mem.Gradients)}, optimizer {Units.Gigabytes(mem.Optimizer)}, activations {Units.Gigabytes(mem.Activations)} with {LayoutText.RecomputePhrase(best.Layout.Recompute)}, other {Units.Gigabytes(mem.Other)})";
    }

    private static string Throughput(StrategyTable table, in StrategyResult best, int alternative)
    {
        string compared = string.Empty;
        if (alternative >= 0)
        {
            StrategyResult r = table.Rows[alternative];
            double gain = (best.Time.TokensPerSecondPerGpu / r.Time.TokensPerSecondPerGpu) - 1;
            string tie = Math.Abs(gain) <= StrategyTable.NearTie ? " (a tie within the model's accuracy)" : string.Empty;
            string ahead = gain >= 0 ? Units.Percent(gain) + " ahead of" : Units.Percent(-gain) + " behind";
            compared = $"; {ahead} the best layout with another TP x PP ({Named(r)}){tie}";
        }

        PredictionBand band = table.Context.Band;
        return $"Predicted {Units.Count(best.Time.TokensPerSecondPerGpu)} tokens/s per GPU ({Units.Number(best.Time.StepSeconds, 2)} s per step; {BandText.TokensPerSecond(band, best.Time.TokensPerSecondPerGpu)} with the band of held-out {BandText.Runs(band)}), MFU {Units.Percent(best.Time.Mfu)}{compared}";
    }

    private static string FastestIsTight(in StrategyResult fastest, bool replacedByThis) =>
        $"The fastest layout, {LayoutText.Strategy(fastest.Layout)} ({Units.Count(fastest.Time.TokensPerSecondPerGpu)}), fits only within the memory model's uncertainty"
        + (replacedByThis ? $"; this one is {Within} with margin" : string.Empty);

    private static string GaveWay(StrategyTable table, in StrategyResult cp, bool fastestWasTight) =>
        $"{(fastestWasTight ? "The fastest layout with margin" : "The fastest layout")}, {LayoutText.Strategy(cp.Layout)} ({Units.Count(cp.Time.TokensPerSecondPerGpu)}), gives each CP rank {ShortChunks(table, cp.Layout)}; this one, without CP, is {Within}, so CP's gain is inside the model's accuracy";

    private static string Within => $"a near-tie (within {Units.Percent(StrategyTable.NearTie)})";

    // "TP=2, PP=4, CP=4, DP=2: 1,193": a compared layout and its throughput.
    private static string Named(in StrategyResult r) => $"{LayoutText.Strategy(r.Layout)}: {Units.Count(r.Time.TokensPerSecondPerGpu)}";

    // "CP=2 gives each rank 2,048-token chunks, shorter than any published run's (4,096)".
    private static string Chunks(StrategyTable table, in StrategyResult best) => $"CP={best.Layout.Cp} gives each rank {ShortChunks(table, best.Layout)}";

    // "2,048-token chunks, shorter than any published run's (4,096)" for a layout with short CP chunks.
    private static string ShortChunks(StrategyTable table, in ParallelLayout layout) =>
        $"{Units.Count(table.Context.Settings.SequenceLength / layout.Cp)}-token chunks, shorter than any published run's ({Units.Count(StrategyTable.ShortestPublishedCpChunk)})";

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
