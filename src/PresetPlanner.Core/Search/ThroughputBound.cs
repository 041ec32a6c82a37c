namespace PresetPlanner;

/// <summary>
/// Bounds that let a search skip layouts without ever dropping the optimum: a layout cannot fit when its model states
/// and reserve alone exceed the GPU, and cannot be faster than its last stage's matmuls and attention alone allow.
/// </summary>
public static class ThroughputBound
{
    /// <summary>
    /// Upper bound on tokens/s per GPU of every layout with the degrees and micro-batch of <paramref name="layout"/> and
    /// this recomputation, whatever its ZeRO stage and SP: the step takes at least the last stage's matmul and attention
    /// time of one micro-batch, (m + (p-1)/v) times (StepTimeModel only adds non-negative terms: memory-bound work,
    /// exposed communication, the bubble's share of those, DP and the optimizer step).
    /// </summary>
    public static double TokensPerSecondPerGpu(in PlanningContext ctx, in ParallelLayout layout, RecomputeMode recompute)
    {
        ref readonly TimeConstants k = ref ctx.Time;
        int microBatches = layout.MicroBatches(ctx.Settings.GlobalBatchSize);
        StageShape stage = StageShape.LastOf(ctx.Model, layout.Pp, layout.Vp);
        int dense = stage.Layers - stage.MoeLayers;
        double linear = (dense * k.DenseLinear) + (stage.MoeLayers * k.MoeLinear) + k.Logits;
        double attention = stage.Layers * k.Attention;
        double linearPasses = recompute == RecomputeMode.Full ? 4 : 3;
        double attentionPasses = recompute == RecomputeMode.None ? 3 : 4;
        double tokensPerMicroBatch = (double)ctx.Settings.SequenceLength * layout.MicroBatch / ((double)layout.Cp * layout.Tp);
        double perMicroBatch = tokensPerMicroBatch * ((linear * linearPasses * k.SecondsPerLinearFlop) + (attention * attentionPasses * k.SecondsPerAttentionFlop));
        double step = (Math.Max(microBatches, 1) + ((layout.Pp - 1) / (double)layout.Vp)) * perMicroBatch;
        return ctx.Settings.TokensPerStep / step / ctx.Cluster.GpuCount;
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
