using PresetPlanner.Vocabulary;

namespace PresetPlanner.Settings;

/// <summary>
/// The per-rank choices every set of degrees admits: ZeRO stage 0-3, recomputation none, selective or full, and sequence
/// parallelism off or on, <see cref="Count"/> in all. The enumerator lists them innermost, the evaluation cache keeps a
/// slot per choice and the brute-force walk crosses them, all from these constants and this encoding.
/// </summary>
internal static class LayoutVariants
{
    /// <summary>ZeRO stages 0-3.</summary>
    public const int ZeroStages = 4;

    /// <summary>None, selective, full (<see cref="RecomputeMode"/>).</summary>
    public const int RecomputeModes = 3;

    /// <summary>Sequence parallelism off, on.</summary>
    public const int SequenceParallelSettings = 2;

    /// <summary>Variants per set of degrees: 4 x 3 x 2.</summary>
    public const int Count = ZeroStages * RecomputeModes * SequenceParallelSettings;

    /// <summary>One variant as a small integer: ZeRO in bits 0-1, recomputation in bits 2-3, SP in bit 4.</summary>
    public static int Encode(int zero, RecomputeMode recompute, bool sequenceParallel) =>
        zero | ((int)recompute << 2) | ((sequenceParallel ? 1 : 0) << 4);

    /// <summary>The ZeRO stage of a variant <paramref name="code"/>.</summary>
    public static int ZeroOf(int code) => code & 3;

    /// <summary>The recomputation of a variant <paramref name="code"/>.</summary>
    public static RecomputeMode RecomputeOf(int code) => (RecomputeMode)((code >> 2) & 3);

    /// <summary>Whether a variant <paramref name="code"/> uses sequence parallelism.</summary>
    public static bool SequenceParallelOf(int code) => (code >> 4) == 1;
}
