namespace PresetPlanner.Cli.Validation;

/// <summary>Evaluates every published run and summarises the errors per source.</summary>
internal static class Validator
{
    public static List<ValidationRow> Evaluate(IEnumerable<PublishedRun> runs, EfficiencyModel? efficiency = null)
    {
        var rows = new List<ValidationRow>();
        foreach (PublishedRun run in runs.Where(r => r.Skip is null))
        {
            var ctx = efficiency is EfficiencyModel e
                ? new PlanningContext(run.Model, run.Cluster, run.Settings, e)
                : new PlanningContext(run.Model, run.Cluster, run.Settings);
            rows.Add(new ValidationRow(run, StrategyEvaluator.Evaluate(ctx, run.Layout)));
        }

        return rows;
    }

    public static List<PublishedRun> Load(string csvPath) =>
        CsvReader.Read(File.ReadAllText(csvPath)).Select(RunMapper.Map).ToList();

    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Median absolute relative error over all rows with a published throughput.</summary>
    public static double MedianError(IEnumerable<ValidationRow> rows) =>
        Median(rows.Where(r => r.Error is not null).Select(r => Math.Abs(r.Error!.Value)));

    /// <summary>Median absolute error per source.</summary>
    public static Dictionary<string, double> MedianErrorBySource(IEnumerable<ValidationRow> rows) => rows
        .Where(r => r.Error is not null)
        .GroupBy(r => r.Run.Source)
        .ToDictionary(g => g.Key, g => Median(g.Select(r => Math.Abs(r.Error!.Value))));

    /// <summary>The default CSV: docs/calibration/published-runs.csv above the working directory.</summary>
    public static string? FindDefaultCsv()
    {
        string? dir = Directory.GetCurrentDirectory();
        while (dir is not null)
        {
            string candidate = Path.Combine(dir, "docs", "calibration", "published-runs.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }

            dir = Path.GetDirectoryName(dir);
        }

        return null;
    }
}
