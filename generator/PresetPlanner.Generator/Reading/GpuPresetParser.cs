using System.Collections.Generic;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// Reads a GPU preset (presets/schema/gpu.schema.json), converts it to core units and holds it to the core's
/// <see cref="SpecValidator"/>, so every figure that becomes a constant is finite and within its type.
/// </summary>
internal static class GpuPresetParser
{
    public static GpuPresetSpec? Parse(PresetReader r, string path)
    {
        CommonFields? common = CommonFields.Read(r, PresetKind.Gpu);
        string? vendor = r.String("vendor", true, "\"vendor\": \"NVIDIA\"");
        double? memory = r.Number("memoryGiB", true, "\"memoryGiB\": 80");
        double? bandwidth = r.Number("memoryTBps", true, "\"memoryTBps\": 3.35");
        double? bf16 = r.Number("bf16Tflops", true, "\"bf16Tflops\": 989");
        double fp8 = r.Number("fp8Tflops", false, "\"fp8Tflops\": 1979") ?? 0;
        double fp4 = r.Number("fp4Tflops", false, "\"fp4Tflops\": 9000") ?? 0;
        double watts = r.Number("boardWatts", false, "\"boardWatts\": 700") ?? 0;
        double? scaleUp = r.Number("scaleUpGBps", true, "\"scaleUpGBps\": 450");
        int? domain = r.Integer("scaleUpDomain", true, "\"scaleUpDomain\": 8");
        int server = r.Integer("gpusPerServer", false, "\"gpusPerServer\": 4") ?? 0;
        double? scaleOut = r.Number("scaleOutGBps", true, "\"scaleOutGBps\": 50");
        double? matmul = r.Number("matmulEfficiency", false, "\"matmulEfficiency\": 0.7");
        double? scaleUpEfficiency = r.Number("scaleUpEfficiency", false, "\"scaleUpEfficiency\": 0.5");
        double? attention = r.Number("attentionEfficiency", false, "\"attentionEfficiency\": 0.45");
        double? clock = r.Number("tensorClockRatio", false, "\"tensorClockRatio\": 1.1");
        double? exponentials = r.Number("exponentialTeraPerSecond", false, "\"exponentialTeraPerSecond\": 3.9") * 1e12;
        if (common is null || vendor is null || memory is null || bandwidth is null || bf16 is null || scaleUp is null
            || domain is null || scaleOut is null || r.HasErrors)
        {
            return null;
        }

        var spec = new GpuSpec
        {
            // Beyond 2^62 bytes the conversion would overflow; long.MaxValue is out of the validator's range too.
            MemoryBytes = memory.Value > 0 && memory.Value < 4e9 ? (long)(memory.Value * 1073741824d) : memory.Value > 0 ? long.MaxValue : 0,
            MemoryBytesPerSecond = bandwidth.Value * 1e12,
            PeakBf16FlopsPerSecond = bf16.Value * 1e12,
            PeakFp8FlopsPerSecond = fp8 * 1e12,
            PeakFp4FlopsPerSecond = fp4 * 1e12,
            BoardWatts = watts,
            ScaleUpBytesPerSecond = scaleUp.Value * 1e9,
            ScaleUpDomain = domain.Value,
            GpusPerServer = server,
            ScaleOutBytesPerSecond = scaleOut.Value * 1e9,
            MatmulEfficiency = matmul,
            AttentionEfficiency = attention,
            ScaleUpEfficiency = scaleUpEfficiency,
            TensorClockRatio = clock,
            ExponentialsPerSecond = exponentials,
            Vendor = VendorOf(vendor),
        };
        var problems = new List<SpecProblem>();
        SpecValidator.Check(spec, problems);
        r.Report(problems, PathOf);
        if (r.HasErrors)
        {
            return null;
        }

        return new GpuPresetSpec(common.Id, common.Identifier, common.Name, vendor, common.Source, path, memory.Value, bandwidth.Value, bf16.Value, fp8, fp4, watts, scaleUp.Value, domain.Value, server, scaleOut.Value, matmul, scaleUpEfficiency, spec) { AttentionEfficiency = attention, TensorClockRatio = clock, ExponentialsPerSecond = exponentials };
    }

    /// <summary>The vendor a preset's <c>vendor</c> names ("NVIDIA", "AMD", any case); any other name is unstated.</summary>
    public static GpuVendor VendorOf(string vendor) =>
        string.Equals(vendor, "NVIDIA", System.StringComparison.OrdinalIgnoreCase) ? GpuVendor.Nvidia
        : string.Equals(vendor, "AMD", System.StringComparison.OrdinalIgnoreCase) ? GpuVendor.Amd
        : GpuVendor.Unstated;

    /// <summary>The JSON property of each GPU field (presets/schema/gpu.schema.json).</summary>
    public static string PathOf(SpecField field) => field switch
    {
        SpecField.MemoryBytes => "memoryGiB",
        SpecField.MemoryBytesPerSecond => "memoryTBps",
        SpecField.PeakBf16FlopsPerSecond => "bf16Tflops",
        SpecField.PeakFp8FlopsPerSecond => "fp8Tflops",
        SpecField.PeakFp4FlopsPerSecond => "fp4Tflops",
        SpecField.BoardWatts => "boardWatts",
        SpecField.ScaleUpBytesPerSecond => "scaleUpGBps",
        SpecField.ScaleUpDomain => "scaleUpDomain",
        SpecField.GpusPerServer => "gpusPerServer",
        SpecField.MatmulEfficiency => "matmulEfficiency",
        SpecField.AttentionEfficiency => "attentionEfficiency",
        SpecField.ScaleUpEfficiency => "scaleUpEfficiency",
        SpecField.TensorClockRatio => "tensorClockRatio",
        SpecField.ExponentialsPerSecond => "exponentialTeraPerSecond",
        _ => "scaleOutGBps",
    };
}
