using System.Runtime.CompilerServices;

namespace PresetPlanner;

/// <summary>
/// Enumerates the layouts of a search space without allocating: a depth-first walk over TP, PP, CP, EP, VP,
/// micro-batch, ZeRO stage, recomputation and sequence parallelism, pruning every branch whose prefix cannot be a
/// layout (the product of the degrees must divide the GPU count, EP must divide the experts and d x c, ...).
/// Use it with <c>foreach</c>; it is a <c>ref struct</c> over the caller's <see cref="PlanningContext"/>.
/// </summary>
public ref struct StrategyEnumerator
{
    /// <summary>Largest micro-batch tried when the micro-batch is not pinned.</summary>
    public const int MaxMicroBatch = 64;

    /// <summary>Micro-batch sizes tried when the micro-batch is not pinned: 1, 2, 4 ... <see cref="MaxMicroBatch"/>.</summary>
    public const int MicroBatchSizes = 7;

    /// <summary>Most virtual stages tried when VP is not pinned.</summary>
    public const int MaxVirtualStages = 8;

    /// <summary>Shortest per-rank sequence chunk tried for CP when CP is not pinned.</summary>
    public const int MinContextChunk = 1024;

    // Levels 0-5 are the degrees and the micro-batch; ZeRO, recomputation and SP (the variants) are listed once per
    // set of degrees and walked by index, which is what the hot loop of a search mostly does.
    private const int Levels = 6;
    private const int MaxVariants = 4 * 3 * 2;
    private const int MaxDivisors = Divisors.Capacity;

    private readonly ref readonly PlanningContext _ctx;
    private DivisorBuffer _divisors;
    private readonly int _divisorCount;
    private LevelIndex _index;
    private LevelIndex _values;
    private int _level;
    private int _dp;
    private VariantBuffer _variants;
    private int _variantCount;
    private int _variant;
    private ParallelLayout _current;
    private bool _done;

    /// <summary>Starts an enumeration of <paramref name="ctx"/>'s search space.</summary>
    public StrategyEnumerator(ref readonly PlanningContext ctx)
    {
        _ctx = ref ctx;
        _divisorCount = Divisors.Of(ctx.Cluster.GpuCount, _divisors);
        _level = -1;
    }

    /// <summary>The layout at the current position.</summary>
    public readonly ParallelLayout Current => _current;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly StrategyEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next layout of the space.</summary>
    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        if (++_variant < _variantCount)
        {
            _current = Build();
            return true;
        }

        if (_level < 0)
        {
            _level = 0;
            _index[0] = -1;
        }
        else
        {
            _level = Levels - 1;
        }

        while (_level >= 0)
        {
            int i = ++_index[_level];
            if (i >= Count(_level))
            {
                _level--;
                continue;
            }

            // Each level's value is computed once when its index moves; Accept and Build read them.
            _values[_level] = Value(_level);
            if (!Accept(_level))
            {
                continue;
            }

            if (_level == Levels - 1)
            {
                if (ListVariants() == 0)
                {
                    continue;
                }

                _variant = 0;
                _current = Build();
                return true;
            }

            _index[++_level] = -1;
        }

        _done = true;
        return false;
    }

    /// <summary>
    /// Whether the enumeration of <paramref name="ctx"/>'s space yields <paramref name="layout"/>: its values lie in the
    /// space's domains and it passes the structural filter the enumerator applies to each prefix (the degrees multiply
    /// to the GPU count, EP divides the experts and d x c, the micro-batches divide the batch, ...). A test checks that
    /// filtering the full cross product with this gives exactly the enumerated sequence.
    /// </summary>
    public static bool Admits(in PlanningContext ctx, in ParallelLayout layout) => SpaceFilter.Admits(ctx, layout);

    /// <summary>Counts the layouts of the space (walks it once).</summary>
    public static int CountAll(ref readonly PlanningContext ctx)
    {
        int count = 0;
        foreach (ParallelLayout _ in new StrategyEnumerator(in ctx))
        {
            count++;
        }

        return count;
    }

    private readonly int Count(int level) => level switch
    {
        <= 3 => _divisorCount,
        4 => _ctx.Space.Vp.IsAny ? MaxVirtualStages : _ctx.Space.Vp.Count,
        _ => _ctx.Space.MicroBatch.IsAny ? MicroBatchSizes : _ctx.Space.MicroBatch.Count,
    };

    private readonly int Value(int level)
    {
        int i = _index[level];
        ref readonly SearchSpace space = ref _ctx.Space;
        return level switch
        {
            <= 3 => _divisors[i],
            4 => space.Vp.IsAny ? i + 1 : space.Vp[i],
            _ => space.MicroBatch.IsAny ? 1 << i : space.MicroBatch[i],
        };
    }

    private bool Accept(int level)
    {
        ref readonly PlanningContext ctx = ref _ctx;
        int t = _values[0];
        switch (level)
        {
            case 0:
                return SpaceFilter.Tp(ctx, t);
            case 1:
                return SpaceFilter.Pp(ctx, t, _values[1]);
            case 2:
                if (!SpaceFilter.Context(ctx, t, _values[1], _values[2]))
                {
                    return false;
                }

                _dp = ctx.Cluster.GpuCount / (t * _values[1] * _values[2]);
                return true;
            case 3:
                return SpaceFilter.Ep(ctx, t, _values[1], _values[3]);
            case 4:
                return SpaceFilter.Vp(ctx, _values[1], _values[4]);
            default:
                return SpaceFilter.MicroBatch(ctx, _values[5], _dp, _values[1], _values[4]);
        }
    }

    // Lists the ZeRO stages (outermost), recomputation modes and SP settings allowed with the current degrees.
    private int ListVariants()
    {
        ref readonly SearchSpace space = ref _ctx.Space;
        int t = _values[0];
        int p = _values[1];
        int e = _values[3];
        int count = 0;
        for (int zero = 0; zero < 4; zero++)
        {
            for (int r = 0; r < 3; r++)
            {
                for (int spBit = 0; spBit < 2; spBit++)
                {
                    if (SpaceFilter.Variant(space, t, p, e, zero, (RecomputeMode)r, spBit == 1))
                    {
                        _variants[count++] = zero | (r << 2) | (spBit << 4);
                    }
                }
            }
        }

        _variantCount = count;
        return count;
    }

    private readonly ParallelLayout Build()
    {
        int v = _variants[_variant];
        return new ParallelLayout(_values[0], _values[1], _dp, _values[2], _values[3], _values[4], _values[5], v & 3, (RecomputeMode)((v >> 2) & 3), (v >> 4) == 1);
    }

    [InlineArray(MaxDivisors)]
    private struct DivisorBuffer
    {
        private int _element;
    }

    [InlineArray(MaxVariants)]
    private struct VariantBuffer
    {
        private int _element;
    }

    [InlineArray(Levels)]
    private struct LevelIndex
    {
        private int _element;
    }
}
