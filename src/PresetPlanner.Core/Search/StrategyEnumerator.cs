using System.Runtime.CompilerServices;
using PresetPlanner.Costing;
using PresetPlanner.Rules;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Search;

/// <summary>
/// Enumerates the valid layouts of a search space without allocating: a depth-first walk over TP, PP, CP (DP derived),
/// ETP, EP, VP with the pipeline schedule, micro-batch, then the ZeRO stages, recomputation modes and sequence-parallel settings, pruning every prefix
/// that is outside the space or breaks a rule of the rule book at its level (<see cref="LayoutRules"/>), so every layout
/// it yields is valid. The first rule that pruned is kept (<see cref="FirstExclusion"/>) to explain an empty space.
/// Get one from <see cref="Planning.PlanningContext.Enumerate"/> and use it with <c>foreach</c>.
/// </summary>
public ref struct StrategyEnumerator
{
    // Levels 0-6 are TP, PP, CP, ETP, EP, VP and the micro-batch; ZeRO, recomputation and SP (the variants) are listed
    // once per set of degrees and walked by index, which is what the hot loop of a search mostly does.
    private const int Levels = 7;
    private const int EtpLevel = 3;
    private const int EpLevel = 4;
    private const int VpLevel = 5;

    // The VP level walks (VP, schedule) pairs: index i is VP value i / Schedules with schedule i % Schedules.
    private const int Schedules = (int)PipelineSchedule.DualPipeV + 1;

    private readonly CostContext _ctx;
    private readonly SearchSpace _space;
    private readonly int _schedules;
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
    private RuleFailure _firstExclusion;
    private bool _done;

    internal StrategyEnumerator(CostContext ctx, in SearchSpace space)
    {
        _ctx = ctx;
        _space = space;
        _schedules = (int)space.SchedulesFor(ctx.Settings.Framework);
        _divisorCount = Divisors.Of(ctx.Cluster.GpuCount, _divisors);
        _level = -1;
    }

    /// <summary>The layout at the current position.</summary>
    public readonly ParallelLayout Current => _current;

    /// <summary>
    /// The first rule that pruned a prefix of the space so far (<see cref="Constraint.None"/> when none did): after an
    /// enumeration that yielded nothing, why.
    /// </summary>
    public readonly RuleFailure FirstExclusion => _firstExclusion;

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

    // TP, PP, CP and EP walk the divisors of the GPU count, or the pinned values (which the rules then judge, so a
    // pinned value that cannot work is reported, not silently skipped). ETP walks 1 and TP on MoE models, 1 on dense.
    private readonly int Count(int level) => level switch
    {
        EtpLevel => !_space.Etp.IsAny ? _space.Etp.Count : SearchFilters.EtpCount(_ctx.Model.IsMoe, _values[0]),
        VpLevel => (_space.Vp.IsAny ? SearchSpace.MaxVirtualStages : _space.Vp.Count) * Schedules,
        Levels - 1 => _space.MicroBatch.IsAny ? SearchSpace.MicroBatchSizes : _space.MicroBatch.Count,
        _ => Pinned(level).IsAny ? _divisorCount : Pinned(level).Count,
    };

    private readonly int Value(int level)
    {
        int i = _index[level];
        return level switch
        {
            EtpLevel => !_space.Etp.IsAny ? _space.Etp[i] : SearchFilters.Etp(i, _values[0]),
            VpLevel => _space.Vp.IsAny ? (i / Schedules) + 1 : _space.Vp[i / Schedules],
            Levels - 1 => _space.MicroBatch.IsAny ? SearchFilters.MicroBatch(i) : _space.MicroBatch[i],
            _ => Pinned(level).IsAny ? _divisors[i] : Pinned(level)[i],
        };
    }

    private readonly ValueSet Pinned(int level) => level switch
    {
        0 => _space.Tp,
        1 => _space.Pp,
        2 => _space.Cp,
        _ => _space.Ep,
    };

    // A prefix is accepted when it lies in the space and breaks no rule of its level (LayoutRules).
    private bool Accept(int level)
    {
        double value;
        double limit;
        Constraint rule = level switch
        {
            0 => _space.Tp.Contains(_values[0]) ? LayoutRules.Tp(_ctx, _values[0], out value, out limit) : Outside(out value, out limit),
            1 => _space.Pp.Contains(_values[1]) ? LayoutRules.Pp(_ctx, _values[0], _values[1], out value, out limit) : Outside(out value, out limit),
            2 => AcceptContext(out value, out limit),
            EtpLevel => LayoutRules.Etp(_ctx, _values[EtpLevel], out value, out limit),
            EpLevel => _space.Ep.Contains(_values[EpLevel])
                ? LayoutRules.Ep(_ctx, _values[0], _values[2], _dp, _values[EtpLevel], _values[EpLevel], out value, out limit)
                : Outside(out value, out limit),
            VpLevel => AcceptVirtualStages(out value, out limit),
            _ => _space.MicroBatch.Contains(_values[Levels - 1])
                ? LayoutRules.MicroBatch(_ctx, _values[Levels - 1], _dp, _values[1], _values[VpLevel], Schedule, out value, out limit)
                : Outside(out value, out limit),
        };

        return rule == Constraint.None || (rule != OutsideSpace && Exclude(rule, value, limit));
    }

    // CP, then DP (what is left): the CP rule, the space's CP and DP, and an unpinned CP's minimum chunk.
    private Constraint AcceptContext(out double value, out double limit)
    {
        int t = _values[0];
        int p = _values[1];
        int c = _values[2];
        if (!_space.Cp.Contains(c))
        {
            return Outside(out value, out limit);
        }

        Constraint rule = LayoutRules.Cp(_ctx, t, p, c, out value, out limit);
        if (rule != Constraint.None)
        {
            return rule;
        }

        _dp = (int)(_ctx.Cluster.GpuCount / ((long)t * p * c));
        bool chunks = !_space.Cp.IsAny || SearchFilters.KeepsLongChunks(_ctx.Settings.SequenceLength, c);
        return _space.Dp.Contains(_dp) && chunks ? LayoutRules.Dp(_ctx, t, p, c, _dp, out value, out limit) : Outside(out value, out limit);
    }

    // An unpinned VP splits the layers evenly; a pinned one may split them unevenly (Megatron-Core). A schedule outside the
    // space is skipped, and without a pipeline only 1F1B is walked (the others would repeat it).
    private Constraint AcceptVirtualStages(out double value, out double limit)
    {
        int p = _values[1];
        int v = _values[VpLevel];
        PipelineSchedule schedule = Schedule;
        bool walked = p > 1 ? (_schedules & (1 << (int)schedule)) != 0 : schedule == PipelineSchedule.OneForwardOneBackward;
        bool even = !_space.Vp.IsAny || SearchFilters.SplitsEvenly(_ctx.Model.Layers, p, v);
        return walked && _space.Vp.Contains(v) && even ? LayoutRules.Vp(_ctx, p, v, schedule, out value, out limit) : Outside(out value, out limit);
    }

    // The schedule of the VP level's current pair.
    private readonly PipelineSchedule Schedule => (PipelineSchedule)(_index[VpLevel] % Schedules);

    // A value outside the search space is skipped, not reported: it is no rule's fault.
    private const Constraint OutsideSpace = (Constraint)byte.MaxValue;

    private static Constraint Outside(out double value, out double limit)
    {
        (value, limit) = (0, 0);
        return OutsideSpace;
    }

    private bool Exclude(Constraint rule, double value, double limit)
    {
        if (_firstExclusion.IsNone)
        {
            _firstExclusion = new RuleFailure(rule, value, limit);
        }

        return false;
    }

    // Lists the ZeRO stages (outermost), recomputation modes and SP settings allowed with the current degrees.
    private int ListVariants()
    {
        int t = _values[0];
        int p = _values[1];
        int e = _values[EpLevel];
        int count = 0;
        for (int zero = 0; zero < LayoutVariants.ZeroStages; zero++)
        {
            for (int r = 0; r < LayoutVariants.RecomputeModes; r++)
            {
                for (int spBit = 0; spBit < LayoutVariants.SequenceParallelSettings; spBit++)
                {
                    bool sp = spBit == 1;
                    if (!_space.AllowsZero(zero) || !_space.AllowsRecompute((RecomputeMode)r) || !_space.AllowsSequenceParallel(sp))
                    {
                        continue;
                    }

                    Constraint rule = LayoutRules.Variant(_ctx, t, p, e, zero, (RecomputeMode)r, sp, out double value, out double limit);
                    if (rule == Constraint.None)
                    {
                        _variants[count++] = LayoutVariants.Encode(zero, (RecomputeMode)r, sp);
                    }
                    else
                    {
                        Exclude(rule, value, limit);
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
        return new ParallelLayout
        {
            Tp = _values[0],
            Pp = _values[1],
            Dp = _dp,
            Cp = _values[2],
            Ep = _values[EpLevel],
            Etp = _values[EtpLevel],
            Vp = _values[VpLevel],
            Schedule = Schedule,
            MicroBatch = _values[Levels - 1],
            Zero = LayoutVariants.ZeroOf(v),
            Recompute = LayoutVariants.RecomputeOf(v),
            SequenceParallel = LayoutVariants.SequenceParallelOf(v),
        };
    }

    [InlineArray(Divisors.Capacity)]
    private struct DivisorBuffer
    {
        private int _element;
    }

    [InlineArray(LayoutVariants.Count)]
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
