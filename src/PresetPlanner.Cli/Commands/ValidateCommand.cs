using System.CommandLine;
using System.Globalization;
using PresetPlanner.Calibration.Fitting;
using PresetPlanner.Calibration.Predictions;
using PresetPlanner.Calibration.Reports;
using PresetPlanner.Calibration.Runs;
using PresetPlanner.Cli.Input;
using PresetPlanner.Cli.Output;

namespace PresetPlanner.Cli.Commands;

/// <summary><c>validate [--csv PATH] [--out PATH] [--fit | --bands]</c>: compares the model with the published runs (docs/validation.md).</summary>
internal static class ValidateCommand
{
    public static Command Create(CliOutput output)
    {
        var csv = new Option<string?>("--csv") { Description = "Published runs (default docs/calibration/published-runs.csv above the working directory, else the set built into the tool)" };
        var outPath = new Option<string?>("--out") { Description = "Write the markdown report to this file instead of stdout" };
        var fit = new Option<bool>("--fit") { Description = "Search the efficiencies that minimise the median error and print them" };
        var bands = new Option<bool>("--bands") { Description = "Write the prediction bands' table (src/PresetPlanner.Core/Results/PredictionBandTable.cs) from the out-of-sample errors instead of the report" };
        var command = new Command("validate", "Predict every published run of the calibration set and report the errors") { csv, outPath, fit, bands };
        command.SetAction(pr => output.Guard(() =>
        {
            string? path = pr.GetValue(csv) ?? Validator.FindDefaultCsv();
            List<PublishedRun> runs = path is null ? Validator.LoadEmbedded() : LoadCsv(path);
            path ??= "(built-in calibration set)";
            if (pr.GetValue(fit))
            {
                (double fragmentation, double uncertainty) = Fitter.FitFragmentation(runs);
                output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fragmentation {fragmentation:0.00} of the allocated memory, memory uncertainty (90th percentile) {uncertainty:P1}"));
                FittedModel fitted = Fitter.Fit(runs);
                output.Out.WriteLine(Fitter.Describe(fitted) + string.Create(CultureInfo.InvariantCulture, $" (score {Fitter.Score(runs, fitted):0.0000}, default {Fitter.Score(runs, FittedModel.Shipped(runs)):0.0000})"));
                foreach (string edge in Fitter.AtRangeEdge(fitted))
                {
                    output.Out.WriteLine("at the edge of its range: " + edge);
                }
                return CliOutput.Success;
            }

            List<ValidationRow> rows = Validator.Evaluate(runs);
            if (!rows.Any(r => r.Error is not null))
            {
                throw new UsageException($"--csv '{path}': no row has a layout and a published throughput to compare with");
            }

            List<OutOfSample.Split> splits = OutOfSample.Protocol(runs);
            string report = pr.GetValue(bands) ? PredictionBands.CSharp(PredictionBands.Compute(splits)) : ValidationReport.Markdown(runs, rows, FittedModel.Shipped(runs), splits);
            if (pr.GetValue(outPath) is string target)
            {
                CliOutput.WriteFile("--out", target, report);
                output.Out.WriteLine(pr.GetValue(bands)
                    ? $"wrote {target}: the prediction bands of {splits.Sum(x => x.Rows.Count(r => r.Error is not null)).ToString("N0", CultureInfo.InvariantCulture)} held-out predictions"
                    : $"wrote {target}: median error {(Validator.MedianError(rows) * 100).ToString("0.0", CultureInfo.InvariantCulture)}%");
            }
            else
            {
                output.Out.Write(report);
            }

            return CliOutput.Success;
        }));
        return command;
    }

    // A file the lab cannot use is a usage error naming the flag.
    private static List<PublishedRun> LoadCsv(string path)
    {
        try
        {
            return Validator.Load(path);
        }
        catch (CalibrationFileException ex)
        {
            throw new UsageException("--csv " + ex.Message);
        }
    }
}
