namespace PresetPlanner;

/// <summary>
/// The best fitting result offered so far, ranked as the strategy table ranks: more tokens/s per GPU, then more
/// headroom, then the earlier in enumeration order. Candidates arrive as scores; only an improvement is evaluated in
/// full.
/// </summary>
internal struct BestSoFar
{
    /// <summary>The best result (valid when <see cref="Found"/>).</summary>
    public StrategyResult Result;

    /// <summary>Its tokens/s per GPU.</summary>
    public double Tokens;

    /// <summary>Whether any fitting result was offered.</summary>
    public bool Found;

    /// <summary>Headroom of the best result.</summary>
    public double Headroom;

    /// <summary>Enumeration index of the best result.</summary>
    public long Index;

    /// <summary>Whether a fitting candidate with these figures and enumeration index would rank before the best.</summary>
    public readonly bool WouldImprove(double tokens, double headroom, long index) =>
        !Found || tokens > Tokens || (tokens == Tokens && (headroom > Headroom || (headroom == Headroom && index < Index)));

    /// <summary>Evaluates and keeps the layout scored with <paramref name="tokens"/> and <paramref name="headroom"/> if it ranks before the best.</summary>
    public void Offer(in PlanningContext ctx, in ParallelLayout layout, ref EvaluationCache cache, double tokens, double headroom, long index)
    {
        if (WouldImprove(tokens, headroom, index))
        {
            Result = StrategyEvaluator.Evaluate(ctx, layout, ref cache);
            (Tokens, Headroom, Index, Found) = (tokens, headroom, index, true);
        }
    }
}
