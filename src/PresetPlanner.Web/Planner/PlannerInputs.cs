using System.Globalization;
using System.Text;
using PresetPlanner.Settings;

namespace PresetPlanner.Web.Planner;

/// <summary>
/// Everything the page lets a user set, as text the way they typed it, and its round trip through the URL's query
/// string, so that a link reproduces a plan. Defaults are the seed example (Llama-3.1-70B on h100x64).
/// </summary>
public sealed record PlannerInputs
{
    /// <summary>Model preset id, or <see cref="ConfigModel"/> for a pasted config.json.</summary>
    public string Model { get; init; } = "llama-3.1-70b";

    /// <summary>The pasted Hugging Face config.json, when <see cref="Model"/> is <see cref="ConfigModel"/>.</summary>
    public string Config { get; init; } = string.Empty;

    /// <summary>Cluster preset id, or <see cref="CustomCluster"/> for a GPU and a count.</summary>
    public string Cluster { get; init; } = "h100x64";

    /// <summary>GPU preset id of a custom cluster.</summary>
    public string Gpu { get; init; } = "h100-sxm";

    /// <summary>GPUs of a custom cluster.</summary>
    public string Gpus { get; init; } = "64";

    /// <summary>Sequence length, tokens (the text typed).</summary>
    public string Sequence { get; init; } = "4096";

    /// <summary>Global batch, sequences (the text typed).</summary>
    public string GlobalBatch { get; init; } = "512";

    /// <summary>The training precision's spelling.</summary>
    public string Precision { get; init; } = "bf16";

    /// <summary>The gradient precision's spelling.</summary>
    public string Gradients { get; init; } = "fp32";

    /// <summary>The MoE token dispatcher's spelling.</summary>
    public string Dispatcher { get; init; } = "alltoall";

    /// <summary>PyTorch's expandable-segments allocator (<see cref="TrainingSettings.ExpandableSegments"/>).</summary>
    public bool ExpandableSegments { get; init; }

    /// <summary>What selective recomputation recomputes (Megatron-Core module names, comma-separated).</summary>
    public string RecomputeModules { get; init; } = "core_attn";

    /// <summary>The CUDA graph scope's spelling.</summary>
    public string CudaGraphs { get; init; } = "none";

    /// <summary>Overlap of the MoE all-to-all with compute (<see cref="TrainingSettings.OverlapExpertCommunication"/>).</summary>
    public bool OverlapMoeCommunication { get; init; }

    /// <summary>
    /// An MoE model's dispatcher, CUDA graphs and overlap from its GPU's newest Megatron-Bridge recipe
    /// (<see cref="MoeRuntime.RecipeFor"/>), as the command line assumes; off, the three fields above decide.
    /// </summary>
    public bool MoeRecipe { get; init; } = true;

    /// <summary>MoE drop-and-pad routing (<see cref="TrainingSettings.DropAndPad"/>).</summary>
    public bool DropAndPad { get; init; }

    /// <summary>Low-precision weights (<see cref="TrainingSettings.Fp8ParamGather"/>).</summary>
    public bool Fp8ParamGather { get; init; }

    /// <summary>The SwiGLU input kept in FP8 (<see cref="TrainingSettings.ActivationFuncFp8InputStore"/>).</summary>
    public bool ActivationFp8Store { get; init; }

    /// <summary>Training budget in tokens ("15T"), empty for none.</summary>
    public string Tokens { get; init; } = string.Empty;

    /// <summary>Price per GPU-hour, empty for none.</summary>
    public string Price { get; init; } = string.Empty;

    /// <summary>Days the run may take with failures ("60"), empty for none; needs a budget.</summary>
    public string Deadline { get; init; } = string.Empty;

    /// <summary>Interruptions per GPU-hour ("1.97e-5"), empty for Llama 3's default.</summary>
    public string FailureRate { get; init; } = string.Empty;

    /// <summary>Minutes to restart after an interruption, empty for the default (10).</summary>
    public string RestartMinutes { get; init; } = string.Empty;

    /// <summary>Asynchronous checkpoints (<see cref="Reliability.AsyncCheckpoint"/>).</summary>
    public bool AsyncCheckpoint { get; init; }

    /// <summary>Pipeline schedules searched: empty for the framework's (1F1B), "any", or one schedule's spelling.</summary>
    public string Schedule { get; init; } = string.Empty;

    /// <summary>Whether the table lists only layouts that fit.</summary>
    public bool OnlyFeasible { get; init; }

    /// <summary>The column the table is sorted by ("rank" = the planner's order).</summary>
    public string Sort { get; init; } = "rank";

    /// <summary>The selected row (1-based rank; 0 = the recommendation).</summary>
    public int Row { get; init; }

    /// <summary>The export tab.</summary>
    public string Framework { get; init; } = "megatron";

