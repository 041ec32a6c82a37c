using System.Globalization;
using PresetPlanner.Calibration.Predictions;
using PresetPlanner.Calibration.Runs;
using PresetPlanner.Settings;

namespace PresetPlanner.Calibration.Fitting;

/// <summary>
/// Fits the efficiencies and fixed costs on the published runs: coordinate descent over a grid of each parameter,
/// minimising the median absolute tokens/s error plus a quarter of the mean error capped at 50% (so that no family is
/// given up for the median), plus penalties for any source above 12%, for MoE rows above 10% and for a mean step-time
/// error on Korthikanti et al.'s Table 5 above 3% (the issue's targets, with a margin).
/// </summary>
public static class Fitter
{
    /// <summary>One fitted parameter: its name, how to read and set it, and the values tried.</summary>
    private sealed record Parameter(string Name, Func<EfficiencyModel, double> Get, Func<EfficiencyModel, double, EfficiencyModel> Set, double[] Grid);

    // The fitted parameters, each over its physical range (docs/model.md, "Parameters"): the shares of peak of the 8-bit
    // and 4-bit recipes' GEMMs, which no measurement in the shapes trained pins; the scale-out network's share; the
    // overlaps; the host terms; the dispatchers' shares of the link; and the memory-bound passes.
    // BF16 GEMMs, attention and NVLink collectives are measured per GPU generation (the GPU presets), not fitted.
    private static readonly Parameter[] s_parameters =
    [
        new("Fp8Matmul", e => e.Fp8Matmul, (e, v) => e with { Fp8Matmul = v }, Linear(0.40, 0.85, 0.01)),
        new("Fp4Matmul", e => e.Fp4Matmul, (e, v) => e with { Fp4Matmul = v }, Linear(0.30, 0.80, 0.01)),
        new("ScaleOut", e => e.ScaleOut, (e, v) => e with { ScaleOut = v }, Linear(0.50, 0.95, 0.025)),
        new("DataParallelOverlap", e => e.DataParallelOverlap, (e, v) => e with { DataParallelOverlap = v }, Linear(0, 1, 0.05)),
        new("CommunicationOverlap", e => e.CommunicationOverlap, (e, v) => e with { CommunicationOverlap = v }, Linear(0, 1, 0.05)),
        new("LayerHostSeconds", e => e.LayerHostSeconds, (e, v) => e with { LayerHostSeconds = v }, [0, .. Geometric(20e-6, 1e-3, 1.25)]),
        new("MoeLayerHostSeconds", e => e.MoeLayerHostSeconds, (e, v) => e with { MoeLayerHostSeconds = v }, [0, .. Geometric(20e-6, 2e-3, 1.25)]),
        new("PartialGraphHostShare", e => e.PartialGraphHostShare, (e, v) => e with { PartialGraphHostShare = v }, Linear(0, 1, 0.05)),
        new("AllToAll", e => e.AllToAll, (e, v) => e with { AllToAll = v }, Linear(0.10, 0.90, 0.025)),
        new("FusedDispatch", e => e.FusedDispatch, (e, v) => e with { FusedDispatch = v }, Linear(0.10, 0.95, 0.025)),
        new("ExpertScaleOut", e => e.ExpertScaleOut, (e, v) => e with { ExpertScaleOut = v }, Linear(0.05, 1.0, 0.025)),
        new("DispatchHalfWidth", e => e.DispatchHalfWidth, (e, v) => e with { DispatchHalfWidth = v }, [0, .. Geometric(64, 16384, 1.25)]),
        new("ElementwisePasses", e => e.ElementwisePasses, (e, v) => e with { ElementwisePasses = v }, Linear(2, 8, 0.25)),
    ];

    // The board-power ratio that bounds a GPU's tensor clock ratio over the part whose kernel figures it states: under a
    // power cap, throughput at equal energy per operation grows at most as the power budget does (GB300 1.4 kW over
    // GB200's 1.2 kW; B300 1.1 kW over B200's 1.0 kW: verda.com, "GB300 NVL72 architecture", per-GPU table).
    private static readonly Dictionary<string, double> s_clockBound = new(StringComparer.Ordinal)
    {
        ["gb300"] = 1400.0 / 1200,
        ["b300"] = 1100.0 / 1000,
    };

    /// <summary>The parameters that ended a fit on an end of their range (the fit would have gone further: the physics misses something there).</summary>
    public static IEnumerable<string> AtRangeEdge(FittedModel fitted) => s_parameters
        .Where(p => p.Get(fitted.Efficiency) is double v && (v <= p.Grid[0] || v >= p.Grid[^1]) && !(p.Grid[0] == 0 && v == 0))
        .Select(p => $"{p.Name} {p.Get(fitted.Efficiency).ToString("G4", CultureInfo.InvariantCulture)} (range {p.Grid[0].ToString("G4", CultureInfo.InvariantCulture)}-{p.Grid[^1].ToString("G4", CultureInfo.InvariantCulture)})")
        .Concat(fitted.GpuClock.Where(g => ClockGrid(g.Key) is { Length: > 1 } grid && (g.Value <= grid[0] || g.Value >= grid[^1]))
            .Select(g => $"{g.Key} tensorClockRatio {g.Value.ToString("G4", CultureInfo.InvariantCulture)} (range 1-{ClockGrid(g.Key)[^1].ToString("G4", CultureInfo.InvariantCulture)})"));

    // The clock ratios tried for a GPU: 1 to its board-power bound in steps of 0.01; only 1 for a GPU without a bound.
    private static double[] ClockGrid(string gpu) => s_clockBound.TryGetValue(gpu, out double bound)
        ? [.. Enumerable.Range(0, (int)Math.Floor(((bound - 1) * 100) + 1e-9) + 1).Select(i => 1 + (i / 100.0))]
        : [1];

