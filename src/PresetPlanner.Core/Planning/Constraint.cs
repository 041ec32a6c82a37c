namespace PresetPlanner;

/// <summary>The first constraint a layout fails; <see cref="None"/> when it is valid and fits.</summary>
public enum Constraint : byte
{
    /// <summary>Valid and fits.</summary>
    None,

    /// <summary>FP8 training asked for on a GPU without FP8 tensor cores.</summary>
    Fp8Unsupported,

    /// <summary>t x p x d x c differs from the GPU count.</summary>
    GpuCount,

    /// <summary>A degree below 1 or a ZeRO stage outside 0-3.</summary>
    OutOfRange,

    /// <summary>TP larger than a node while cross-node TP is not allowed.</summary>
    TensorParallelSpansNodes,

    /// <summary>Query heads not divisible by TP.</summary>
    HeadsNotDivisible,

    /// <summary>KV heads neither divisible by TP nor dividing it (so they cannot be replicated evenly).</summary>
    KvHeadsNotDivisible,

    /// <summary>FFN size not divisible by TP.</summary>
    FfnNotDivisible,

    /// <summary>More pipeline stages than layers.</summary>
    PipelineExceedsLayers,

    /// <summary>Fewer layers than virtual stages (p x v) for the interleaved schedule.</summary>
    LayersNotDivisible,

    /// <summary>Virtual stages without pipeline parallelism.</summary>
    InterleavingNeedsPipeline,

    /// <summary>Interleaved 1F1B needs the micro-batch count to be a multiple of p.</summary>
    MicroBatchesNotDivisible,

    /// <summary>Experts not divisible by EP.</summary>
    ExpertsNotDivisible,

    /// <summary>EP on a dense model.</summary>
    ExpertParallelOnDenseModel,

    /// <summary>EP does not divide d x c.</summary>
    ExpertParallelNotDividingData,

    /// <summary>Sequence length not divisible by 2 x CP (load-balanced causal ring).</summary>
    SequenceNotDivisible,

    /// <summary>Global batch not divisible by micro-batch x DP.</summary>
    BatchNotDivisible,

    /// <summary>ZeRO-2/3 partition gradients per micro-batch and do not combine with pipelining (DeepSpeed).</summary>
    ZeroWithPipeline,

    /// <summary>Sequence parallelism without TP.</summary>
    SequenceParallelWithoutTensorParallel,

    /// <summary>Peak memory above the GPU's memory.</summary>
    OutOfMemory,
}
