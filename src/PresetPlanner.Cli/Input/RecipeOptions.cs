using System.CommandLine;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Cli.Input;

/// <summary>
/// The recipe flags (<see cref="TrainingSettings"/>' recomputation modules, offloads, optimizer, FSDP and uneven
/// pipelines), each named after the Megatron-LM or PyTorch flag it stands for (docs/cli.md).
/// </summary>
internal sealed class RecipeOptions
{
    public Option<string?> Optimizer { get; } = Options.Choice<OptimizerKind>("--optimizer", "Optimizer: " + string.Join(", ", Spelling.All<OptimizerKind>()) + " (default adam; adam-bf16-moments = Megatron's precision-aware optimizer with bf16 moments)");

    public Option<bool> NoFlashAttention { get; } = new("--no-flash-attention") { Description = "Attention without FlashAttention: the s x s scores are stored (2021-22 runs; Megatron-LM without --use-flash-attn)" };

    public Option<string?> RecomputeModules { get; } = Options.Text("--recompute-modules", "What selective recomputation recomputes, Megatron-Core names: " + string.Join(",", Spelling.ModuleNames) + " or none (default core_attn)");

    public Option<string?> RecomputeLayers { get; } = Options.Text("--recompute-num-layers", "Full recomputation of only N layers per chunk (Megatron --recompute-method block); default all");

    public Option<string?> Mtp { get; } = Options.Text("--mtp-layers", "Multi-token-prediction depths on the last stage (Megatron --mtp-num-layers); default 0");

    public Option<string?> Bf16First { get; } = Options.Text("--bf16-first-layers", "Under an 8- or 4-bit recipe, keep the first N layers in BF16 (Megatron-Core first_last_layers_bf16, num_layers_at_start_in_bf16); default 0");

    public Option<string?> Bf16Last { get; } = Options.Text("--bf16-last-layers", "Under an 8- or 4-bit recipe, keep the last N layers in BF16 (num_layers_at_end_in_bf16); default 0");

    public Option<string?> OffloadActivations { get; } = Options.Text("--offload-activations", "Layers per stage whose activations go to host memory (Megatron --cpu-offloading-num-layers); default 0");

    public Option<string?> OffloadOptimizer { get; } = Options.Text("--offload-optimizer", "Fraction of the optimizer state on the host, 0 to 1 (Megatron --optimizer-offload-fraction); default 0");

    public Option<bool> Fp8ParamGather { get; } = new("--fp8-param-gather") { Description = "Weights stored and gathered in the low-precision format, no BF16 copy (Megatron --fp8-param-gather)" };

    public Option<bool> ActivationFp8Store { get; } = new("--activation-func-fp8-input-store") { Description = "Keep the SwiGLU's input for backward as an FP8 copy (Megatron-Core activation_func_fp8_input_store)" };

    public Option<string?> Reshard { get; } = Options.Choice<ReshardPolicy>("--reshard", "ZeRO-3/FSDP re-sharding after forward: " + string.Join(", ", Spelling.All<ReshardPolicy>()) + " (default: always without PP, never with PP, as torchtitan)");

    public Option<string?> ShardGroup { get; } = Options.Text("--shard-group", "HSDP: shard ZeRO state over groups of N data-parallel ranks, replicate across them; default the whole DP group");

    public Option<string?> FirstStageLayers { get; } = Options.Text("--first-stage-layers", "Layers on the first pipeline stage (Megatron --decoder-first-pipeline-num-layers); default even split");

    public Option<string?> LastStageLayers { get; } = Options.Text("--last-stage-layers", "Layers on the last pipeline stage (Megatron --decoder-last-pipeline-num-layers); default even split");

    public Option<bool> EmbeddingInSplit { get; } = new("--embedding-in-split") { Description = "Count the embedding as a layer when splitting the pipeline (Megatron --account-for-embedding-in-pipeline-split)" };

    public Option<bool> LossInSplit { get; } = new("--loss-in-split") { Description = "Count the loss as a layer when splitting the pipeline (Megatron --account-for-loss-in-pipeline-split)" };

    public Option<string?> CudaGraphs { get; } = Options.Choice<CudaGraphScope>("--cuda-graphs", "CUDA graphs: " + string.Join(", ", Spelling.All<CudaGraphScope>()) + " (Megatron --cuda-graph-impl/--cuda-graph-scope); default none, for MoE models the GPU's recipe (docs/cli.md)");

    public Option<string?> Dispatcher { get; } = Options.Choice<MoeDispatcher>("--dispatcher", "MoE token dispatcher: " + string.Join(", ", Spelling.All<MoeDispatcher>()) + " (Megatron --moe-token-dispatcher-type, flex backends); default the GPU's recipe (docs/cli.md)");

    public Option<bool> OverlapMoeComm { get; } = new("--overlap-moe-comm") { Description = "Overlap the MoE all-to-all with another micro-batch's compute (Megatron --overlap-moe-expert-parallel-comm); default the GPU's recipe" };

    public Option<bool> NoOverlapMoeComm { get; } = new("--no-overlap-moe-comm") { Description = "Do not overlap the MoE all-to-all, whatever the GPU's recipe does" };

    public Option<bool> DropAndPad { get; } = new("--drop-and-pad") { Description = "MoE: drop tokens over each expert's capacity (--capacity-factor) and pad to it (Megatron --moe-expert-capacity-factor with --moe-pad-expert-input-to-capacity): no host synchronisation per MoE layer" };

