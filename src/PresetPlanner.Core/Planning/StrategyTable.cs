using System.Buffers;
using System.Globalization;
using PresetPlanner.Costing;
using PresetPlanner.Results;
using PresetPlanner.Rules;
using PresetPlanner.Search;
using PresetPlanner.Settings;
using PresetPlanner.Validation;

namespace PresetPlanner.Planning;

/// <summary>
/// A plan: every valid layout of a search space in rank order (fitting layouts by predicted tokens/s per GPU first,
/// then those out of memory by how far), the recommendation and its reasons as data, with the context it was planned in.
/// Made by <see cref="PlanningContext.Plan(in SearchSpace)"/>; the presentation (PresetPlanner.Presentation) prints it.
/// </summary>
public sealed class StrategyTable
{
    private readonly StrategyResult[] _rows;

    private StrategyTable(PlanningContext context, in SearchSpace space, StrategyResult[] rankedRows, RuleFailure exclusion, int layoutCount, int feasibleCount, long evaluations)
    {
        Evaluations = evaluations;
        Context = context;
        Space = space;
        _rows = rankedRows;
        LayoutCount = layoutCount;
        FeasibleCount = feasibleCount;
        FirstExclusion = exclusion;
        CrossDomainTpLeftOut = LayoutRules.FirstCrossDomainTp(context.Costing, space.Tp);
        FrameworkLeftOut = context.Settings.Framework is null ? 0 : LeftOutByFramework(context, space, layoutCount);
        Reasons = TryGetRecommended(out StrategyResult recommended) ? RecommendationReasons.Of(this, recommended) : [];
        RecommendedIndex = Reasons.Count > 0 ? IndexOf(recommended.Layout) : -1;
    }

    /// <summary>
    /// The recommendation's index in <see cref="Rows"/> (0 for the fastest; further down when a near-tie with margin or
    /// without short CP chunks replaced it); -1 when nothing fits. A table shows and marks this row however few it prints.
    /// </summary>
    public int RecommendedIndex { get; }

