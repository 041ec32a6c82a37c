using PresetPlanner.Vocabulary;

namespace PresetPlanner.Settings;

/// <summary>
/// Which layouts a plan or a search walks: every dimension defaults to every value the rules allow; pin one with
/// <see cref="ValueSet.Of"/> and restrict the per-rank choices with the flag sets. <c>new SearchSpace()</c> is the full
/// space. The unpinned domains are <see cref="MaxVirtualStages"/> virtual stages that split the layers evenly, powers of
/// two up to <see cref="MaxMicroBatch"/> for the micro-batch, and CP degrees that leave each rank at least
/// <see cref="MinContextChunk"/> tokens.
/// </summary>
public readonly record struct SearchSpace
{
    /// <summary>Largest micro-batch tried when the micro-batch is not pinned.</summary>
    public const int MaxMicroBatch = 64;

    /// <summary>Micro-batch sizes tried when the micro-batch is not pinned: 1, 2, 4 ... <see cref="MaxMicroBatch"/>.</summary>
    public const int MicroBatchSizes = 7;

    /// <summary>Most virtual stages tried when VP is not pinned.</summary>
    public const int MaxVirtualStages = 8;

    /// <summary>Shortest per-rank sequence chunk tried for CP when CP is not pinned.</summary>
    public const int MinContextChunk = 1024;

    /// <summary>The full space.</summary>
    public SearchSpace()
    {
    }

    /// <summary>Tensor-parallel degrees.</summary>
    public ValueSet Tp { get; init; }

    /// <summary>Pipeline-parallel degrees.</summary>
    public ValueSet Pp { get; init; }

    /// <summary>Virtual pipeline stages (interleaving); unpinned, only those that split the layers evenly.</summary>
    public ValueSet Vp { get; init; }

    /// <summary>Data-parallel degrees (derived from the others; pinning filters).</summary>
    public ValueSet Dp { get; init; }

    /// <summary>Context-parallel degrees.</summary>
    public ValueSet Cp { get; init; }

    /// <summary>Expert-parallel degrees.</summary>
    public ValueSet Ep { get; init; }

    /// <summary>Expert tensor-parallel degrees; unpinned, 1 and TP (MoE models only).</summary>
    public ValueSet Etp { get; init; }

    /// <summary>Micro-batch sizes.</summary>
    public ValueSet MicroBatch { get; init; }

    /// <summary>ZeRO stages allowed.</summary>
    public ZeroStages ZeroStages { get; init; } = ZeroStages.All;

    /// <summary>Recomputation modes allowed.</summary>
    public RecomputeModes RecomputeModes { get; init; } = RecomputeModes.All;

    /// <summary>Sequence-parallel settings allowed.</summary>
    public SequenceParallelModes SequenceParallel { get; init; } = SequenceParallelModes.Both;

    /// <summary>Pipeline schedules walked (default: the framework's, <see cref="PipelineSchedules.FrameworkDefault"/>).</summary>
    public PipelineSchedules Schedules { get; init; }

    /// <summary>
    /// Whether the search walks <paramref name="schedule"/> for a plan for <paramref name="framework"/>: the stated set, or the
    /// framework's schedules (<see cref="TrainingSettings.FrameworkRuns"/>; 1F1B alone when no framework is stated).
    /// </summary>
    public bool AllowsSchedule(PipelineSchedule schedule, ExportFramework? framework) => ((int)SchedulesFor(framework) & (1 << (int)schedule)) != 0;

    /// <summary>
    /// The schedules walked for a plan for <paramref name="framework"/>: the stated set, or those the framework ships
    /// (<see cref="TrainingSettings.FrameworkRuns"/>), 1F1B alone when none is stated (Megatron-Core's).
    /// </summary>
    public PipelineSchedules SchedulesFor(ExportFramework? framework)
    {
        if (Schedules != PipelineSchedules.FrameworkDefault || framework is null)
        {
            return Schedules != PipelineSchedules.FrameworkDefault ? Schedules : PipelineSchedules.OneForwardOneBackward;
        }

        var shipped = PipelineSchedules.FrameworkDefault;
        for (var schedule = PipelineSchedule.OneForwardOneBackward; schedule <= PipelineSchedule.DualPipeV; schedule++)
        {
            shipped |= TrainingSettings.FrameworkRuns(framework, schedule) ? (PipelineSchedules)(1 << (int)schedule) : 0;
        }

        return shipped;
    }

    /// <summary>Whether ZeRO stage <paramref name="stage"/> is allowed.</summary>
    public bool AllowsZero(int stage) => (uint)stage <= 3 && ((int)ZeroStages & (1 << stage)) != 0;

    /// <summary>Whether <paramref name="mode"/> is allowed.</summary>
    public bool AllowsRecompute(RecomputeMode mode) => (uint)mode <= 2 && ((int)RecomputeModes & (1 << (int)mode)) != 0;

    /// <summary>Whether this sequence-parallel setting is allowed.</summary>
    public bool AllowsSequenceParallel(bool on) => (SequenceParallel & (on ? SequenceParallelModes.On : SequenceParallelModes.Off)) != 0;
}
