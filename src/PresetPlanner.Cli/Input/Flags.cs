using PresetPlanner.Validation;

namespace PresetPlanner.Cli.Input;

/// <summary>The command-line flag of each field the core validates, so its messages name what the user typed.</summary>
internal static class Flags
{
    private static readonly Dictionary<string, string> s_fields = new(StringComparer.Ordinal)
    {
        ["Model.Layers"] = "--layers",
        ["Model.Hidden"] = "--hidden",
        ["Model.Heads"] = "--heads",
        ["Model.KvHeads"] = "--kv-heads",
        ["Model.HeadDim"] = "--head-dim",
        ["Model.FfnHidden"] = "--ffn",
        ["Model.Vocab"] = "--vocab",
        ["Model.Experts"] = "--experts",
        ["Model.ActiveExperts"] = "--active-experts",
        ["Model.MoeFfnHidden"] = "--moe-ffn",
        ["Model.SharedExperts"] = "--shared-experts",
        ["Model.FirstDenseLayers"] = "--dense-layers",
        ["Model.Activation"] = "--activation",
        ["Cluster.GpuCount"] = "--gpus",
        ["Cluster.GpusPerNode"] = "--gpus-per-node",
        ["Settings.SequenceLength"] = "--seq",
        ["Settings.GlobalBatchSize"] = "--gbs",
        ["Settings.Precision"] = "--precision",
        ["Settings.Gradients"] = "--grad-dtype",
        ["Settings.ExpertCapacityFactor"] = "--capacity-factor",
        ["Settings.Optimizer"] = "--optimizer",
        ["Settings.SelectiveModules"] = "--recompute-modules",
        ["Settings.FullRecomputeLayers"] = "--recompute-num-layers",
        ["Settings.ActivationOffloadLayers"] = "--offload-activations",
        ["Settings.MtpLayers"] = "--mtp-layers",
        ["Settings.OptimizerOffloadFraction"] = "--offload-optimizer",
        ["Settings.Fp8ParamGather"] = "--fp8-param-gather",
        ["Settings.Reshard"] = "--reshard",
        ["Settings.ShardGroupSize"] = "--shard-group",
        ["Settings.FirstStageLayers"] = "--first-stage-layers",
        ["Settings.LastStageLayers"] = "--last-stage-layers",
        ["maxSequence"] = "--max-seq",
        ["step"] = "--step",
        ["maxGpus"] = "--max-gpus",
        ["minGpus"] = "--gpus",
        ["gpusPerNode"] = "--gpus-per-node",
    };

    /// <summary>The flag of a core field ("Model.Layers" -> "--layers"), or the field itself when it has none.</summary>
    public static string Of(string field) => s_fields.TryGetValue(field, out string? flag) ? flag : field;

    /// <summary>The flag of a model spec field ("--layers").</summary>
    public static string Of(SpecField field) => Of("Model." + field);

    /// <summary>A spec problem the core's validator found, as a usage error naming <paramref name="flag"/>.</summary>
    public static UsageException Usage(in SpecProblem problem, string flag) => new(problem.Kind == ProblemKind.OutOfRange
        ? $"{flag} is {problem.Value} but must be {problem.Detail}"
        : $"{problem.Value}; {problem.Detail} ({flag})");

    /// <summary>A core input error as a usage error that names the flag: "--seq is 0 but must be ...".</summary>
    public static UsageException Usage(PlanInputException ex) => new(Of(ex.Field) + " " + ex.Rule);
}