    private int IndexOf(in ParallelLayout layout)
    {
        for (int i = 0; i < _rows.Length; i++)
        {
            if (_rows[i].Layout == layout)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Most rows a table holds (about 310 MB of results): a larger space is planned whole, in bounded memory, and the
    /// table keeps its best <see cref="MaxRows"/> layouts (<see cref="LayoutCount"/> and the counts cover all of them).
    /// </summary>
    public const int MaxRows = 1_000_000;

    /// <summary>
    /// Most layouts a plan evaluates (16 million): a larger space is refused up front, saying how large it is (pin some
    /// degrees, or search for the best layout, which holds none of the rest).
    /// </summary>
    public const long MaxLayouts = 16L * MaxRows;

    internal static StrategyTable Create(PlanningContext ctx, in SearchSpace space, int parallelism) => Create(ctx, space, parallelism, MaxRows);

    // `rowLimit` is MaxRows but for tests, which cross the bound with a smaller one.
    internal static StrategyTable Create(PlanningContext ctx, in SearchSpace space, int parallelism, int rowLimit)
    {
        // One walk of the space: its layouts are kept while they fit in a table, then only counted.
        ParallelLayout[] layouts = ArrayPool<ParallelLayout>.Shared.Rent(1024);
        try
        {
            var walk = new StrategyEnumerator(ctx.Costing, space);
            long count = 0;
            while (count <= MaxLayouts && walk.MoveNext())
            {
                if (count < rowLimit)
                {
                    if (count == layouts.Length)
                    {
                        layouts = Grow(layouts, rowLimit);
                    }

                    layouts[count] = walk.Current;
                }

                count++;
            }

            RuleFailure exclusion = walk.FirstExclusion;
            if (count > MaxLayouts)
            {
                throw TooLarge();
            }

            if (count > rowLimit)
            {
                var best = GC.AllocateUninitializedArray<StrategyResult>(rowLimit);
                int kept = BoundedPlanner.Plan(ctx.Costing, space, (int)count, best, parallelism, out int fits, out long evaluations);
                return new StrategyTable(ctx, space, kept == best.Length ? best : best[..kept], exclusion, (int)count, fits, evaluations);
            }

            // Every slot is written before it is read: no need to zero a multi-megabyte array.
            StrategyResult[] rows = GC.AllocateUninitializedArray<StrategyResult>((int)count);
            int feasible = StrategyPlanner.EvaluateInParallel(ctx.Costing, layouts, rows, rows.Length, parallelism);
            StrategyPlanner.Rank(rows);
            return new StrategyTable(ctx, space, rows, exclusion, rows.Length, feasible, rows.Length);
        }
        finally
        {
            ArrayPool<ParallelLayout>.Shared.Return(layouts);
        }
    }

    // A pooled array twice as long (at most `limit`), holding what `layouts` held; `layouts` goes back to the pool.
    private static ParallelLayout[] Grow(ParallelLayout[] layouts, int limit)
    {
        ParallelLayout[] larger = ArrayPool<ParallelLayout>.Shared.Rent((int)Math.Min(2L * layouts.Length, Math.Max(limit, layouts.Length + 1)));
        layouts.AsSpan().CopyTo(larger);
        ArrayPool<ParallelLayout>.Shared.Return(layouts);
        return larger;
    }

    private static PlanInputException TooLarge()
    {
        return new PlanInputException(InputField.SearchSpace, "Layouts", string.Create(CultureInfo.InvariantCulture,
            $"has more than {MaxLayouts:#,0} valid layouts, the most a plan evaluates; pin some degrees (TP, PP, CP, EP), or search for the best layout (min-gpus, sweep), which holds none of the rest"));
    }

    /// <summary>The model, cluster and settings planned.</summary>
    public PlanningContext Context { get; }

    /// <summary>The search space planned.</summary>
    public SearchSpace Space { get; }

    /// <summary>
    /// The smallest TP degree the plan left out because its groups would span NVLink domains (the rules allow it
    /// otherwise, and <see cref="TrainingSettings.AllowCrossNodeTensorParallel"/> ranks it); 0 when none was.
    /// </summary>
    public int CrossDomainTpLeftOut { get; }

    /// <summary>
    /// How many layouts the rules allow that the framework of <see cref="TrainingSettings.Framework"/> cannot run, and so
    /// the plan left out; 0 without a framework.
    /// </summary>
    public int FrameworkLeftOut { get; }

    // The layouts of the space without the framework's rules, less those with them.
    private static int LeftOutByFramework(PlanningContext context, in SearchSpace space, int kept)
    {
        // The same schedules, stated: without a framework the default would be 1F1B's alone.
        var any = new CostContext(context.Model, context.Cluster, context.Settings with { Framework = null }, context.Efficiency);
        return (int)Math.Min(int.MaxValue, CountUpToLimit(any, space with { Schedules = space.SchedulesFor(context.Settings.Framework) }, out _) - kept);
    }

    // The valid layouts of the space, counted until the count passes MaxLayouts, and the first rule that pruned.
    private static long CountUpToLimit(CostContext ctx, in SearchSpace space, out RuleFailure exclusion)
    {
        var walk = new StrategyEnumerator(ctx, space);
        long count = 0;
        while (count <= MaxLayouts && walk.MoveNext())
        {
            count++;
        }

        exclusion = walk.FirstExclusion;
        return count;
    }

    /// <summary>Every valid layout of the space, best first; the best <see cref="StrategyTable.MaxRows"/> of them when the space held more (<see cref="Truncated"/>).</summary>
    public ReadOnlySpan<StrategyResult> Rows => _rows;

    /// <summary>Why the rules excluded part of the space: the first rule that pruned (none when nothing was pruned); when the table is empty, why it is.</summary>
    public RuleFailure FirstExclusion { get; }

    /// <summary>Why the recommendation wins, each reason with the row it cites; empty when nothing fits.</summary>
    public IReadOnlyList<PlanReason> Reasons { get; }

    /// <summary>
    /// An MoE model's runtimes ranked on the recommended layout (<see cref="MoeRuntimeChoices.RankMoeRuntimes"/>), computed
    /// on first use; empty for a dense model or when nothing fits.
    /// </summary>
    public IReadOnlyList<MoeRuntimeChoice> MoeRuntimes => _moeRuntimes ??= TryGetRecommended(out StrategyResult best) ? Context.RankMoeRuntimes(best.Layout) : [];

    private MoeRuntimeChoice[]? _moeRuntimes;

    /// <summary>
    /// The pipeline schedules ranked on the recommended layout's degrees (<see cref="ScheduleChoices.RankSchedules"/>),
    /// computed on first use; empty without a pipeline or when nothing fits.
    /// </summary>
    public IReadOnlyList<ScheduleChoice> Schedules => _schedules ??= TryGetRecommended(out StrategyResult best) ? Context.RankSchedules(best.Layout) : [];

    private ScheduleChoice[]? _schedules;

    /// <summary>
    /// Size of the full cross product of TP, PP, CP and EP over the GPU count's divisors, VP, micro-batch, ZeRO,
    /// recomputation and SP that the enumerator's rule-book pruning reduces to <see cref="Rows"/>.
    /// </summary>
    public long Candidates => CandidateSpace.Count(Context.Cluster.GpuCount);

    /// <summary>
    /// Number of valid layouts planned: <see cref="Rows"/>' length, or more when the space held more than
    /// <see cref="MaxRows"/> and the table keeps the best of them (<see cref="Truncated"/>).
    /// </summary>
    public int LayoutCount { get; }

    /// <summary>
    /// Evaluations the plan made: <see cref="LayoutCount"/>, and when <see cref="Truncated"/> also the second pass's over
    /// the layouts kept that come after the first <see cref="MaxRows"/> (the first pass keeps only those rows' results,
    /// and every layout's rank key).
    /// </summary>
    public long Evaluations { get; }

    /// <summary>Whether the space held more layouts than the table keeps: <see cref="Rows"/> are the best <see cref="MaxRows"/>.</summary>
    public bool Truncated => LayoutCount > _rows.Length;

    /// <summary>Number of layouts that fit, of all <see cref="LayoutCount"/>.</summary>
    public int FeasibleCount { get; }

    /// <summary>Number of layouts that run out of memory, of all <see cref="LayoutCount"/>.</summary>
    public int OutOfMemoryCount => LayoutCount - FeasibleCount;

    /// <summary>
    /// The best layout that fits, or, when it fits only within the memory model's uncertainty
    /// (<see cref="StrategyResult.Tight"/>), the fastest one with margin if it is a near-tie; and when that one splits
    /// sequences into CP chunks shorter than any published run did (<see cref="ShortestPublishedCpChunk"/>), the fastest
    /// one with margin and without CP if it is a near-tie too. False when none fits.
    /// </summary>
    /// <remarks>
    /// Both rules choose inside the model's accuracy (<see cref="NearTie"/> of the fastest layout) and never give up a
    /// measurable gain. CP gives way because it is the long-sequence dimension (NeMo's context-parallelism guide: "critical
    /// for training long context models"; the published runs of docs/calibration that use it, NVIDIA's recipes, keep
    /// 4,096 tokens or more per rank): on shorter chunks the per-step costs the model prices coarsely (one attention
    /// kernel and one output correction per ring step, the load-balancing reorder) decide, and no run measured them, so
    /// a gain inside the model's accuracy is no reason to add the dimension.
    /// </remarks>
    public bool TryGetRecommended(out StrategyResult best)
    {
        // Rows are ranked fitting first, so the head fits or nothing does (a default row would read as fitting).
        if (_rows.Length == 0 || !_rows[0].Fits)
        {
            best = default;
            return false;
        }

        double tie = NearTieThreshold;
        best = _rows[0].Tight && FirstNearTie(tie, requireNoCp: false) is StrategyResult margin ? margin : _rows[0];
        if (HasShortCpChunks(best.Layout) && FirstNearTie(tie, requireNoCp: true) is StrategyResult withoutCp)
        {
            best = withoutCp;
        }

        return true;
    }

    /// <summary>
    /// The shortest sequence chunk per CP rank of any published run that uses CP (docs/calibration: NVIDIA's recipes,
    /// CP 2 at 8,192 tokens): below it a CP layout gives way to a near-tie without CP (<see cref="TryGetRecommended"/>).
    /// </summary>
    public const int ShortestPublishedCpChunk = 4096;

    /// <summary>The throughput at or above which a fitting layout is a near-tie of the fastest (<see cref="NearTie"/>), tokens/s per GPU; 0 without rows.</summary>
    public double NearTieThreshold => _rows.Length == 0 ? 0 : _rows[0].Time.TokensPerSecondPerGpu * (1 - NearTie);

    /// <summary>Whether <paramref name="layout"/> splits each sequence into CP chunks shorter than <see cref="ShortestPublishedCpChunk"/>.</summary>
    public bool HasShortCpChunks(in ParallelLayout layout) =>
        layout.Cp > 1 && Context.Settings.SequenceLength / layout.Cp < ShortestPublishedCpChunk;

    // The fastest fitting layout with margin (and without CP when asked) at or above the near-tie threshold.
    private StrategyResult? FirstNearTie(double threshold, bool requireNoCp)
    {
        foreach (StrategyResult row in _rows)
        {
            if (!row.Fits || row.Time.TokensPerSecondPerGpu < threshold)
            {
                break;
            }

            if (!row.Tight && (!requireNoCp || row.Layout.Cp == 1))
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>Throughputs within this fraction of each other are reported as ties (the time model's median error is about 5%).</summary>
    public const double NearTie = 0.05;

    /// <summary>The layouts no other fitting layout beats on both throughput and memory per GPU, by increasing memory.</summary>
    public StrategyResult[] ParetoFront() => Search.ParetoFront.Of(_rows);

    /// <summary>"20760 layouts, 4394 fit": the counts (the presentation prints the table, PlanText.ToString).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{LayoutCount} layouts, {FeasibleCount} fit");
}
