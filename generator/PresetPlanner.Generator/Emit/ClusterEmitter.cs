using PresetPlanner.Generator.Catalog;
using PresetPlanner.Generator.Reading;

namespace PresetPlanner.Generator.Emit;

/// <summary>Emits <c>Presets.Clusters.&lt;Identifier&gt;</c>, whose <c>ClusterSpec</c> embeds its GPU's spec.</summary>
internal static class ClusterEmitter
{
    public static string HintName(ClusterPresetSpec spec) => "Presets.Clusters." + spec.Identifier + ".g.cs";

    public static string Emit(ClusterPresetSpec spec, GpuReference gpu, CatalogOptions options)
    {
        SourceWriter w = PresetFileWriter.Open(options.Namespace, "Clusters", TypeRefs.ClusterPreset, spec.Identifier, spec.Name + " (" + spec.Id + ").");
        string gpuClass = "Gpus." + gpu.Identifier;
        PresetFileWriter.Names(w, spec.Id, spec.Name, spec.Source);
        PresetFileWriter.Const(w, "string", "GpuId", Literals.String(spec.GpuId), "Id of the GPU preset.");
        PresetFileWriter.Const(w, "int", "GpuCount", Literals.Int(spec.GpuCount), "Total GPUs (N).");
        PresetFileWriter.Const(w, "int", "GpusPerNode", Literals.Int(spec.GpusPerNode), "GPUs per server (node).");
        PresetFileWriter.Const(w, "int", "ScaleUpDomain", Literals.Int(spec.NvlinkDomain), "GPUs per NVLink domain; 0 = the GPU's.");
        PresetFileWriter.Const(w, "int", "GpusPerDomain", Literals.Int(spec.GpusPerDomain), "The job's GPUs in each domain; 0 = placed by the scheduler rule.");
        string scaleOut = spec.ScaleOutGBps > 0 ? Literals.Double(spec.ScaleOutGBps) + " * 1e9d" : gpuClass + ".ScaleOutBytesPerSecond";
        PresetFileWriter.Const(w, "double", "ScaleOutBytesPerSecond", scaleOut, "Scale-out bandwidth per GPU per direction, bytes/s.");
        if (spec.ScaleOutEfficiency is double efficiency)
        {
            PresetFileWriter.Const(w, "double", "ScaleOutEfficiency", Literals.Double(efficiency), "Measured fraction of the scale-out bandwidth collectives reach.");
        }

        if (spec.StorageWriteGBps is double storage)
        {
            PresetFileWriter.Const(w, "double", "StorageWriteBytesPerSecondPerNode", Literals.Double(storage) + " * 1e9d", "Checkpoint write bandwidth per server, bytes/s (preset: GB/s).");
        }

        PresetFileWriter.OpenSpec(w, TypeRefs.ClusterSpec);
        w.WriteLine("Gpu = " + gpuClass + ".Spec,");
        w.WriteLine("GpuCount = GpuCount,");
        w.WriteLine("GpusPerNode = GpusPerNode,");
        w.WriteLine("ScaleUpDomain = ScaleUpDomain,");
        w.WriteLine("GpusPerDomain = GpusPerDomain,");
        w.WriteLine("ScaleOutBytesPerSecond = ScaleOutBytesPerSecond,");
        w.WriteLine("ScaleOutEfficiency = " + (spec.ScaleOutEfficiency is null ? "null" : "ScaleOutEfficiency") + ",");
        if (spec.StorageWriteGBps is not null)
        {
            w.WriteLine("StorageWriteBytesPerSecondPerNode = StorageWriteBytesPerSecondPerNode,");
        }

        PresetFileWriter.Close(w, TypeRefs.ClusterPreset, "Info, " + gpuClass + ".Info, Spec");
        return w.ToString();
    }
}
