using PresetPlanner.Results;
using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Planning;

/// <summary>One pipeline schedule costed on one layout's degrees (<see cref="ScheduleChoices.RankSchedules"/>).</summary>
/// <param name="Schedule">The schedule.</param>
/// <param name="Result">The layout evaluated with it (its VP set as the schedule runs: one chunk for ZB-H1 and DualPipe, two for the V schedules).</param>
/// <param name="FrameworkRuns">Whether the plan's framework ships it (<see cref="TrainingSettings.FrameworkRuns"/>).</param>
public readonly record struct ScheduleChoice(PipelineSchedule Schedule, StrategyResult Result, bool FrameworkRuns);

/// <summary>
/// The pipeline schedules as a choice shown beside the one the plan searched (issue 34): the recommended layout's degrees,
/// micro-batch, ZeRO stage and recomputation under each schedule that can run them, ranked as the plan ranks layouts
/// (fitting first, then tokens/s per GPU), so that a plan restricted to its framework's 1F1B still says what ZB-V or
/// DualPipe would give. A plan with <c>--schedule any</c> searches them jointly; this ranks them on one set of degrees.
/// </summary>
public static class ScheduleChoices
{
    /// <summary>
    /// Each schedule that runs <paramref name="layout"/>'s degrees (the layout's own VP for 1F1B), best first; empty without a
    /// pipeline. Costed without the framework's schedule rule; <see cref="ScheduleChoice.FrameworkRuns"/> says which the framework ships.
    /// </summary>
    public static ScheduleChoice[] RankSchedules(this PlanningContext context, in ParallelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (layout.Pp <= 1)
        {
            return [];
        }

        PlanningContext any = context.Settings.Framework is null
            ? context
            : PlanningContext.Create(context.ModelPreset, context.ClusterPreset, context.Settings with { Framework = null }, context.Efficiency);
        var choices = new List<ScheduleChoice>();
        foreach (PipelineSchedule schedule in Enum.GetValues<PipelineSchedule>())
        {
            int chunks = LayoutRules.ChunksPerStage(schedule);
            StrategyResult result = any.Evaluate(layout with { Schedule = schedule, Vp = chunks > 0 ? chunks : layout.Vp });
            if (result.IsValid)
            {
                choices.Add(new ScheduleChoice(schedule, result, TrainingSettings.FrameworkRuns(context.Settings.Framework, schedule)));
            }
        }

        return ChoiceRanking.Rank(choices, c => c.Result);
    }
}
