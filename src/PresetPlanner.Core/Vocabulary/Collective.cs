namespace PresetPlanner.Vocabulary;

/// <summary>The communication pattern of a group, which decides how its bytes split between the links.</summary>
internal enum Collective : byte
{
    /// <summary>Ring all-reduce, reduce-scatter or all-gather.</summary>
    Ring,

    /// <summary>All-to-all (MoE dispatch and combine).</summary>
    AllToAll,

    /// <summary>Point-to-point sends: pipeline stages, the context-parallel ring.</summary>
    PointToPoint,
}
