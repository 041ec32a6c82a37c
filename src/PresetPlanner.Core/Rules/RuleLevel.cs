namespace PresetPlanner.Rules;

/// <summary>
/// The enumeration level at which a layout rule can be decided: the enumerator walks TP, PP, CP (with DP derived), EP,
/// VP and the micro-batch in this order and prunes a whole subtree at the first level whose rule fails.
/// </summary>
public enum RuleLevel : byte
{
    /// <summary>Decided by TP alone.</summary>
    Tp,

    /// <summary>Decided once PP is known.</summary>
    Pp,

    /// <summary>Decided once CP is known.</summary>
    Cp,

    /// <summary>Decided once DP is known (the enumerator derives it: N / (t p c)).</summary>
    Dp,

    /// <summary>Decided once ETP is known.</summary>
    Etp,

    /// <summary>Decided once EP is known.</summary>
    Ep,

    /// <summary>Decided once VP is known.</summary>
    Vp,

    /// <summary>Decided once the micro-batch is known.</summary>
    MicroBatch,

    /// <summary>Decided by the ZeRO stage, recomputation and sequence parallelism, given the degrees.</summary>
    Variant,

    /// <summary>Decided only by evaluating the layout's memory.</summary>
    Memory,
}
