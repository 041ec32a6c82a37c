namespace PresetPlanner.Cli.Commands;

/// <summary>Explains an empty search: evaluates the first pinned value of every dimension and reports the rule it breaks.</summary>
internal static class EmptySpace
{
    public static string Explain(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings)
    {
        SearchSpace s = settings.Space;
        int t = First(s.Tp);
        int p = First(s.Pp);
        int c = First(s.Cp);
        long tpc = (long)t * p * c;

        if (cluster.GpuCount % tpc != 0)
        {
            return $"TP x PP x CP = {tpc} does not divide the {cluster.GpuCount} GPUs";
        }

        int d = s.Dp.IsAny ? (int)Math.Max(1, cluster.GpuCount / tpc) : s.Dp[0];
        int zero = 0;
        while (zero < 3 && !s.AllowsZero(zero))
        {
            zero++;
        }

        var layout = new ParallelLayout(t, p, d, c, First(s.Ep), First(s.Vp), First(s.MicroBatch), zero, RecomputeMode.None, s.SequenceParallel ?? t > 1);
        var ctx = new PlanningContext(model, cluster, settings);
        StrategyResult r = StrategyEvaluator.Evaluate(ctx, layout);
        return r.IsValid
            ? "the pinned values leave no layout to enumerate (micro-batch, DP, ZeRO with PP, or sequence parallelism exclude each other)"
            : LayoutText.Reason(r);
    }

    private static int First(ValueSet set) => set.IsAny ? 1 : set[0];
}
