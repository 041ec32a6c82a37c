namespace PresetPlanner;

/// <summary>
/// One point of the strategy space: how N GPUs are split (N = TP x PP x DP x CP; EP is carved out of DP x CP as in
/// Megatron-Core) and how each rank trains (micro-batch, ZeRO stage, recomputation, sequence parallelism).
/// </summary>
/// <param name="Tp">Tensor-parallel degree (t).</param>
/// <param name="Pp">Pipeline-parallel degree (p).</param>
/// <param name="Dp">Data-parallel degree (d).</param>
/// <param name="Cp">Context-parallel degree (c).</param>
/// <param name="Ep">Expert-parallel degree (e), a divisor of d x c.</param>
/// <param name="Vp">Virtual pipeline stages per GPU (v, interleaved 1F1B); 1 = plain 1F1B.</param>
/// <param name="MicroBatch">Micro-batch size in sequences (b).</param>
/// <param name="Zero">ZeRO stage 0-3 over the data-parallel group (1 with fp32 gradients = Megatron's distributed optimizer; 3 = FSDP full shard).</param>
/// <param name="Recompute">Activation recomputation.</param>
/// <param name="SequenceParallel">Megatron sequence parallelism (only with TP &gt; 1).</param>
public readonly record struct ParallelLayout(
    int Tp,
    int Pp,
    int Dp,
    int Cp,
    int Ep,
    int Vp,
    int MicroBatch,
    int Zero,
    RecomputeMode Recompute,
    bool SequenceParallel)
{
    /// <summary>GPUs the layout uses: t x p x d x c.</summary>
    public long Gpus => (long)Tp * Pp * Dp * Cp;

    /// <summary>Whether <paramref name="other"/> has the same degrees and micro-batch (it may differ in ZeRO stage, recomputation and SP).</summary>
    public bool HasSameDegrees(in ParallelLayout other) =>
        Tp == other.Tp && Pp == other.Pp && Dp == other.Dp && Cp == other.Cp && Ep == other.Ep && Vp == other.Vp && MicroBatch == other.MicroBatch;

    /// <summary>Micro-batches per step per pipeline: B / (b x d), or 0 when that does not divide.</summary>
    public int MicroBatches(int globalBatch)
    {
        long perStep = (long)MicroBatch * Dp;
        return perStep <= 0 || globalBatch % perStep != 0 ? 0 : (int)(globalBatch / perStep);
    }
}
