namespace PresetPlanner.Generator.Reading;

/// <summary>
/// Where something stands in a preset file: a span of UTF-16 characters and its 0-based start and end lines and
/// columns, counted as the compiler counts them (<see cref="TextLines"/>). Equatable, so a pipeline model holding it
/// caches; the generator turns it into a Roslyn location only when it reports.
/// </summary>
/// <param name="FilePath">The file.</param>
/// <param name="Start">First character.</param>
/// <param name="End">Just past the last character.</param>
/// <param name="StartLine">0-based line of <paramref name="Start"/>.</param>
/// <param name="StartColumn">0-based column (characters from the line's start) of <paramref name="Start"/>.</param>
/// <param name="EndLine">0-based line of <paramref name="End"/>.</param>
/// <param name="EndColumn">0-based column of <paramref name="End"/>.</param>
internal sealed record PresetLocation(string FilePath, int Start, int End, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>The start of a file, for problems that concern the whole file.</summary>
    public static PresetLocation FileStart(string path) => new(path, 0, 0, 0, 0, 0, 0);
}
