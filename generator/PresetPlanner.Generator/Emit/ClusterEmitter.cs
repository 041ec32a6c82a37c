using PresetPlanner.Generator.Specs;

namespace PresetPlanner.Generator.Emit;

/// <summary>Emits <c>Presets.Clusters.&lt;Identifier&gt;</c>, whose <c>ClusterSpec</c> embeds its GPU's spec.</summary>
internal static class ClusterEmitter
{
    public static string HintName(ClusterPresetSpec spec) => "Presets.Clusters." + spec.Identifier + ".g.cs";

    public static string Emit(ClusterPresetSpec spec, GpuReference gpu, CatalogOptions options)
    {
        SourceWriter w = PresetFileWriter.Open(options.Namespace, "Clusters", TypeRefs.ClusterSpec, spec.Identifier, spec.Name + " (" + spec.Id + ").");
        string gpuClass = "Gpus." + gpu.Identifier;
        PresetFileWriter.Const(w, "string", "Id", Literals.String(spec.Id), "Preset id.");
        PresetFileWriter.Const(w, "string", "Name", Literals.String(spec.Name), "Display name.");
        PresetFileWriter.Const(w, "string", "Source", Literals.String(spec.Source), "Where the figures come from.");
        PresetFileWriter.Const(w, "string", "GpuId", Literals.String(spec.GpuId), "Id of the GPU preset.");
        PresetFileWriter.Const(w, "int", "GpuCount", Literals.Int(spec.GpuCount), "Total GPUs (N).");
        PresetFileWriter.Const(w, "int", "GpusPerNode", Literals.Int(spec.GpusPerNode), "GPUs per scale-up (NVLink) domain (G).");
        string scaleOut = spec.ScaleOutGBps > 0 ? Literals.Double(spec.ScaleOutGBps) + " * 1e9d" : gpuClass + ".ScaleOutBytesPerSecond";
        PresetFileWriter.Const(w, "double", "ScaleOutBytesPerSecond", scaleOut, "Scale-out bandwidth per GPU per direction, bytes/s.");
        PresetFileWriter.Const(w, "double", "ScaleOutEfficiency", Literals.Double(spec.ScaleOutEfficiency), "Fraction of the scale-out bandwidth collectives reach; 0 = the calibrated default.");
        w.WriteLine();
        w.WriteLine("/// <summary>The preset as the planning core consumes it.</summary>");
        w.WriteLine("public static readonly " + TypeRefs.ClusterSpec + " Spec = new()");
        w.WriteLine("{");
        w.Indentation++;
        w.WriteLine("Gpu = " + gpuClass + ".Spec,");
        w.WriteLine("GpuCount = GpuCount,");
        w.WriteLine("GpusPerNode = GpusPerNode,");
        w.WriteLine("ScaleOutBytesPerSecond = ScaleOutBytesPerSecond,");
        w.WriteLine("ScaleOutEfficiency = ScaleOutEfficiency,");
        w.Indentation--;
        w.WriteLine("};");
        PresetFileWriter.Close(w);
        return w.ToString();
    }
}
