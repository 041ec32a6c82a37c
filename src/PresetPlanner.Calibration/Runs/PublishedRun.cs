using System.Globalization;
using PresetPlanner.Settings;
using PresetPlanner.Specs;

namespace PresetPlanner.Calibration.Runs;

/// <summary>One row of docs/calibration/published-runs.csv, mapped onto the planner's types.</summary>
/// <param name="Case">The row's case id.</param>
/// <param name="Source">Which publication family it belongs to (MEG21, KOR22, MCORE, BLOOM, NEMO2407, MBRIDGE).</param>
/// <param name="Model">The model shape (a preset when one matches).</param>
/// <param name="Cluster">The cluster.</param>
/// <param name="Layout">The published layout.</param>
/// <param name="Settings">Sequence, batch, precision and era (FlashAttention or not).</param>
/// <param name="TokensPerSecondPerGpu">Published tokens/s per GPU, or derived from its TFLOP/s in the source's FLOP convention.</param>
/// <param name="MeasuredMemoryGiB">Measured peak memory (nvidia-smi, BLOOM), or null.</param>
/// <param name="Oom">The run was reported out of memory.</param>
/// <param name="Skip">Why the row cannot be modelled, or null.</param>
/// <param name="Mapping">How the run's unpublished settings were read: its recipe row's confidence and note, or why there is none.</param>
/// <param name="Family">The model family (GPT, BLOOM, Llama, Nemotron, DeepSeek, Qwen, gpt-oss), left out together in the out-of-sample check.</param>
public sealed record PublishedRun(
    string Case,
    string Source,
    ModelSpec Model,
    ClusterSpec Cluster,
    ParallelLayout Layout,
    TrainingSettings Settings,
    double? TokensPerSecondPerGpu,
    double? MeasuredMemoryGiB,
    bool Oom,
    string? Skip,
    string Family = "",
    string Mapping = "")
{
    /// <summary>The GPU's preset id, or "?" when it has none.</summary>
    public string GpuName
    {
        get
        {
            foreach (GpuPreset gpu in Presets.Gpus.All)
            {
                if (gpu.Spec == Cluster.Gpu)
                {
                    return gpu.Info.Id;
                }
            }

            return "?";
        }
    }

    /// <summary>Whether the model has routed experts.</summary>
    public bool IsMoe => Model.IsMoe;

    /// <summary>A number written in the invariant culture, or null for an empty or non-numeric cell.</summary>
    public static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;

    /// <summary>The integer in <paramref name="column"/> (clamped to the int range), or <paramref name="fallback"/> when the cell is not a number.</summary>
    public static int IntOr(Dictionary<string, string> row, string column, int fallback) =>
        Number(row[column]) is double v ? (v >= int.MaxValue || double.IsNaN(v) ? int.MaxValue : v <= int.MinValue ? int.MinValue : (int)v) : fallback;
}
