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
        EvaluationCache cache = default;
        return Evaluate(ctx, layout, ref cache);
    }

    /// <summary>
    /// <see cref="Evaluate(in PlanningContext, in ParallelLayout)"/>, reusing what <paramref name="cache"/> holds from the
    /// previous call when only the ZeRO stage, recomputation or sequence parallelism changed; the result is the same.
    /// </summary>
    public static StrategyResult Evaluate(in PlanningContext ctx, in ParallelLayout layout, ref EvaluationCache cache)
    {
        cache.Prepare(ctx, layout);
        double capacity = ctx.Gpu.MemoryBytes;
        int microBatches = cache.MicroBatches;
        double value = cache.RuleValue;
        double limit = cache.RuleLimit;
        Constraint rule = cache.Rule != Constraint.None ? cache.Rule : LayoutRules.CheckVariant(layout, out value, out limit);
        if (rule != Constraint.None)
        {
            return new StrategyResult(layout, microBatches, 0, default, capacity, default, default, default, rule, value, limit);
        }

        LayerActivations layers = cache.Activations(ctx, layout);
        ref readonly LayoutFactors f = ref cache.Factors;
        StageShape last = cache.Last;
        MemoryBreakdown memory = StageMemory(ctx, layout, last, layers, cache.LastDense, cache.LastExperts, f);
        int stageIndex = layout.Pp - 1;
        if (layout.Pp > 1)
        {
            MemoryBreakdown firstMemory = StageMemory(ctx, layout, cache.First, layers, cache.FirstDense, cache.FirstExperts, f);
            if (firstMemory.Total >= memory.Total)
            {
                (memory, stageIndex) = (firstMemory, 0);
            }
        }

        // Memory: the heavier of the first stage (embedding, p micro-batches in flight) and the last (head, logits).
        // Time and communication: the last stage, which also computes the logits and sets the pipeline's pace.
        CommunicationBreakdown comm = CommunicationVolume.Compute(ctx, layout, last, microBatches, cache.LastDense, cache.LastExperts, cache.Links, f);
        StepTime time = StepTimeModel.Compute(ctx, layout, last, microBatches, comm, layers, cache.LastDense, cache.LastExperts, f);
        bool fits = memory.Total <= capacity;
        return new StrategyResult(
            layout,
            microBatches,
            stageIndex,
            memory,
            capacity,
            comm,
            f.Bubble,
            time,
            fits ? Constraint.None : Constraint.OutOfMemory,
            fits ? 0 : memory.Total,
            fits ? 0 : capacity);
    }

    /// <summary>Peak memory of one GPU of <paramref name="stage"/>, with the reserve (docs/model.md, "Other").</summary>
    public static MemoryBreakdown StageMemory(in PlanningContext ctx, in ParallelLayout layout, StageShape stage, int microBatches)
    {
        ModelStateMemory.StageParameters(ctx, layout, stage, out double dense, out double experts);
        return StageMemory(ctx, layout, stage, LayerActivations.Of(ctx, layout), dense, experts, LayoutFactors.Of(ctx, layout, microBatches));
    }

    private static MemoryBreakdown StageMemory(in PlanningContext ctx, in ParallelLayout layout, StageShape stage, in LayerActivations layers, double dense, double experts, in LayoutFactors f)
    {
        ModelStateMemory.Compute(ctx, layout, dense, experts, f, out double weights, out double gradients, out double optimizer);
        double activations = ActivationMemory.Stage(ctx, layout, stage, layers, f);
        double other = ctx.Settings.ReserveBytes + (ctx.Settings.Fragmentation * (weights + gradients + optimizer + activations));
        return new MemoryBreakdown(weights, gradients, optimizer, activations, other);
    }
}
