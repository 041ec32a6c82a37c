using System.Globalization;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Rules;

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

    /// <summary>
    /// The rule and its two numbers, e.g. "HeadsNotDivisible (value 64, limit 3)"; the sentence a person reads is the
    /// presentation's (<c>LayoutText.Reason</c>).
    /// </summary>
    public override string ToString() => IsNone
        ? nameof(Constraint.None)
        : string.Create(CultureInfo.InvariantCulture, $"{Constraint} (value {Value}, limit {Limit})");
}
