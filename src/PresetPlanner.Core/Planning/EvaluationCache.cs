namespace PresetPlanner;

/// <summary>
/// What an evaluation shares with the next one when only the ZeRO stage, the recomputation or sequence parallelism
/// changes: the rules on the degrees, the micro-batch count, both end stages with their parameters, the groups' links
/// the ratios of the degrees (<see cref="LayoutFactors"/>) and the per-layer activations. The enumerator varies those three dimensions innermost, so a search that passes one
/// cache to consecutive evaluations computes these once per run of up to 24 variants. Results are identical to
/// uncached evaluations (a test compares them field by field). Use one cache per <see cref="PlanningContext"/>.
/// </summary>
public struct EvaluationCache
{
    private const int ActivationSlots = 4;

    private ParallelLayout _key;
    private bool _filled;
    private int _activationMask;
    private ActivationSlotBuffer _activations;

    /// <summary>The first failed rule on the degrees and micro-batch, or <see cref="Constraint.None"/>.</summary>
    internal Constraint Rule;

    /// <summary>The failed rule's value.</summary>
    internal double RuleValue;

    /// <summary>The failed rule's limit.</summary>
    internal double RuleLimit;

    /// <summary>Micro-batches per step per pipeline.</summary>
    internal int MicroBatches;

    /// <summary>The first pipeline stage.</summary>
    internal StageShape First;

    /// <summary>The last pipeline stage (the first when p = 1).</summary>
    internal StageShape Last;

    /// <summary>Dense and routed-expert parameters of one GPU of the first stage.</summary>
    internal double FirstDense;

    /// <inheritdoc cref="FirstDense"/>
    internal double FirstExperts;

    /// <summary>Dense and routed-expert parameters of one GPU of the last stage.</summary>
    internal double LastDense;

    /// <inheritdoc cref="LastDense"/>
    internal double LastExperts;

    /// <summary>The link of each parallel group.</summary>
    internal GroupLinks Links;

    /// <summary>The ratios of the degrees the formulas divide by.</summary>
    internal LayoutFactors Factors;

    /// <summary>Fills the cache for <paramref name="layout"/>'s degrees and micro-batch unless it already holds them.</summary>
    internal void Prepare(in PlanningContext ctx, in ParallelLayout layout)
    {
        if (_filled && SameDegrees(_key, layout))
        {
            return;
        }

        _key = layout;
        _filled = true;
        _activationMask = 0;
        MicroBatches = layout.MicroBatches(ctx.Settings.GlobalBatchSize);
        Rule = LayoutRules.CheckDegrees(ctx, layout, out RuleValue, out RuleLimit);
        if (Rule != Constraint.None)
        {
            return;
        }

        First = StageShape.FirstOf(ctx.Model, layout.Pp, layout.Vp);
        Last = layout.Pp > 1 ? StageShape.LastOf(ctx.Model, layout.Pp, layout.Vp) : First;
        ModelStateMemory.StageParameters(ctx, layout, Last, out LastDense, out LastExperts);
        if (layout.Pp > 1)
        {
            ModelStateMemory.StageParameters(ctx, layout, First, out FirstDense, out FirstExperts);
        }
        else
        {
            (FirstDense, FirstExperts) = (LastDense, LastExperts);
        }

        Links = GroupLinks.Of(ctx.Cluster, layout);
        Factors = LayoutFactors.Of(ctx, layout, MicroBatches);
    }

    /// <summary>The per-layer activations of <paramref name="layout"/> (which must match the prepared degrees).</summary>
    internal LayerActivations Activations(in PlanningContext ctx, in ParallelLayout layout)
    {
        // They depend on SP and, without FlashAttention, on whether recomputation is selective.
        int slot = (layout.SequenceParallel ? 1 : 0) + (layout.Recompute == RecomputeMode.Selective && !ctx.Settings.FlashAttention ? 2 : 0);
        int bit = 1 << slot;
        if ((_activationMask & bit) == 0)
        {
            _activations[slot] = LayerActivations.Of(ctx, layout);
            _activationMask |= bit;
        }

        return _activations[slot];
    }

    private static bool SameDegrees(in ParallelLayout a, in ParallelLayout b) =>
        a.Tp == b.Tp && a.Pp == b.Pp && a.Dp == b.Dp && a.Cp == b.Cp && a.Ep == b.Ep && a.Vp == b.Vp && a.MicroBatch == b.MicroBatch;

    [System.Runtime.CompilerServices.InlineArray(ActivationSlots)]
    private struct ActivationSlotBuffer
    {
        private LayerActivations _element;
    }
}
