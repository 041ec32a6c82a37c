using System.Collections.Generic;
using System.Linq;
using PresetPlanner.Generator.Helpers;
using PresetPlanner.Generator.Parsing;
using PresetPlanner.Generator.Specs;

namespace PresetPlanner.Generator.Diagnostics;

/// <summary>Diagnostics that need more than one file: duplicate ids, member-name collisions, a cluster's GPU.</summary>
internal static class CrossFileDiagnostics
{
    public static IEnumerable<DiagnosticInfo> For(ParsedPresetFile file, PresetConflicts conflicts, EquatableArray<GpuReference> gpus)
    {
        string display = PresetPaths.FileName(file.Path);
        PresetConflict? conflict = conflicts.For(file.Path);
        if (conflict is not null)
        {
            yield return conflict.IsDuplicateId
                ? DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateId, file.IdLocation!, conflict.Id, conflict.Other)
                : DiagnosticInfo.Create(DiagnosticDescriptors.IdentifierCollision, file.IdentifierLocation!, display, conflict.Identifier, conflict.Other);
        }

        ClusterPresetSpec? cluster = file.Cluster;
        if (cluster is null || file.GpuLocation is null)
        {
            yield break;
        }

        GpuReference? gpu = GpuIndex.Find(gpus, cluster.GpuId);
        if (gpu is null)
        {
            string known = gpus.Count == 0 ? "(no GPU presets)" : string.Join(", ", gpus.Select(g => g.Id));
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.UnknownGpu, file.GpuLocation, display, cluster.GpuId, known);
        }
        else if (cluster.GpusPerNode > gpu.ScaleUpDomain)
        {
            yield return DiagnosticInfo.Create(
                DiagnosticDescriptors.InconsistentShape,
                file.GpuLocation,
                display,
                "gpusPerNode (" + cluster.GpusPerNode + ") exceeds the scale-up domain (" + gpu.ScaleUpDomain + ") of GPU '" + gpu.Id + "'",
                "a node is one NVLink domain; lower gpusPerNode or pick a GPU preset with a larger domain");
        }
    }
}
