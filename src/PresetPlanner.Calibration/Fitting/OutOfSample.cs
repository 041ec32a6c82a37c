using PresetPlanner.Calibration.Predictions;
using PresetPlanner.Calibration.Runs;

namespace PresetPlanner.Calibration.Fitting;

/// <summary>
/// Leave-one-family-out: for each model family, the efficiencies are refitted on every other family's runs and the
/// family is predicted with them, so the errors are what a user should expect on a model nobody calibrated.
/// </summary>
public static class OutOfSample
{
    /// <summary>One family's held-out rows, predicted with efficiencies fitted without them.</summary>
    /// <param name="Name">The family left out.</param>
    /// <param name="Rows">Its rows, predicted by the refitted model.</param>
    /// <param name="Fitted">The efficiencies (and GPU matmul efficiencies) fitted on the other families.</param>
    public sealed record Family(string Name, List<ValidationRow> Rows, FittedModel Fitted);

    /// <summary>Every family with at least one row that has a published throughput, in name order.</summary>
    public static List<Family> LeaveOneFamilyOut(List<PublishedRun> runs, int rounds = 2)
    {
        var families = new List<Family>();
        foreach (string name in runs.Where(r => r.Skip is null && r.TokensPerSecondPerGpu is not null).Select(r => r.Family).Distinct().Order(StringComparer.Ordinal))
        {
            List<PublishedRun> others = [.. runs.Where(r => r.Family != name)];
            FittedModel fitted = Fitter.Fit(others, rounds);
            List<ValidationRow> held = Validator.Evaluate(fitted.Apply(runs.Where(r => r.Family == name)), fitted.Efficiency);
            families.Add(new Family(name, held, fitted));
        }

        return families;
    }

    /// <summary>The median absolute error over every held-out row of every family.</summary>
    public static double MedianError(IEnumerable<Family> families) => Validator.MedianError(families.SelectMany(f => f.Rows));
}
