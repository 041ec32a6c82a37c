using PresetPlanner.Costing;
using PresetPlanner.Results;
using PresetPlanner.Rules;
using PresetPlanner.Search;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Planning;

/// <summary>
/// The one way into the planner: a model, a cluster and training settings, checked once by <see cref="Create(in ModelPreset, in ClusterPreset, in TrainingSettings)"/>,
/// with everything the cost model precomputes from them. On it: <see cref="Plan(in SearchSpace)"/> ranks every layout of a
/// search space, <see cref="Evaluate(in ParallelLayout)"/> costs one, <see cref="TryFindBest"/> finds the best that fits,
/// <see cref="Enumerate"/> walks the valid layouts and <see cref="Check"/> says which rule a layout breaks.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. The figures the evaluator reads millions of times are public readonly fields, so reading
/// one never copies a struct.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1051:Do not declare visible instance fields", Justification = "Read in the hot path; a property of struct type would copy.")]
public sealed class PlanningContext
{
    private PlanningContext(in ModelPreset model, in ClusterPreset cluster, in TrainingSettings settings, in EfficiencyModel efficiency)
    {
        Costing = new CostContext(model.Spec, cluster.Spec, settings, efficiency);
        Model = Costing.Model;
        Cluster = Costing.Cluster;
        Gpu = Costing.Gpu;
        Settings = settings;
        Efficiency = efficiency;
        ModelInfo = model.Info;
        ClusterInfo = cluster.Info;
        GpuInfo = cluster.GpuInfo;
        DomainShare = Costing.DomainShare;
        Band = PredictionBand.For(Gpu, Model.IsMoe, settings.Precision);
    }

    /// <summary>The model's shape.</summary>
    public readonly ModelSpec Model;

    /// <summary>The cluster.</summary>
    public readonly ClusterSpec Cluster;

    /// <summary>The cluster's GPU.</summary>
    public readonly GpuSpec Gpu;

    /// <summary>The training settings.</summary>
    public readonly TrainingSettings Settings;

    /// <summary>The time model's efficiencies.</summary>
    public readonly EfficiencyModel Efficiency;

    /// <summary>The model's id, name and source.</summary>
    public readonly PresetInfo ModelInfo;

    /// <summary>The cluster's id, name and source.</summary>
    public readonly PresetInfo ClusterInfo;

    /// <summary>The GPU's id, name and source.</summary>
    public readonly PresetInfo GpuInfo;

    /// <summary>
    /// How far predictions of this kind (the GPU's generation, dense or MoE, the precision's width) have been from the
    /// published figures where nothing was calibrated (<see cref="PredictionBand"/>): every step time and tokens/s of
    /// this plan carries it.
    /// </summary>
    public readonly PredictionBand Band;

    /// <summary>GPUs of this job in each NVLink domain it uses (<see cref="Placement"/>).</summary>
    public readonly int DomainShare;

    /// <summary>The checked inputs and what the cost model precomputes from them: what the engine's layers below are given.</summary>
    internal readonly CostContext Costing;

    /// <summary>The model preset (info and shape).</summary>
    public ModelPreset ModelPreset => new(ModelInfo, Model);

    /// <summary>The cluster preset (infos and figures).</summary>
    public ClusterPreset ClusterPreset => new(ClusterInfo, GpuInfo, Cluster);

    /// <summary>
    /// Checks <paramref name="model"/>, <paramref name="cluster"/> and <paramref name="settings"/> and prepares a plan
    /// with the calibrated efficiencies (overridden where the GPU or cluster states its own).
    /// </summary>
    /// <exception cref="PlanInputException">A figure is out of range or contradicts another; the message names it and the rule.</exception>
    public static PlanningContext Create(in ModelPreset model, in ClusterPreset cluster, in TrainingSettings settings) =>
        Create(model, cluster, settings, EfficiencyModel.For(cluster.Spec));

