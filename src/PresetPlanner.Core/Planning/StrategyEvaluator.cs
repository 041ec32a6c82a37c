namespace PresetPlanner;

/// <summary>
/// Evaluates one layout: a pure function of readonly structs that allocates nothing, so search loops can call it
/// millions of times.
/// </summary>
public static class StrategyEvaluator
{
    /// <summary>Memory, communication, bubble, time and feasibility of <paramref name="layout"/>.</summary>
    public static StrategyResult Evaluate(in PlanningContext ctx, in ParallelLayout layout)
    {
        double capacity = ctx.Gpu.MemoryBytes;
        Constraint rule = LayoutRules.Check(ctx, layout, out double value, out double limit);
        int microBatches = layout.MicroBatches(ctx.Settings.GlobalBatchSize);
        if (rule != Constraint.None)
        {
            return new StrategyResult(layout, microBatches, 0, default, capacity, default, default, default, rule, value, limit);
        }

        // Memory: the heavier of the first stage (embedding, p micro-batches in flight) and the last (head, logits).
        // Time: the last stage, which also computes the logits, sets the pipeline's pace.
        LayerActivations layers = LayerActivations.Of(ctx, layout);
        StageShape first = StageShape.FirstOf(ctx.Model, layout.Pp, layout.Vp);
        StageShape last = layout.Pp > 1 ? StageShape.LastOf(ctx.Model, layout.Pp, layout.Vp) : first;
        MemoryBreakdown memory = StageMemory(ctx, layout, first, microBatches, layers);
        int stageIndex = 0;
        if (layout.Pp > 1)
        {
            MemoryBreakdown lastMemory = StageMemory(ctx, layout, last, microBatches, layers);
            if (lastMemory.Total > memory.Total)
            {
                (memory, stageIndex) = (lastMemory, layout.Pp - 1);
            }
        }

        // Communication is the last stage's: the one whose time sets the pace (docs/model.md section 5).
        CommunicationBreakdown comm = CommunicationVolume.Compute(ctx, layout, last, microBatches);
        PipelineBubble bubble = PipelineBubble.Of(layout.Pp, layout.Vp, microBatches);
        StepTime time = StepTimeModel.Compute(ctx, layout, last, microBatches, comm, layers);
        bool fits = memory.Total <= capacity;
        return new StrategyResult(
            layout,
            microBatches,
            stageIndex,
            memory,
            capacity,
            comm,
            bubble,
            time,
            fits ? Constraint.None : Constraint.OutOfMemory,
            fits ? 0 : memory.Total,
            fits ? 0 : capacity);
    }

    /// <summary>Peak memory of one GPU of <paramref name="stage"/>, with the reserve (docs/model.md, "Other").</summary>
    public static MemoryBreakdown StageMemory(in PlanningContext ctx, in ParallelLayout layout, StageShape stage, int microBatches) =>
        StageMemory(ctx, layout, stage, microBatches, LayerActivations.Of(ctx, layout));

    private static MemoryBreakdown StageMemory(in PlanningContext ctx, in ParallelLayout layout, StageShape stage, int microBatches, in LayerActivations layers)
    {
        ModelStateMemory.Compute(ctx, layout, stage, out double weights, out double gradients, out double optimizer);
        double activations = ActivationMemory.Stage(ctx, layout, stage, microBatches, layers);
        double other = ctx.Settings.ReserveBytes + (ctx.Settings.Fragmentation * (weights + gradients + optimizer + activations));
        return new MemoryBreakdown(weights, gradients, optimizer, activations, other);
    }
}
