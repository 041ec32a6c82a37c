namespace PresetPlanner.Validation;

/// <summary>
/// Bad input to a plan, thrown once where the plan is set up (never in the hot path): names the field and the rule it
/// breaks, e.g. "Settings.SequenceLength is -4096 but must be an integer from 1 to 67108864".
/// </summary>
public sealed class PlanInputException : ArgumentException
{
    /// <summary>An exception for <paramref name="field"/> breaking <paramref name="rule"/>.</summary>
    public PlanInputException(string field, string rule)
        : base(field + " " + rule, field)
    {
        Field = field;
        Rule = rule;
    }

    /// <summary>The field at fault, e.g. "Model.Heads" or "Settings.SequenceLength".</summary>
    public string Field { get; }

    /// <summary>What is wrong, e.g. "is 0 but must be an integer from 1 to 65536".</summary>
    public string Rule { get; }

    /// <summary>The field and the rule, in one line.</summary>
    public override string Message => Field + " " + Rule;
}
