namespace PresetPlanner;

/// <summary>
/// Which layouts a plan enumerates. Every dimension defaults to any valid value; pin one with <see cref="ValueSet.Of"/>.
/// </summary>
public readonly record struct SearchSpace
{
    /// <summary>Bit for each ZeRO stage 0-3 allowed (default all).</summary>
    public const int AllZeroStages = 0b1111;

    /// <summary>Bit for each <see cref="RecomputeMode"/> allowed (default all).</summary>
    public const int AllRecomputeModes = 0b111;

    /// <summary>A search over every dimension.</summary>
    public SearchSpace()
    {
    }

    /// <summary>Tensor-parallel degrees.</summary>
    public ValueSet Tp { get; init; }

    /// <summary>Pipeline-parallel degrees.</summary>
    public ValueSet Pp { get; init; }

    /// <summary>Virtual pipeline stages (interleaving).</summary>
    public ValueSet Vp { get; init; }

    /// <summary>Data-parallel degrees (derived from the others; pinning filters).</summary>
    public ValueSet Dp { get; init; }

    /// <summary>Context-parallel degrees.</summary>
    public ValueSet Cp { get; init; }

    /// <summary>Expert-parallel degrees.</summary>
    public ValueSet Ep { get; init; }

    /// <summary>Micro-batch sizes (default powers of two up to <see cref="StrategyEnumerator.MaxMicroBatch"/> that divide the batch).</summary>
    public ValueSet MicroBatch { get; init; }

    /// <summary>Bit mask of ZeRO stages (bit 0 = stage 0 ... bit 3 = stage 3).</summary>
    public int ZeroStages { get; init; } = AllZeroStages;

    /// <summary>Bit mask of recomputation modes (bit 0 = none, 1 = selective, 2 = full).</summary>
    public int RecomputeModes { get; init; } = AllRecomputeModes;

    /// <summary>Sequence parallelism: null searches both, true or false pins it.</summary>
    public bool? SequenceParallel { get; init; }

    /// <summary>Whether ZeRO stage <paramref name="stage"/> is allowed.</summary>
    public bool AllowsZero(int stage) => (ZeroStages & (1 << stage)) != 0;

    /// <summary>Whether <paramref name="mode"/> is allowed.</summary>
    public bool AllowsRecompute(RecomputeMode mode) => (RecomputeModes & (1 << (int)mode)) != 0;

    /// <summary>Whether this sequence-parallel setting is allowed.</summary>
    public bool AllowsSequenceParallel(bool on) => SequenceParallel is null || SequenceParallel == on;
}
