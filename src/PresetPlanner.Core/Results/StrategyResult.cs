using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Results;

/// <summary>Everything the planner computes for one layout. A value type; formatting lives in the presentation.</summary>
public readonly record struct StrategyResult
{
    /// <summary>The layout.</summary>
    public ParallelLayout Layout { get; init; }

    /// <summary>Micro-batches per step per pipeline (m).</summary>
    public int MicroBatches { get; init; }

    /// <summary>The pipeline stage whose memory is reported (0 = first, p-1 = last).</summary>
    public int MostLoadedStage { get; init; }

    /// <summary>Peak memory per GPU on that stage, bytes.</summary>
    public MemoryBreakdown Memory { get; init; }

    /// <summary>The GPU's memory, bytes.</summary>
    public double CapacityBytes { get; init; }

    /// <summary>Bytes per GPU per step and links.</summary>
    public CommunicationBreakdown Communication { get; init; }

    /// <summary>Pipeline bubble.</summary>
    public PipelineBubble Bubble { get; init; }

    /// <summary>Predicted step time and throughput.</summary>
    public StepTime Time { get; init; }

    /// <summary>
    /// The first rule that failed, with its value and limit: <see cref="Constraint.None"/> when the layout is valid and fits,
    /// <see cref="Constraint.OutOfMemory"/> with the memory needed and the GPU's when it is valid but does not fit.
    /// </summary>
    public RuleFailure Failure { get; init; }
    /// <summary>Valid and fits in memory.</summary>
    public bool Fits => Failure.Constraint == Constraint.None;

    /// <summary>Valid (every divisibility rule holds), whether or not it fits.</summary>
    public bool IsValid => Failure.Constraint is Constraint.None or Constraint.OutOfMemory;

    /// <summary>Free memory per GPU on the most loaded stage, bytes (negative when it does not fit).</summary>
    public double HeadroomBytes => CapacityBytes - Memory.Total;

    /// <summary>
    /// Fits, but within the memory model's own uncertainty of the capacity (<see cref="MemoryUncertainty"/>): the run may
    /// still run out of memory.
    /// </summary>
    public bool Tight => Fits && Memory.Total > CapacityBytes * (1 - MemoryUncertainty);

    /// <summary>
    /// The memory model's uncertainty: the 90th percentile of its absolute errors against the 16 BLOOM-176B runs whose
    /// memory was measured with nvidia-smi (docs/validation.md; the test MemoryUncertainty_IsTheMeasuredRowsNinetiethPercentile
    /// recomputes it).
    /// </summary>
    public const double MemoryUncertainty = 0.16;
}
