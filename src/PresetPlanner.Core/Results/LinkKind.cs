namespace PresetPlanner;

/// <summary>Which fabric carries a parallel group's traffic.</summary>
public enum LinkKind : byte
{
    /// <summary>No traffic (degree 1).</summary>
    None,

    /// <summary>Every rank of the group is in one scale-up (NVLink) domain.</summary>
    ScaleUp,

    /// <summary>The group spans nodes: traffic crosses the scale-out (InfiniBand/RoCE) network.</summary>
    ScaleOut,
}
