using System.Collections.Generic;
using PresetPlanner.Generator.Reading;

namespace PresetPlanner.Generator.Catalog;

/// <summary>
/// The one decision of what is emitted: the presets of each kind that make the catalog (ordered by id), the GPUs
/// clusters can name, and every preset left out with why. The per-preset emitters, the catalog emitter and the
/// cross-file diagnostics all read this, so a preset is never emitted without its catalog entry or the reverse.
/// </summary>
/// <param name="Models">Emitted model presets.</param>
/// <param name="Gpus">Emitted GPU presets.</param>
/// <param name="Clusters">Emitted cluster presets.</param>
/// <param name="GpuReferences">The emitted GPUs, ordered by id, as clusters reference them.</param>
/// <param name="Rejections">Valid presets left out, and why.</param>
internal sealed record CatalogSpec(
    EquatableArray<PresetIdentity> Models,
    EquatableArray<PresetIdentity> Gpus,
    EquatableArray<PresetIdentity> Clusters,
    EquatableArray<GpuReference> GpuReferences,
    EquatableArray<Rejection> Rejections)
{
    /// <summary>Whether the valid preset in <paramref name="path"/> is emitted.</summary>
    public bool Emits(string path)
    {
        foreach (Rejection rejection in Rejections)
        {
            if (rejection.Path == path)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The emitted GPU with this id, or null.</summary>
    public GpuReference? Gpu(string id)
    {
        foreach (GpuReference gpu in GpuReferences)
        {
            if (gpu.Id == id)
            {
                return gpu;
            }
        }

        return null;
    }

    /// <summary>The rejections of the preset in <paramref name="path"/>.</summary>
    public IEnumerable<Rejection> For(string path)
    {
        foreach (Rejection rejection in Rejections)
        {
            if (rejection.Path == path)
            {
                yield return rejection;
            }
        }
    }
}
