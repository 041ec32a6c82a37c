using PresetPlanner.Generator.Catalog;
using PresetPlanner.Generator.Reading;

namespace PresetPlanner.Generator.Emit;

/// <summary>Emits <c>Presets.Gpus.&lt;Identifier&gt;</c>: the JSON figures, the same in core units, and the <c>GpuSpec</c>.</summary>
internal static class GpuEmitter
{
    public static string HintName(GpuPresetSpec spec) => "Presets.Gpus." + spec.Identifier + ".g.cs";

    public static string Emit(GpuPresetSpec spec, CatalogOptions options)
    {
        SourceWriter w = PresetFileWriter.Open(options.Namespace, "Gpus", TypeRefs.GpuPreset, spec.Identifier, spec.Name + " (" + spec.Id + ").");
        PresetFileWriter.Names(w, spec.Id, spec.Name, spec.Source);
        PresetFileWriter.Const(w, "string", "Vendor", Literals.String(spec.Vendor), "Vendor.");
        PresetFileWriter.Const(w, "double", "MemoryGiB", Literals.Double(spec.MemoryGiB), "Device memory, GiB (as in the preset).");
        PresetFileWriter.Const(w, "long", "MemoryBytes", "(long)(MemoryGiB * 1073741824d)", "Device memory, bytes.");
        PresetFileWriter.Const(w, "double", "MemoryBytesPerSecond", Literals.Double(spec.MemoryTBps) + " * 1e12d", "Memory bandwidth, bytes/s (preset: TB/s).");
        PresetFileWriter.Const(w, "double", "PeakBf16FlopsPerSecond", Literals.Double(spec.Bf16Tflops) + " * 1e12d", "Dense BF16 peak, FLOP/s (preset: TFLOP/s).");
        PresetFileWriter.Const(w, "double", "PeakFp8FlopsPerSecond", Literals.Double(spec.Fp8Tflops) + " * 1e12d", "Dense FP8 peak, FLOP/s; 0 = none (preset: TFLOP/s).");
        PresetFileWriter.Const(w, "double", "PeakFp4FlopsPerSecond", Literals.Double(spec.Fp4Tflops) + " * 1e12d", "Dense FP4 peak, FLOP/s; 0 = none (preset: TFLOP/s).");
        PresetFileWriter.Const(w, "double", "BoardWatts", Literals.Double(spec.BoardWatts), "Board power, W; 0 = not published.");
        PresetFileWriter.Const(w, "double", "ScaleUpBytesPerSecond", Literals.Double(spec.ScaleUpGBps) + " * 1e9d", "Scale-up bandwidth per GPU per direction, bytes/s (preset: GB/s).");
        PresetFileWriter.Const(w, "int", "ScaleUpDomain", Literals.Int(spec.ScaleUpDomain), "GPUs in one scale-up domain.");
        PresetFileWriter.Const(w, "int", "GpusPerServer", Literals.Int(spec.GpusPerServer), "GPUs per server; 0 = the smaller of 8 and the domain.");
        PresetFileWriter.Const(w, "double", "ScaleOutBytesPerSecond", Literals.Double(spec.ScaleOutGBps) + " * 1e9d", "Typical scale-out bandwidth per GPU per direction, bytes/s (preset: GB/s).");
        OptionalConst(w, "MatmulEfficiency", spec.MatmulEfficiency, "Measured fraction of the dense peak GEMMs reach.");
        OptionalConst(w, "ScaleUpEfficiency", spec.ScaleUpEfficiency, "Measured fraction of the scale-up bandwidth collectives reach.");
        OptionalConst(w, "AttentionEfficiency", spec.AttentionEfficiency, "Measured fraction of the BF16 peak the fused attention kernel reaches.");
        OptionalConst(w, "TensorClockRatio", spec.TensorClockRatio, "Sustained tensor throughput over the part whose kernel figures this preset states.");
        OptionalConst(w, "ExponentialsPerSecond", spec.ExponentialsPerSecond, "Exponentials per second of the special-function units.");
        PresetFileWriter.OpenSpec(w, TypeRefs.GpuSpec);
        foreach (string field in s_fields)
        {
            w.WriteLine(field + " = " + field + ",");
        }

        w.WriteLine("MatmulEfficiency = " + (spec.MatmulEfficiency is null ? "null" : "MatmulEfficiency") + ",");
        w.WriteLine("ScaleUpEfficiency = " + (spec.ScaleUpEfficiency is null ? "null" : "ScaleUpEfficiency") + ",");
        if (spec.AttentionEfficiency is not null)
        {
            w.WriteLine("AttentionEfficiency = AttentionEfficiency,");
        }

        if (spec.TensorClockRatio is not null)
        {
            w.WriteLine("TensorClockRatio = TensorClockRatio,");
        }

        if (spec.ExponentialsPerSecond is not null)
        {
            w.WriteLine("ExponentialsPerSecond = ExponentialsPerSecond,");
        }

        w.WriteLine("Vendor = " + TypeRefs.GpuVendor + "." + spec.Shape.Vendor + ",");
        PresetFileWriter.Close(w, TypeRefs.GpuPreset, "Info, Spec");
        return w.ToString();
    }

    private static void OptionalConst(SourceWriter w, string name, double? value, string doc)
    {
        if (value is double v)
        {
            PresetFileWriter.Const(w, "double", name, Literals.Double(v), doc);
        }
    }

    private static readonly string[] s_fields =
    [
        "MemoryBytes", "MemoryBytesPerSecond", "PeakBf16FlopsPerSecond", "PeakFp8FlopsPerSecond", "PeakFp4FlopsPerSecond", "BoardWatts", "ScaleUpBytesPerSecond",
        "ScaleUpDomain", "GpusPerServer", "ScaleOutBytesPerSecond",
    ];
}
