using System.Globalization;
using PresetPlanner.Cli.Input;
using PresetPlanner.Presentation.Tables;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;
using PresetPlanner.Search;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;
using Spectre.Console;

namespace PresetPlanner.Cli.Output;

/// <summary>
/// The sweep's table, JSON, CSV (raw numbers) or markdown; with a budget, days, GPU-hours, cost, the time/cost front, and
/// the run with failures: goodput, days with failures, and the size past which more GPUs stop shortening it.
/// </summary>
internal static class SweepOutput
{
    public static void Render(CliOutput output, SweepPoint[] points, OutputFormat format, TrainingSettings settings, PredictionBand band, Budget? budget, double boardWatts, in ModelSpec model, in GpuPreset gpu, int gpusPerNode)
    {
        bool[] front = ParetoFront.OfSweep(points);
        bool[] timeCost = ParetoFront.OfTimeAndCost(points);
        var goodputs = new Goodput?[points.Length];
        for (int i = 0; i < points.Length && budget is Budget forGoodput; i++)
        {
            goodputs[i] = points[i].Found ? forGoodput.GoodputOf(points[i].Best, model, settings, ClusterPreset.Of(gpu, points[i].Gpus, gpusPerNode).Spec) : null;
        }

        switch (format)
        {
            case OutputFormat.Json:
                output.Out.WriteLine(JsonOutput.Write(w => Json(w, points, front, timeCost, settings, band, budget, boardWatts, goodputs)));
                break;
            case OutputFormat.Csv:
                output.Out.Write(Csv.Format(CsvHeader(budget), points.Select((p, i) => CsvRow(p, front[i], timeCost[i], budget, boardWatts, goodputs[i]))));
                break;
            case OutputFormat.Markdown:
                var sb = new System.Text.StringBuilder();
                PlanText.AppendMarkdown(sb, Header(budget), points.Select((p, i) => Row(p, front[i], timeCost[i], budget, boardWatts, goodputs[i])).ToList());
                output.Out.Write(sb.ToString());
                break;
            default:
                var table = new Table().Border(TableBorder.Rounded).AddColumns(Header(budget).Select(Markup.Escape).ToArray());
                for (int i = 0; i < points.Length; i++)
                {
                    table.AddRow(Row(points[i], front[i], timeCost[i], budget, boardWatts, goodputs[i]).Select(Markup.Escape).ToArray());
                }

                output.Console().Write(table);
                if (budget is Budget b)
                {
                    output.Console().WriteLine($"Days, GPU-hours and cost to train {BudgetText.Tokens(b.Tokens)} tokens at each size's recommended layout; 'Time/cost' marks the sizes no other size beats on both; goodput and days with failures at {b.Reliability.FailuresPerGpuHour:0.##e0} interruptions per GPU-hour (docs/model.md, \"Goodput\").");
                    output.Console().WriteLine(BudgetText.ScaleLimit(points, goodputs, b.Tokens, boardWatts));
                }

                break;
        }
    }

