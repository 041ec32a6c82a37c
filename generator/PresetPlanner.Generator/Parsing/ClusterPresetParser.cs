using PresetPlanner.Generator.Diagnostics;
using PresetPlanner.Generator.Specs;

namespace PresetPlanner.Generator.Parsing;

/// <summary>Reads and checks a cluster preset (presets/schema/cluster.schema.json). Whether its GPU exists is checked once all GPUs are known.</summary>
internal static class ClusterPresetParser
{
    public static ClusterPresetSpec? Parse(PresetReader r, string path)
    {
        CommonFields? common = CommonFields.Read(r);
        string? gpu = r.String("gpu", true, "\"gpu\": \"h100-sxm\"");
        int? count = r.Integer("gpuCount", true, "\"gpuCount\": 64", 1);
        int? perNode = r.Integer("gpusPerNode", true, "\"gpusPerNode\": 8", 1);
        double scaleOut = r.Number("scaleOutGBps", false, "\"scaleOutGBps\": 50", 0, minExclusive: true) ?? 0;
        double efficiency = r.Number("scaleOutEfficiency", false, "\"scaleOutEfficiency\": 0.9", 0, minExclusive: true, max: 1) ?? 0;
        r.Plausible("gpuCount", count, 10_000_000, "more GPUs than any cluster");
        r.Plausible("scaleOutGBps", scaleOut, 2_000, "more than 16 Tb/s of NICs per GPU");

        if (count is int n && perNode is int g && n % g != 0)
        {
            r.Report(DiagnosticDescriptors.InconsistentShape, "gpusPerNode", $"gpusPerNode ({g}) does not divide gpuCount ({n})", "a cluster is a whole number of nodes; correct either value");
        }

        if (common is null || gpu is null || count is null || perNode is null || r.HasErrors)
        {
            return null;
        }

        return new ClusterPresetSpec(common.Id, common.Identifier, common.Name, common.Source, path, gpu, count.Value, perNode.Value, scaleOut, efficiency);
    }
}