    /// <summary>
    /// <see cref="Create(in ModelPreset, in ClusterPreset, in TrainingSettings)"/> with explicit efficiencies
    /// (calibration and what-if studies).
    /// </summary>
    /// <exception cref="PlanInputException">A figure is out of range or contradicts another; the message names it and the rule.</exception>
    public static PlanningContext Create(in ModelPreset model, in ClusterPreset cluster, in TrainingSettings settings, in EfficiencyModel efficiency)
    {
        InputValidator.Check(model.Spec, cluster.Spec, settings, efficiency);
        return new PlanningContext(model, cluster, settings, efficiency);
    }

    /// <summary>Ranks every layout of the full search space (see <see cref="Plan(in SearchSpace)"/>).</summary>
    public StrategyTable Plan() => Plan(new SearchSpace());

    /// <summary>
    /// Evaluates every valid layout of <paramref name="space"/> and ranks them: fitting layouts by predicted tokens/s per
    /// GPU, then those out of memory by how far; with the recommendation and its reasons.
    /// </summary>
    /// <exception cref="PlanInputException">The space has an empty set.</exception>
    public StrategyTable Plan(in SearchSpace space) => Plan(space, parallelism: 1);

    /// <summary><see cref="Plan(in SearchSpace)"/> on up to <paramref name="parallelism"/> cores; the rows come out in the same order on any number.</summary>
    /// <exception cref="PlanInputException">The space has an empty set or more than <see cref="StrategyTable.MaxLayouts"/> valid layouts, or <paramref name="parallelism"/> is below 1.</exception>
    public StrategyTable Plan(in SearchSpace space, int parallelism)
    {
        InputValidator.Check(space);
        if (parallelism < 1)
        {
            throw new PlanInputException(InputField.Parallelism, $"is {parallelism} but must be at least 1");
        }

        return StrategyTable.Create(this, space, parallelism);
    }

    /// <summary>
    /// Evaluates the layouts of <paramref name="space"/> into <paramref name="destination"/> (at most its length), ranked
    /// as <see cref="Plan(in SearchSpace)"/> ranks them; returns how many were written. After the first call (which warms
    /// the shared array pool) it allocates nothing.
    /// </summary>
    /// <exception cref="PlanInputException">The space has an empty set.</exception>
    public int Plan(in SearchSpace space, Span<StrategyResult> destination)
    {
        InputValidator.Check(space);
        return StrategyPlanner.Plan(Costing, space, destination);
    }

    /// <summary>
    /// Evaluates the layouts of <paramref name="space"/> into <paramref name="results"/> in the order the search space
    /// enumerates them and ranks them as <see cref="Plan(in SearchSpace)"/> does, without moving a result:
    /// <paramref name="ranking"/>[k] is the index in <paramref name="results"/> of the layout of rank k (0 the best).
    /// Writes at most the shorter length of the two and returns how many; after the first call it allocates nothing.
    /// For a caller that reads the ranking, or only its first rows, it saves the permutation of the whole results into
    /// rank order, a third of the time of <see cref="Plan(in SearchSpace, Span{StrategyResult})"/>.
    /// </summary>
    /// <exception cref="PlanInputException">The space has an empty set.</exception>
    public int Plan(in SearchSpace space, Span<StrategyResult> results, Span<int> ranking)
    {
        InputValidator.Check(space);
        return StrategyPlanner.PlanRanking(Costing, space, results, ranking);
    }

    /// <summary>Number of valid layouts in <paramref name="space"/>: the buffer <see cref="Plan(in SearchSpace, Span{StrategyResult})"/> needs.</summary>
    /// <exception cref="PlanInputException">The space has an empty set.</exception>
    public int Count(in SearchSpace space)
    {
        InputValidator.Check(space);
        return StrategyPlanner.Count(Costing, space);
    }

    /// <summary>
    /// Whether the MoE all-to-all overlap these settings ask for runs in <paramref name="layout"/>: Megatron-Core needs EP
    /// above 1, a virtual pipeline when PP is above 1 and no full recomputation (its TransformerConfig asserts them).
    /// </summary>
    public bool OverlapsExpertCommunication(in ParallelLayout layout) => LayoutRules.OverlapsExpertCommunication(Settings, layout);

    /// <summary>Memory, communication, bubble, time and feasibility of <paramref name="layout"/>; allocates nothing.</summary>
    public StrategyResult Evaluate(in ParallelLayout layout) => StrategyEvaluator.Evaluate(Costing, layout);

