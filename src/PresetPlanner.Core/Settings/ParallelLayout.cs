using PresetPlanner.Vocabulary;

namespace PresetPlanner.Settings;

/// <summary>
/// One point of the strategy space: how N GPUs are split (N = TP x PP x DP x CP; the expert layers refold the TP x CP x DP
/// ranks of a stage as ETP x EP x expert-DP, Megatron-Core's MoE parallel folding) and how each rank trains (micro-batch, ZeRO stage, recomputation, sequence parallelism). Members are
/// named: <c>new ParallelLayout { Tp = 8, Pp = 4, Dp = 2 }</c>; every degree and the micro-batch default to 1, the ZeRO
/// stage to 1 (Megatron's distributed optimizer), recomputation to none and sequence parallelism to off.
/// </summary>
public readonly record struct ParallelLayout
{
    /// <summary>A layout of one GPU, with the defaults above.</summary>
    public ParallelLayout()
    {
    }

    /// <summary>Tensor-parallel degree (t).</summary>
    public int Tp { get; init; } = 1;

    /// <summary>Pipeline-parallel degree (p).</summary>
    public int Pp { get; init; } = 1;

    /// <summary>Data-parallel degree (d).</summary>
    public int Dp { get; init; } = 1;

    /// <summary>Context-parallel degree (c).</summary>
    public int Cp { get; init; } = 1;

    /// <summary>Expert-parallel degree (e): e x ETP divides t x c x d.</summary>
    public int Ep { get; init; } = 1;

    /// <summary>Expert tensor-parallel degree: each routed expert split over this many GPUs (Megatron-Core <c>--expert-tensor-parallel-size</c>).</summary>
    public int Etp { get; init; } = 1;

    /// <summary>Virtual pipeline stages per GPU (v, interleaved 1F1B); 1 = plain 1F1B.</summary>
    public int Vp { get; init; } = 1;

    /// <summary>
    /// The pipeline schedule (default 1F1B, interleaved when VP &gt; 1): its bubble, the activations and parameters a stage
    /// holds, and for DualPipe and DualPipeV the MoE all-to-all overlapped with the paired chunk's compute (docs/model.md,
    /// "Pipeline schedules"). Without a pipeline (PP = 1) it changes nothing.
    /// </summary>
    public PipelineSchedule Schedule { get; init; }

    /// <summary>Micro-batch size in sequences (b).</summary>
    public int MicroBatch { get; init; } = 1;

    /// <summary>ZeRO stage 0-3 over the data-parallel group (1 with fp32 gradients = Megatron's distributed optimizer; 3 = FSDP full shard).</summary>
    public int Zero { get; init; } = 1;

    /// <summary>Activation recomputation.</summary>
    public RecomputeMode Recompute { get; init; }

    /// <summary>Megatron sequence parallelism (only with TP &gt; 1).</summary>
    public bool SequenceParallel { get; init; }

    /// <summary>GPUs the layout uses: t x p x d x c.</summary>
    public long Gpus => (long)Tp * Pp * Dp * Cp;

    /// <summary>
    /// Transformer layers on the most loaded GPU of an even pipeline split of <paramref name="layers"/>: ceil(L/p), or v
    /// chunks of ceil(L/(p v)) with interleaving.
    /// </summary>
    public int MostLoadedStageLayers(int layers) => MostLoadedStageLayers(layers, Pp, Vp);

    /// <summary><see cref="MostLoadedStageLayers(int)"/> for <paramref name="p"/> stages of <paramref name="v"/> chunks.</summary>
    internal static int MostLoadedStageLayers(int layers, int p, int v) => v > 1 ? CeilDiv(layers, p * v) * v : CeilDiv(layers, p);

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;

    /// <summary>Whether <paramref name="other"/> has the same degrees, schedule and micro-batch (it may differ in ZeRO stage, recomputation and SP).</summary>
    public bool HasSameDegrees(in ParallelLayout other) =>
        Tp == other.Tp && Pp == other.Pp && Dp == other.Dp && Cp == other.Cp && Ep == other.Ep && Etp == other.Etp && Vp == other.Vp && MicroBatch == other.MicroBatch && Schedule == other.Schedule;

    /// <summary>The schedule that runs: <see cref="Schedule"/> with a pipeline, 1F1B without one.</summary>
    public PipelineSchedule EffectiveSchedule => Pp > 1 ? Schedule : PipelineSchedule.OneForwardOneBackward;

    /// <summary>
    /// Pipeline stages one GPU holds: 2 under DualPipe (GPU i holds stage i and stage p - 1 - i, DeepSeek-V3 report section
    /// 3.2.1), else 1 (the V schedules' two chunks are halves of one stage's share).
    /// </summary>
    public int StagesPerGpu => EffectiveSchedule == PipelineSchedule.DualPipe ? 2 : 1;

    /// <summary>Micro-batches per step per pipeline: B / (b x d), or 0 when that does not divide.</summary>
    public int MicroBatches(int globalBatch)
    {
        long perStep = (long)MicroBatch * Dp;
        return perStep <= 0 || globalBatch % perStep != 0 ? 0 : (int)(globalBatch / perStep);
    }
}
