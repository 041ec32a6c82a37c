using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Results;

/// <summary>Everything the planner computes for one layout. A value type; formatting lives in the strategy table.</summary>
/// <param name="Layout">The layout.</param>
/// <param name="MicroBatches">Micro-batches per step per pipeline (m).</param>
/// <param name="MostLoadedStage">The pipeline stage whose memory is reported (0 = first, p-1 = last).</param>
/// <param name="Memory">Peak memory per GPU on that stage, bytes.</param>
/// <param name="CapacityBytes">The GPU's memory, bytes.</param>
/// <param name="Communication">Bytes per GPU per step and links.</param>
/// <param name="Bubble">Pipeline bubble.</param>
/// <param name="Time">Predicted step time and throughput.</param>
/// <param name="Failed">The first constraint that failed; <see cref="Constraint.None"/> when the layout is valid and fits.</param>
/// <param name="FailedValue">The offending value (e.g. heads, or the memory needed).</param>
/// <param name="FailedLimit">The limit it broke (e.g. TP, or the GPU's memory).</param>
public readonly record struct StrategyResult(
    ParallelLayout Layout,
    int MicroBatches,
    int MostLoadedStage,
    MemoryBreakdown Memory,
    double CapacityBytes,
    CommunicationBreakdown Communication,
    PipelineBubble Bubble,
    StepTime Time,
    Constraint Failed,
    double FailedValue,
    double FailedLimit)
{
    /// <summary>The first rule that failed, with its value and limit (<see cref="Constraint.None"/> when the layout is valid and fits).</summary>
    public RuleFailure Failure => new(Failed, FailedValue, FailedLimit);

    /// <summary>Valid and fits in memory.</summary>
    public bool Fits => Failed == Constraint.None;

    /// <summary>Valid (every divisibility rule holds), whether or not it fits.</summary>
    public bool IsValid => Failed is Constraint.None or Constraint.OutOfMemory;

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
