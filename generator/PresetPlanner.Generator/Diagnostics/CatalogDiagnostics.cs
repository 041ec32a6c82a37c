using PresetPlanner.Generator.Specs;

namespace PresetPlanner.Generator.Diagnostics;

/// <summary>The diagnostic of a preset the catalog leaves out, at the property that decides it.</summary>
internal static class CatalogDiagnostics
{
    public static DiagnosticInfo Of(Rejection rejection, ParsedPresetFile file)
    {
        string[] arguments = new string[rejection.Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = rejection.Arguments[i];
        }

        return rejection.Kind switch
        {
            RejectionKind.DuplicateId => DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateId, file.IdLocation!, arguments),
            RejectionKind.IdentifierCollision => DiagnosticInfo.Create(DiagnosticDescriptors.IdentifierCollision, file.IdentifierLocation!, arguments),
            RejectionKind.UnknownGpu => DiagnosticInfo.Create(DiagnosticDescriptors.UnknownGpu, file.GpuLocation!, arguments),
            _ => DiagnosticInfo.Create(DiagnosticDescriptors.InconsistentShape, file.GpuLocation!, arguments),
        };
    }
}
