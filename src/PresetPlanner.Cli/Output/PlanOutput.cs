using PresetPlanner.Cli.Input;
using PresetPlanner.Planning;
using PresetPlanner.Presentation.Tables;
using PresetPlanner.Results;
using Spectre.Console;

namespace PresetPlanner.Cli.Output;

/// <summary>
/// The plan in each format. Rows are streamed: whatever <c>--top</c> or <c>--all</c> selects is written row by row,
/// so the output holds at most one row's cells at a time besides the plan itself (issue 31: <c>--all</c> on 243,744
/// layouts held 3.5 GB for the text table).
/// </summary>
internal static class PlanOutput
{
    /// <summary>Tables of more rows than this stream through <see cref="RoundedTable"/> rather than Spectre's table.</summary>
    public const int SpectreRows = 1000;

    public static void Render(CliOutput output, StrategyTable table, OutputFormat format, int top, bool onlyFeasible, PlanExtras? extras = null, Budget? budget = null, bool wide = false)
    {
        double watts = table.Context.Cluster.Gpu.BoardWatts;
        // The text and markdown tables show the recommended row too; JSON and CSV keep the top rows, best first (the JSON
        // names the recommendation and its rank apart).
        IEnumerable<int> Selected() => format is OutputFormat.Json or OutputFormat.Csv ? table.Top(top, onlyFeasible) : Select(table, top, onlyFeasible);
        IEnumerable<string[]> Cells() => Selected().Select(i => PlanText.Cells(table.Rows[i], i + 1, i == table.RecommendedIndex));
        switch (format)
        {
            case OutputFormat.Json:
                PlanJson.Write(output.Out, table, Selected(), extras, budget);
                output.Out.WriteLine();
                break;
            case OutputFormat.Csv:
                Csv.Write(output.Out, Csv.Header(budget), Selected().Select(i => Csv.Strategy(table.Rows[i], i + 1, budget, watts, budget?.GoodputOf(table.Rows[i], table.Context.Model, table.Context.Settings, table.Context.Cluster))));
                break;
            case OutputFormat.Markdown:
                output.Out.Write(table.Describe().Replace("\n", "  \n", StringComparison.Ordinal) + "\n\n");
                PlanText.WriteMarkdown(output.Out, PlanText.Columns, Cells);
                output.Out.Write("\n" + table.Summary());
                break;
            default:
                RenderTable(output, table, Cells, Selected().Take(SpectreRows + 1).Count() > SpectreRows, wide);
                break;
        }

        if (format is OutputFormat.Table or OutputFormat.Markdown && extras is not null)
        {
            PlanExtrasText.Write(output.Out, extras);
        }

        if (format is OutputFormat.Table or OutputFormat.Markdown && budget is Budget b && table.TryGetRecommended(out StrategyResult best))
        {
            output.Out.WriteLine("Time to train, recommended layout: " + BudgetLine.Of(best, table.Context, b) + ".");
        }
    }

    /// <summary>The indices of the rows printed: the first <paramref name="top"/> (of those that fit, when asked), and the recommended row (<see cref="PlanText.Shown"/>).</summary>
    public static IEnumerable<int> Select(StrategyTable table, int top, bool onlyFeasible) => table.Shown(top, onlyFeasible);


    // The columns that fit the terminal (120 when unknown) unless --wide; the Strategy column names every degree.
    private static void RenderTable(CliOutput output, StrategyTable table, Func<IEnumerable<string[]>> cells, bool stream, bool wide)
    {
        // Sentences go straight to the writer, so the console's width wraps only the table.
        output.Out.WriteLine(table.Describe());
        output.Out.WriteLine();
        int[] widths = RoundedTable.Widths(PlanText.Columns, cells());
        int[] columns = wide ? [.. Enumerable.Range(0, PlanText.Columns.Length)] : TableWidth.Choose(PlanText.Columns, widths, output.Width);
        if (stream)
        {
            int[] fitted = wide ? widths : RoundedTable.Fit(PlanText.Columns, columns, widths, output.Width);
            RoundedTable.Write(output.Out, PlanText.Columns, columns, fitted, cells());
        }
        else
        {
            output.Console(wide ? int.MaxValue : output.Width).Write(Spectre(columns, cells()));
        }

        output.Out.WriteLine();
        output.Out.Write(table.Summary());
    }

    /// <summary>The same table as a Spectre.Console table (a test holds <see cref="RoundedTable"/> to its output).</summary>
    public static Table Spectre(int[] columns, IEnumerable<string[]> cells)
    {
        var grid = new Table().Border(TableBorder.Rounded);
        foreach (int column in columns)
        {
            grid.AddColumn(new TableColumn(Markup.Escape(PlanText.Columns[column])));
        }

        foreach (string[] row in cells)
        {
            grid.AddRow(columns.Select(c => new Markup(Markup.Escape(row[c]))).ToArray());
        }

        return grid;
    }
}