    // The sweep's JSON document: each size's recommendation and, with a budget, the size with the fewest days with failures.
    private static void Json(System.Text.Json.Utf8JsonWriter w, SweepPoint[] points, bool[] front, bool[] timeCost, TrainingSettings settings, PredictionBand band, Budget? budget, double boardWatts, Goodput?[] goodputs)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", JsonOutput.SchemaVersion);
        w.WriteString("command", "sweep");
        w.WriteStartArray("points");
        for (int i = 0; i < points.Length; i++)
        {
            SweepPoint p = points[i];
            w.WriteStartObject();
            w.WriteNumber("gpus", p.Gpus);
            w.WriteBoolean("found", p.Found);
            w.WriteBoolean("paretoFront", front[i]);
            w.WriteBoolean("timeCostFront", timeCost[i]);
            w.WritePropertyName("best");
            if (p.Found)
            {
                JsonOutput.Strategy(w, p.Best, settings, band, budget, boardWatts, goodputs[i]);
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (budget is Budget withBudget)
        {
            // The size with the fewest days with failures: past it more GPUs stop shortening the run.
            int fastest = BudgetText.FastestWithFailures(points, goodputs, withBudget.Tokens).Fastest;
            w.WritePropertyName("fastestWithFailuresGpus");
            if (fastest >= 0)
            {
                w.WriteNumberValue(points[fastest].Gpus);
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndObject();
    }

    private static string[] Header(Budget? budget)
    {
        string[] header = ["GPUs", "Strategy", "MBS", "ZeRO", "Recompute", "Memory/GPU (GB)", "Tokens/s/GPU", "Tokens/s (cluster)", "MFU", "Step (s)", "Pareto", "Evaluated/enumerated"];
        return budget switch
        {
            null => header,
            { Price: null } => [.. header, "Days", "GPU-hours", "Time/cost", "Goodput", "Days with failures"],
            _ => [.. header, "Days", "GPU-hours", "Cost", "Time/cost", "Goodput", "Days with failures"],
        };
    }

    private static string[] Row(in SweepPoint p, bool onFront, bool onTimeCost, Budget? budget, double watts, Goodput? goodput)
    {
        SearchStatistics s = p.Result.Statistics;
        string counts = $"{s.Evaluated.ToString(CultureInfo.InvariantCulture)}/{s.Enumerated.ToString(CultureInfo.InvariantCulture)}";
        string[] cells;
        if (!p.Found)
        {
            cells = [I(p.Gpus), "nothing fits", "-", "-", "-", "-", "-", "-", "-", "-", "no", counts];
            return budget switch
            {
                null => cells,
                { Price: null } => [.. cells, "-", "-", "no", "-", "-"],
                _ => [.. cells, "-", "-", "-", "no", "-", "-"],
            };
        }

        StrategyResult b = p.Best;
        cells =
        [
            I(p.Gpus), LayoutText.Strategy(b.Layout), I(b.Layout.MicroBatch), I(b.Layout.Zero), Spelling.Of(b.Layout.Recompute), Units.GigabytesNumber(b.Memory.Total),
            Units.Count(b.Time.TokensPerSecondPerGpu), Units.Count(b.Time.TokensPerSecondPerGpu * p.Gpus), Units.Percent(b.Time.Mfu), Units.Number(b.Time.StepSeconds, 3),
            onFront ? "yes" : "no", counts,
        ];
        if (budget is not Budget budgetValue)
        {
            return cells;
        }

        TimeToTrain t = TimeToTrain.Of(b, budgetValue.Tokens, watts, budgetValue.Price);
        string mark = onTimeCost ? "yes" : "no";
        string[] failures = goodput is Goodput g && g.Fraction > 0 ? [Units.Percent(g.Fraction), BudgetText.Figure(g.DaysWithFailures(t))] : ["-", "-"];
        return t.Cost is double cost
            ? [.. cells, BudgetText.Figure(t.Days), Units.Count(t.GpuHours), BudgetText.Money(cost), mark, .. failures]
            : [.. cells, BudgetText.Figure(t.Days), Units.Count(t.GpuHours), mark, .. failures];
    }

    private static string[] CsvHeader(Budget? budget)
    {
        string[] header = ["gpus", "found", "strategy", "tp", "pp", "dp", "cp", "ep", "vp", "schedule", "microBatchSize", "zeroStage", "recompute", "memoryTotal", "tokensPerSecondPerGpu", "tokensPerSecond", "mfu", "stepTimeSeconds", "paretoFront", "timeCostFront", "evaluated", "enumerated"];
        return budget is null ? header : [.. header, "trainingDays", "gpuHours", "energyMegawattHours", "cost", "goodput", "trainingDaysWithFailures"];
    }

    private static string[] CsvRow(in SweepPoint p, bool onFront, bool onTimeCost, Budget? budget, double watts, Goodput? goodput)
    {
        SearchStatistics s = p.Result.Statistics;
        StrategyResult b = p.Best;
        ParallelLayout l = b.Layout;
        bool f = p.Found;
        string[] cells =
        [
            I(p.Gpus), f ? "true" : "false", f ? LayoutText.Strategy(l) : string.Empty, F(l.Tp, f), F(l.Pp, f), F(l.Dp, f), F(l.Cp, f), F(l.Ep, f), F(l.Vp, f), f ? Spelling.Of(l.EffectiveSchedule) : string.Empty, F(l.MicroBatch, f), F(l.Zero, f),
            f ? Spelling.Of(l.Recompute) : string.Empty, F(Math.Round(b.Memory.Total), f), F(b.Time.TokensPerSecondPerGpu, f), F(b.Time.TokensPerSecondPerGpu * p.Gpus, f), F(b.Time.Mfu, f), F(b.Time.StepSeconds, f),
            onFront ? "true" : "false", onTimeCost ? "true" : "false", I(s.Evaluated), I(s.Enumerated),
        ];
        if (budget is not Budget budgetValue)
        {
            return cells;
        }

        TimeToTrain t = TimeToTrain.Of(b, budgetValue.Tokens, watts, budgetValue.Price);
        bool run = f && goodput?.Fraction > 0;
        return [.. cells, F(t.Days, f), F(t.GpuHours, f), t.EnergyMegawattHours is double e ? F(e, f) : string.Empty, t.Cost is double c ? F(c, f) : string.Empty,
            F(goodput?.Fraction ?? 0, run), F(goodput?.DaysWithFailures(t) ?? 0, run)];
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value, bool found) => found && double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
