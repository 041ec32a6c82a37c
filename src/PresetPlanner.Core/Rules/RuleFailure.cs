namespace PresetPlanner;

/// <summary>The first layout rule a layout breaks, with the two numbers that show by how much.</summary>
/// <param name="Constraint">The rule; <see cref="Constraint.None"/> when every rule holds.</param>
/// <param name="Value">The offending value (e.g. the heads, or the memory needed).</param>
/// <param name="Limit">The limit it broke (e.g. TP, or the GPU's memory).</param>
public readonly record struct RuleFailure(Constraint Constraint, double Value, double Limit)
{
    /// <summary>Whether every rule holds.</summary>
    public bool IsNone => Constraint == Constraint.None;

    /// <summary>The level that decides this rule (<see cref="LayoutRules.LevelOf"/>).</summary>
    public RuleLevel Level => LayoutRules.LevelOf(Constraint);

    /// <summary>The sentence a person reads, e.g. "heads 64 not divisible by TP 3".</summary>
    public override string ToString() => LayoutText.Reason(this);
}
