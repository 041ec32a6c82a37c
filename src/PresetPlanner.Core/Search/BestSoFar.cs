namespace PresetPlanner;

/// <summary>
/// The best fitting result offered so far, ranked as the strategy table ranks: more tokens/s per GPU, then more
/// headroom; an equal candidate keeps the earlier one.
/// </summary>
internal struct BestSoFar
{
    /// <summary>The best result (valid when <see cref="Found"/>).</summary>
    public StrategyResult Result;

    /// <summary>Its tokens/s per GPU.</summary>
    public double Tokens;

    /// <summary>Whether any fitting result was offered.</summary>
    public bool Found;

    /// <summary>Keeps <paramref name="candidate"/> (which must fit) if it is strictly better.</summary>
    public void Offer(in StrategyResult candidate)
    {
        double tokens = candidate.Time.TokensPerSecondPerGpu;
        if (!Found || tokens > Tokens || (tokens == Tokens && candidate.HeadroomBytes > Result.HeadroomBytes))
        {
            Result = candidate;
            Tokens = tokens;
            Found = true;
        }
    }
}
