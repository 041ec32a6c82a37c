using PresetPlanner.Results;

namespace PresetPlanner.Planning;

/// <summary>Ranks the alternatives of one choice evaluated on one layout as the plan ranks layouts.</summary>
internal static class ChoiceRanking
{
    /// <summary>
    /// <paramref name="choices"/> best first: those that fit, then the faster (tokens/s per GPU); a stable sort, so ties
    /// keep the order given (the default first).
    /// </summary>
    public static T[] Rank<T>(IEnumerable<T> choices, Func<T, StrategyResult> result) =>
        [.. choices.Select((c, i) => (c, i)).OrderByDescending(x => result(x.c).Fits).ThenByDescending(x => result(x.c).Time.TokensPerSecondPerGpu).ThenBy(x => x.i).Select(x => x.c)];
}
