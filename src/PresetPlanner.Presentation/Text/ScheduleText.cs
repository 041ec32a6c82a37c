using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Text;

/// <summary>How a pipeline schedule and its bubble formula are written (docs/model.md, "Pipeline schedules").</summary>
public static class ScheduleText
{
    /// <summary>The schedule's name as its sources write it: "1F1B", "interleaved 1F1B", "ZB-H1", "ZB-V", "DualPipe", "DualPipeV".</summary>
    public static string Name(PipelineSchedule schedule, int vp) => schedule switch
    {
        PipelineSchedule.ZeroBubbleH1 => "ZB-H1",
        PipelineSchedule.ZeroBubbleV => "ZB-V",
        PipelineSchedule.DualPipe => "DualPipe",
        PipelineSchedule.DualPipeV => "DualPipeV",
        _ => vp > 1 ? "interleaved 1F1B" : "1F1B",
    };

    /// <summary>
    /// The bubble's formula, in the terms of its source: (p-1)/(v m) for 1F1B and interleaving (Narayanan et al.), and
    /// with F, B, W (forward, full backward, weight gradient) for the others (DeepSeek-V3 Table 2, Qi et al. Table 2).
    /// </summary>
    public static string BubbleFormula(PipelineSchedule schedule) => schedule switch
    {
        PipelineSchedule.ZeroBubbleH1 => "ZB-H1: (p-1)(F+B-2W) over m(F+B)",
        PipelineSchedule.ZeroBubbleV => "ZB-V: (p-1)(F+B-3W) over m(F+B)",
        PipelineSchedule.DualPipe => "DualPipe: (p/2-1)(F&B+B-3W) over m(F+B)",
        PipelineSchedule.DualPipeV => "DualPipeV: (p-1)(F&B+B-3W)/2 over m(F+B)",
        _ => "(p-1)/(v m)",
    };
}
