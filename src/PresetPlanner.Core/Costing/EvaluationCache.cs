using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// What an evaluation shares with the next ones of the same degrees and micro-batch, which differ only in ZeRO stage,
/// recomputation or sequence parallelism: the degrees' frame (rules, end stages and their parameters, links, factors);
/// what depends on the ZeRO stage alone (model states, data-parallel traffic, optimizer step); and what depends on
/// recomputation and SP alone (activations, TP/PP/CP/EP traffic, per-micro-batch time). The enumerator varies those
/// three dimensions innermost, so a search that passes one cache to consecutive evaluations computes each part once per
/// run of up to 24 variants. Results equal uncached evaluations exactly (tested). A cache handed another
/// <see cref="Planning.PlanningContext"/> starts over, so sharing one between contexts is safe, only slower.
/// </summary>
public struct EvaluationCache
{
    // Per-layer activations by SP and selective-or-not; activation parts by recomputation and SP; states by ZeRO stage.
    private const int LayerSlots = LayoutVariants.SequenceParallelSettings * 2;
    private const int ActivationSlots = LayoutVariants.RecomputeModes * LayoutVariants.SequenceParallelSettings;
    private const int StateSlots = LayoutVariants.ZeroStages;

    private ParallelLayout _key;
    private long _context;
    private bool _filled;
    private int _layerMask;
    private int _activationMask;
    private int _stateMask;
    private LayoutFrame _frame;
    private LayerSlotBuffer _layers;
    private ActivationSlotBuffer _activations;
    private StateSlotBuffer _states;

    /// <summary>Fills the frame for <paramref name="layout"/>'s degrees and micro-batch unless it already holds them.</summary>
    [UnscopedRef]
    internal ref readonly LayoutFrame Prepare(CostContext ctx, in ParallelLayout layout)
    {
        if (!_filled || _context != ctx.Stamp || !_key.HasSameDegrees(layout))
        {
            _key = layout;
            _context = ctx.Stamp;
            _filled = true;
            _layerMask = 0;
            _activationMask = 0;
            _stateMask = 0;
            _frame = new LayoutFrame(ctx, layout);
        }

        return ref _frame;
    }

    /// <summary>The activation part of <paramref name="layout"/> (whose degrees must be the prepared ones).</summary>
    [UnscopedRef]
    internal ref readonly ActivationPart Activations(CostContext ctx, in ParallelLayout layout)
    {
        int slot = ((int)layout.Recompute * 2) + (layout.SequenceParallel ? 1 : 0);
        int bit = 1 << slot;
        if ((_activationMask & bit) == 0)
        {
            _activations[slot] = ActivationPart.Of(ctx, layout, _frame, Layers(ctx, layout));
            _activationMask |= bit;
        }

        return ref _activations[slot];
    }

    /// <summary>The model-state part of <paramref name="layout"/> (whose degrees must be the prepared ones).</summary>
    [UnscopedRef]
    internal ref readonly StatePart States(CostContext ctx, in ParallelLayout layout)
    {
        int slot = layout.Zero;
        int bit = 1 << slot;
        if ((_stateMask & bit) == 0)
        {
            _states[slot] = StatePart.Of(ctx, layout, _frame);
            _stateMask |= bit;
        }

        return ref _states[slot];
    }

    // The per-layer activations depend on SP and on whether recomputation is selective (with some module to recompute).
    private LayerActivations Layers(CostContext ctx, in ParallelLayout layout)
    {
        int slot = (layout.SequenceParallel ? 1 : 0) + (layout.Recompute == RecomputeMode.Selective && ctx.Settings.SelectiveModules != RecomputeModules.None ? 2 : 0);
        int bit = 1 << slot;
        if ((_layerMask & bit) == 0)
        {
            _layers[slot] = LayerActivations.Of(ctx, layout);
            _layerMask |= bit;
        }

        return _layers[slot];
    }

    [InlineArray(LayerSlots)]
    private struct LayerSlotBuffer
    {
        private LayerActivations _element;
    }

    [InlineArray(ActivationSlots)]
    private struct ActivationSlotBuffer
    {
        private ActivationPart _element;
    }

    [InlineArray(StateSlots)]
    private struct StateSlotBuffer
    {
        private StatePart _element;
    }
}
