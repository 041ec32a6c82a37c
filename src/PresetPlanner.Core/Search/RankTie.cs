namespace PresetPlanner.Search;

/// <summary>The exact score and tie of a result (<see cref="RankKey"/>), which order results whose 32-bit keys are equal.</summary>
/// <param name="Score">The key's score: tokens/s per GPU negated, the memory ratio, or the rule.</param>
/// <param name="Tie">The key's tie: headroom negated, or 0.</param>
internal readonly record struct RankTie(double Score, double Tie);
