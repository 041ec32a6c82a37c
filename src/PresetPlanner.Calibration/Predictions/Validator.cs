using PresetPlanner.Calibration.Runs;
using PresetPlanner.Import.Files;
using PresetPlanner.Planning;
using PresetPlanner.Settings;
using PresetPlanner.Validation;

namespace PresetPlanner.Calibration.Predictions;

/// <summary>Evaluates every published run and summarises the errors per source.</summary>
public static class Validator
{
    /// <summary>Predicts every run that is not skipped, with the shipped efficiencies or <paramref name="efficiency"/>.</summary>
    public static List<ValidationRow> Evaluate(IEnumerable<PublishedRun> runs, EfficiencyModel? efficiency = null)
    {
        var rows = new List<ValidationRow>();
        foreach (PublishedRun run in runs.Where(r => r.Skip is null))
        {
            // Explicit efficiencies (a fit) still yield to what the run's GPU preset states, as a plan does.
            PlanningContext ctx = efficiency is EfficiencyModel e
                ? PlanningContext.Create(run.Model, run.Cluster, run.Settings, e.OverriddenBy(run.Cluster))
                : PlanningContext.Create(run.Model, run.Cluster, run.Settings);
            rows.Add(new ValidationRow(run, ctx.Evaluate(run.Layout)));
        }

        return rows;
    }

    /// <summary>The columns every published-runs CSV must have.</summary>
    public static readonly string[] RequiredColumns =
    [
        "case_id", "model", "layers", "hidden", "heads", "kv_heads", "ffn", "vocab", "experts", "gpu", "n_gpus", "gpus_per_node",
        "tp", "pp", "cp", "dp", "vp", "ep", "mbs", "gbs", "seq_len", "precision", "recompute", "sequence_parallel", "zero_stage",
        "tokens_per_s_per_gpu", "achieved_tflops_per_gpu", "measured_mem_gb",
    ];

    /// <summary>Reads and maps the runs of a CSV.</summary>
    /// <exception cref="CalibrationFileException">The file cannot be read, has no rows or lacks a required column.</exception>
    public static List<PublishedRun> Load(string csvPath)
    {
        string text;
        try
        {
            text = InputFile.ReadText(csvPath);
        }
        catch (InputFileException ex)
        {
            throw new CalibrationFileException(csvPath, ex.Problem);
        }

        return Load(csvPath, text, RecipeRows.Beside(csvPath));
    }

    /// <summary>The calibration set built into the tool (docs/calibration as of its build), for an installed tool without the repository.</summary>
    public static List<PublishedRun> LoadEmbedded() =>
        Load("(built-in calibration set)", Resource("published-runs.csv"), RecipeRows.Parse(Resource(RecipeRows.FileName)));

    private static string Resource(string name)
    {
        using Stream stream = typeof(Validator).Assembly.GetManifestResourceStream("calibration/" + name)
            ?? throw new InvalidOperationException("the tool was built without its calibration set: " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static List<PublishedRun> Load(string csvPath, string text, Dictionary<string, Dictionary<string, string>> recipes)
    {
        List<Dictionary<string, string>> rows = CsvReader.Read(text);
        if (rows.Count == 0)
        {
            throw new CalibrationFileException(csvPath, "no rows (a header line and at least one run are needed)");
        }

        string[] missing = RequiredColumns.Where(c => !rows[0].ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new CalibrationFileException(csvPath, "missing column(s) " + string.Join(", ", missing));
        }

        return rows.Select(row => RunMapper.Map(row, recipes)).Select(CheckInput).ToList();
    }

    // A row the core refuses (a garbage figure) is skipped with the core's reason rather than failing the whole report.
    private static PublishedRun CheckInput(PublishedRun run)
    {
        if (run.Skip is not null)
        {
            return run;
        }

        try
        {
            PlanningContext.Create(run.Model, run.Cluster, run.Settings);
            return run;
        }
        catch (PlanInputException ex)
        {
            return run with { Skip = "the row's figures are out of range: " + ex.Message };
        }
    }

    /// <summary>The median of <paramref name="values"/> (0 when there are none).</summary>
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