    public Option<bool> Lora { get; } = new("--lora") { Description = "Fine-tune LoRA adapters only: frozen base weights without gradients, optimizer state or weight-gradient GEMMs" };

    public Option<bool> ExpandableSegments { get; } = new("--expandable-segments") { Description = "PyTorch allocator with expandable_segments:True (Megatron-Bridge's scripts set it): far less fragmentation" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[]
        {
            Optimizer, NoFlashAttention, RecomputeModules, RecomputeLayers, OffloadActivations, Mtp, Bf16First, Bf16Last, OffloadOptimizer, Fp8ParamGather, ActivationFp8Store,
            Reshard, ShardGroup, FirstStageLayers, LastStageLayers, EmbeddingInSplit, LossInSplit, CudaGraphs, Dispatcher, OverlapMoeComm, NoOverlapMoeComm, DropAndPad, Lora, ExpandableSegments,
        })
        {
            command.Add(option);
        }
    }

    /// <summary><paramref name="settings"/> with the recipe flags applied; the core checks the values against the model and GPU.</summary>
    public TrainingSettings Apply(ParseResult pr, TrainingSettings settings)
    {
        settings = settings with
        {
            FlashAttention = !pr.GetValue(NoFlashAttention),
            Fp8ParamGather = pr.GetValue(Fp8ParamGather),
            ActivationFuncFp8InputStore = pr.GetValue(ActivationFp8Store),
            EmbeddingInPipelineSplit = pr.GetValue(EmbeddingInSplit),
            LossInPipelineSplit = pr.GetValue(LossInSplit),
            DropAndPad = pr.GetValue(DropAndPad),
            Lora = pr.GetValue(Lora),
            ExpandableSegments = pr.GetValue(ExpandableSegments),
        };
        if (pr.GetValue(CudaGraphs) is string graphs)
        {
            settings = settings with { CudaGraphs = Options.Parse<CudaGraphScope>("--cuda-graphs", graphs, Spelling.TryParse) };
        }

        if (pr.GetValue(Dispatcher) is string dispatcher)
        {
            settings = settings with { Dispatcher = Options.Parse<MoeDispatcher>("--dispatcher", dispatcher, Spelling.TryParse) };
        }

        if (pr.GetValue(Optimizer) is string optimizer)
        {
            settings = settings with { Optimizer = Options.Parse<OptimizerKind>("--optimizer", optimizer, Spelling.TryParse) };
        }

        if (pr.GetValue(RecomputeModules) is string modules)
        {
            settings = settings with
            {
                SelectiveModules = Spelling.TryParse(modules, out RecomputeModules set) ? set
                    : throw new UsageException($"--recompute-modules: '{modules}' is not a comma-separated list of {string.Join(", ", Spelling.ModuleNames)} (or none)"),
            };
        }

        if (pr.GetValue(Reshard) is string reshard)
        {
            settings = settings with { Reshard = Options.Parse<ReshardPolicy>("--reshard", reshard, Spelling.TryParse) };
        }

        if (pr.GetValue(OffloadOptimizer) is string fraction)
        {
            settings = settings with { OptimizerOffloadFraction = Numbers.Real("--offload-optimizer", fraction, 0, 1) };
        }

        return settings with
        {
            FullRecomputeLayers = Count(pr, RecomputeLayers, settings.FullRecomputeLayers),
            ActivationOffloadLayers = Count(pr, OffloadActivations, settings.ActivationOffloadLayers),
            MtpLayers = Count(pr, Mtp, settings.MtpLayers),
            Bf16FirstLayers = Count(pr, Bf16First, settings.Bf16FirstLayers),
            Bf16LastLayers = Count(pr, Bf16Last, settings.Bf16LastLayers),
            ShardGroupSize = Count(pr, ShardGroup, settings.ShardGroupSize),
            FirstStageLayers = Count(pr, FirstStageLayers, settings.FirstStageLayers),
            LastStageLayers = Count(pr, LastStageLayers, settings.LastStageLayers),
        };
    }

    /// <summary>
    /// <paramref name="settings"/> with the MoE runtime filled in: what the flags state, and for an MoE
    /// <paramref name="model"/> the rest from the newest Megatron-Bridge recipe for <paramref name="gpu"/>
    /// (<see cref="MoeRuntime.RecipeFor"/>); a dense model keeps Megatron-Core's defaults.
    /// </summary>
    public TrainingSettings ApplyMoeRuntime(ParseResult pr, TrainingSettings settings, in ModelSpec model, in GpuSpec gpu)
    {
        bool overlap = pr.GetValue(OverlapMoeComm);
        bool noOverlap = pr.GetValue(NoOverlapMoeComm);
        if (overlap && noOverlap)
        {
            throw new UsageException("--overlap-moe-comm and --no-overlap-moe-comm contradict each other: give one");
        }

        MoeRuntime recipe = MoeRuntime.DefaultFor(model, gpu);
        return settings with
        {
            Dispatcher = pr.GetValue(Dispatcher) is null ? recipe.Dispatcher : settings.Dispatcher,
            CudaGraphs = pr.GetValue(CudaGraphs) is null ? recipe.CudaGraphs : settings.CudaGraphs,
            OverlapExpertCommunication = overlap || (!noOverlap && recipe.OverlapExpertCommunication),
        };
    }

    private static int Count(ParseResult pr, Option<string?> option, int otherwise) =>
        pr.GetValue(option) is string text ? Numbers.InRange(option.Name, text, 0, int.MaxValue) : otherwise;
}
