using System.Globalization;
using System.Text;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Cli.Output;

/// <summary>RFC 4180 CSV of strategies: one row per layout, bytes and seconds unscaled.</summary>
internal static class Csv
{
    public static readonly string[] StrategyHeader =
    [
        "rank", "strategy", "tp", "pp", "dp", "cp", "ep", "etp", "vp", "schedule", "microBatchSize", "microBatches", "zeroStage", "recompute", "sequenceParallel",
        "fits", "tight", "headroomBytes", "memoryWeights", "memoryGradients", "memoryOptimizer", "memoryActivations", "memoryOther", "memoryTotal",
        "commTensorParallel", "commPipelineParallel", "commDataParallel", "commContextParallel", "commExpertParallel", "commExpertDataParallel", "commTotal", "commOnScaleOut",
        "bubbleFraction", "stepTimeSeconds", "tokensPerSecondPerGpu", "mfu", "infeasibleReason",
    ];

    /// <summary>The strategy header, with the time-to-train columns when there is a budget.</summary>
    public static string[] Header(Input.Budget? budget) =>
        budget is null ? StrategyHeader : [.. StrategyHeader, "trainingDays", "gpuHours", "energyMegawattHours", "cost", "goodput", "trainingDaysWithFailures"];

    /// <summary>A strategy row, with the time-to-train cells (and the run with failures, <paramref name="goodput"/>) when there is a budget.</summary>
    public static string[] Strategy(in StrategyResult r, int rank, Input.Budget? budget, double boardWatts, Goodput? goodput)
    {
        string[] cells = Strategy(r, rank);
        if (budget is not Input.Budget b)
        {
            return cells;
        }

        TimeToTrain t = TimeToTrain.Of(r, b.Tokens, boardWatts, b.Price);
        bool v = r.IsValid;
        bool run = v && goodput?.Fraction > 0;
        return [.. cells, R(t.Days, v), R(t.GpuHours, v), t.EnergyMegawattHours is double e ? R(e, v) : string.Empty, t.Cost is double c ? R(c, v) : string.Empty,
            R(goodput?.Fraction ?? 0, run), R(goodput?.DaysWithFailures(t) ?? 0, run)];
    }

    public static string[] Strategy(in StrategyResult r, int rank)
    {
        ParallelLayout l = r.Layout;
        bool v = r.IsValid;
        return
        [
            I(rank), LayoutText.Strategy(l), I(l.Tp), I(l.Pp), I(l.Dp), I(l.Cp), I(l.Ep), I(l.Etp), I(l.Vp), Spelling.Of(l.EffectiveSchedule), I(l.MicroBatch), I(r.MicroBatches), I(l.Zero),
            Spelling.Of(l.Recompute), l.SequenceParallel ? "true" : "false", r.Fits ? "true" : "false", r.Tight ? "true" : "false", D(r.HeadroomBytes, r.Fits),
            D(r.Memory.Weights, v), D(r.Memory.Gradients, v), D(r.Memory.Optimizer, v), D(r.Memory.Activations, v), D(r.Memory.Other, v), D(r.Memory.Total, v),
            D(r.Communication.TensorParallel, v), D(r.Communication.PipelineParallel, v), D(r.Communication.DataParallel, v),
            D(r.Communication.ContextParallel, v), D(r.Communication.ExpertParallel, v), D(r.Communication.ExpertDataParallel, v), D(r.Communication.Total, v), D(r.Communication.OnScaleOut, v),
            R(r.Bubble.Fraction, v), R(r.Time.StepSeconds, v), R(r.Time.TokensPerSecondPerGpu, v), R(r.Time.Mfu, v),
            r.Fits ? string.Empty : LayoutText.Reason(r),
        ];
    }

    public static string Format(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, header, rows);
        return writer.ToString();
    }

    /// <summary>Writes the header and the rows line by line (a table of any length holds one row at a time).</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        Line(sb, header);
        writer.Write(sb);
        foreach (string[] row in rows)
        {
            Line(sb.Clear(), row);
            writer.Write(sb);
        }
    }

    private static void Line(StringBuilder sb, IReadOnlyList<string> cells)
    {
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            string cell = cells[i];
            bool quote = cell.AsSpan().IndexOfAny(",\"\n") >= 0;
            sb.Append(quote ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
        }

        sb.Append('\n');
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value, bool valid) => valid ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture) : string.Empty;

    private static string R(double value, bool valid) => valid && double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