    /// <summary>
    /// <see cref="Evaluate(in ParallelLayout)"/>, reusing what <paramref name="cache"/> holds from the previous calls when
    /// only the ZeRO stage, recomputation or sequence parallelism changed; the result is the same.
    /// </summary>
    public StrategyResult Evaluate(in ParallelLayout layout, ref EvaluationCache cache) => StrategyEvaluator.Evaluate(Costing, layout, ref cache);

    /// <summary>The first layout rule <paramref name="layout"/> breaks (memory aside), or none.</summary>
    public RuleFailure Check(in ParallelLayout layout)
    {
        Constraint rule = LayoutRules.Check(Costing, layout, out double value, out double limit);
        return new RuleFailure(rule, value, limit);
    }

    /// <summary>
    /// The best layout of <paramref name="space"/> that fits, found exhaustively with pruning that never drops the optimum
    /// (ties: more headroom, then enumeration order); false when nothing fits. Allocates nothing.
    /// </summary>
    /// <exception cref="PlanInputException">The space has an empty set.</exception>
    public bool TryFindBest(in SearchSpace space, out SearchResult result)
    {
        InputValidator.Check(space);
        return StrategySearch.TryFindBest(Costing, space, prune: true, out result);
    }

    /// <summary>
    /// The layout a plan of <paramref name="space"/> recommends (<see cref="StrategyTable.TryGetRecommended"/>: the
    /// fastest; if it is tight, the fastest with margin within <see cref="StrategyTable.NearTie"/> of it; if that splits
    /// sequences into CP chunks shorter than any published run's, the fastest with margin without CP within the same
    /// near-tie), found by up to three pruned searches instead of ranking the space; false when nothing fits. The sweep,
    /// the minimum-GPU and the maximum-sequence questions answer with it, so they agree with the plan. Allocates nothing.
    /// </summary>
    /// <exception cref="PlanInputException">The space has an empty set.</exception>
    public bool TryFindRecommended(in SearchSpace space, out SearchResult result)
    {
        InputValidator.Check(space);
        if (!StrategySearch.TryFindBest(Costing, space, prune: true, out result))
        {
            return false;
        }

        SearchStatistics statistics = result.Statistics;
        double threshold = result.Best.Time.TokensPerSecondPerGpu * (1 - StrategyTable.NearTie);
        StrategyResult best = result.Best;
        if (best.Tight && StrategySearch.TryFindBest(Costing, space, prune: true, SearchGoal.WithMargin, out SearchResult margin)
            && margin.Best.Time.TokensPerSecondPerGpu >= threshold)
        {
            best = margin.Best;
        }

        if (best.Layout.Cp > 1 && Settings.SequenceLength / best.Layout.Cp < StrategyTable.ShortestPublishedCpChunk
            && StrategySearch.TryFindBest(Costing, space, prune: true, SearchGoal.WithMargin | SearchGoal.WithoutCp, out SearchResult withoutCp)
            && withoutCp.Best.Time.TokensPerSecondPerGpu >= threshold)
        {
            best = withoutCp.Best;
        }

        result = new SearchResult(best, statistics);
        return true;
    }

    /// <summary>The valid layouts of <paramref name="space"/>, in enumeration order, without allocating.</summary>
    /// <exception cref="PlanInputException">The space has an empty set.</exception>
    public StrategyEnumerator Enumerate(in SearchSpace space)
    {
        InputValidator.Check(space);
        return new StrategyEnumerator(Costing, space);
    }

    /// <summary>Whether <see cref="Enumerate"/> yields <paramref name="layout"/>: it lies in the space and breaks no rule.</summary>
    public bool Admits(in SearchSpace space, in ParallelLayout layout) => SpaceAdmission.Admits(Costing, space, layout);

    /// <summary>Why <paramref name="space"/> has no valid layout: the first rule that pruned it, or none when it has layouts or only its pinned values exclude each other.</summary>
    /// <exception cref="PlanInputException">The space has an empty set.</exception>
    public RuleFailure ExplainEmpty(in SearchSpace space)
    {
        StrategyEnumerator walk = Enumerate(space);
        return walk.MoveNext() ? default : walk.FirstExclusion;
    }
}
