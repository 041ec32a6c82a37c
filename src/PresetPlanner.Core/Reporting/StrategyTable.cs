namespace PresetPlanner;

/// <summary>
/// A plan: every valid layout of a search space in rank order (fitting layouts by predicted tokens/s per GPU first,
/// then those out of memory by how far), the recommendation and its reasons, with the context it was planned in.
/// <see cref="ToString()"/> prints the table a person reads. Made by <see cref="PlanningContext.Plan(in SearchSpace)"/>.
/// </summary>
public sealed partial class StrategyTable
{
    private readonly StrategyResult[] _rows;

    private StrategyTable(PlanningContext context, in SearchSpace space, StrategyResult[] rankedRows, RuleFailure exclusion)
    {
        Context = context;
        Space = space;
        _rows = rankedRows;
        FeasibleCount = rankedRows.Count(r => r.Fits);
        FirstExclusion = exclusion;
        Reasons = TryGetRecommended(out StrategyResult recommended) ? Recommendation.Reasons(this, recommended) : [];
    }

    internal static StrategyTable Create(PlanningContext ctx, in SearchSpace space, int parallelism)
    {
        var walk = new StrategyEnumerator(ctx, space);
        int count = 0;
        while (walk.MoveNext())
        {
            count++;
        }

        // Every slot is written before it is read: no need to zero a multi-megabyte array.
        StrategyResult[] rows = GC.AllocateUninitializedArray<StrategyResult>(count);
        int written = StrategyPlanner.PlanParallel(ctx, space, rows, parallelism);
        return new StrategyTable(ctx, space, written == rows.Length ? rows : rows[..written], walk.FirstExclusion);
    }

    /// <summary>The model, cluster and settings planned.</summary>
    public PlanningContext Context { get; }

    /// <summary>The search space planned.</summary>
    public SearchSpace Space { get; }

    /// <summary>Every valid layout of the space, best first.</summary>
    public ReadOnlySpan<StrategyResult> Rows => _rows;

    /// <summary>Why the rules excluded part of the space: the first rule that pruned (none when nothing was pruned); when the table is empty, why it is.</summary>
    public RuleFailure FirstExclusion { get; }

    /// <summary>Why the recommendation wins, each reason citing its deciding figure; empty when nothing fits.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>
    /// Size of the full cross product of TP, PP, CP and EP over the GPU count's divisors, VP, micro-batch, ZeRO,
    /// recomputation and SP that the enumerator's rule-book pruning reduces to <see cref="Rows"/>.
    /// </summary>
    public long Candidates => CandidateSpace.Count(Context.Cluster.GpuCount);

    /// <summary>Number of layouts that fit.</summary>
    public int FeasibleCount { get; }

    /// <summary>Number of layouts that run out of memory.</summary>
    public int OutOfMemoryCount => _rows.Length - FeasibleCount;

    /// <summary>
    /// The best layout that fits, or, when it fits only within the memory model's uncertainty
    /// (<see cref="StrategyResult.Tight"/>), the fastest one with margin if it is a near-tie; false when none fits.
    /// </summary>
    public bool TryGetRecommended(out StrategyResult best)
    {
        // Rows are ranked fitting first, so the head fits or nothing does (a default row would read as fitting).
        if (_rows.Length == 0 || !_rows[0].Fits)
        {
            best = default;
            return false;
        }

        best = _rows[0];

        // A layout that fits only within the memory model's uncertainty gives way to the fastest one with margin when
        // that one is a near-tie (within NearTie of the fastest).
        if (best.Tight)
        {
            foreach (StrategyResult row in _rows)
            {
                if (!row.Fits || row.Time.TokensPerSecondPerGpu < best.Time.TokensPerSecondPerGpu * (1 - NearTie))
                {
                    break;
                }

                if (!row.Tight)
                {
                    best = row;
                    break;
                }
            }
        }

        return true;
    }

    /// <summary>Throughputs within this fraction of each other are reported as ties (the time model's median error is about 5%).</summary>
    public const double NearTie = 0.05;

    /// <summary>The layouts no other fitting layout beats on both throughput and memory per GPU, by increasing memory.</summary>
    public StrategyResult[] ParetoFront() => PresetPlanner.ParetoFront.Of(_rows);
}
