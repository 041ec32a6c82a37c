using System.Globalization;
using System.Text;
using PresetPlanner.Import.Launch;
using PresetPlanner.Planning;
using PresetPlanner.Presentation.Reasons;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;
using PresetPlanner.Search;
using PresetPlanner.Settings;

namespace PresetPlanner.Cli.Output;

/// <summary>
/// After <c>evaluate --run FILE</c>: what the file said that the planner does not model, and what the plan's
/// recommendation on the same cluster and settings would gain, with the parts of the step that differ.
/// </summary>
internal static class RunComparison
{
    public static string Text(LaunchRun run, PlanningContext ctx, in StrategyResult evaluated)
    {
        var sb = new StringBuilder();
        sb.Append(run.Framework switch
        {
            Vocabulary.ExportFramework.MegatronBridge => "Read as Megatron-Bridge overrides",
            Vocabulary.ExportFramework.Torchtitan => "Read as a torchtitan job config",
            Vocabulary.ExportFramework.DeepSpeed => "Read as a DeepSpeed config",
            _ => "Read as Megatron-LM arguments",
        });
        sb.Append(run.NotModelled.Count == 0 ? "; every argument is modelled.\n" : "; not modelled: " + string.Join("; ", run.NotModelled) + ".\n");

        // The recommendation for the same model, cluster and settings, among the layouts the run's framework launches
        // (plans leave cross-domain TP out, as plan does).
        var planning = PlanningContext.Create(ctx.ModelPreset, ctx.ClusterPreset, ctx.Settings with { AllowCrossNodeTensorParallel = false, Framework = ctx.Settings.Framework ?? run.Framework });
        if (!planning.TryFindRecommended(new SearchSpace(), out SearchResult found))
        {
            return sb.Append("No layout fits this cluster with these settings, so there is nothing to compare with.\n").ToString();
        }

        StrategyResult best = found.Best;
        StepTime a = evaluated.Time;
        StepTime b = best.Time;
        if (best.Layout == evaluated.Layout)
        {
            return sb.Append("This run's layout is the one plan recommends here.\n").ToString();
        }

        double gain = a.TokensPerSecondPerGpu > 0 ? (b.TokensPerSecondPerGpu / a.TokensPerSecondPerGpu) - 1 : 0;
        sb.Append("Recommended here instead (plan's rules, among the layouts ").Append(FrameworkText.Name(run.Framework)).Append(" runs): ").Append(Recommendation.Headline(best)).Append(": ")
            .Append(Units.Count(b.TokensPerSecondPerGpu)).Append(" tokens/s per GPU (").Append(gain >= 0 ? "+" : string.Empty).Append(Units.Percent(gain))
            .Append(" over this run), memory ").Append(Units.Gigabytes(best.Memory.Total)).Append(" of ").Append(Units.Gigabytes(best.CapacityBytes))
            .Append(evaluated.Fits ? string.Empty : "; this run does not fit").Append(".\n");
        sb.Append("Where the step differs (this run -> recommended, seconds): ")
            .Append(Part("compute", a.ComputeSeconds, b.ComputeSeconds)).Append(", ")
            .Append(Part("exposed communication", a.ExposedCommunicationSeconds, b.ExposedCommunicationSeconds)).Append(", ")
            .Append(Part("bubble", a.BubbleSeconds, b.BubbleSeconds)).Append(", ")
            .Append(Part("data-parallel", a.DataParallelSeconds, b.DataParallelSeconds)).Append(", ")
            .Append(Part("optimizer", a.OptimizerSeconds, b.OptimizerSeconds)).Append(".\n");
        return sb.ToString();
    }

    private static string Part(string name, double from, double to) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} {from:0.###} -> {to:0.###}");
}
