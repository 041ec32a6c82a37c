namespace PresetPlanner.Presentation.Tables;

/// <summary>The columns of a plan's table, in print order (<see cref="PlanText.Columns"/> holds their headers).</summary>
public enum PlanColumn
{
    /// <summary>The rank in the planner's order.</summary>
    Rank,

    /// <summary>The layout's short name ("TP=8, PP=4, DP=2").</summary>
    Strategy,

    /// <summary>Tensor-parallel degree.</summary>
    Tp,

    /// <summary>Pipeline-parallel degree.</summary>
    Pp,

    /// <summary>Data-parallel degree.</summary>
    Dp,

    /// <summary>Context-parallel degree.</summary>
    Cp,

    /// <summary>Expert-parallel degree.</summary>
    Ep,

    /// <summary>Virtual pipeline stages per GPU.</summary>
    Vp,

    /// <summary>Micro-batch size.</summary>
    MicroBatch,

    /// <summary>ZeRO stage.</summary>
    Zero,

    /// <summary>Recomputation.</summary>
    Recompute,

    /// <summary>Sequence parallelism.</summary>
    SequenceParallel,

    /// <summary>Peak memory per GPU, GB.</summary>
    Memory,

    /// <summary>Communication per GPU per step, GB.</summary>
    Communication,

    /// <summary>Share of the traffic on NVLink.</summary>
    NvlinkShare,

    /// <summary>Pipeline bubble share of the step.</summary>
    Bubble,

    /// <summary>Predicted tokens per second per GPU.</summary>
    TokensPerSecond,

    /// <summary>Model FLOPs utilisation.</summary>
    Mfu,

    /// <summary>Whether it fits (yes, tight, or why not).</summary>
    Fits,
}
