using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PresetPlanner.Generator.Reading;

namespace PresetPlanner.Generator.Diagnostics;

/// <summary>A <see cref="PresetProblem"/> as the Roslyn diagnostic the generator reports, created only in the output callback.</summary>
internal static class ProblemDiagnostics
{
    public static Diagnostic ToDiagnostic(PresetProblem problem)
    {
        object[] args = new object[problem.Arguments.Count];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = problem.Arguments[i];
        }

        return Diagnostic.Create(DiagnosticDescriptors.For(problem.Rule), ToLocation(problem.Location), args);
    }

    public static Location ToLocation(PresetLocation location) => Location.Create(
        location.FilePath,
        TextSpan.FromBounds(location.Start, location.End),
        new LinePositionSpan(new LinePosition(location.StartLine, location.StartColumn), new LinePosition(location.EndLine, location.EndColumn)));
}
