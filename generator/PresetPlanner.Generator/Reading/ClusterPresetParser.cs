using System.Collections.Generic;
using PresetPlanner.Specs;
using PresetPlanner.Validation;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// Reads a cluster preset (presets/schema/cluster.schema.json) and holds its own figures to the core's
/// <see cref="SpecValidator"/>. Whether its GPU exists and holds its nodes is decided once all GPUs are known
/// (<see cref="ClusterRules"/>, applied by the build to its catalog and by the run-time reader to its caller's GPUs).
/// </summary>
internal static class ClusterPresetParser
{
    public static ClusterPresetSpec? Parse(PresetReader r, string path)
    {
        CommonFields? common = CommonFields.Read(r, PresetKind.Cluster);
        string? gpu = r.String("gpu", true, "\"gpu\": \"h100-sxm\"");
        int? count = r.Integer("gpuCount", true, "\"gpuCount\": 64");
        int? perNode = r.Integer("gpusPerNode", true, "\"gpusPerNode\": 8");
        int domain = r.Integer("nvlinkDomain", false, "\"nvlinkDomain\": 72") ?? 0;
        int perDomain = r.Integer("gpusPerDomain", false, "\"gpusPerDomain\": 64") ?? 0;
        double? scaleOut = r.Number("scaleOutGBps", false, "\"scaleOutGBps\": 50");
        double? efficiency = r.Number("scaleOutEfficiency", false, "\"scaleOutEfficiency\": 0.9");
        double? storage = r.Number("storageWriteGBps", false, "\"storageWriteGBps\": 2");
        if (common is null || gpu is null || count is null || perNode is null || r.HasErrors)
        {
            return null;
        }

        var problems = new List<SpecProblem>();
        SpecValidator.CheckOwn(
            new ClusterSpec { GpuCount = count.Value, GpusPerNode = perNode.Value, ScaleUpDomain = domain, GpusPerDomain = perDomain, ScaleOutBytesPerSecond = scaleOut * 1e9 ?? 1e9, ScaleOutEfficiency = efficiency, StorageWriteBytesPerSecondPerNode = storage * 1e9 },
            problems);
        r.Report(problems, PathOf);
        if (r.HasErrors)
        {
            return null;
        }

        return new ClusterPresetSpec(common.Id, common.Identifier, common.Name, common.Source, path, gpu, count.Value, perNode.Value, domain, perDomain, scaleOut ?? 0, efficiency, storage);
    }

    /// <summary>The JSON property of each cluster field (presets/schema/cluster.schema.json).</summary>
    public static string PathOf(SpecField field) => field switch
    {
        SpecField.GpuCount => "gpuCount",
        SpecField.ScaleOutBytesPerSecond => "scaleOutGBps",
        SpecField.ScaleOutEfficiency => "scaleOutEfficiency",
        SpecField.StorageWriteBytesPerSecond => "storageWriteGBps",
        SpecField.ClusterScaleUpDomain => "nvlinkDomain",
        SpecField.GpusPerDomain => "gpusPerDomain",
        _ => "gpusPerNode",
    };
}
