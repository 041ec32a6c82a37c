using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace PresetPlanner.Generator.Diagnostics;

/// <summary>An equatable source location in a preset file; turned into a Roslyn <see cref="Location"/> only when reported.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    /// <summary>The start of a file, for diagnostics that concern the whole file.</summary>
    public static LocationInfo FileStart(string path) =>
        new(path, new TextSpan(0, 0), new LinePositionSpan(LinePosition.Zero, LinePosition.Zero));
}
