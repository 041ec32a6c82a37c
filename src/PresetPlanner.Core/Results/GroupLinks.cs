using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Results;

/// <summary>
/// The link of each parallel group of a layout, from the rank order and the placement. Dense layers order ranks TP
/// innermost, then CP, then DP, then PP (Megatron-Core's default <c>tp-cp-ep-dp-pp</c>; with
/// <see cref="RankOrder.TpCpPpDp"/>, PP before DP, Megatron's <c>--use-tp-pp-dp-mapping</c>), so a group's stride is the
/// product of the degrees inside it. Expert layers refold the same TP x CP x DP ranks as ETP x EP x EDP, ETP innermost
/// (Megatron-Core's MoE parallel folding: the expert rank generator over <c>expert_tensor_parallel_size</c>,
/// <c>expert_model_parallel_size</c> and the expert data-parallel rest). Ranks fill each domain's share in order
/// (<see cref="Placement"/>).
/// </summary>
/// <param name="TensorParallel">The TP group (stride 1, t ranks).</param>
/// <param name="PipelineParallel">The PP group.</param>
/// <param name="DataParallel">The DP x CP group dense gradients are reduced and sharded over.</param>
/// <param name="ContextParallel">The CP group.</param>
/// <param name="ExpertParallel">The EP group (stride ETP).</param>
/// <param name="ExpertDataParallel">The expert data-parallel group expert gradients are reduced over (stride ETP x EP).</param>
public readonly record struct GroupLinks(
    GroupLink TensorParallel,
    GroupLink PipelineParallel,
    GroupLink DataParallel,
    GroupLink ContextParallel,
    GroupLink ExpertParallel,
    GroupLink ExpertDataParallel)
{
    /// <summary>The links of <paramref name="layout"/>'s groups on <paramref name="cluster"/> with <paramref name="order"/>.</summary>
    internal static GroupLinks Of(in ClusterSpec cluster, in ParallelLayout layout, RankOrder order)
    {
        int g = cluster.GpusPerDomainUsed;
        int n = cluster.GpuCount;
        long t = layout.Tp;
        long c = layout.Cp;
        long d = layout.Dp;
        long p = layout.Pp;
        bool pipelineInside = order == RankOrder.TpCpPpDp;
        long dataStride = pipelineInside ? t * c * p : t * c;
        long pipelineStride = pipelineInside ? t * c : t * c * d;
        long e = layout.Ep;
        long etp = layout.Etp;
        long expertData = Math.Max(1, t * c * d / (e * etp));
        return new GroupLinks(
            GroupLink.Of(1, t, g, n, Collective.Ring),
            GroupLink.Of(pipelineStride, p, g, n, Collective.PointToPoint),
            pipelineInside ? Combined(t, c, dataStride, d, g, n) : GroupLink.Of(t, c * d, g, n, Collective.Ring),
            GroupLink.Of(t, c, g, n, Collective.PointToPoint),
            GroupLink.Of(etp, e, g, n, Collective.AllToAll),
            GroupLink.Of(etp * e, expertData, g, n, Collective.Ring));
    }

    // With PP between CP and DP, the DP x CP group is two strided blocks, CP (stride t) and DP (stride t c p); it crosses
    // the network where the DP block does, and is judged by that block (the CP block is inside it).
    private static GroupLink Combined(long t, long c, long dataStride, long d, int g, int n) =>
        d > 1 ? GroupLink.Of(dataStride, d, g, n, Collective.Ring) : GroupLink.Of(t, c, g, n, Collective.Ring);
}
