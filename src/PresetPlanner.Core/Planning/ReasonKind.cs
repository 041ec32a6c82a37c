namespace PresetPlanner.Planning;

/// <summary>
/// What one reason for a recommendation says (<see cref="PlanReason"/>): the engine decides which reasons hold and
/// which row each cites; the presentation words them (docs/model.md, "Recommendation").
/// </summary>
public enum ReasonKind : byte
{
    /// <summary>The tensor-parallel degree and the link its traffic runs on (or that there is no TP).</summary>
    TensorParallel,

    /// <summary>The pipeline: layers per stage, micro-batches and the bubble (only with PP above 1).</summary>
    PipelineParallel,

    /// <summary>The data-parallel degree, its ZeRO stage and its gradient traffic.</summary>
    DataParallel,

    /// <summary>Peak memory per GPU, its parts and the headroom (tight when inside the memory model's uncertainty).</summary>
    Memory,

    /// <summary>
    /// The predicted throughput and MFU; <see cref="PlanReason.Row"/> is the fastest fitting layout with another TP x PP,
    /// to compare with (-1 when there is none).
    /// </summary>
    Throughput,

    /// <summary>
    /// The fastest layout (<see cref="PlanReason.Row"/> 0) fits only within the memory model's uncertainty;
    /// <see cref="PlanReason.Flag"/> when the recommendation is the near-tie with margin that replaced it.
    /// </summary>
    FastestIsTight,

    /// <summary>
    /// A near-tie without CP replaced the layout in <see cref="PlanReason.Row"/>, whose CP chunks are shorter than any
    /// published run's (<see cref="StrategyTable.ShortestPublishedCpChunk"/>); <see cref="PlanReason.Flag"/> when that
    /// layout was the fastest with margin rather than the fastest.
    /// </summary>
    ShortCpChunksGaveWay,

    /// <summary>
    /// The recommendation keeps short CP chunks because every layout without CP that is a near-tie fits only within the
    /// memory model's uncertainty; <see cref="PlanReason.Row"/> is the fastest of them.
    /// </summary>
    ShortCpChunksKeptForMargin,

    /// <summary>
    /// The recommendation keeps short CP chunks because the fastest layout without CP (<see cref="PlanReason.Row"/>) is
    /// not a near-tie of the fastest.
    /// </summary>
    ShortCpChunksKeptForSpeed,

    /// <summary>The recommendation keeps short CP chunks because no layout without CP fits.</summary>
    ShortCpChunksKeptNoOtherFits,

    /// <summary>
    /// An MoE model's runtime (dispatcher, CUDA graphs, all-to-all overlap, drop-and-pad) and how it ranks among the GPU's
    /// runtimes on the recommended layout (<see cref="StrategyTable.MoeRuntimes"/>).
    /// </summary>
    MoeRuntime,

    /// <summary>
    /// The pipeline schedule of a layout with PP &gt; 1 and how the others rank on its degrees (<see cref="StrategyTable.Schedules"/>).
    /// </summary>
    Schedule,
}
