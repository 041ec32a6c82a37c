namespace PresetPlanner.Vocabulary;

/// <summary>
/// The layout rules, in the order the rule book checks them (<see cref="Rules.LayoutRules"/>): the first one a layout breaks
/// is the one reported, with its value and its limit. <see cref="Spelling.Of(Constraint)"/> gives each its kebab-case
/// name; <see cref="Rules.LayoutRules.LevelOf"/> the enumeration level that prunes with it.
/// </summary>
public enum Constraint : byte
{
    /// <summary>Valid and fits.</summary>
    None,

    /// <summary>TP larger than the job's share of one NVLink domain while cross-domain TP is not allowed.</summary>
    TensorParallelSpansNodes,

    /// <summary>Query heads not divisible by TP (Megatron-Core: <c>num_attention_heads % tensor_model_parallel_size</c>).</summary>
    HeadsNotDivisible,

    /// <summary>KV heads neither divisible by TP nor dividing it (so they cannot be split or replicated evenly).</summary>
    KvHeadsNotDivisible,

    /// <summary>FFN size not divisible by TP.</summary>
    FfnNotDivisible,

    /// <summary>
    /// A hybrid model's Mamba-2 heads or groups not divisible by TP (Megatron-Core <c>MambaMixer</c> splits both by TP:
    /// <c>nheads % tp == 0</c>, <c>ngroups % tp == 0</c>).
    /// </summary>
    MambaHeadsNotDivisible,

    /// <summary>The degrees do not multiply to the GPU count (t x p x c must divide it; t x p x c x d must equal it).</summary>
    GpuCount,

    /// <summary>More pipeline stages than layers.</summary>
    PipelineExceedsLayers,

    /// <summary>
    /// More BF16 layers at one end of a low-precision recipe than a pipeline stage's even share of the layers
    /// (Megatron-Core's <c>TransformerConfig.__post_init__</c>: <c>num_layers_at_start_in_bf16</c> and
    /// <c>num_layers_at_end_in_bf16</c> must lie between 0 and <c>num_layers // pipeline_model_parallel_size</c>).
    /// </summary>
    Bf16LayersExceedStage,

    /// <summary>Sequence length not divisible by 2 x CP (the load-balanced causal ring of Megatron-Core).</summary>
    SequenceNotDivisible,

    /// <summary>
    /// CP on a model with Mamba-2 layers: the planner does not model how their scan is split over the sequence
    /// (Megatron-Core exchanges heads for sequence with an all-to-all), so it refuses rather than guess.
    /// </summary>
    ContextParallelWithMamba,

    /// <summary>The HSDP shard group (<see cref="Settings.TrainingSettings.ShardGroupSize"/>) does not divide DP x CP.</summary>
    ShardGroupNotDividing,

    /// <summary>EP or ETP above 1 on a dense model.</summary>
    ExpertParallelOnDenseModel,

    /// <summary>The routed experts' FFN size not divisible by ETP.</summary>
    MoeFfnNotDivisible,

    /// <summary>Experts not divisible by EP.</summary>
    ExpertsNotDivisible,

    /// <summary>
    /// EP x ETP does not divide t x c x d: Megatron-Core's MoE parallel folding lays the expert groups over the TP, CP and
    /// DP ranks of a pipeline stage.
    /// </summary>
    ExpertParallelNotDividingData,

    /// <summary>Virtual stages without pipeline parallelism.</summary>
    InterleavingNeedsPipeline,

    /// <summary>Fewer layers than virtual stages (p x v) for the interleaved schedule.</summary>
    LayersNotDivisible,

    /// <summary>
    /// The uneven-pipeline settings cannot be met by this PP x VP: the end stages leave the middle stages fewer layers than
    /// virtual chunks, or layers with no stage to hold them (Megatron-Core's checks on
    /// <c>--decoder-first/last-pipeline-num-layers</c>).
    /// </summary>
    PipelineSplitInvalid,

    /// <summary>Global batch not divisible by micro-batch x DP.</summary>
    BatchNotDivisible,

