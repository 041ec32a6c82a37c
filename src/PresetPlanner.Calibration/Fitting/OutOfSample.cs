using PresetPlanner.Calibration.Predictions;
using PresetPlanner.Calibration.Runs;

namespace PresetPlanner.Calibration.Fitting;

/// <summary>
/// The out-of-sample protocol (../shared/MODELING.md section 8): the parameters are refitted without a group of runs and
/// the group is predicted with them, so its errors are what a user should expect where nothing was calibrated. Five
/// splits: leave one model family out, leave one source out, leave one GPU generation out, leave one model out (models
/// with fewer than <see cref="MinModelRows"/> runs are left out together with the others of their family) and a time
/// split (fit on releases up to 2025, predict 2026).
/// </summary>
public static class OutOfSample
{
    /// <summary>Models with fewer published runs than this are left out together with the other small ones of their family.</summary>
    public const int MinModelRows = 5;

    /// <summary>One held-out group's rows, predicted with parameters fitted without them.</summary>
    /// <param name="Name">The group left out.</param>
    /// <param name="Rows">Its rows, predicted by the refitted model.</param>
    /// <param name="Fitted">The parameters fitted on the other groups.</param>
    public sealed record Family(string Name, List<ValidationRow> Rows, FittedModel Fitted);

    /// <summary>One split of the protocol: how the groups are formed, and every group held out in turn.</summary>
    /// <param name="Name">"leave one family out", "leave one source out", ...</param>
    /// <param name="Groups">Each group, predicted by a fit without it.</param>
    public sealed record Split(string Name, List<Family> Groups)
    {
        /// <summary>Every held-out row of every group (each predicted when its own group was left out).</summary>
        public IEnumerable<ValidationRow> Rows => Groups.SelectMany(g => g.Rows);
    }

    /// <summary>Leave-one-family-out (GPT, BLOOM, Llama, Nemotron, DeepSeek, Qwen, gpt-oss).</summary>
    public static List<Family> LeaveOneFamilyOut(List<PublishedRun> runs, int rounds = 2) => LeaveOut(runs, r => r.Family, rounds);

    /// <summary>Every split of the protocol, in the order docs/validation.md prints them.</summary>
    public static List<Split> Protocol(List<PublishedRun> runs, int rounds = 1)
    {
        Dictionary<string, int> modelRows = runs.Where(Scored).GroupBy(r => r.ModelName).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        string Model(PublishedRun r) => modelRows.GetValueOrDefault(r.ModelName) >= MinModelRows ? r.ModelName : "other " + r.Family + " models";
        return
        [
            new Split("leave one family out", LeaveOut(runs, r => r.Family, rounds)),
            new Split("leave one source out", LeaveOut(runs, r => r.Source, rounds)),
            new Split("leave one GPU generation out", LeaveOut(runs, r => r.Generation, rounds)),
            new Split("leave one model out", LeaveOut(runs, Model, rounds)),
            new Split("time split: fit up to 2025, predict 2026", LeaveOut(runs, r => r.Year >= 2026 ? "2026" : string.Empty, rounds, only: "2026")),
        ];
    }

    /// <summary>
    /// Each group of <paramref name="runs"/> by <paramref name="group"/> (or only the group <paramref name="only"/>),
    /// predicted by a fit of <paramref name="rounds"/> sweeps on the others; groups are refitted in parallel.
    /// </summary>
    public static List<Family> LeaveOut(List<PublishedRun> runs, Func<PublishedRun, string> group, int rounds, string? only = null)
    {
        string[] names = [.. runs.Where(Scored).Select(group).Distinct().Where(n => only is null || n == only).Order(StringComparer.Ordinal)];
        var families = new Family[names.Length];
        Parallel.For(0, names.Length, i =>
        {
            string name = names[i];
            List<PublishedRun> others = [.. runs.Where(r => group(r) != name)];
            FittedModel fitted = Fitter.Fit(others, rounds);
            List<ValidationRow> held = Validator.Evaluate(fitted.Apply(runs.Where(r => group(r) == name)), fitted.Efficiency);
            families[i] = new Family(name, held, fitted);
        });
        return [.. families];
    }

    /// <summary>The median absolute error over every held-out row of every family.</summary>
    public static double MedianError(IEnumerable<Family> families) => Validator.MedianError(families.SelectMany(f => f.Rows));

    private static bool Scored(PublishedRun r) => r.Skip is null && r.TokensPerSecondPerGpu is not null;
}
