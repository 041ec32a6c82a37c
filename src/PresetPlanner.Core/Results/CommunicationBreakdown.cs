namespace PresetPlanner;

/// <summary>Bytes each GPU sends per training step for each parallel dimension, and the link that carries them.</summary>
/// <param name="TensorParallel">TP all-reduces (or SP all-gather/reduce-scatter pairs).</param>
/// <param name="PipelineParallel">PP point-to-point activations and gradients.</param>
/// <param name="DataParallel">Gradient all-reduce, or ZeRO reduce-scatter and all-gathers.</param>
/// <param name="ContextParallel">Ring exchange of K and V (and their gradients).</param>
/// <param name="ExpertParallel">MoE all-to-all dispatch and combine.</param>
/// <param name="TpLink">Link of the TP group.</param>
/// <param name="PpLink">Link of the PP group.</param>
/// <param name="DpLink">Link of the DP group.</param>
/// <param name="CpLink">Link of the CP group.</param>
/// <param name="EpLink">Link of the EP group.</param>
public readonly record struct CommunicationBreakdown(
    double TensorParallel,
    double PipelineParallel,
    double DataParallel,
    double ContextParallel,
    double ExpertParallel,
    LinkKind TpLink,
    LinkKind PpLink,
    LinkKind DpLink,
    LinkKind CpLink,
    LinkKind EpLink)
{
    /// <summary>All bytes sent per step.</summary>
    public double Total => TensorParallel + PipelineParallel + DataParallel + ContextParallel + ExpertParallel;

    /// <summary>Bytes that stay inside the scale-up domain.</summary>
    public double OnScaleUp => On(LinkKind.ScaleUp);

    /// <summary>Bytes that cross the scale-out network.</summary>
    public double OnScaleOut => On(LinkKind.ScaleOut);

    private double On(LinkKind link) =>
        (TpLink == link ? TensorParallel : 0) + (PpLink == link ? PipelineParallel : 0) + (DpLink == link ? DataParallel : 0)
        + (CpLink == link ? ContextParallel : 0) + (EpLink == link ? ExpertParallel : 0);
}
