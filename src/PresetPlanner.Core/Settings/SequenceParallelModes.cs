namespace PresetPlanner.Settings;

/// <summary>A set of sequence-parallel settings.</summary>
[Flags]
public enum SequenceParallelModes
{
    /// <summary>The empty set (a space with it has no layout).</summary>
    None = 0,

    /// <summary>Without sequence parallelism.</summary>
    Off = 1,

    /// <summary>With sequence parallelism (TP &gt; 1 only).</summary>
    On = 2,

    /// <summary>Both.</summary>
    Both = Off | On,
}
