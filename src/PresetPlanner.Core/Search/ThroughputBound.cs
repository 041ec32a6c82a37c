namespace PresetPlanner;

/// <summary>
/// Bounds that let a search skip layouts without ever dropping the optimum: a layout cannot fit when its model states
/// and reserve alone exceed the GPU, and cannot be faster than its compute spread perfectly over all GPUs.
/// </summary>
public static class ThroughputBound
{
    /// <summary>
    /// Upper bound on tokens/s per GPU of any layout with this recomputation: the step is at least the executed FLOPs of
    /// one GPU's perfect share at the matmul and attention peaks times their efficiencies (StepTimeModel never does better).
    /// </summary>
    public static double TokensPerSecondPerGpu(in PlanningContext ctx, RecomputeMode recompute)
    {
        ref readonly TimeConstants k = ref ctx.Time;

        // Every stage holds at least L/p layers; the cheapest layer kind bounds their work from below.
        double perLayer = ctx.Costs.MoeLayers > 0 ? Math.Min(k.DenseLinear, k.MoeLinear) : k.DenseLinear;
        double linear = ctx.Model.Layers * perLayer;
        double attention = ctx.Model.Layers * k.Attention;
        double linearPasses = recompute == RecomputeMode.Full ? 4 : 3;
        double attentionPasses = recompute == RecomputeMode.None ? 3 : 4;
        // Per GPU: B s tokens x this work / N GPUs takes at least B s / N x secondsPerToken.
        double secondsPerToken = (linear * linearPasses / k.LinearPeak) + (attention * attentionPasses / k.AttentionPeak);
        return 1 / secondsPerToken;
    }

    /// <summary>Whether the model states of <paramref name="layout"/> (no activations) with the reserve already exceed the GPU's memory.</summary>
    public static bool StatesAloneOverflow(in PlanningContext ctx, in ParallelLayout layout)
    {
        StageShape first = StageShape.FirstOf(ctx.Model, layout.Pp, layout.Vp);
        StageShape last = layout.Pp > 1 ? StageShape.LastOf(ctx.Model, layout.Pp, layout.Vp) : first;
        return Overflow(ctx, layout, first) || Overflow(ctx, layout, last);
    }

    private static bool Overflow(in PlanningContext ctx, in ParallelLayout layout, StageShape stage)
    {
        ModelStateMemory.Compute(ctx, layout, stage, out double w, out double g, out double o);
        double states = w + g + o;
        return states + ctx.Settings.ReserveBytes + (ctx.Settings.Fragmentation * states) > ctx.Gpu.MemoryBytes;
    }
}
