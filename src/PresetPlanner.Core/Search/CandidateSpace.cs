using PresetPlanner.Costing;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Search;

/// <summary>
/// The full cross product of a search: TP, PP, CP and EP over every divisor of the GPU count, ETP 1 or TP, VP 1 to
/// <see cref="SearchSpace.MaxVirtualStages"/>, the five pipeline schedules, micro-batches 1 to <see cref="SearchSpace.MaxMicroBatch"/>
/// (powers of two), ZeRO 0-3, three recomputation modes and SP on or off, with DP = N / (t p c); the space a
/// brute-force tool such as Calculon walks. <see cref="TryFindBest"/> walks all of it, checking each candidate with
/// <see cref="SpaceAdmission.Admits"/> and evaluating those admitted, in the enumerator's order; it is the reference
/// the enumerator's pruning is tested against, and the benchmark of a multi-million-candidate search.
/// </summary>
internal static class CandidateSpace
{
    /// <summary>
    /// Largest product <see cref="TryFindBest"/> walks (about 7 s at the 6.7 ns per candidate of docs/performance.md).
    /// The product grows as the fourth power of the GPU count's divisors: 68 million for 16,384 GPUs, 4e12 for 720,720.
    /// </summary>
    public const long MaxCandidates = 1_000_000_000;

    // The pipeline schedules (PipelineSchedule's values).
    private const int Schedules = (int)PipelineSchedule.DualPipeV + 1;

    /// <summary>Candidates in the cross product for <paramref name="gpus"/> GPUs.</summary>
    public static long Count(int gpus)
    {
        Span<int> divisors = stackalloc int[Divisors.Capacity];
        long k = Divisors.Of(gpus, divisors);

        // ETP takes 1 and TP: two values for every TP but 1.
        return ((2 * k) - 1) * k * k * k * SearchSpace.MaxVirtualStages * Schedules * SearchSpace.MicroBatchSizes * LayoutVariants.Count;
    }

    /// <summary>
    /// Brute force: the best fitting layout among every candidate of the product that <paramref name="space"/> admits.
    /// Statistics count candidates as enumerated and admitted candidates as evaluated.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The product exceeds <see cref="MaxCandidates"/> (use <see cref="StrategySearch"/>, which walks only the admitted layouts).</exception>
    public static bool TryFindBest(CostContext ctx, in SearchSpace space, out SearchResult result)
    {
        long candidates = Count(ctx.Cluster.GpuCount);
        if (candidates > MaxCandidates)
        {
            throw new ArgumentOutOfRangeException(nameof(ctx), candidates, $"the cross product of {ctx.Cluster.GpuCount} GPUs has {candidates:N0} candidates, more than {MaxCandidates:N0}; StrategySearch finds the same best layout walking only the admitted ones");
        }

        var visitor = new BestVisitor();
        candidates = Walk(ctx, space, ref visitor);
        result = new SearchResult(visitor.Best.Result, new SearchStatistics(candidates, visitor.Best.Evaluated, visitor.Best.Feasible, default));
        return visitor.Best.Found;
    }

    /// <summary>Visits every candidate in the enumerator's order (TP outermost, SP innermost); returns how many.</summary>
    internal static long Walk<TVisitor>(CostContext ctx, in SearchSpace space, ref TVisitor visitor)
        where TVisitor : struct, ICandidateVisitor
    {
        Span<int> divisors = stackalloc int[Divisors.Capacity];
        divisors = divisors[..Divisors.Of(ctx.Cluster.GpuCount, divisors)];
        int n = ctx.Cluster.GpuCount;
        long count = 0;
        foreach (int t in divisors)
        {
            foreach (int p in divisors)
            {
                foreach (int c in divisors)
                {
                    // ETP takes 1, then TP (whether or not the model has experts: the rules judge the rest).
                    for (int i = 0; i < SearchFilters.EtpCount(moe: true, t); i++)
                    {
                        int etp = SearchFilters.Etp(i, t);
                        foreach (int e in divisors)
                        {
                            var degrees = new ParallelLayout { Tp = t, Pp = p, Dp = (int)(n / ((long)t * p * c)), Cp = c, Ep = e, Etp = etp };
                            count += WalkRanks(ctx, space, degrees, ref visitor);
                        }
                    }
                }
            }
        }

        return count;
    }

    // VP and schedule, then the rest, of one set of degrees.
    private static long WalkRanks<TVisitor>(CostContext ctx, in SearchSpace space, in ParallelLayout degrees, ref TVisitor visitor)
        where TVisitor : struct, ICandidateVisitor
    {
        long count = 0;
        for (int v = 1; v <= SearchSpace.MaxVirtualStages; v++)
        {
            for (int schedule = 0; schedule < Schedules; schedule++)
            {
                count += WalkVariants(ctx, space, degrees with { Vp = v, Schedule = (PipelineSchedule)schedule }, ref visitor);
            }
        }

        return count;
    }

    // Micro-batch, ZeRO, recomputation and SP of one set of degrees, VP and schedule.
    private static long WalkVariants<TVisitor>(CostContext ctx, in SearchSpace space, in ParallelLayout degrees, ref TVisitor visitor)
        where TVisitor : struct, ICandidateVisitor
    {
        long count = 0;
        for (int i = 0; i < SearchSpace.MicroBatchSizes; i++)
        {
            int b = SearchFilters.MicroBatch(i);
            for (int zero = 0; zero < LayoutVariants.ZeroStages; zero++)
            {
                for (int r = 0; r < LayoutVariants.RecomputeModes; r++)
                {
                    for (int sp = 0; sp < LayoutVariants.SequenceParallelSettings; sp++)
                    {
                        var layout = degrees with { MicroBatch = b, Zero = zero, Recompute = (RecomputeMode)r, SequenceParallel = sp == 1 };
                        visitor.Visit(ctx, layout, SpaceAdmission.Admits(ctx, space, layout));
                        count++;
                    }
                }
            }
        }

        return count;
    }

    private struct BestVisitor : ICandidateVisitor
    {
        public BestSoFar Best;
        private EvaluationCache _cache;

        public void Visit(CostContext ctx, in ParallelLayout layout, bool admitted)
        {
            if (admitted)
            {
                Best.Consider(ctx, layout, ref _cache);
            }
        }
    }
}

/// <summary>Receives the candidates of <see cref="CandidateSpace"/>'s walk.</summary>
internal interface ICandidateVisitor
{
    /// <summary>One candidate, and whether the search space admits it.</summary>
    void Visit(CostContext ctx, in ParallelLayout layout, bool admitted);
}
