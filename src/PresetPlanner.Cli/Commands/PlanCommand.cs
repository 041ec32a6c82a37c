using System.CommandLine;
using System.Diagnostics;
using PresetPlanner.Cli.Input;
using PresetPlanner.Cli.Output;
using PresetPlanner.Planning;
using PresetPlanner.Presentation.Export;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;
using PresetPlanner.Search;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Cli.Commands;

/// <summary><c>plan [MODEL] [CLUSTER]</c>: the ranked strategy table, the recommendation and its reasons.</summary>
internal static class PlanCommand
{
    public const int DefaultTop = 15;

    public static Command Create(CliOutput output)
    {
        var model = new ModelOptions();
        var cluster = new ClusterOptions(model);
        var training = new TrainingOptions();
        var parallel = new LayoutOptions(lists: true);
        var format = new FormatOption();
        var emit = new EmitOption();
        var budget = new BudgetOptions();
        var row = new Option<string?>("--row") { Description = "With --emit: the row (rank in the table) to export instead of the recommendation" };
        var all = new Option<bool>("--all") { Description = "Print every layout, not only the top rows" };
        var onlyFeasible = new Option<bool>("--only-feasible") { Description = "Print only layouts that fit" };
        var top = new Option<string?>("--top") { Description = $"Number of rows to print (default {DefaultTop})" };
        var stats = new Option<bool>("--stats") { Description = "Print what the search did: layouts, feasible, wall time, layouts/s, bytes allocated" };
        var pareto = new Option<bool>("--pareto") { Description = "Print the Pareto front of throughput against memory per GPU" };
        var wideOption = new Option<bool>("--wide") { Description = "Print every column of the table, whatever the terminal's width (default: the columns that fit, 120 when unknown)" };
        var cores = new Option<string?>("--parallel") { Description = "Cores to evaluate on (default all); the order is the same on any number" };
        var command = new Command("plan", "Rank every layout of MODEL on CLUSTER and recommend one") { all, onlyFeasible, top, stats, pareto, cores, row, wideOption };
        model.AddTo(command);
        cluster.AddTo(command);
        training.AddTo(command);
        parallel.AddTo(command);
        format.AddTo(command);
        emit.AddTo(command);
        budget.AddTo(command);
        command.SetAction(pr => output.Guard(() =>
        {
            ExportFramework? framework = emit.Read(pr, format);
            Budget? tokens = budget.Read(pr);
            int? rowNumber = pr.GetValue(row) is string rowText ? Numbers.Positive("--row", rowText) : null;
            if (rowNumber is not null && framework is null)
            {
                throw new UsageException("--row chooses the layout --emit exports: give --emit too");
            }

            ModelPreset m = model.Read(pr);
            ClusterPreset c = cluster.Read(pr);
            TrainingSettings settings = training.Read(pr, m.Spec, c.Spec.Gpu);
            // --emit plans for its framework: the recommendation it exports is one that framework launches.
            settings = framework is ExportFramework emitted && settings.Framework is null ? settings with { Framework = emitted } : settings;
            var ctx = PlanningContext.Create(m, c, settings);
            SearchSpace space = parallel.Space(pr);
            LayoutOptions.CheckSchedules(space, settings.Framework);
            OutputFormat f = format.Read(pr);
            int rows = pr.GetValue(all) ? int.MaxValue : pr.GetValue(top) is string t ? Numbers.Positive("--top", t) : DefaultTop;
            int coreCount = pr.GetValue(cores) is string p ? Numbers.InRange("--parallel", p, 1, 1024) : Environment.ProcessorCount;
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            long start = Stopwatch.GetTimestamp();
            StrategyTable table = ctx.Plan(space, coreCount);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            if (table.Rows.Length == 0)
            {
                throw new UsageException("no layout matches these flags: " + (table.FirstExclusion.IsNone
                    ? "the pinned values exclude each other (DP, micro-batch, ZeRO or sequence parallelism)"
                    : LayoutText.Reason(table.FirstExclusion)));
            }

            if (framework is ExportFramework target)
            {
                return Emit(output, table, target, rowNumber);
            }

            var statistics = new SearchStatistics(table.LayoutCount, table.Evaluations, table.FeasibleCount, table.FirstExclusion);
            var extras = new PlanExtras(pr.GetValue(stats) ? statistics : null, pr.GetValue(pareto) ? table.ParetoFront() : null, coreCount, table.Candidates, seconds, allocated);
            PlanOutput.Render(output, table, f, rows, pr.GetValue(onlyFeasible), extras, tokens, pr.GetValue(wideOption));
            return table.FeasibleCount > 0 ? CliOutput.Success : CliOutput.NothingFits;
        }));
        return command;
    }

    // The recommendation, or row N of the table, in the framework's words; 1 when nothing fits and no row was named.
    private static int Emit(CliOutput output, StrategyTable table, ExportFramework framework, int? rowNumber)
    {
        StrategyResult chosen;
        if (rowNumber is int n)
        {
            if (n > table.Rows.Length)
            {
                throw new UsageException($"--row is {n} but the table has {table.Rows.Length} rows");
            }

            chosen = table.Rows[n - 1];
        }
        else if (!table.TryGetRecommended(out chosen))
        {
            output.Error.WriteLine("preset-planner: no layout fits, so there is none to emit; see the table without --emit, or name one with --row");
            return CliOutput.NothingFits;
        }

        EmitOption.Write(output.Out, output.Error, FrameworkExport.Write(framework, table.Context, chosen.Layout));
        return chosen.Fits ? CliOutput.Success : CliOutput.NothingFits;
    }
}
