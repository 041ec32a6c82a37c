using PresetPlanner.Generator.Reading;

namespace PresetPlanner.Generator.Catalog;

/// <summary>The problem of a preset the catalog leaves out, at the property that decides it.</summary>
internal static class CatalogProblems
{
    public static PresetProblem Of(Rejection rejection, ParsedPresetFile file) => rejection.Kind switch
    {
        RejectionKind.DuplicateId => new PresetProblem(PresetRules.DuplicateId, file.IdLocation!, rejection.Arguments),
        RejectionKind.IdentifierCollision => new PresetProblem(PresetRules.IdentifierCollision, file.IdentifierLocation!, rejection.Arguments),
        RejectionKind.UnknownGpu => new PresetProblem(PresetRules.UnknownGpu, file.GpuLocation!, rejection.Arguments),
        _ => new PresetProblem(PresetRules.InconsistentShape, file.GpuLocation!, rejection.Arguments),
    };
}
