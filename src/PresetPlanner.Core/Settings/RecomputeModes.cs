using PresetPlanner.Vocabulary;

namespace PresetPlanner.Settings;

/// <summary>A set of recomputation modes.</summary>
[Flags]
public enum RecomputeModes
{
    /// <summary>The empty set (a space with it has no layout).</summary>
    None = 0,

    /// <summary><see cref="RecomputeMode.None"/>: no recomputation.</summary>
    Off = 1,

    /// <summary><see cref="RecomputeMode.Selective"/>.</summary>
    Selective = 2,

    /// <summary><see cref="RecomputeMode.Full"/>.</summary>
    Full = 4,

    /// <summary>Every mode.</summary>
    All = Off | Selective | Full,
}