    /// <summary>Interleaved 1F1B needs the micro-batch count to be a multiple of p (Megatron-Core's schedule).</summary>
    MicroBatchesNotDivisible,

    /// <summary>Sequence parallelism without TP.</summary>
    SequenceParallelWithoutTensorParallel,

    /// <summary>
    /// TP and EP without sequence parallelism: Megatron-LM refuses it ("When using expert parallelism and tensor
    /// parallelism, sequence parallelism must be used", <c>megatron/training/arguments.py</c>).
    /// </summary>
    SequenceParallelRequiredWithExperts,


    /// <summary>A degree or the micro-batch below 1, a ZeRO stage outside 0-3 or an undefined recomputation mode.</summary>
    OutOfRange,

    /// <summary>Peak memory above the GPU's memory.</summary>
    OutOfMemory,

    /// <summary>
    /// The framework the plan is for (<c>TrainingSettings.Framework</c>) has no interleaved schedule: DeepSpeed's
    /// PipelineEngine runs 1F1B over one chunk per stage (deepspeed/runtime/pipe/schedule.py, TrainSchedule).
    /// </summary>
    FrameworkHasNoInterleaving,

    /// <summary>
    /// The framework has no ring-attention context parallelism: DeepSpeed's sequence parallelism is Ulysses
    /// (<c>sequence_parallel_size</c>), which splits heads, not the sequence's K/V ring the plan costs.
    /// </summary>
    FrameworkHasNoContextParallel,

    /// <summary>
    /// ZeRO-2 or ZeRO-3 with pipeline parallelism: DeepSpeed's PipelineEngine asserts "ZeRO-2 and ZeRO-3 are incompatible
    /// with pipeline parallelism" (deepspeed/runtime/pipe/engine.py).
    /// </summary>
    FrameworkRefusesShardedPipeline,

    /// <summary>
    /// ZeRO-1, optimizer state sharded without the gradients: torchtitan's FSDP2 has no such mode (its shard degree shards
    /// weights, gradients and optimizer state together).
    /// </summary>
    FrameworkHasNoOptimizerOnlySharding,

    /// <summary>
    /// TP without sequence parallelism: torchtitan's tensor parallel plans always shard the norms' sequence
    /// (torchtitan/models/llama3/infra/parallelize.py, SequenceParallel on the norms).
    /// </summary>
    FrameworkRequiresSequenceParallel,

    /// <summary>An expert tensor-parallel degree other than 1 or TP: torchtitan's <c>expert_tensor_parallel_degree</c> takes those two.</summary>
    FrameworkExpertTensorParallel,

    /// <summary>
    /// A virtual-stage count the pipeline schedule does not run: ZB-H1 and DualPipe run one chunk per stage, ZB-V and
    /// DualPipeV exactly two in a V (torch.distributed.pipelining's <c>ScheduleZBVZeroBubble</c> and <c>ScheduleDualPipeV</c>
    /// require two stages per rank).
    /// </summary>
    ScheduleVirtualStages,

    /// <summary>
    /// DualPipe on an odd number of stages: its two directions pair stage i with stage p - 1 - i (DeepSeek-V3 report section
    /// 3.2.1: "the pipeline stages and micro-batches be divisible by 2").
    /// </summary>
    ScheduleOddPipeline,

    /// <summary>
    /// Too few micro-batches, or an odd number, for the schedule: DualPipe an even count of at least twice the stages
    /// (deepseek-ai/DualPipe, dualpipe.py), DualPipeV at least twice the stages (dualpipev.py; PyTorch's ScheduleDualPipeV:
    /// at least its 2p stages), ZB-V at least the stages.
    /// </summary>
    ScheduleMicroBatches,

    /// <summary>
    /// The framework the plan is for does not ship the schedule: Megatron-LM, Megatron-Bridge and DeepSpeed run 1F1B
    /// (interleaved) only; torchtitan runs 1F1B, ZB-V and DualPipeV (torch.distributed.pipelining schedules).
    /// </summary>
    FrameworkHasNoSchedule,
}
