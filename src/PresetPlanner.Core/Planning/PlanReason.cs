namespace PresetPlanner.Planning;

/// <summary>One reason for a plan's recommendation, as data: what it says and which ranked row it cites.</summary>
/// <param name="Kind">What the reason says.</param>
/// <param name="Row">The index in <see cref="StrategyTable.Rows"/> of the layout it compares with, or -1.</param>
/// <param name="Flag">A second fact some kinds carry (see <see cref="ReasonKind"/>).</param>
public readonly record struct PlanReason(ReasonKind Kind, int Row = -1, bool Flag = false);
