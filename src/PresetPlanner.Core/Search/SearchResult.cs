using PresetPlanner.Results;

namespace PresetPlanner.Search;

/// <summary>The outcome of a search: the best layout that fits (when one does) and what the search did.</summary>
/// <param name="Best">The best fitting layout; default when nothing fits (the search's <c>Try</c> method returned false).</param>
/// <param name="Statistics">Layouts enumerated, evaluated and feasible, and the first rule that excluded any.</param>
public readonly record struct SearchResult(StrategyResult Best, SearchStatistics Statistics);
