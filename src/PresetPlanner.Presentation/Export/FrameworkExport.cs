using PresetPlanner.Planning;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Export;

/// <summary>
/// Exports a planned layout and its training settings to a training framework: Megatron-LM arguments, Megatron-Bridge
/// overrides, a torchtitan TOML or a DeepSpeed JSON. Every name is the framework's own (docs/export.md, with the file
/// and commit it was read from); a setting the framework cannot express becomes a note, never silently dropped.
/// </summary>
public static class FrameworkExport
{
    /// <summary>The fragment for <paramref name="layout"/> planned in <paramref name="context"/>.</summary>
    /// <param name="framework">The framework to write for.</param>
    /// <param name="context">The model, cluster and training settings the layout was planned with.</param>
    /// <param name="layout">The layout (a row of the plan, or one given to evaluate).</param>
    public static ExportFragment Write(ExportFramework framework, PlanningContext context, in ParallelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new ExportPlan(context, layout);
        return framework switch
        {
            ExportFramework.Megatron => MegatronArguments.Write(plan),
            ExportFramework.MegatronBridge => MegatronBridgeOverrides.Write(plan),
            ExportFramework.Torchtitan => TorchtitanToml.Write(plan),
            ExportFramework.DeepSpeed => DeepSpeedJson.Write(plan),
            _ => throw new ArgumentOutOfRangeException(nameof(framework), framework, "unknown framework"),
        };
    }
}
