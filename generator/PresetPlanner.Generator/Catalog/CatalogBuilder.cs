using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System;
using PresetPlanner.Generator.Reading;

namespace PresetPlanner.Generator.Catalog;

/// <summary>
/// Builds the <see cref="CatalogSpec"/> from the positions-free identities of the valid presets and their GPUs. The
/// Catalog folder is the layer above Reading (the decisions across files) and below Diagnostics and Emit.
/// </summary>
internal static class CatalogBuilder
{
    /// <summary>
    /// Member names the generated catalog itself uses. (The members of each preset's own class, "Info", "Spec",
    /// "Preset" and its figures, are refused by the parser as PP0013: <see cref="GeneratedMembers"/>.)
    /// </summary>
    public static readonly ImmutableHashSet<string> Reserved = ImmutableHashSet.Create(
        StringComparer.Ordinal, "Presets", "Models", "Gpus", "Clusters", "All", "Ids", "Count", "IndexOf", "TryGet");

    public static EquatableArray<GpuReference> SortGpus(ImmutableArray<GpuReference> gpus) =>
        EquatableArray.From(gpus.OrderBy(g => g.Id, StringComparer.Ordinal).ThenBy(g => g.Path, StringComparer.Ordinal));

    public static CatalogSpec Build(ImmutableArray<PresetIdentity> identities, EquatableArray<GpuReference> gpus)
    {
        var rejections = new List<Rejection>();
        var kept = new List<PresetIdentity>();

        // A duplicate id or member name is blamed on the file that is not its canonical owner: the one whose file name
        // is its id (a copied preset keeps its old id under a new file name), else the later file by path.
        foreach (IGrouping<string, PresetIdentity> group in identities.GroupBy(i => i.Id, StringComparer.Ordinal))
        {
            PresetIdentity owner = Owner(group);
            kept.Add(owner);
            foreach (PresetIdentity other in group.Where(i => !ReferenceEquals(i, owner)))
            {
                rejections.Add(Reject(other, RejectionKind.DuplicateId, other.Id, PresetPaths.FileName(owner.Path)));
            }
        }

        var named = new List<PresetIdentity>();
        foreach (IGrouping<string, PresetIdentity> group in kept.GroupBy(i => i.Identifier, StringComparer.Ordinal))
        {
            if (Reserved.Contains(group.Key))
            {
                rejections.AddRange(group.Select(i => Reject(i, RejectionKind.IdentifierCollision, PresetPaths.FileName(i.Path), i.Identifier, "is reserved by the generated catalog")));
                continue;
            }

            PresetIdentity owner = Owner(group);
            named.Add(owner);
            foreach (PresetIdentity other in group.Where(i => !ReferenceEquals(i, owner)))
            {
                rejections.Add(Reject(other, RejectionKind.IdentifierCollision, PresetPaths.FileName(other.Path), other.Identifier, $"preset '{owner.Id}' ({PresetPaths.FileName(owner.Path)}) already generates"));
            }
        }

        var emittedGpuPaths = new HashSet<string>(named.Where(i => i.Kind == PresetKind.Gpu).Select(i => i.Path), StringComparer.Ordinal);
        GpuReference[] emittedGpus = gpus.Where(g => emittedGpuPaths.Contains(g.Path)).ToArray();
        var final = new List<PresetIdentity>();
        foreach (PresetIdentity identity in named)
        {
            Rejection? placement = identity.Kind == PresetKind.Cluster ? CheckCluster(identity, emittedGpus) : null;
            if (placement is null)
            {
                final.Add(identity);
            }
            else
            {
                rejections.Add(placement);
            }
        }

        return new CatalogSpec(
            Of(final, PresetKind.Model),
            Of(final, PresetKind.Gpu),
            Of(final, PresetKind.Cluster),
            EquatableArray.From(emittedGpus),
            EquatableArray.From(rejections.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Kind)));
    }

    private static Rejection? CheckCluster(PresetIdentity cluster, GpuReference[] gpus)
    {
        GpuReference? gpu = gpus.FirstOrDefault(g => g.Id == cluster.GpuId);
        string file = PresetPaths.FileName(cluster.Path);
        if (gpu is null)
        {
            return Reject(cluster, RejectionKind.UnknownGpu, file, cluster.GpuId, ClusterRules.KnownGpus(gpus.Select(g => g.Id)));
        }

        string[]? placement = ClusterRules.Placement(cluster.GpusPerNode, cluster.GpusPerDomain, cluster.NvlinkDomain, gpu.Id, gpu.ScaleUpDomain);
        return placement is null ? null : Reject(cluster, RejectionKind.InconsistentPlacement, file, placement[0], placement[1]);
    }

    private static PresetIdentity Owner(IEnumerable<PresetIdentity> group)
    {
        PresetIdentity[] byPath = group.OrderBy(i => i.Path, StringComparer.Ordinal).ToArray();
        PresetIdentity[] canonical = byPath.Where(i => PresetPaths.FileName(i.Path) == i.Id + ".json").ToArray();
        return canonical.Length == 1 ? canonical[0] : byPath[0];
    }

    private static Rejection Reject(PresetIdentity identity, RejectionKind kind, params string[] arguments) =>
        new(identity.Path, kind, new EquatableArray<string>(arguments));

    private static EquatableArray<PresetIdentity> Of(List<PresetIdentity> kept, PresetKind kind) =>
        EquatableArray.From(kept.Where(i => i.Kind == kind).OrderBy(i => i.Id, StringComparer.Ordinal));
}
