using PresetPlanner.Cli.Input;
using PresetPlanner.Planning;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;

namespace PresetPlanner.Cli.Output;

/// <summary>The time-to-train sentence of a layout: the ideal run, then the run with failures and checkpoints.</summary>
internal static class BudgetLine
{
    /// <summary>"15T tokens: 52.3 days on ...; with failures 92.7% goodput, 56.4 days: ...".</summary>
    public static string Of(in StrategyResult r, PlanningContext ctx, in Budget b)
    {
        double watts = ctx.Cluster.Gpu.BoardWatts;
        TimeToTrain t = TimeToTrain.Of(r, b.Tokens, watts, b.Price);
        Goodput g = b.GoodputOf(r, ctx.Model, ctx.Settings, ctx.Cluster);
        return BudgetText.Sentence(t, watts, b.Price) + "; " + BudgetText.GoodputSentence(g, t);
    }
}
