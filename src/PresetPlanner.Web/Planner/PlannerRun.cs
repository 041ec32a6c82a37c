using System.Diagnostics;
using System.Globalization;
using PresetPlanner.Import.HuggingFace;
using PresetPlanner.Planning;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Web.Planner;

/// <summary>
/// One plan from the page's inputs: the table and its time, or, for each field the user got wrong, the message to show
/// beside it. The same core calls as the CLI (<see cref="PlanningContext.Create(in ModelPreset, in ClusterPreset, in TrainingSettings)"/>,
/// <see cref="PlanningContext.Plan(in SearchSpace)"/>), so the recommendation is the CLI's for the same input.
/// </summary>
public sealed class PlannerRun
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    private PlannerRun()
    {
    }

    /// <summary>Messages by field key (model, config, cluster, gpu, gpus, seq, gbs, precision, grad, dispatcher, tokens, price, plan).</summary>
    public IReadOnlyDictionary<string, string> Errors => _errors;

    /// <summary>The plan, when every field is valid.</summary>
    public StrategyTable? Table { get; private set; }

    /// <summary>The context the table was planned in.</summary>
    public PlanningContext? Context { get; private set; }

    /// <summary>Wall time of the plan in the browser (measured), milliseconds.</summary>
    public double PlanMilliseconds { get; private set; }

    /// <summary>Tokens to train on, when a valid budget is given.</summary>
    public double? Tokens { get; private set; }

    /// <summary>Price per GPU-hour, when given.</summary>
    public double? Price { get; private set; }

    /// <summary>Days the run may take with failures, when given with a budget.</summary>
    public double? DeadlineDays { get; private set; }

    /// <summary>Failure rate, restart time and checkpointing for the run with failures (the cluster's storage).</summary>
    public Reliability Reliability { get; private set; } = new();

    /// <summary>The pipeline schedules the plan searched.</summary>
    public PipelineSchedules Schedules { get; private set; }

    /// <summary>
    /// Layouts past which the page says it is planning before it plans: about a tenth of a second of the browser's one
    /// thread (the seed example's 20,760 plan in about 50 ms; docs/performance.md, "The page").
    /// </summary>
    public const int LargePlan = 40_000;

    /// <summary>Reads, validates and plans <paramref name="inputs"/>.</summary>
    /// <param name="inputs">What the user set.</param>
    public static PlannerRun Of(PlannerInputs inputs)
    {
        PlannerRun run = Prepare(inputs);
        run.Plan();
        return run;
    }

    /// <summary>
    /// Reads and validates <paramref name="inputs"/> and makes the planning context, without planning: <see cref="Plan"/>
    /// does that, so that the page can first say how large a plan is (<see cref="IsLarge"/>).
    /// </summary>
    /// <param name="inputs">What the user set.</param>
    public static PlannerRun Prepare(PlannerInputs inputs)
    {
        var run = new PlannerRun();
        ModelPreset? model = run.ReadModel(inputs);
        ClusterPreset? cluster = run.ReadCluster(inputs);
        TrainingSettings? settings = run.ReadSettings(inputs);
        run.ReadBudget(inputs);
        run.ReadSchedules(inputs);
        if (model is not ModelPreset m || cluster is not ClusterPreset c || settings is not TrainingSettings s || run._errors.Count > 0)
        {
            return run;
        }

        try
        {
            // As the command line: an MoE model takes its GPU's recipe runtime unless the user chose their own.
            run.Context = PlanningContext.Create(m, c, inputs.MoeRecipe && m.Spec.IsMoe ? s.WithMoeRuntime(MoeRuntime.RecipeFor(c.Spec.Gpu) with { DropAndPad = s.DropAndPad }) : s);
        }
        catch (PlanInputException ex)
        {
            run._errors[FieldOf(ex, inputs)] = ex.Message;
        }

        return run;
    }

    /// <summary>
    /// Whether the plan has more than <see cref="LargePlan"/> layouts: the space is walked until it passes that many
    /// (the walk is a tenth of the plan's cost), so a huge space is not counted whole first.
    /// </summary>
    public bool IsLarge()
    {
        if (Context is null || Table is not null)
        {
            return false;
        }

        int seen = 0;
        foreach (ParallelLayout _ in Context.Enumerate(new SearchSpace { Schedules = Schedules }))
        {
            if (++seen > LargePlan)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Plans what <see cref="Prepare"/> read, once, when its inputs were valid.</summary>
    public void Plan()
    {
        if (Context is null || Table is not null)
        {
            return;
        }

        try
        {
            long start = Stopwatch.GetTimestamp();
            Table = Context.Plan(new SearchSpace { Schedules = Schedules });
            PlanMilliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        catch (PlanInputException ex)
        {
            // A space past the most layouts a plan evaluates: said beside the plan, as the CLI says it.
            _errors["plan"] = ex.Message;
            return;
        }

        if (Table.Rows.Length == 0)
        {
            _errors["plan"] = "no layout satisfies the layout rules: " + LayoutText.Reason(Table.FirstExclusion);
        }
    }

    private ModelPreset? ReadModel(PlannerInputs inputs)
    {
        if (inputs.Model == PlannerInputs.ConfigModel)
        {
            if (string.IsNullOrWhiteSpace(inputs.Config))
            {
                _errors["config"] = "paste a Hugging Face config.json (Llama, Mistral, Mixtral, Qwen2, Qwen3, Qwen3-MoE, DeepSeek-V3, gpt-oss, Gemma 2) or a model preset JSON (presets/models)";
                return null;
            }

            try
            {
                return PresetJsonReader.LooksLikePreset(inputs.Config)
                    ? PresetJsonReader.Read(inputs.Config)
                    : HuggingFaceConfig.Parse(inputs.Config, "pasted-config", "pasted into the page");
            }
            catch (PlanInputException ex)
            {
                _errors["config"] = ex.Message;
                return null;
            }
        }

        if (Presets.Models.TryGet(inputs.Model, out ModelPreset preset))
        {
            return preset;
        }

        _errors["model"] = $"'{inputs.Model}' is not a model preset";
        return null;
    }

    private ClusterPreset? ReadCluster(PlannerInputs inputs)
    {
        if (inputs.Cluster != PlannerInputs.CustomCluster)
        {
            if (Presets.Clusters.TryGet(inputs.Cluster, out ClusterPreset preset))
            {
                return preset;
            }

            _errors["cluster"] = $"'{inputs.Cluster}' is not a cluster preset";
            return null;
        }

        if (!Presets.Gpus.TryGet(inputs.Gpu, out GpuPreset gpu))
        {
            _errors["gpu"] = $"'{inputs.Gpu}' is not a GPU preset";
            return null;
        }

        return Positive("gpus", inputs.Gpus, 10_000_000) is int count ? ClusterPreset.Of(gpu, count) : null;
    }

    private TrainingSettings? ReadSettings(PlannerInputs inputs)
    {
        int? seq = Positive("seq", inputs.Sequence, 67_108_864);
        int? gbs = Positive("gbs", inputs.GlobalBatch, 16_777_216);
        ComputePrecision precision = Choice<ComputePrecision>("precision", inputs.Precision, Spelling.TryParse);
        GradientPrecision gradients = Choice<GradientPrecision>("grad", inputs.Gradients, Spelling.TryParse);
        MoeDispatcher dispatcher = Choice<MoeDispatcher>("dispatcher", inputs.Dispatcher, Spelling.TryParse);
        CudaGraphScope graphs = Choice<CudaGraphScope>("graphs", inputs.CudaGraphs, Spelling.TryParse);
        if (!Spelling.TryParse(inputs.RecomputeModules, out RecomputeModules modules))
        {
            _errors["modules"] = $"'{inputs.RecomputeModules}' is not a list of {string.Join(", ", Spelling.ModuleNames)} (or none)";
        }

        return seq is int s && gbs is int b
            ? new TrainingSettings
            {
                SequenceLength = s,
                GlobalBatchSize = b,
                Precision = precision,
                Gradients = gradients,
                Dispatcher = dispatcher,
                ExpandableSegments = inputs.ExpandableSegments,
                SelectiveModules = modules,
                CudaGraphs = graphs,
                OverlapExpertCommunication = inputs.OverlapMoeCommunication,
                DropAndPad = inputs.DropAndPad,
                Fp8ParamGather = inputs.Fp8ParamGather,
                ActivationFuncFp8InputStore = inputs.ActivationFp8Store,
            }
            : null;
    }

    private void ReadBudget(PlannerInputs inputs)
    {
        if (inputs.Tokens.Trim().Length > 0)
        {
            if (BudgetText.TryParseTokens(inputs.Tokens, out double tokens))
            {
                Tokens = tokens;
            }
            else
            {
                _errors["tokens"] = "a token count from 1M to 10,000T, like 15T, 300B or 2.5e12";
            }
        }

        if (inputs.Price.Trim().Length > 0)
        {
            if (double.TryParse(inputs.Price, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double price) && price is > 0 and <= 1e6)
            {
                Price = price;
            }
            else
            {
                _errors["price"] = "a price per GPU-hour above 0, like 2.5";
            }
        }

        Reliability = new Reliability { AsyncCheckpoint = inputs.AsyncCheckpoint };
        if (inputs.FailureRate.Trim().Length > 0)
        {
            if (double.TryParse(inputs.FailureRate.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate is >= 1e-9 and <= 1)
            {
                Reliability = Reliability with { FailuresPerGpuHour = rate };
            }
            else
            {
                _errors["failures"] = "interruptions per GPU-hour, from 1e-9 to 1, like 1.97e-5";
            }
        }

        if (inputs.RestartMinutes.Trim().Length > 0)
        {
            if (double.TryParse(inputs.RestartMinutes.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double minutes) && minutes is >= 0 and <= 10_000)
            {
                Reliability = Reliability with { RestartSeconds = 60 * minutes };
            }
            else
            {
                _errors["restart"] = "minutes to restart, 0 to 10,000, like 10";
            }
        }

        if (inputs.Deadline.Trim().Length > 0)
        {
            if (double.TryParse(inputs.Deadline.Trim().TrimEnd('d'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double days) && days is > 0 and <= 36_500 && Tokens is not null)
            {
                DeadlineDays = days;
            }
            else
            {
                _errors["deadline"] = Tokens is null ? "a deadline needs a training budget" : "days the run may take, above 0, like 60";
            }
        }
    }

    // Empty: the framework's schedules (1F1B); "any": all five; else one schedule's spelling.
    private void ReadSchedules(PlannerInputs inputs)
    {
        string text = inputs.Schedule.Trim();
        if (text.Length == 0)
        {
            return;
        }

        if (text == "any")
        {
            Schedules = PipelineSchedules.All;
        }
        else if (Spelling.TryParse(text, out PipelineSchedule schedule))
        {
            Schedules = (PipelineSchedules)(1 << (int)schedule);
        }
        else
        {
            _errors["schedule"] = "any, or one of " + string.Join(", ", Spelling.All<PipelineSchedule>());
        }
    }

    private int? Positive(string field, string text, int max)
    {
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= 1 && value <= max)
        {
            return value;
        }

        _errors[field] = $"'{text}' must be a whole number from 1 to {max.ToString("#,0", CultureInfo.InvariantCulture)}";
        return null;
    }

    private delegate bool TryParse<T>(string? text, out T value);

    private T Choice<T>(string field, string text, TryParse<T> parse)
        where T : struct, Enum
    {
        if (parse(text, out T value))
        {
            return value;
        }

        _errors[field] = $"'{text}' is not one of {string.Join(", ", Spelling.All<T>())}";
        return default;
    }

    // The page's form field of the input the core found at fault.
    private static string FieldOf(PlanInputException ex, PlannerInputs inputs) => ex.Input switch
    {
        InputField.SequenceLength => "seq",
        InputField.GlobalBatchSize => "gbs",
        InputField.Precision => "precision",
        InputField.Gradients => "grad",
        InputField.SelectiveModules => "modules",
        InputField.Fp8ParamGather => "fp8gather",
        InputField.ActivationFuncFp8InputStore => "fp8act",
        InputField.Cluster => inputs.Cluster == PlannerInputs.CustomCluster ? "gpus" : "cluster",
        InputField.Model => inputs.Model == PlannerInputs.ConfigModel ? "config" : "model",
        _ => "plan",
    };
}
