using PresetPlanner.Costing;
using PresetPlanner.Results;
using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Search;

/// <summary>
/// Bounds that let a search skip layouts without ever dropping the optimum: a layout cannot fit when its model states
/// and reserve alone exceed the GPU, and cannot be faster than its last stage's compute and exposed transfers allow.
/// </summary>
internal static class ThroughputBound
{
    /// <summary>
    /// Upper bound on tokens/s per GPU of every layout with the degrees and micro-batch of <paramref name="layout"/> and
    /// this recomputation, whatever its ZeRO stage and SP, from its valid frame. The
    /// step takes at least (m + (p-1)/v) micro-batch times (StepTimeModel adds the DP and optimizer time, both
    /// non-negative), and a micro-batch at least its matmuls, attention and exposed TP, PP, CP and EP transfers, computed
    /// by the time model itself for the fastest variant: with SP when TP &gt; 1 (SP divides the EP dispatch volume and
    /// the stored activations, whose passes are the memory-bound work, by t, and changes no other transfer or FLOP).
    /// </summary>
    internal static double TokensPerSecondPerGpu(CostContext ctx, in ParallelLayout layout, in LayoutFrame frame, RecomputeMode recompute)
    {
        ParallelLayout fastest = layout with { Recompute = recompute, SequenceParallel = layout.Tp > 1 };
        CommunicationBreakdown traffic = CommunicationVolume.WithoutDataParallel(ctx, fastest, frame.Last, frame.MicroBatches, frame.Links, frame.Factors);
        StepTimeModel.PerMicroBatch(ctx, fastest, frame.Last, traffic, LayerActivations.Of(ctx, fastest), frame.Factors, out double compute, out double exposed, out _);
        // The other schedules' bubbles are bounded below by 0 only; DualPipe's GPU shape holds two stages, a micro-batch passes one.
        double bubble = layout.EffectiveSchedule == PipelineSchedule.OneForwardOneBackward ? frame.Factors.StagesPerVirtualStage : 0;
        double step = (Math.Max(frame.MicroBatches, 1) + bubble) * (compute + exposed) / layout.StagesPerGpu;
        return ctx.Settings.TokensPerStep / step / ctx.Cluster.GpuCount;
    }

    /// <summary>Whether the model states of <paramref name="layout"/> (no activations) with the reserve already exceed the GPU's memory.</summary>
    public static bool StatesAloneOverflow(CostContext ctx, in ParallelLayout layout)
    {
        PipelineSplit.TryOf(ctx.Model.Layers, ctx.Settings, layout.Pp, layout.Vp, out PipelineSplit split);
        StageShape first = StageShape.FirstOf(ctx.Model, split, layout.Pp, layout.Vp);
        StageShape last = layout.Pp > 1 ? StageShape.LastOf(ctx.Model, split, layout.Pp, layout.Vp) : first;
        double reserved = ReservedMemory.OfLayout(ctx, layout);
        return Overflow(ctx, layout, first, reserved) || Overflow(ctx, layout, last, reserved)
            || (layout.Pp > 2 && Overflow(ctx, layout, StageShape.MiddleOf(ctx.Model, split, layout.Vp), reserved));
    }

    /// <summary><see cref="StatesAloneOverflow(CostContext, in ParallelLayout)"/> from the model-state part an evaluation cache already holds.</summary>
    internal static bool StatesAloneOverflow(CostContext ctx, in StatePart z, double reserved) =>
        Overflows(ctx, z.First.Weights, z.First.Gradients, z.First.Optimizer, reserved) || Overflows(ctx, z.Last.Weights, z.Last.Gradients, z.Last.Optimizer, reserved)
        || Overflows(ctx, z.Middle.Weights, z.Middle.Gradients, z.Middle.Optimizer, reserved);

    private static bool Overflow(CostContext ctx, in ParallelLayout layout, StageShape stage, double reserved)
    {
        ModelStateMemory.Compute(ctx, layout, stage, out double w, out double g, out double o);
        return Overflows(ctx, w, g, o, reserved);
    }

    // The evaluator's own peak-memory breakdown (reserve and buffers included) with no activations.
    private static bool Overflows(CostContext ctx, double weights, double gradients, double optimizer, double reserved) =>
        StrategyEvaluator.Memory(ctx, weights, gradients, optimizer, activations: 0, reserved).Total > ctx.Gpu.MemoryBytes;
}
