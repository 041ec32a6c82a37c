using PresetPlanner.Vocabulary;

namespace PresetPlanner.Settings;

/// <summary>
/// A set of pipeline schedules a search walks (<see cref="SearchSpace.Schedules"/>). <see cref="FrameworkDefault"/> is the
/// schedules of the plan's framework (<see cref="TrainingSettings.Framework"/>): 1F1B (interleaved with VP &gt; 1) for
/// Megatron-Core and any framework but torchtitan, which also runs ZB-V and DualPipeV.
/// </summary>
[Flags]
public enum PipelineSchedules
{
    /// <summary>The schedules the plan's framework ships (1F1B when none is stated).</summary>
    FrameworkDefault = 0,

    /// <summary>1F1B, interleaved when VP &gt; 1.</summary>
    OneForwardOneBackward = 1 << PipelineSchedule.OneForwardOneBackward,

    /// <summary>ZB-H1.</summary>
    ZeroBubbleH1 = 1 << PipelineSchedule.ZeroBubbleH1,

    /// <summary>ZB-V.</summary>
    ZeroBubbleV = 1 << PipelineSchedule.ZeroBubbleV,

    /// <summary>DualPipe.</summary>
    DualPipe = 1 << PipelineSchedule.DualPipe,

    /// <summary>DualPipeV.</summary>
    DualPipeV = 1 << PipelineSchedule.DualPipeV,

    /// <summary>Every schedule.</summary>
    All = OneForwardOneBackward | ZeroBubbleH1 | ZeroBubbleV | DualPipe | DualPipeV,
}
