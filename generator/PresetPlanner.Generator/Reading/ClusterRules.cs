using System;
using System.Collections.Generic;
using System.Linq;
using PresetPlanner.Validation;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// The rules of a cluster preset that need its GPU, decided once the GPUs are known: the build applies them to the
/// catalog's GPUs, the run-time reader to the GPUs its caller knows, with the same words.
/// </summary>
internal static class ClusterRules
{
    /// <summary>The ids a cluster could have named, for PP0011: distinct, in ordinal order, comma-separated.</summary>
    public static string KnownGpus(IEnumerable<string> ids)
    {
        string[] sorted = ids.Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToArray();
        return sorted.Length == 0 ? "(no GPU presets)" : string.Join(", ", sorted);
    }

    /// <summary>
    /// PP0006's arguments after the file name when the cluster's servers do not fit its GPU's scale-up domain
    /// (its own <paramref name="nvlinkDomain"/>, or the GPU's when 0); null when they fit.
    /// </summary>
    public static string[]? Placement(int gpusPerNode, int gpusPerDomain, int nvlinkDomain, string gpuId, int gpuScaleUpDomain)
    {
        var problems = new List<SpecProblem>();
        SpecValidator.CheckDomain(gpusPerNode, gpusPerDomain, nvlinkDomain > 0 ? nvlinkDomain : gpuScaleUpDomain, problems);
        return problems.Count == 0 ? null : [problems[0].Value + " '" + gpuId + "'", problems[0].Detail];
    }
}
