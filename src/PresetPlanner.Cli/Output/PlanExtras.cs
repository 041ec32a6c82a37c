using System.Globalization;
using System.Text;
using PresetPlanner.Presentation.Tables;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;
using PresetPlanner.Search;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Cli.Output;

/// <summary>What <c>plan --stats</c> and <c>plan --pareto</c> add to the table; time and allocation measured by the CLI.</summary>
/// <param name="Statistics">The search statistics, when asked for.</param>
/// <param name="Pareto">The Pareto front, when asked for.</param>
/// <param name="Cores">Cores the plan ran on.</param>
/// <param name="Candidates">Size of the full cross product the enumerator's rule-book pruning walks.</param>
/// <param name="Seconds">Wall time of the plan.</param>
/// <param name="AllocatedBytes">Managed bytes allocated by the plan (all threads).</param>
internal sealed record PlanExtras(SearchStatistics? Statistics, StrategyResult[]? Pareto, int Cores, long Candidates, double Seconds, long AllocatedBytes);

/// <summary>Text of the extras, after the table.</summary>
internal static class PlanExtrasText
{
    public static void Write(TextWriter output, PlanExtras extras)
    {
        var sb = new StringBuilder();
        if (extras.Pareto is StrategyResult[] front)
        {
            sb.Append("\nPareto front, throughput against memory per GPU (").Append(front.Length).Append(" layouts):\n");
            var rows = front.Select(r => new[]
            {
                Units.GigabytesNumber(r.Memory.Total), Units.Count(r.Time.TokensPerSecondPerGpu), LayoutText.Strategy(r.Layout),
                r.Layout.MicroBatch.ToString(CultureInfo.InvariantCulture), LayoutText.Zero(r.Layout.Zero), Spelling.Of(r.Layout.Recompute),
            }).ToList();
            PlanText.AppendMarkdown(sb, ["Memory/GPU (GB)", "Tokens/s/GPU", "Strategy", "MBS", "ZeRO", "Recompute"], rows);
        }

        if (extras.Statistics is SearchStatistics s)
        {
            double perSecond = extras.Seconds > 0 ? s.Enumerated / extras.Seconds : 0;
            sb.Append(CultureInfo.InvariantCulture, $"\nSearch: {s.Enumerated:#,0} valid layouts enumerated (of a cross product of {extras.Candidates:#,0} candidates), {s.Evaluated:#,0} evaluated, {s.Feasible:#,0} feasible, ")
                .Append(CultureInfo.InvariantCulture, $"{extras.Seconds * 1000:0.0} ms on {extras.Cores} core(s), {perSecond:#,0} layouts/s, {extras.AllocatedBytes:#,0} bytes allocated (measured).\n");
        }

        output.Write(sb.ToString());
    }
}
