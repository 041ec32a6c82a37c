using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// Activation bytes of one dense and one MoE layer for one micro-batch, in the layout's recomputation mode and without
/// recomputation; computed once per evaluation and shared by both stages' memory and the time model.
/// </summary>
/// <param name="Dense">A dense layer, in the layout's mode (full recomputation: as without).</param>
/// <param name="Moe">An MoE layer, in the layout's mode.</param>
/// <param name="DenseAll">A dense layer without recomputation.</param>
/// <param name="MoeAll">An MoE layer without recomputation.</param>
internal readonly record struct LayerActivations(double Dense, double Moe, double DenseAll, double MoeAll)
{
    /// <summary>The figures of <paramref name="layout"/>; kinds of layer the model lacks are left at 0.</summary>
    public static LayerActivations Of(CostContext ctx, in ParallelLayout layout)
    {
        bool hasMoe = ctx.Costs.MoeLayers > 0;
        bool hasDense = ctx.Costs.MoeLayers < ctx.Model.Layers;
        double denseAll = hasDense ? ActivationMemory.Layer(ctx, layout, false, RecomputeMode.None) : 0;
        double moeAll = hasMoe ? ActivationMemory.Layer(ctx, layout, true, RecomputeMode.None) : 0;

        // Selective recomputation drops what its modules recompute; with none it stores everything.
        if (layout.Recompute != RecomputeMode.Selective || ctx.Settings.SelectiveModules == RecomputeModules.None)
        {
            return new LayerActivations(denseAll, moeAll, denseAll, moeAll);
        }

        double dense = hasDense ? ActivationMemory.Layer(ctx, layout, false, RecomputeMode.Selective) : 0;
        double moe = hasMoe ? ActivationMemory.Layer(ctx, layout, true, RecomputeMode.Selective) : 0;
        return new LayerActivations(dense, moe, denseAll, moeAll);
    }
}
