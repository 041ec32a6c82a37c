using PresetPlanner.Costing;
using PresetPlanner.Results;
using PresetPlanner.Settings;

namespace PresetPlanner.Search;

/// <summary>
/// The best fitting result of a search so far, ranked as the strategy table ranks: more tokens/s per GPU, then more
/// headroom, then the earlier (candidates arrive in enumeration order); with the counts of candidates evaluated and
/// found to fit. Candidates are scored; only an improvement is evaluated in full.
/// </summary>
internal struct BestSoFar
{
    /// <summary>The best result (valid when <see cref="Found"/>).</summary>
    public StrategyResult Result;

    /// <summary>Its tokens/s per GPU.</summary>
    public double Tokens;

    /// <summary>Its headroom.</summary>
    public double Headroom;

    /// <summary>Whether any candidate fitted.</summary>
    public bool Found;

    /// <summary>Candidates evaluated.</summary>
    public long Evaluated;

    /// <summary>Evaluated candidates that fit.</summary>
    public long Feasible;

    /// <summary>Evaluates <paramref name="layout"/> and keeps it if it fits, meets <paramref name="goal"/> and ranks before the best.</summary>
    public void Consider(CostContext ctx, in ParallelLayout layout, ref EvaluationCache cache, SearchGoal goal = SearchGoal.Fastest)
    {
        Evaluated++;
        if ((goal & SearchGoal.WithoutCp) != 0 && layout.Cp != 1)
        {
            return;
        }

        if (!StrategyEvaluator.TryScore(ctx, layout, ref cache, out double tokens, out double headroom))
        {
            return;
        }

        Feasible++;
        // Tight (StrategyResult.Tight): within the memory model's uncertainty of the capacity.
        if ((goal & SearchGoal.WithMargin) != 0 && headroom < StrategyResult.MemoryUncertainty * ctx.Gpu.MemoryBytes)
        {
            return;
        }

        if (!Found || tokens > Tokens || (tokens == Tokens && headroom > Headroom))
        {
            Result = StrategyEvaluator.Evaluate(ctx, layout, ref cache);
            (Tokens, Headroom, Found) = (tokens, headroom, true);
        }
    }
}
