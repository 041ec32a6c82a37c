namespace PresetPlanner.Validation;

/// <summary>How bad a <see cref="SpecProblem"/> is.</summary>
public enum ProblemKind
{
    /// <summary>A value outside what the planner can compute with (an error).</summary>
    OutOfRange,

    /// <summary>Values that contradict each other (an error).</summary>
    Inconsistent,

    /// <summary>A value no real model or machine has; allowed, but probably a typo (a warning).</summary>
    Implausible,
}

/// <summary>One thing wrong with a spec, found by <see cref="SpecValidator"/>.</summary>
/// <param name="Field">The figure at fault (front ends name it in their own terms: a JSON property, a flag).</param>
/// <param name="Kind">Out of range, inconsistent, or implausible.</param>
/// <param name="Value">Out of range and implausible: the value as written; inconsistent: what contradicts what.</param>
/// <param name="Detail">Out of range: what it must be; inconsistent: how to fix it; implausible: why it is suspect.</param>
public readonly record struct SpecProblem(SpecField Field, ProblemKind Kind, string Value, string Detail)
{
    /// <summary>Whether the problem makes the spec unusable (every kind but <see cref="ProblemKind.Implausible"/>).</summary>
    public bool IsError => Kind != ProblemKind.Implausible;
}
