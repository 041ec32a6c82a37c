namespace PresetPlanner.Validation;

/// <summary>
/// Which input a <see cref="PlanInputException"/> is about: a figure of the model, the cluster or its GPU (with the
/// <see cref="SpecField"/>), a training setting, an efficiency, the search space, an argument of the inverse questions,
/// or a field of an imported file. Front ends map these to their own names (a flag, a form field) without parsing text.
/// </summary>
public enum InputField
{
    /// <summary>A figure of the model (<see cref="PlanInputException.Spec"/> says which).</summary>
    Model,

    /// <summary>A figure of the cluster or of its GPU (<see cref="PlanInputException.Spec"/> says which).</summary>
    Cluster,

    /// <summary><c>TrainingSettings.SequenceLength</c>.</summary>
    SequenceLength,

    /// <summary><c>TrainingSettings.GlobalBatchSize</c>.</summary>
    GlobalBatchSize,

    /// <summary><c>TrainingSettings.Precision</c>.</summary>
    Precision,

    /// <summary><c>TrainingSettings.Gradients</c>.</summary>
    Gradients,

    /// <summary><c>TrainingSettings.Optimizer</c>.</summary>
    Optimizer,

    /// <summary><c>TrainingSettings.ReserveBytes</c>.</summary>
    ReserveBytes,

    /// <summary><c>TrainingSettings.Fragmentation</c>.</summary>
    Fragmentation,

    /// <summary><c>TrainingSettings.ExpertCapacityFactor</c>.</summary>
    ExpertCapacityFactor,

    /// <summary><c>TrainingSettings.OptimizerOffloadFraction</c>.</summary>
    OptimizerOffloadFraction,

    /// <summary><c>TrainingSettings.Reshard</c>.</summary>
    Reshard,

    /// <summary><c>TrainingSettings.CudaGraphs</c>.</summary>
    CudaGraphs,

    /// <summary><c>TrainingSettings.Dispatcher</c>.</summary>
    Dispatcher,

    /// <summary><c>TrainingSettings.SelectiveModules</c>.</summary>
    SelectiveModules,

    /// <summary><c>TrainingSettings.ShardGroupSize</c>.</summary>
    ShardGroupSize,

    /// <summary><c>TrainingSettings.Fp8ParamGather</c>.</summary>
    Fp8ParamGather,

    /// <summary><c>TrainingSettings.FullRecomputeLayers</c>.</summary>
    FullRecomputeLayers,

    /// <summary><c>TrainingSettings.ActivationOffloadLayers</c>.</summary>
    ActivationOffloadLayers,

    /// <summary><c>TrainingSettings.MtpLayers</c>.</summary>
    MtpLayers,

    /// <summary><c>TrainingSettings.Bf16FirstLayers</c>.</summary>
    Bf16FirstLayers,

    /// <summary><c>TrainingSettings.Bf16LastLayers</c>.</summary>
    Bf16LastLayers,

    /// <summary><c>TrainingSettings.FirstStageLayers</c>.</summary>
    FirstStageLayers,

    /// <summary><c>TrainingSettings.LastStageLayers</c>.</summary>
    LastStageLayers,

    /// <summary>An efficiency of the time model (<see cref="PlanInputException.Key"/> names it).</summary>
    Efficiency,

    /// <summary>A set of the search space (<see cref="PlanInputException.Key"/> names it).</summary>
    SearchSpace,

    /// <summary>The cores a plan may use.</summary>
    Parallelism,

    /// <summary>GPUs per node of the clusters an inverse question builds.</summary>
    GpusPerNode,

    /// <summary>The smallest cluster an inverse question tries.</summary>
    MinGpus,

    /// <summary>The largest cluster an inverse question tries.</summary>
    MaxGpus,

    /// <summary>The longest sequence a longest-sequence search tries.</summary>
    MaxSequence,

    /// <summary>The step of a longest-sequence search.</summary>
    Step,

    /// <summary>A preset file read at run time (its located diagnostic is the rule).</summary>
    Preset,

    /// <summary>A field of an imported configuration file (<see cref="PlanInputException.Key"/> names it; empty for the whole file).</summary>
    Config,

    /// <summary><c>TrainingSettings.Framework</c>.</summary>
    Framework,

    /// <summary><c>TrainingSettings.ActivationFuncFp8InputStore</c>.</summary>
    ActivationFuncFp8InputStore,
}
