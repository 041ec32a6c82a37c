using System.Globalization;

namespace PresetPlanner.Cli.Validation;

/// <summary>
/// Fits the efficiencies on the published runs: coordinate descent over a grid of each parameter, minimising the
/// median absolute error plus a penalty for any source whose median exceeds 20%.
/// </summary>
internal static class Fitter
{
    public static EfficiencyModel Fit(List<PublishedRun> runs)
    {
        EfficiencyModel best = EfficiencyModel.Default;
        double bestScore = Score(runs, best);
        for (int round = 0; round < 3; round++)
        {
            foreach (Func<EfficiencyModel, double, EfficiencyModel> set in Setters)
            {
                for (double v = 0.3; v <= 0.95001; v += 0.025)
                {
                    EfficiencyModel candidate = set(best, v);
                    double score = Score(runs, candidate);
                    if (score < bestScore)
                    {
                        (best, bestScore) = (candidate, score);
                    }
                }
            }
        }

        return best;
    }

    public static string Describe(in EfficiencyModel e) => string.Create(
        CultureInfo.InvariantCulture,
        $"Matmul {e.Matmul:0.000}, Fp8Matmul {e.Fp8Matmul:0.000}, CommunicationOverlap {e.CommunicationOverlap:0.000}, Attention {e.Attention:0.000}, ScaleUp {e.ScaleUp:0.000}, ScaleOut {e.ScaleOut:0.000}, DataParallelOverlap {e.DataParallelOverlap:0.000}");

    private static readonly Func<EfficiencyModel, double, EfficiencyModel>[] Setters =
    [
        (e, v) => e with { Matmul = v },
        (e, v) => e with { Fp8Matmul = v },
        (e, v) => e with { CommunicationOverlap = v },
        (e, v) => e with { Attention = v },
        (e, v) => e with { ScaleUp = v },
        (e, v) => e with { ScaleOut = v },
        (e, v) => e with { DataParallelOverlap = v },
    ];

    private static double Score(List<PublishedRun> runs, in EfficiencyModel e)
    {
        List<ValidationRow> rows = Validator.Evaluate(runs, e);
        double median = Validator.MedianError(rows);
        double penalty = Validator.MedianErrorBySource(rows).Values.Sum(m => Math.Max(0, m - 0.2));
        return median + penalty;
    }
}
