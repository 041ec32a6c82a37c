using PresetPlanner.Costing;
using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Search;

/// <summary>
/// Whether a whole layout is one the enumerator yields: the same space filters and the same rules, applied to the whole
/// layout instead of prefix by prefix. A test checks that filtering the full cross product with this gives exactly the
/// enumerated sequence.
/// </summary>
internal static class SpaceAdmission
{
    public static bool Admits(CostContext ctx, in SearchSpace space, in ParallelLayout l)
    {
        // Most candidates of a brute-force walk fail to make up the GPU count: a multiplication settles them before
        // any rule divides (the answer, a boolean, does not depend on which check comes first).
        if ((long)l.Tp * l.Pp * l.Cp * l.Dp != ctx.Cluster.GpuCount)
        {
            return false;
        }

        bool vp = space.Vp.IsAny
            ? l.Vp >= 1 && l.Vp <= SearchSpace.MaxVirtualStages && SearchFilters.SplitsEvenly(ctx.Model.Layers, l.Pp, l.Vp)
            : space.Vp.Contains(l.Vp);
        bool microBatch = space.MicroBatch.IsAny ? SearchFilters.IsSearchedMicroBatch(l.MicroBatch) : space.MicroBatch.Contains(l.MicroBatch);
        bool chunk = !space.Cp.IsAny || SearchFilters.KeepsLongChunks(ctx.Settings.SequenceLength, l.Cp);
        bool etp = space.Etp.IsAny ? SearchFilters.IsSearchedEtp(l.Etp, l.Tp, ctx.Model.IsMoe) : space.Etp.Contains(l.Etp);
        bool divisors = IsDivisor(ctx, l.Tp) && IsDivisor(ctx, l.Pp) && IsDivisor(ctx, l.Cp) && IsDivisor(ctx, l.Ep);
        bool schedule = l.Pp > 1 ? space.AllowsSchedule(l.Schedule, ctx.Settings.Framework) : l.Schedule == PipelineSchedule.OneForwardOneBackward;
        return divisors && vp && microBatch && chunk && etp && schedule
            && space.Tp.Contains(l.Tp) && space.Pp.Contains(l.Pp) && space.Cp.Contains(l.Cp) && space.Dp.Contains(l.Dp) && space.Ep.Contains(l.Ep)
            && space.AllowsZero(l.Zero) && space.AllowsRecompute(l.Recompute) && space.AllowsSequenceParallel(l.SequenceParallel)
            && LayoutRules.Check(ctx, l, out _, out _) == Constraint.None;
    }

    // The enumerator walks TP, PP, CP and EP over the divisors of the GPU count.
    private static bool IsDivisor(CostContext ctx, int value) => value >= 1 && ctx.Cluster.GpuCount % value == 0;
}
