namespace PresetPlanner.Vocabulary;

/// <summary>Which fabric carries a parallel group's traffic.</summary>
public enum LinkKind : byte
{
    /// <summary>No traffic (degree 1).</summary>
    None,

    /// <summary>Every rank of the group is in one scale-up (NVLink) domain.</summary>
    ScaleUp,

    /// <summary>Every rank of the group is in another domain: all traffic crosses the scale-out (InfiniBand/RoCE) network.</summary>
    ScaleOut,

    /// <summary>
    /// The group has several ranks in each of several domains: its collective runs inside each domain on NVLink and
    /// across domains on the network (NCCL's hierarchical algorithms), each carrying its share of the bytes.
    /// </summary>
    Hierarchical,
}
