using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Calibration.Runs;

/// <summary>
/// The recipe settings of the Megatron-Bridge rows (docs/calibration/megatron-bridge-recipes.csv, one row per case,
/// each read from the recipe of its release; docs/calibration/megatron-bridge-recipes.md says where), applied on top
/// of what the published table gives.
/// </summary>
public static class RecipeRows
{
    /// <summary>The words <see cref="Describe"/> uses for a row whose layout the readers corrected from its recipe.</summary>
    public const string LayoutCorrection = "layout read from the recipe";

    /// <summary>The file beside a published-runs CSV.</summary>
    public const string FileName = "megatron-bridge-recipes.csv";

    /// <summary>The recipe rows by case id, from the file beside <paramref name="runsCsv"/>; empty when there is none.</summary>
    public static Dictionary<string, Dictionary<string, string>> Beside(string runsCsv)
    {
        string path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runsCsv)) ?? ".", FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : [];
    }

    /// <summary>The recipe rows by case id from the text of the recipes CSV.</summary>
    public static Dictionary<string, Dictionary<string, string>> Parse(string text)
    {
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (Dictionary<string, string> row in CsvReader.Read(text))
        {
            if (row.TryGetValue("case_id", out string? id))
            {
                rows[id] = row;
            }
        }

        return rows;
    }

    /// <summary>"recipe v0.4.2 (high confidence)", with the reader's note when the confidence is not high.</summary>
    public static string Describe(Dictionary<string, string> recipe)
    {
        string Cell(string column) => recipe.TryGetValue(column, out string? v) ? v.Trim() : string.Empty;
        string confidence = Cell("confidence");
        string[] corrected = [.. new[] { ("pp", "PP"), ("vp", "VP"), ("mbs", "micro-batch") }
            .Where(c => Cell(c.Item1).Length > 0)
            .Select(c => $"{c.Item2} {Cell(c.Item1)}")];
        string layout = corrected.Length > 0 ? $"; {LayoutCorrection} ({string.Join(", ", corrected)}) where the published table contradicts it" : string.Empty;
        return $"recipe {Cell("release")} ({(confidence.Length > 0 ? confidence : "unknown")} confidence{layout}; docs/calibration/megatron-bridge-recipes.md)";
    }

    /// <summary>The layout and settings of a run with its recipe row applied; an unreadable cell leaves the published value.</summary>
    public static (ParallelLayout Layout, TrainingSettings Settings) Apply(Dictionary<string, string> recipe, ParallelLayout layout, TrainingSettings settings)
    {
        string Cell(string column) => recipe.TryGetValue(column, out string? v) ? v.Trim() : string.Empty;
        int Count(string column, int otherwise) => PublishedRun.Number(Cell(column)) is double v && v >= 0 && v < int.MaxValue ? (int)v : otherwise;
        bool Flag(string column) => Cell(column) == "1";

        if (Spelling.TryParse(Cell("recompute"), out RecomputeMode mode))
        {
            layout = layout with { Recompute = mode };
        }

        // The readers' corrections where the published table's layout contradicts the release's preset (each row's note
        // in megatron-bridge-recipes-llama.csv says why); data parallelism takes up what the pipeline gives back.
        int pipeline = Count("pp", layout.Pp);
        layout = layout with
        {
            Dp = layout.Dp * layout.Pp / Math.Max(1, pipeline),
            Pp = pipeline,
            Vp = Count("vp", layout.Vp),
            MicroBatch = Count("mbs", layout.MicroBatch),
        };

        if (Cell("zero") is "1" or "3")
        {
            layout = layout with { Zero = Cell("zero") == "3" ? 3 : 1 };
        }

        if (Spelling.TryParse(Cell("recompute_modules").Replace(';', ','), out RecomputeModules modules))
        {
            settings = settings with { SelectiveModules = modules };
        }

        if (Spelling.TryParse(Cell("precision"), out ComputePrecision precision))
        {
            settings = settings with { Precision = precision };
        }

        if (Spelling.TryParse(Cell("optimizer"), out OptimizerKind optimizer))
        {
            settings = settings with { Optimizer = optimizer };
        }

        if (Spelling.TryParse(Cell("grad_dtype"), out GradientPrecision gradients))
        {
            settings = settings with { Gradients = gradients };
        }

        if (Spelling.TryParse(Cell("cuda_graphs"), out CudaGraphScope graphs))
        {
            settings = settings with { CudaGraphs = graphs };
        }

        if (Spelling.TryParse(Cell("moe_dispatcher"), out MoeDispatcher dispatcher))
        {
            settings = settings with { Dispatcher = dispatcher };
        }

        return (layout, settings with
        {
            Fp8ParamGather = Flag("fp8_param_gather") && settings.Precision != ComputePrecision.Bf16,
            FullRecomputeLayers = Count("recompute_num_layers", 0),
            ShardGroupSize = Count("shard_group", 0),
            FirstStageLayers = Count("first_stage_layers", 0),
            LastStageLayers = Count("last_stage_layers", 0),
            EmbeddingInPipelineSplit = Flag("embedding_in_split"),
            LossInPipelineSplit = Flag("loss_in_split"),
            ActivationOffloadLayers = Count("offload_activations", 0),
            MtpLayers = Count("mtp_layers", 0),
            Bf16FirstLayers = Count("bf16_first_layers", 0),
            Bf16LastLayers = Count("bf16_last_layers", 0),
            OverlapCommunication = Flag("tp_comm_overlap"),
            OverlapExpertCommunication = Flag("moe_a2a_overlap"),
            DropAndPad = Flag("moe_drop_and_pad"),
        });
    }
}
