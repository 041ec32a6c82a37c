using Microsoft.CodeAnalysis.Diagnostics;

namespace PresetPlanner.Generator.Catalog;

/// <summary>
/// Build settings the generator reads: the namespace of the generated <c>Presets</c> class
/// (MSBuild <c>PresetPlannerNamespace</c>, else <c>RootNamespace</c>, else "PresetPlanner").
/// </summary>
/// <param name="Namespace">Namespace of the generated catalog.</param>
internal sealed record CatalogOptions(string Namespace)
{
    public static CatalogOptions From(AnalyzerConfigOptions options)
    {
        if (options.TryGetValue("build_property.PresetPlannerNamespace", out string? ns) && !string.IsNullOrWhiteSpace(ns))
        {
            return new CatalogOptions(ns.Trim());
        }

        if (options.TryGetValue("build_property.RootNamespace", out string? root) && !string.IsNullOrWhiteSpace(root))
        {
            return new CatalogOptions(root.Trim());
        }

        return new CatalogOptions("PresetPlanner");
    }
}
