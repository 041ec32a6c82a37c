using Microsoft.CodeAnalysis;
using PresetPlanner.Generator.Helpers;

namespace PresetPlanner.Generator.Diagnostics;

/// <summary>A diagnostic as a value: descriptor, location and message arguments; created as a <see cref="Diagnostic"/> only in the output callback.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments) =>
        new(descriptor, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        object[] args = new object[Arguments.Count];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, Location.ToLocation(), args);
    }
}
