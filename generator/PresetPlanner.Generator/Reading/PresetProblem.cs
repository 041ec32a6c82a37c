using System.Globalization;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// A broken rule as a value: the rule, where, and the message arguments. The generator reports it as a Roslyn
/// diagnostic; the run-time reader prints it with <see cref="ToString"/>, in the compiler's own words.
/// </summary>
/// <param name="Rule">The rule.</param>
/// <param name="Location">Where in the file.</param>
/// <param name="Arguments">The message's arguments.</param>
internal sealed record PresetProblem(PresetRule Rule, PresetLocation Location, EquatableArray<string> Arguments)
{
    public static PresetProblem Create(PresetRule rule, PresetLocation location, params string[] arguments) =>
        new(rule, location, new EquatableArray<string>(arguments));

    /// <summary>The formatted message.</summary>
    public string Message => Rule.Format(Arguments);

    /// <summary>
    /// The problem as the C# compiler prints a diagnostic: <c>path(line,col): error PP0004: message</c>, with 1-based
    /// line and column, <c>warning</c> for a warning.
    /// </summary>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0}({1},{2}): {3} {4}: {5}",
        Location.FilePath,
        Location.StartLine + 1,
        Location.StartColumn + 1,
        Rule.Severity == RuleSeverity.Error ? "error" : "warning",
        Rule.Id,
        Message);
}
