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
    /// <summary>
    /// The year the run's software was released: a Megatron-Bridge release's own (25.09 is 2025), else its publication's
    /// (Megatron-LM 2021, Korthikanti 2022, BLOOM 2022, Megatron-Core's table 2024, NeMo 24.07 2024): the time split of
    /// the out-of-sample check fits on runs up to 2025 and predicts 2026's.
    /// </summary>
    public int Year => Source switch
    {
        "MEG21" or "MEG" => 2021,
        "KOR22" or "BLOOM" => 2022,
        "MCORE" or "NEMO2407" => 2024,
        "MBRIDGE" when Case.Length > 10 && int.TryParse(Case.AsSpan(8, 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out int yy) => 2000 + yy,
        _ => 2025,
    };

    /// <summary>The GPU generation, left out together in the out-of-sample check: Ampere, Hopper or Blackwell.</summary>
    public string Generation => GpuName switch
    {
        string g when g.StartsWith("a100", StringComparison.Ordinal) => "Ampere",
        string g when g.StartsWith('h') => "Hopper",
        string g when g.StartsWith('b') || g.StartsWith("gb", StringComparison.Ordinal) => "Blackwell",
        string g => g,
    };

    /// <summary>The model as its source names it (Llama-3.1-70B, DeepSeek-V3, GPT 175B), left out alone in the leave-one-model-out check.</summary>
    public string ModelName { get; init; } = string.Empty;

    /// <summary>The GPU's preset id, or "?" when it has none.</summary>
    public string GpuName
    {
        get
        {
            foreach (GpuPreset gpu in Presets.Gpus.All)
            {
                // The fitted figures (a refit's clock ratio) do not make it another GPU.
                GpuSpec g = Cluster.Gpu;
                if (gpu.Spec with { MatmulEfficiency = g.MatmulEfficiency, ScaleUpEfficiency = g.ScaleUpEfficiency, TensorClockRatio = g.TensorClockRatio } == g)
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
