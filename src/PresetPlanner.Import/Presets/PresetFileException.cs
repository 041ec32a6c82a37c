using System;
using System.Collections.Generic;
using System.Globalization;
namespace PresetPlanner.Import.Presets;

/// <summary>
/// A preset file that breaks the build's rules (<see cref="PresetFile"/>). The message is the first problem as the
/// compiler prints it, <c>file(line,col): error PP0004: ...</c>, and how many more there are: <c>(and 2 more)</c>.
/// </summary>
public sealed class PresetFileException : Exception
{
    /// <summary>An exception for <paramref name="problems"/>, each a compiler-style line; at least one.</summary>
    /// <param name="problems">Every problem, in the order the build reports them.</param>
    public PresetFileException(IReadOnlyList<string> problems)
        : base(Summarize(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem, as the compiler prints each: <c>file(line,col): warning PP0003: ...</c>.</summary>
    public IReadOnlyList<string> Problems { get; }

    // The one line a tool prints: the first problem, and how many more there are.
    private static string Summarize(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count switch
        {
            0 => throw new ArgumentException("a preset file exception needs a problem", nameof(problems)),
            1 => problems[0],
            _ => problems[0] + " (and " + (problems.Count - 1).ToString(CultureInfo.InvariantCulture) + " more)",
        };
    }
}
