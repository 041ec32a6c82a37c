using PresetPlanner.Generator.Specs;

namespace PresetPlanner.Generator.Emit;

/// <summary>Emits <c>Presets.Gpus.&lt;Identifier&gt;</c>: the JSON figures, the same in core units, and the <c>GpuSpec</c>.</summary>
internal static class GpuEmitter
{
    public static string HintName(GpuPresetSpec spec) => "Presets.Gpus." + spec.Identifier + ".g.cs";

    public static string Emit(GpuPresetSpec spec, CatalogOptions options)
    {
        SourceWriter w = PresetFileWriter.Open(options.Namespace, "Gpus", TypeRefs.GpuSpec, spec.Identifier, spec.Name + " (" + spec.Id + ").");
        PresetFileWriter.Const(w, "string", "Id", Literals.String(spec.Id), "Preset id.");
        PresetFileWriter.Const(w, "string", "Name", Literals.String(spec.Name), "Display name.");
        PresetFileWriter.Const(w, "string", "Vendor", Literals.String(spec.Vendor), "Vendor.");
        PresetFileWriter.Const(w, "string", "Source", Literals.String(spec.Source), "Where the figures come from.");
        PresetFileWriter.Const(w, "double", "MemoryGiB", Literals.Double(spec.MemoryGiB), "Device memory, GiB (as in the preset).");
        PresetFileWriter.Const(w, "long", "MemoryBytes", "(long)(MemoryGiB * 1073741824d)", "Device memory, bytes.");
        PresetFileWriter.Const(w, "double", "MemoryBytesPerSecond", Literals.Double(spec.MemoryTBps) + " * 1e12d", "Memory bandwidth, bytes/s (preset: TB/s).");
        PresetFileWriter.Const(w, "double", "PeakBf16FlopsPerSecond", Literals.Double(spec.Bf16Tflops) + " * 1e12d", "Dense BF16 peak, FLOP/s (preset: TFLOP/s).");
        PresetFileWriter.Const(w, "double", "PeakFp8FlopsPerSecond", Literals.Double(spec.Fp8Tflops) + " * 1e12d", "Dense FP8 peak, FLOP/s; 0 = none (preset: TFLOP/s).");
        PresetFileWriter.Const(w, "double", "ScaleUpBytesPerSecond", Literals.Double(spec.ScaleUpGBps) + " * 1e9d", "Scale-up bandwidth per GPU per direction, bytes/s (preset: GB/s).");
        PresetFileWriter.Const(w, "int", "ScaleUpDomain", Literals.Int(spec.ScaleUpDomain), "GPUs in one scale-up domain.");
        PresetFileWriter.Const(w, "double", "ScaleOutBytesPerSecond", Literals.Double(spec.ScaleOutGBps) + " * 1e9d", "Typical scale-out bandwidth per GPU per direction, bytes/s (preset: GB/s).");
        PresetFileWriter.Const(w, "double", "MatmulEfficiency", Literals.Double(spec.MatmulEfficiency), "Fraction of the dense peak GEMMs reach; 0 = the calibrated default.");
        PresetFileWriter.Const(w, "double", "ScaleUpEfficiency", Literals.Double(spec.ScaleUpEfficiency), "Fraction of the scale-up bandwidth collectives reach; 0 = the calibrated default.");
        w.WriteLine();
        w.WriteLine("/// <summary>The preset as the planning core consumes it.</summary>");
        w.WriteLine("public static readonly " + TypeRefs.GpuSpec + " Spec = new()");
        w.WriteLine("{");
        w.Indentation++;
        foreach (string field in s_fields)
        {
            w.WriteLine(field + " = " + field + ",");
        }

        w.Indentation--;
        w.WriteLine("};");
        PresetFileWriter.Close(w);
        return w.ToString();
    }

    private static readonly string[] s_fields =
    [
        "MemoryBytes", "MemoryBytesPerSecond", "PeakBf16FlopsPerSecond", "PeakFp8FlopsPerSecond", "ScaleUpBytesPerSecond",
        "ScaleUpDomain", "ScaleOutBytesPerSecond", "MatmulEfficiency", "ScaleUpEfficiency",
    ];
}
