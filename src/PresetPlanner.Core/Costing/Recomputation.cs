using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// How much of the forward work a layout repeats in its backward pass: all of it with full recomputation, the layers
/// of <c>--recompute-num-layers</c> with the block method, and with selective recomputation what its modules cover
/// (Megatron-Core's <c>recompute_modules</c>; docs/model.md section 9).
/// </summary>
internal static class Recomputation
{
    /// <summary>
    /// The share of a stage's layers that full recomputation repeats: 1, or min(L_stage, N v) / L_stage with
    /// <see cref="TrainingSettings.FullRecomputeLayers"/> = N per chunk; 0 without full recomputation.
    /// </summary>
    public static double FullShare(in TrainingSettings settings, in ParallelLayout layout, int stageLayers)
    {
        if (layout.Recompute != RecomputeMode.Full)
        {
            return 0;
        }

        int n = settings.FullRecomputeLayers;
        return n == 0 || stageLayers <= 0 ? 1 : Math.Min(stageLayers, n * (double)layout.Vp) / stageLayers;
    }

    /// <summary>The same over the whole model, for the step's executed FLOPs: min(1, N v p / L).</summary>
    public static double ModelShare(in TrainingSettings settings, in ParallelLayout layout, int layers) =>
        layout.Recompute != RecomputeMode.Full ? 0
        : settings.FullRecomputeLayers == 0 ? 1
        : Math.Min(1, settings.FullRecomputeLayers * (double)layout.Vp * layout.Pp / layers);

    /// <summary>
    /// Forward matmul FLOPs per token a selective layout repeats in a dense layer: the MLP with <c>mlp</c>, MLA's
    /// up-projections with <c>mla_up_proj</c>.
    /// </summary>
    public static double SelectiveDenseFlops(in ModelCosts costs, RecomputeModules modules) =>
        ((modules & RecomputeModules.Mlp) != 0 ? 2.0 * costs.DenseMlpParameters * costs.MlpPerDenseLayer : 0) + UpProjection(costs.Model, modules);

    /// <summary>
    /// The same in an MoE layer: the whole MoE block (router, routed copies, shared experts) with <c>moe</c>, else the
    /// shared experts with <c>shared_experts</c>; MLA's up-projections with <c>mla_up_proj</c>.
    /// </summary>
    public static double SelectiveMoeFlops(in ModelCosts costs, double capacityFactor, RecomputeModules modules)
    {
        double block = (modules & RecomputeModules.Moe) != 0 ? FlopCount.MoeLayerLinear(costs, capacityFactor) - (2.0 * costs.AttentionParameters * costs.AttentionPerMoeLayer)
            : (modules & RecomputeModules.SharedExperts) != 0 ? 2.0 * costs.SharedExpertWidth * costs.Model.Hidden * costs.MlpMatrices
            : 0;
        return block + UpProjection(costs.Model, modules);
    }

    private static double UpProjection(in ModelSpec m, RecomputeModules modules)
    {
        if ((modules & RecomputeModules.MlaUpProjection) == 0 || m.Attention != AttentionKind.Mla)
        {
            return 0;
        }

        double queries = m.QLoraRank > 0 ? (double)m.QLoraRank * m.Heads * (m.HeadDim + m.QkRopeHeadDim) : 0;
        return 2.0 * (queries + ((double)m.KvLoraRank * m.Heads * (m.HeadDim + m.VHeadDim)));
    }
}
