namespace PresetPlanner;

/// <summary>
/// The structural filter of a search space, one predicate per enumeration level: the enumerator applies them to each
/// prefix (so a rejected prefix prunes its whole subtree), <see cref="Admits"/> to a whole layout. Layouts that pass may
/// still fail a model rule (heads not divisible by TP, ...): those are evaluated and reported with their reason.
/// </summary>
internal static class SpaceFilter
{
    /// <summary>TP in the space and, unless allowed, within a node.</summary>
    public static bool Tp(in PlanningContext ctx, int t) =>
        ctx.Space.Tp.Contains(t) && (t <= ctx.Cluster.GpusPerNode || ctx.Settings.AllowCrossNodeTensorParallel);

    /// <summary>PP in the space, t x p divides the GPU count, at most one stage per layer.</summary>
    public static bool Pp(in PlanningContext ctx, int t, int p) =>
        ctx.Space.Pp.Contains(p) && ctx.Cluster.GpuCount % ((long)t * p) == 0 && p <= ctx.Model.Layers;

    /// <summary>CP in the space, t x p x c divides the GPU count into an allowed DP, the sequence splits into 2c chunks (and, unpinned, chunks of at least <see cref="StrategyEnumerator.MinContextChunk"/> tokens).</summary>
    public static bool Context(in PlanningContext ctx, int t, int p, int c)
    {
        ref readonly SearchSpace space = ref ctx.Space;
        long tpc = (long)t * p * c;
        if (!space.Cp.Contains(c) || ctx.Cluster.GpuCount % tpc != 0 || !space.Dp.Contains((int)(ctx.Cluster.GpuCount / tpc)))
        {
            return false;
        }

        int s = ctx.Settings.SequenceLength;
        return c == 1 || (s % (2 * c) == 0 && (!space.Cp.IsAny || s / c >= StrategyEnumerator.MinContextChunk));
    }

    /// <summary>EP in the space, and above 1 only for MoE models, dividing the experts and d x c.</summary>
    public static bool Ep(in PlanningContext ctx, int t, int p, int e)
    {
        int dc = ctx.Cluster.GpuCount / (t * p);
        return ctx.Space.Ep.Contains(e) && (e == 1 || (ctx.Model.IsMoe && ctx.Model.Experts % e == 0 && dc % e == 0));
    }

    /// <summary>VP in the space, above 1 only with PP; unpinned, only even interleaved splits.</summary>
    public static bool Vp(in PlanningContext ctx, int p, int v)
    {
        // A pinned VP may split unevenly (Megatron-Core).
        bool even = ctx.Space.Vp.IsAny ? ctx.Model.Layers % (p * v) == 0 : ctx.Model.Layers >= p * v;
        return ctx.Space.Vp.Contains(v) && (v == 1 || (p > 1 && even));
    }

    /// <summary>b x d divides the global batch; with interleaving the micro-batches divide by p.</summary>
    public static bool MicroBatch(in PlanningContext ctx, int b, int d, int p, int v)
    {
        int batch = ctx.Settings.GlobalBatchSize;
        if ((long)b * d > batch || batch % ((long)b * d) != 0)
        {
            return false;
        }

        int m = batch / (b * d);
        return v == 1 || m % p == 0;
    }

    /// <summary>ZeRO, recomputation and SP allowed by the space; ZeRO-2/3 only without PP; SP only with TP, and required with TP and EP (Megatron-Core).</summary>
    public static bool Variant(in SearchSpace space, int t, int p, int e, int zero, RecomputeMode recompute, bool sp) =>
        space.AllowsZero(zero) && !(zero >= 2 && p > 1) && space.AllowsRecompute(recompute)
        && space.AllowsSequenceParallel(sp) && (!sp || t > 1) && (sp || t == 1 || e == 1);

    /// <summary>Whether the enumerator yields <paramref name="l"/>: in the domains it walks and through every filter.</summary>
    public static bool Admits(in PlanningContext ctx, in ParallelLayout l)
    {
        ref readonly SearchSpace space = ref ctx.Space;
        int n = ctx.Cluster.GpuCount;
        bool vpDomain = !space.Vp.IsAny || (l.Vp >= 1 && l.Vp <= StrategyEnumerator.MaxVirtualStages);
        bool mbDomain = !space.MicroBatch.IsAny || (l.MicroBatch >= 1 && l.MicroBatch <= StrategyEnumerator.MaxMicroBatch && (l.MicroBatch & (l.MicroBatch - 1)) == 0);
        return l.Tp >= 1 && l.Pp >= 1 && l.Cp >= 1 && l.Ep >= 1 && vpDomain && mbDomain && (uint)l.Zero <= 3
            && Tp(ctx, l.Tp) && Pp(ctx, l.Tp, l.Pp) && Context(ctx, l.Tp, l.Pp, l.Cp) && l.Dp == n / (l.Tp * l.Pp * l.Cp)
            && Ep(ctx, l.Tp, l.Pp, l.Ep) && Vp(ctx, l.Pp, l.Vp) && MicroBatch(ctx, l.MicroBatch, l.Dp, l.Pp, l.Vp)
            && Variant(space, l.Tp, l.Pp, l.Ep, l.Zero, l.Recompute, l.SequenceParallel);
    }
}
