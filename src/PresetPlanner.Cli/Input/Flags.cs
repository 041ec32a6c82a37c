using PresetPlanner.Validation;

namespace PresetPlanner.Cli.Input;

/// <summary>The command-line flag of each field the core validates, so its messages name what the user typed.</summary>
internal static class Flags
{
    /// <summary>The flag of an input the core names, or its name when no flag sets it.</summary>
    public static string Of(PlanInputException ex) => ex.Input switch
    {
        InputField.Model or InputField.Cluster when ex.Spec is SpecField spec => Of(spec) ?? ex.Field,
        InputField.SearchSpace when ex.Key == "Layouts" => "the search space",
        _ => Of(ex.Input) ?? ex.Field,
    };

    /// <summary>The flag that sets a training setting or an inverse question's argument ("--seq"), or null.</summary>
    public static string? Of(InputField input) => input switch
    {
        InputField.SequenceLength => "--seq",
        InputField.GlobalBatchSize => "--gbs",
        InputField.Precision => "--precision",
        InputField.Gradients => "--grad-dtype",
        InputField.ExpertCapacityFactor => "--capacity-factor",
        InputField.Optimizer => "--optimizer",
        InputField.SelectiveModules => "--recompute-modules",
        InputField.FullRecomputeLayers => "--recompute-num-layers",
        InputField.ActivationOffloadLayers => "--offload-activations",
        InputField.MtpLayers => "--mtp-layers",
        InputField.Bf16FirstLayers => "--bf16-first-layers",
        InputField.Bf16LastLayers => "--bf16-last-layers",
        InputField.OptimizerOffloadFraction => "--offload-optimizer",
        InputField.Fp8ParamGather => "--fp8-param-gather",
        InputField.ActivationFuncFp8InputStore => "--activation-func-fp8-input-store",
        InputField.Reshard => "--reshard",
        InputField.ShardGroupSize => "--shard-group",
        InputField.FirstStageLayers => "--first-stage-layers",
        InputField.LastStageLayers => "--last-stage-layers",
        InputField.MaxSequence => "--max-seq",
        InputField.Step => "--step",
        InputField.MaxGpus => "--max-gpus",
        InputField.MinGpus => "--gpus",
        InputField.GpusPerNode => "--gpus-per-node",
        _ => null,
    };

    /// <summary>The flag that sets a model or cluster figure of a custom model or cluster ("--layers"), or null.</summary>
    public static string? Of(SpecField field) => field switch
    {
        SpecField.Layers => "--layers",
        SpecField.Hidden => "--hidden",
        SpecField.Heads => "--heads",
        SpecField.KvHeads => "--kv-heads",
        SpecField.HeadDim => "--head-dim",
        SpecField.FfnHidden => "--ffn",
        SpecField.Vocab => "--vocab",
        SpecField.Experts => "--experts",
        SpecField.ActiveExperts => "--active-experts",
        SpecField.MoeFfnHidden => "--moe-ffn",
        SpecField.SharedExperts => "--shared-experts",
        SpecField.FirstDenseLayers => "--dense-layers",
        SpecField.Activation => "--activation",
        SpecField.GpuCount => "--gpus",
        SpecField.GpusPerNode => "--gpus-per-node",
        _ => null,
    };

    /// <summary>A spec problem the core's validator found, as a usage error naming <paramref name="flag"/>.</summary>
    public static UsageException Usage(in SpecProblem problem, string flag) => new(problem.Kind == ProblemKind.OutOfRange
        ? $"{flag} is {problem.Value} but must be {problem.Detail}"
        : $"{problem.Value}; {problem.Detail} ({flag})");

    /// <summary>A core input error as a usage error that names the flag: "--seq is 0 but must be ...".</summary>
    public static UsageException Usage(PlanInputException ex) => new(Of(ex) + " " + ex.Rule);
}
