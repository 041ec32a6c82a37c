using Microsoft.CodeAnalysis;

namespace PresetPlanner.Generator.Tests;

/// <summary>Asserts the one diagnostic a broken preset must produce, and that nothing else was reported.</summary>
internal static class DiagnosticAssert
{
    public static void Single(
        GeneratorResult result, string id, DiagnosticSeverity severity, string path, (int Line, int Column) start, string message)
    {
        GeneratedCodeCompiles(result);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal(start, (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Whatever a preset file holds, the generated files compile without any error or warning: the output compilation has
    /// no compiler diagnostic located in a generated <c>.g.cs</c> file.
    /// </summary>
    public static void GeneratedCodeCompiles(GeneratorResult result)
    {
        Diagnostic[] inGenerated = result.Output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && (d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) ?? false))
            .ToArray();
        Assert.True(inGenerated.Length == 0, string.Join("\n", inGenerated.Select(d => d.ToString())));
    }

    /// <summary>0-based line and column of the first occurrence of <paramref name="marker"/> in <paramref name="json"/>.</summary>
    public static (int Line, int Column) PositionOf(string json, string marker, int occurrence = 1)
    {
        int index = -1;
        for (int i = 0; i < occurrence; i++)
        {
            index = json.IndexOf(marker, index + 1, StringComparison.Ordinal);
        }

        Assert.True(index >= 0, $"'{marker}' not found");
        string before = json[..index].ReplaceLineEndings("\n");
        int line = before.Count(c => c == '\n');
        return (line, index - (before.LastIndexOf('\n') + 1));
    }
}
