using System.Globalization;
using System.Text;
using PresetPlanner.Calibration.Predictions;
using PresetPlanner.Results;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Calibration.Fitting;

/// <summary>
/// The prediction bands the planner ships (<see cref="PredictionBand"/>), from the held-out predictions of every split of
/// the out-of-sample protocol: per kind (GPU generation, dense or MoE, precision width) with at least
/// <see cref="PredictionBand.MinRuns"/> distinct runs, per generation and model kind, per model kind, and over all.
/// </summary>
public static class PredictionBands
{
    /// <summary>The bands of <paramref name="splits"/>' held-out rows, narrowest scope first.</summary>
    public static List<PredictionBand> Compute(IReadOnlyList<OutOfSample.Split> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        List<ValidationRow> held = [.. splits.SelectMany(s => s.Rows).Where(r => r.Error is not null)];
        if (held.Count == 0)
        {
            throw new ArgumentException("no held-out prediction has a published throughput to compare with", nameof(splits));
        }

        var bands = new List<PredictionBand>();
        foreach (IGrouping<(GpuGeneration, bool, PrecisionWidth), ValidationRow> g in held
            .GroupBy(r => (PredictionBand.GenerationOf(r.Run.Cluster.Gpu), r.Run.IsMoe, PredictionBand.WidthOf(r.Run.Settings.Precision)))
            .OrderBy(g => g.Key))
        {
            Add(bands, g.ToList(), g.Key.Item1, g.Key.Item2, g.Key.Item3, BandScope.Kind);
        }

        foreach (IGrouping<(GpuGeneration, bool), ValidationRow> g in held.GroupBy(r => (PredictionBand.GenerationOf(r.Run.Cluster.Gpu), r.Run.IsMoe)).OrderBy(g => g.Key))
        {
            Add(bands, g.ToList(), g.Key.Item1, g.Key.Item2, default, BandScope.Generation);
        }

        foreach (IGrouping<bool, ValidationRow> g in held.GroupBy(r => r.Run.IsMoe).OrderBy(g => g.Key))
        {
            Add(bands, g.ToList(), default, g.Key, default, BandScope.ModelKind);
        }

        bands.Add(Band(held, default, false, default, BandScope.All));
        return bands;
    }

    /// <summary>The C# of src/PresetPlanner.Core/Results/PredictionBandTable.cs holding <paramref name="bands"/>.</summary>
    public static string CSharp(IReadOnlyList<PredictionBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var sb = new StringBuilder();
        sb.Append("using PresetPlanner.Vocabulary;\n\nnamespace PresetPlanner.Results;\n\n")
            .Append("/// <summary>\n")
            .Append("/// The shipped prediction bands, written by <c>preset-planner validate --bands</c> from the out-of-sample protocol's\n")
            .Append("/// held-out predictions (docs/validation.md, \"Prediction bands\"); <c>ValidationTests</c> fails when they are stale.\n")
            .Append("/// </summary>\n")
            .Append("internal static class PredictionBandTable\n{\n")
            .Append("    /// <summary>Narrowest scope first; the last covers every run.</summary>\n")
            .Append("    internal static readonly PredictionBand[] Entries =\n    [\n");
        foreach (PredictionBand b in bands)
        {
            sb.Append(CultureInfo.InvariantCulture, $"        new(GpuGeneration.{b.Generation}, {(b.Moe ? "true" : "false")}, PrecisionWidth.{b.Precision}, BandScope.{b.Scope}, {b.Runs}, {b.Predictions}, {b.Low.ToString("0.000", CultureInfo.InvariantCulture)}, {b.High.ToString("0.000", CultureInfo.InvariantCulture)}),\n");
        }

        return sb.Append("    ];\n}\n").ToString();
    }

    private static void Add(List<PredictionBand> bands, List<ValidationRow> rows, GpuGeneration generation, bool moe, PrecisionWidth width, BandScope scope)
    {
        if (rows.Select(r => r.Run.Case).Distinct(StringComparer.Ordinal).Count() >= PredictionBand.MinRuns)
        {
            bands.Add(Band(rows, generation, moe, width, scope));
        }
    }

    private static PredictionBand Band(List<ValidationRow> rows, GpuGeneration generation, bool moe, PrecisionWidth width, BandScope scope)
    {
        double[] errors = [.. rows.Select(r => r.Error!.Value).Order()];
        int runs = rows.Select(r => r.Run.Case).Distinct(StringComparer.Ordinal).Count();
        return new PredictionBand(generation, moe, width, scope, runs, errors.Length, Round(Quantile(errors, PredictionBand.LowQuantile)), Round(Quantile(errors, PredictionBand.HighQuantile)));
    }

    // Linear interpolation between the order statistics (the default of numpy and R's type 7).
    private static double Quantile(double[] sorted, double q)
    {
        double i = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(i);
        int hi = (int)Math.Ceiling(i);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (i - lo));
    }

    private static double Round(double x) => Math.Round(x, 3, MidpointRounding.AwayFromZero);
}
