namespace PresetPlanner.Results;

/// <summary>Bytes each GPU sends per training step for each parallel dimension, and the link of each group.</summary>
/// <param name="TensorParallel">TP all-reduces (or SP all-gather/reduce-scatter pairs), and the expert-TP gathers of routed tokens.</param>
/// <param name="PipelineParallel">PP point-to-point activations and gradients.</param>
/// <param name="DataParallel">Dense gradient all-reduce, or ZeRO reduce-scatter and all-gathers, over the DP x CP group.</param>
/// <param name="ContextParallel">Ring exchange of K and V (and their gradients).</param>
/// <param name="ExpertParallel">MoE all-to-all dispatch and combine.</param>
/// <param name="ExpertDataParallel">Routed-expert gradient reduction (and ZeRO gathers) over the expert data-parallel group.</param>
/// <param name="Links">The link of each group and the share of its bytes on the scale-out network.</param>
public readonly record struct CommunicationBreakdown(
    double TensorParallel,
    double PipelineParallel,
    double DataParallel,
    double ContextParallel,
    double ExpertParallel,
    double ExpertDataParallel,
    GroupLinks Links)
{
    /// <summary>All bytes sent per step.</summary>
    public double Total => TensorParallel + PipelineParallel + DataParallel + ContextParallel + ExpertParallel + ExpertDataParallel;

    /// <summary>Bytes that cross the scale-out network (hierarchical groups count their share).</summary>
    public double OnScaleOut =>
        (TensorParallel * Links.TensorParallel.ScaleOutShare) + (PipelineParallel * Links.PipelineParallel.ScaleOutShare)
        + (DataParallel * Links.DataParallel.ScaleOutShare) + (ContextParallel * Links.ContextParallel.ScaleOutShare)
        + (ExpertParallel * Links.ExpertParallel.ScaleOutShare) + (ExpertDataParallel * Links.ExpertDataParallel.ScaleOutShare);

    /// <summary>Bytes that stay inside NVLink domains.</summary>
    public double OnScaleUp => Total - OnScaleOut;
}
