using PresetPlanner.Results;

namespace PresetPlanner.Planning;

/// <summary>
/// Decides which reasons a recommendation carries and which rows they cite (<see cref="ReasonKind"/>): the layout's own
/// figures, the fastest alternative with another TP x PP, and why the recommendation is not the fastest row or keeps
/// short CP chunks (<see cref="StrategyTable.TryGetRecommended"/>).
/// </summary>
internal static class RecommendationReasons
{
    public static PlanReason[] Of(StrategyTable table, in StrategyResult best)
    {
        var reasons = new List<PlanReason> { new(ReasonKind.TensorParallel) };
        if (best.Layout.Pp > 1)
        {
            reasons.Add(new PlanReason(ReasonKind.PipelineParallel));
            reasons.Add(new PlanReason(ReasonKind.Schedule));
        }

        reasons.Add(new PlanReason(ReasonKind.DataParallel));
        reasons.Add(new PlanReason(ReasonKind.Memory));
        reasons.Add(new PlanReason(ReasonKind.Throughput, Alternative(table.Rows, best)));
        if (table.Context.Model.IsMoe)
        {
            reasons.Add(new PlanReason(ReasonKind.MoeRuntime));
        }

        AddNearTie(table, best, reasons);
        AddShortCp(table, best, reasons);
        return [.. reasons];
    }

    // The fastest fitting layout with another TP x PP, or -1.
    private static int Alternative(ReadOnlySpan<StrategyResult> rows, in StrategyResult best)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i].Fits && (rows[i].Layout.Tp != best.Layout.Tp || rows[i].Layout.Pp != best.Layout.Pp))
            {
                return i;
            }
        }

        return -1;
    }

    // Why the recommendation is not the fastest row: the fastest is tight, or the fastest with margin uses short CP
    // chunks and this layout without CP is a near-tie, or both.
    private static void AddNearTie(StrategyTable table, in StrategyResult best, List<PlanReason> reasons)
    {
        ReadOnlySpan<StrategyResult> rows = table.Rows;
        if (rows.Length == 0 || rows[0].Layout == best.Layout)
        {
            return;
        }

        int withMargin = 0;
        if (rows[0].Tight)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                if (!rows[i].Tight)
                {
                    withMargin = i;
                    break;
                }
            }

            reasons.Add(new PlanReason(ReasonKind.FastestIsTight, 0, rows[withMargin].Layout == best.Layout));
        }

        if (rows[withMargin].Layout != best.Layout && table.HasShortCpChunks(rows[withMargin].Layout))
        {
            reasons.Add(new PlanReason(ReasonKind.ShortCpChunksGaveWay, withMargin, rows[0].Tight));
        }
    }

    // Why a recommendation with CP chunks shorter than any published run's keeps them: no layout without CP is a
    // near-tie of the fastest, or every one that is fits only tightly, or none fits.
    private static void AddShortCp(StrategyTable table, in StrategyResult best, List<PlanReason> reasons)
    {
        if (!table.HasShortCpChunks(best.Layout))
        {
            return;
        }

        ReadOnlySpan<StrategyResult> rows = table.Rows;
        for (int i = 0; i < rows.Length && rows[i].Fits; i++)
        {
            if (rows[i].Layout.Cp == 1)
            {
                ReasonKind kind = rows[i].Time.TokensPerSecondPerGpu >= table.NearTieThreshold ? ReasonKind.ShortCpChunksKeptForMargin : ReasonKind.ShortCpChunksKeptForSpeed;
                reasons.Add(new PlanReason(kind, i));
                return;
            }
        }

        reasons.Add(new PlanReason(ReasonKind.ShortCpChunksKeptNoOtherFits));
    }
}
