using System.Runtime.CompilerServices;
using PresetPlanner.Results;
using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// Evaluates one layout: a pure function of readonly structs that allocates nothing, so search loops can call it
/// millions of times.
/// </summary>
internal static class StrategyEvaluator
{
    /// <summary>Memory, communication, bubble, time and feasibility of <paramref name="layout"/>.</summary>
    public static StrategyResult Evaluate(CostContext ctx, in ParallelLayout layout)
    {
        var frame = new LayoutFrame(ctx, layout);
        if (Failed(ctx, frame, layout, out double value, out double limit) is Constraint rule and not Constraint.None)
        {
            return Invalid(ctx, layout, frame, rule, value, limit);
        }

        ActivationPart a = ActivationPart.Of(ctx, layout, frame, LayerActivations.Of(ctx, layout));
        StatePart z = StatePart.Of(ctx, layout, frame);
        return Combine(ctx, layout, frame, a, z);
    }

    /// <summary>
    /// <see cref="Evaluate(CostContext, in ParallelLayout)"/>, reusing what <paramref name="cache"/> holds from the
    /// previous calls when only the ZeRO stage, recomputation or sequence parallelism changed; the result is the same.
    /// </summary>
    public static StrategyResult Evaluate(CostContext ctx, in ParallelLayout layout, ref EvaluationCache cache)
    {
        ref readonly LayoutFrame frame = ref cache.Prepare(ctx, layout);
        if (Failed(ctx, frame, layout, out double value, out double limit) is Constraint rule and not Constraint.None)
        {
            return Invalid(ctx, layout, frame, rule, value, limit);
        }

        return Combine(ctx, layout, frame, cache.Activations(ctx, layout), cache.States(ctx, layout));
    }

    /// <summary>
    /// Whether <paramref name="layout"/> is valid and fits, with its tokens/s per GPU and headroom: the figures a search
    /// compares, equal to those of <see cref="Evaluate(CostContext, in ParallelLayout, ref EvaluationCache)"/>,
    /// without building the full result (false, and zeros, when it does not fit).
    /// </summary>
    internal static bool TryScore(CostContext ctx, in ParallelLayout layout, ref EvaluationCache cache, out double tokensPerSecondPerGpu, out double headroomBytes)
    {
        (tokensPerSecondPerGpu, headroomBytes) = (0, 0);
        ref readonly LayoutFrame frame = ref cache.Prepare(ctx, layout);
        if (Failed(ctx, frame, layout, out _, out _) != Constraint.None)
        {
            return false;
        }

        ref readonly ActivationPart a = ref cache.Activations(ctx, layout);
        ref readonly StatePart z = ref cache.States(ctx, layout);
        double total = Memory(ctx, z.Last.Weights, z.Last.Gradients, z.Last.Optimizer, a.LastActivations, frame.Reserved).Total;
        if (layout.Pp > 1)
        {
            total = Math.Max(total, Memory(ctx, z.First.Weights, z.First.Gradients, z.First.Optimizer, a.FirstActivations, frame.Reserved).Total);
        }

        if (frame.HasMiddle)
        {
            total = Math.Max(total, Memory(ctx, z.Middle.Weights, z.Middle.Gradients, z.Middle.Optimizer, a.MiddleActivations, frame.Reserved).Total);
        }

        double capacity = ctx.Gpu.MemoryBytes;
        if (total > capacity)
        {
            return false;
        }

        headroomBytes = capacity - total;
        tokensPerSecondPerGpu = StepTimeModel.Assemble(ctx, layout, frame.MicroBatches, a.Compute, a.Exposed, a.WeightGradient, z.DataParallelSeconds, z.OptimizerSeconds, frame.Factors).TokensPerSecondPerGpu;
        return true;
    }

    private static Constraint Failed(CostContext ctx, in LayoutFrame frame, in ParallelLayout layout, out double value, out double limit)
    {
        (value, limit) = (frame.RuleValue, frame.RuleLimit);
        return frame.Rule != Constraint.None ? frame.Rule : LayoutRules.Variant(ctx, layout.Tp, layout.Pp, layout.Ep, layout.Zero, layout.Recompute, layout.SequenceParallel, out value, out limit);
    }

    private static StrategyResult Invalid(CostContext ctx, in ParallelLayout layout, in LayoutFrame frame, Constraint rule, double value, double limit) => new()
    {
        Layout = layout,
        MicroBatches = frame.MicroBatches,
        CapacityBytes = ctx.Gpu.MemoryBytes,
        Failure = new RuleFailure(rule, value, limit),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static StrategyResult Combine(CostContext ctx, in ParallelLayout layout, in LayoutFrame frame, in ActivationPart a, in StatePart z)
    {
        // Memory: the heaviest of the first stage (embedding, p micro-batches in flight), the last (head, logits) and, in an
        // uneven split, the busiest middle stage. Communication: the last stage; time: the slowest stage (ActivationPart).
        MemoryBreakdown memory = Memory(ctx, z.Last.Weights, z.Last.Gradients, z.Last.Optimizer, a.LastActivations, frame.Reserved);
        int stageIndex = layout.Pp - 1;
        if (layout.Pp > 1)
        {
            MemoryBreakdown firstMemory = Memory(ctx, z.First.Weights, z.First.Gradients, z.First.Optimizer, a.FirstActivations, frame.Reserved);
            if (firstMemory.Total >= memory.Total)
            {
                (memory, stageIndex) = (firstMemory, 0);
            }
        }

        if (frame.HasMiddle)
        {
            MemoryBreakdown middleMemory = Memory(ctx, z.Middle.Weights, z.Middle.Gradients, z.Middle.Optimizer, a.MiddleActivations, frame.Reserved);
            if (middleMemory.Total > memory.Total)
            {
                (memory, stageIndex) = (middleMemory, 1);
            }
        }

        double capacity = ctx.Gpu.MemoryBytes;
        CommunicationBreakdown comm = a.Traffic with { DataParallel = z.DataParallelBytes, ExpertDataParallel = z.ExpertDataParallelBytes };
        StepTime time = StepTimeModel.Assemble(ctx, layout, frame.MicroBatches, a.Compute, a.Exposed, a.WeightGradient, z.DataParallelSeconds, z.OptimizerSeconds, frame.Factors);
        bool fits = memory.Total <= capacity;
        return new StrategyResult
        {
            Layout = layout,
            MicroBatches = frame.MicroBatches,
            MostLoadedStage = stageIndex,
            Memory = memory,
            CapacityBytes = capacity,
            Communication = comm,
            Bubble = layout.EffectiveSchedule == PipelineSchedule.OneForwardOneBackward ? frame.Factors.Bubble : PipelineBubble.OfTime(time),
            Time = time,
            Failure = fits ? default : new RuleFailure(Constraint.OutOfMemory, memory.Total, capacity),
        };
    }

    /// <summary>
    /// The peak-memory breakdown of one GPU from its parts, with the reserve, the layout's communicator and pipeline
    /// buffers (<paramref name="layoutBytes"/>) and fragmentation (<see cref="ReservedMemory"/>).
    /// </summary>
    internal static MemoryBreakdown Memory(CostContext ctx, double weights, double gradients, double optimizer, double activations, double layoutBytes)
    {
        double other = ctx.FixedReserve + layoutBytes + (ctx.FragmentationShare * (weights + gradients + optimizer + activations));
        return new MemoryBreakdown(weights, gradients, optimizer, activations, other);
    }
}