    /// <summary>The model choice that reads a pasted config.json or preset.</summary>
    public const string ConfigModel = "config";

    /// <summary>The cluster choice built from a GPU and a GPU count.</summary>
    public const string CustomCluster = "custom";

    private static readonly PlannerInputs s_defaults = new();

    /// <summary>The query string (without "?") holding every field that differs from the defaults.</summary>
    public string ToQuery()
    {
        var parts = new List<string>();
        void Add(string key, string value, string fallback)
        {
            if (value != fallback)
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("model", Model, s_defaults.Model);
        Add("config", Config.Length == 0 ? string.Empty : Base64Url(Config), string.Empty);
        Add("cluster", Cluster, s_defaults.Cluster);
        Add("gpu", Gpu, s_defaults.Gpu);
        Add("gpus", Gpus, s_defaults.Gpus);
        Add("seq", Sequence, s_defaults.Sequence);
        Add("gbs", GlobalBatch, s_defaults.GlobalBatch);
        Add("precision", Precision, s_defaults.Precision);
        Add("grad", Gradients, s_defaults.Gradients);
        Add("dispatcher", Dispatcher, s_defaults.Dispatcher);
        Add("expandable", ExpandableSegments ? "1" : "0", "0");
        Add("modules", RecomputeModules, s_defaults.RecomputeModules);
        Add("graphs", CudaGraphs, s_defaults.CudaGraphs);
        Add("moeoverlap", OverlapMoeCommunication ? "1" : "0", "0");
        Add("moerecipe", MoeRecipe ? "1" : "0", "1");
        Add("droppad", DropAndPad ? "1" : "0", "0");
        Add("fp8gather", Fp8ParamGather ? "1" : "0", "0");
        Add("fp8act", ActivationFp8Store ? "1" : "0", "0");
        Add("tokens", Tokens, s_defaults.Tokens);
        Add("price", Price, s_defaults.Price);
        Add("deadline", Deadline, s_defaults.Deadline);
        Add("failures", FailureRate, s_defaults.FailureRate);
        Add("restart", RestartMinutes, s_defaults.RestartMinutes);
        Add("async", AsyncCheckpoint ? "1" : "0", "0");
        Add("schedule", Schedule, s_defaults.Schedule);
        Add("feasible", OnlyFeasible ? "1" : "0", "0");
        Add("sort", Sort, s_defaults.Sort);
        Add("row", Row.ToString(CultureInfo.InvariantCulture), "0");
        Add("emit", Framework, s_defaults.Framework);
        return string.Join("&", parts);
    }

    /// <summary>The inputs a query string holds; unknown keys are ignored and bad values kept as typed (the form shows why).</summary>
    public static PlannerInputs FromQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? pair : pair[..eq];
            string value = eq < 0 ? string.Empty : Unescape(pair[(eq + 1)..]);
            values[key] = value;
        }

        string Get(string key, string fallback) => values.TryGetValue(key, out string? v) ? v : fallback;
        PlannerInputs d = s_defaults;
        return new PlannerInputs
        {
            Model = Get("model", d.Model),
            Config = values.TryGetValue("config", out string? c) ? FromBase64Url(c) : string.Empty,
            Cluster = Get("cluster", d.Cluster),
            Gpu = Get("gpu", d.Gpu),
            Gpus = Get("gpus", d.Gpus),
            Sequence = Get("seq", d.Sequence),
            GlobalBatch = Get("gbs", d.GlobalBatch),
            Precision = Get("precision", d.Precision),
            Gradients = Get("grad", d.Gradients),
            Dispatcher = Get("dispatcher", d.Dispatcher),
            ExpandableSegments = Get("expandable", "0") == "1",
            RecomputeModules = Get("modules", d.RecomputeModules),
            CudaGraphs = Get("graphs", d.CudaGraphs),
            OverlapMoeCommunication = Get("moeoverlap", "0") == "1",
            MoeRecipe = Get("moerecipe", "1") == "1",
            DropAndPad = Get("droppad", "0") == "1",
            Fp8ParamGather = Get("fp8gather", "0") == "1",
            ActivationFp8Store = Get("fp8act", "0") == "1",
            Tokens = Get("tokens", d.Tokens),
            Price = Get("price", d.Price),
            Deadline = Get("deadline", d.Deadline),
            FailureRate = Get("failures", d.FailureRate),
            RestartMinutes = Get("restart", d.RestartMinutes),
            AsyncCheckpoint = Get("async", "0") == "1",
            Schedule = Get("schedule", d.Schedule),
            OnlyFeasible = Get("feasible", "0") == "1",
            Sort = Get("sort", d.Sort),
            Row = int.TryParse(Get("row", "0"), NumberStyles.None, CultureInfo.InvariantCulture, out int row) ? row : 0,
            Framework = Get("emit", d.Framework),
        };
    }

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }
}
