using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;

namespace PresetPlanner.Planning;

/// <summary>
/// The one-line plan: <c>Presets.Llama70B.PlanOn(Presets.H100x64)</c>, shorthand for
/// <c>PlanningContext.Create(model, cluster, settings).Plan(space)</c>.
/// </summary>
public static class PlanExtensions
{
    /// <summary>
    /// Plans <paramref name="model"/> on <paramref name="cluster"/> with the default settings (sequence 4096, global batch
    /// 512, BF16 Adam; an MoE model with its GPU's recipe runtime, <see cref="MoeRuntime.DefaultFor"/>, as the command line)
    /// over the full search space.
    /// </summary>
    /// <exception cref="PlanInputException">The model or cluster is out of range.</exception>
    public static StrategyTable PlanOn(this in ModelPreset model, in ClusterPreset cluster) =>
        PlanningContext.Create(model, cluster, new TrainingSettings().WithMoeRuntime(MoeRuntime.DefaultFor(model.Spec, cluster.Spec.Gpu))).Plan();

    /// <summary>Plans <paramref name="model"/> on <paramref name="cluster"/> with <paramref name="settings"/> over the full search space.</summary>
    /// <exception cref="PlanInputException">The model, cluster or a setting is out of range.</exception>
    public static StrategyTable PlanOn(this in ModelPreset model, in ClusterPreset cluster, in TrainingSettings settings) =>
        PlanningContext.Create(model, cluster, settings).Plan();

    /// <summary>Plans <paramref name="model"/> on <paramref name="cluster"/> with <paramref name="settings"/> over <paramref name="space"/>.</summary>
    /// <exception cref="PlanInputException">The model, cluster, a setting or the space is out of range.</exception>
    public static StrategyTable PlanOn(this in ModelPreset model, in ClusterPreset cluster, in TrainingSettings settings, in SearchSpace space) =>
        PlanningContext.Create(model, cluster, settings).Plan(space);
}
