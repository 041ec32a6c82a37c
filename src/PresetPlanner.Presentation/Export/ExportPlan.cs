using System.Globalization;
using PresetPlanner.Planning;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Export;

/// <summary>What every exporter reads: the layout, the settings, and the figures derived from them once.</summary>
internal readonly struct ExportPlan(PlanningContext context, ParallelLayout layout)
{
    public ParallelLayout Layout { get; } = layout;

    public TrainingSettings Settings => context.Settings;

    public ModelSpec Model => context.Model;

    /// <summary>Whether the GPU predates Blackwell (no FP4 tensor cores): Megatron-LM's CUDA_DEVICE_MAX_CONNECTIONS rule applies to it.</summary>
    public bool BeforeBlackwell => context.Gpu.Generation != GpuGeneration.Blackwell;

    /// <summary>The model's preset id ("llama-3.1-70b"; "custom" or the file's name for a model that is not a preset).</summary>
    public string ModelId => context.ModelInfo.Id;

    /// <summary>
    /// Whether the MoE all-to-all overlap asked for runs in this layout (<see cref="PlanningContext.OverlapsExpertCommunication"/>):
    /// where Megatron-Core would assert instead, the exports leave the flag out and say why.
    /// </summary>
    public bool OverlapsExpertCommunication => context.OverlapsExpertCommunication(Layout);

    /// <summary>The note for an overlap asked for in a layout that cannot run it.</summary>
    public const string OverlapLeftOutNote =
        "the MoE all-to-all overlap is left out: Megatron-Core asserts EP > 1, a virtual pipeline when PP > 1 and no full recomputation for it (megatron/core/transformer/transformer_config.py), and the plan costed this layout without it";

    /// <summary>"Llama-3.1-70B on h100x64: TP=8, PP=2, ...": the header comment, on one line whatever the preset's name holds.</summary>
    public string Title => Comment($"{context.ModelInfo.Name} on {context.ClusterInfo.Id} ({I(Layout.Gpus)} GPUs): {LayoutText.Full(Layout)}");

    /// <summary>
    /// Text for a '#' comment line of any of the exported formats (shell, overrides, TOML): line breaks (CR, LF, NEL,
    /// U+2028, U+2029) become spaces and other control characters '?', so a preset's name cannot end the comment and
    /// start a line of its own (a TOML table, an argument, an override).
    /// </summary>
    public static string Comment(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            sb.Append(c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' ? ' ' : char.IsControl(c) ? '?' : c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// The note for a pipeline schedule <paramref name="framework"/> does not ship (<see cref="TrainingSettings.FrameworkRuns"/>),
    /// or null: the fragment launches 1F1B and the plan's bubble and memory were costed for the other schedule.
    /// </summary>
    public string? ScheduleNote(ExportFramework framework) =>
        !TrainingSettings.FrameworkRuns(framework, Layout.EffectiveSchedule)
            ? $"the {ScheduleText.Name(Layout.Schedule, Layout.Vp)} schedule is not in {FrameworkText.Name(framework)}, which runs 1F1B: the plan's bubble, memory and time were costed for {ScheduleText.Name(Layout.Schedule, Layout.Vp)}{(framework == ExportFramework.Megatron ? " (Sea AI Lab's Megatron-LM fork sail-sg/zero-bubble-pipeline-parallelism has --enable-zero-bubble and --zero-bubble-v-schedule)" : string.Empty)}"
            : null;

    /// <summary>Micro-batches per step per data-parallel rank (gradient accumulation): B / (b x DP).</summary>
    public int GradientAccumulation => Settings.GlobalBatchSize / Math.Max(1, Layout.MicroBatch * Layout.Dp);

    /// <summary>Whether a setting sizes the pipeline's ends (first/last-stage layers, embedding or loss in the split).</summary>
    public bool SplitIsSet =>
        Settings.FirstStageLayers > 0 || Settings.LastStageLayers > 0 || Settings.EmbeddingInPipelineSplit || Settings.LossInPipelineSplit;

    /// <summary>Transformer layers per virtual pipeline stage (even split), or 0 when the split is uneven or set.</summary>
    public int LayersPerVirtualStage => !SplitIsSet && Model.Layers % (Layout.Pp * Layout.Vp) == 0 ? Model.Layers / (Layout.Pp * Layout.Vp) : 0;

    /// <summary>Whether the layers do not split evenly over PP x VP and no setting says how they are split.</summary>
    public bool UnevenWithoutFlags => Layout.Pp > 1 && !SplitIsSet && Model.Layers % (Layout.Pp * Layout.Vp) != 0;

    /// <summary>The note of a framework without an FP8 store of the SwiGLU's input.</summary>
    public const string ActivationFp8StoreNote = "the SwiGLU input kept in FP8 for backward is Megatron-Core's TransformerConfig.activation_func_fp8_input_store, with no key here: these activations stay in BF16, larger than the plan counts";

    /// <summary>The note every framework's export carries for expandable segments, an allocator environment variable.</summary>
    public const string ExpandableSegmentsNote = "expandable segments: export PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True before launching";

    /// <summary>Layers on the busiest pipeline stage of an even split (ceil(L / (p v)) per chunk, times v).</summary>
    public int MostLoadedLayers => Layout.MostLoadedStageLayers(Model.Layers);

    /// <summary>Whether the settings use a low-precision recipe.</summary>
    public bool LowPrecision => Settings.Precision != ComputePrecision.Bf16;

    public static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string D(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
