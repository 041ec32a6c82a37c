using PresetPlanner.Results;
using PresetPlanner.Settings;

namespace PresetPlanner.Planning;

/// <summary>One MoE runtime costed on one layout (<see cref="MoeRuntimeChoices.RankMoeRuntimes"/>).</summary>
/// <param name="Runtime">The dispatcher, graphs, overlap and routing.</param>
/// <param name="Result">The layout evaluated with it.</param>
public readonly record struct MoeRuntimeChoice(MoeRuntime Runtime, StrategyResult Result);

/// <summary>
/// The MoE runtime as a choice the planner ranks (issue 32 item 3): for one layout, every runtime the GPU runs
/// (<see cref="MoeRuntime.Candidates"/>) evaluated and ranked as the plan ranks layouts, those that fit first, then by
/// tokens/s per GPU. The runtime changes an MoE layer's time and the dispatcher's buffers, not which layouts are valid,
/// so it is ranked on the plan's recommended layout rather than multiplying the layout space by 36.
/// </summary>
public static class MoeRuntimeChoices
{
    /// <summary>
    /// <paramref name="layout"/> under each of the GPU's MoE runtimes, best first (ties keep the candidates' order, the
    /// Megatron-Core default first); empty for a dense model.
    /// </summary>
    public static MoeRuntimeChoice[] RankMoeRuntimes(this PlanningContext context, in ParallelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Model.IsMoe)
        {
            return [];
        }

        MoeRuntime[] candidates = MoeRuntime.Candidates(context.Gpu);
        var choices = new MoeRuntimeChoice[candidates.Length];
        for (int i = 0; i < candidates.Length; i++)
        {
            TrainingSettings settings = context.Settings.WithMoeRuntime(candidates[i]);
            var other = PlanningContext.Create(context.ModelPreset, context.ClusterPreset, settings, context.Efficiency);
            choices[i] = new MoeRuntimeChoice(candidates[i], other.Evaluate(layout));
        }

        return ChoiceRanking.Rank(choices, c => c.Result);
    }
}