    /// <summary>
    /// The best fitted parameters from <see cref="EfficiencyModel.Default"/>'s starting point, in <paramref name="rounds"/>
    /// sweeps over every parameter; the GPU presets' measured kernel figures are kept as stated, the clock ratios of the GPUs
    /// that state one are fitted within their board-power bounds.
    /// </summary>
    public static FittedModel Fit(List<PublishedRun> runs, int rounds = 3)
    {
        FittedModel best = FittedModel.Shipped(runs);
        double bestScore = Score(runs, best);
        for (int round = 0; round < rounds; round++)
        {
            foreach (Parameter p in s_parameters)
            {
                foreach (double v in p.Grid)
                {
                    Consider(best with { Efficiency = p.Set(best.Efficiency, v) });
                }
            }

            foreach (string gpu in best.GpuClock.Keys.Order(StringComparer.Ordinal).ToList())
            {
                foreach (double v in ClockGrid(gpu))
                {
                    Consider(best with { GpuClock = new Dictionary<string, double>(best.GpuClock, StringComparer.Ordinal) { [gpu] = v } });
                }
            }
        }

        return best;

        void Consider(FittedModel candidate)
        {
            double score = Score(runs, candidate);
            if (score < bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }
    }

    /// <summary>
    /// The allocator's fragmentation (a fraction of the allocated memory) that minimises the median error against the
    /// measured memory of the runs that publish it, and the memory uncertainty: the 90th percentile of the absolute
    /// errors with it.
    /// </summary>
    public static (double Fragmentation, double Uncertainty) FitFragmentation(List<PublishedRun> runs)
    {
        List<PublishedRun> measured = [.. runs.Where(r => r.Skip is null && r.MeasuredMemoryGiB is not null)];
        (double best, double bestError) = (TrainingSettings.DefaultFragmentation, double.MaxValue);
        foreach (double f in Linear(0, 0.8, 0.01))
        {
            double error = Validator.Median(MemoryErrors(measured, f));
            if (error < bestError)
            {
                (best, bestError) = (f, error);
            }
        }

        double[] errors = [.. MemoryErrors(measured, best).Order()];
        return (best, errors.Length == 0 ? 0 : errors[(int)Math.Ceiling(0.9 * errors.Length) - 1]);
    }

    private static IEnumerable<double> MemoryErrors(List<PublishedRun> measured, double fragmentation) =>
        Validator.Evaluate(measured.Select(r => r with { Settings = r.Settings with { Fragmentation = fragmentation } }))
            .Select(r => Math.Abs(r.PredictedMemoryGiB - r.Run.MeasuredMemoryGiB!.Value) / r.Run.MeasuredMemoryGiB.Value);

    /// <summary>Every fitted parameter as "Name value", comma-separated, in C# literal form, then each GPU's matmul efficiency.</summary>
    public static string Describe(FittedModel fitted)
    {
        EfficiencyModel model = fitted.Efficiency;
        return string.Join(", ", s_parameters.Select(p => p.Name + " " + p.Get(model).ToString("G4", CultureInfo.InvariantCulture))
            .Concat(fitted.GpuMatmul.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} matmulEfficiency {g.Value.ToString("G4", CultureInfo.InvariantCulture)}"))
            .Concat(fitted.GpuScaleUp.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} scaleUpEfficiency {g.Value.ToString("G4", CultureInfo.InvariantCulture)}"))
            .Concat(fitted.GpuClock.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} tensorClockRatio {g.Value.ToString("G4", CultureInfo.InvariantCulture)}")));
    }

    /// <summary>The objective: median absolute error, a quarter of the capped mean, and the per-source and MoE penalties.</summary>
    public static double Score(List<PublishedRun> runs, FittedModel fitted)
    {
        List<ValidationRow> rows = Validator.Evaluate(fitted.Apply(runs), fitted.Efficiency);
        double[] errors = [.. rows.Where(r => r.Error is not null).Select(r => Math.Abs(r.Error!.Value))];
        if (errors.Length == 0)
        {
            return double.MaxValue;
        }

        double median = Validator.Median(errors);
        double mean = errors.Average(x => Math.Min(x, 0.5));
        double sources = Validator.MedianErrorBySource(rows).Values.Sum(m => Math.Max(0, m - 0.12));
        double moe = Validator.Median(rows.Where(r => r.Error is not null && r.Run.IsMoe).Select(r => Math.Abs(r.Error!.Value)));
        return median + (0.25 * mean) + sources + (double.IsNaN(moe) ? 0 : Math.Max(0, moe - 0.10)) + Math.Max(0, KorthikantiStepError(rows) - 0.03);
    }

    /// <summary>
    /// The mean absolute step-time error on Korthikanti et al. 2022 Table 5 (source KOR22), the benchmark Calculon reports
    /// 3.65% on (Isaev et al. SC'23, Table 3); 0 when the set has none of its rows.
    /// </summary>
    public static double KorthikantiStepError(IEnumerable<ValidationRow> rows)
    {
        double[] errors = [.. rows.Where(r => r.Run.Source == "KOR22" && r.Error is not null).Select(r => Math.Abs((1 / (1 + r.Error!.Value)) - 1))];
        return errors.Length == 0 ? 0 : errors.Average();
    }

    private static double[] Linear(double from, double to, double step) =>
        [.. Enumerable.Range(0, (int)Math.Round((to - from) / step) + 1).Select(i => Math.Round(from + (i * step), 6))];

    private static double[] Geometric(double from, double to, double factor)
    {
        var values = new List<double>();
        for (double v = from; v <= to * 1.0001; v *= factor)
        {
            values.Add(v);
        }

        return [.. values];
    }
}
