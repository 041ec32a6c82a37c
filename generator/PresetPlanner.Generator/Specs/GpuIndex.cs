using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using PresetPlanner.Generator.Helpers;

namespace PresetPlanner.Generator.Specs;

/// <summary>Lookups over the collected GPU presets, and the catalog built from identities, conflicts and GPUs.</summary>
internal static class GpuIndex
{
    public static EquatableArray<GpuReference> Sort(ImmutableArray<GpuReference> gpus) =>
        EquatableArray.From(gpus.OrderBy(g => g.Id, StringComparer.Ordinal));

    public static GpuReference? Find(EquatableArray<GpuReference> gpus, string id)
    {
        foreach (GpuReference gpu in gpus)
        {
            if (gpu.Id == id)
            {
                return gpu;
            }
        }

        return null;
    }

    /// <summary>The emitted presets: valid, not in conflict, and (for clusters) on a known GPU whose domain holds a node.</summary>
    public static CatalogSpec BuildCatalog(ImmutableArray<PresetIdentity> identities, PresetConflicts conflicts, EquatableArray<GpuReference> gpus)
    {
        var kept = new List<PresetIdentity>();
        foreach (PresetIdentity identity in identities)
        {
            if (conflicts.Excludes(identity.Path))
            {
                continue;
            }

            if (identity.Kind == PresetKind.Cluster && Find(gpus, identity.GpuId) is null)
            {
                continue;
            }

            kept.Add(identity);
        }

        return new CatalogSpec(Of(kept, PresetKind.Model), Of(kept, PresetKind.Gpu), Of(kept, PresetKind.Cluster));
    }

    private static EquatableArray<PresetIdentity> Of(List<PresetIdentity> kept, PresetKind kind) =>
        EquatableArray.From(kept.Where(i => i.Kind == kind).OrderBy(i => i.Id, StringComparer.Ordinal));
}
