using System.Globalization;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// One rule a preset file is held to (PP0001-PP0014): its id, title, message format and severity, written once in
/// <see cref="PresetRules"/>. The generator turns it into a Roslyn descriptor; the run-time reader formats it itself.
/// </summary>
/// <param name="Id">"PP0004".</param>
/// <param name="Title">A short title, as in AnalyzerReleases.Unshipped.md.</param>
/// <param name="MessageFormat">The message, with <c>{0}</c>, <c>{1}</c>... for its arguments.</param>
/// <param name="Severity">Warning or error.</param>
internal sealed record PresetRule(string Id, string Title, string MessageFormat, RuleSeverity Severity)
{
    /// <summary>The message with its arguments, as the compiler formats a diagnostic's message.</summary>
    public string Format(EquatableArray<string> arguments)
    {
        object[] args = new object[arguments.Count];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = arguments[i];
        }

        return string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
    }
}
