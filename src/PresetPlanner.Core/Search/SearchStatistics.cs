using PresetPlanner.Rules;

namespace PresetPlanner.Search;

/// <summary>What a search did: layouts enumerated, evaluated (the rest were pruned) and found to fit.</summary>
/// <param name="Enumerated">Valid layouts the enumerator produced (for a brute-force walk: candidates visited).</param>
/// <param name="Evaluated">Layouts fully evaluated (enumerated minus pruned).</param>
/// <param name="Feasible">Evaluated layouts that fit.</param>
/// <param name="FirstExclusion">The first rule that pruned part of the space; when nothing was enumerated, why.</param>
public readonly record struct SearchStatistics(long Enumerated, long Evaluated, long Feasible, RuleFailure FirstExclusion);
