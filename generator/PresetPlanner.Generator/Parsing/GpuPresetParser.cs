using PresetPlanner.Generator.Specs;

namespace PresetPlanner.Generator.Parsing;

/// <summary>Reads and checks a GPU preset (presets/schema/gpu.schema.json).</summary>
internal static class GpuPresetParser
{
    public static GpuPresetSpec? Parse(PresetReader r, string path)
    {
        CommonFields? common = CommonFields.Read(r);
        string? vendor = r.String("vendor", true, "\"vendor\": \"NVIDIA\"");
        double? memory = r.Number("memoryGiB", true, "\"memoryGiB\": 80", 0, minExclusive: true);
        double? bandwidth = r.Number("memoryTBps", true, "\"memoryTBps\": 3.35", 0, minExclusive: true);
        double? bf16 = r.Number("bf16Tflops", true, "\"bf16Tflops\": 989", 0, minExclusive: true);
        double fp8 = r.Number("fp8Tflops", false, "\"fp8Tflops\": 1979", 0, minExclusive: false) ?? 0;
        double? scaleUp = r.Number("scaleUpGBps", true, "\"scaleUpGBps\": 450", 0, minExclusive: true);
        int? domain = r.Integer("scaleUpDomain", true, "\"scaleUpDomain\": 8", 1);
        double? scaleOut = r.Number("scaleOutGBps", true, "\"scaleOutGBps\": 50", 0, minExclusive: true);
        double matmul = r.Number("matmulEfficiency", false, "\"matmulEfficiency\": 0.7", 0, minExclusive: true, max: 1) ?? 0;
        double scaleUpEfficiency = r.Number("scaleUpEfficiency", false, "\"scaleUpEfficiency\": 0.5", 0, minExclusive: true, max: 1) ?? 0;

        r.Plausible("memoryGiB", memory, 4096, "no accelerator has more than a few hundred GiB");
        r.Plausible("memoryTBps", bandwidth, 100, "no accelerator memory is that fast");
        r.Plausible("bf16Tflops", bf16, 100_000, "a dense BF16 peak of more than 100 PFLOP/s per GPU; was a sparse figure used?");
        r.Plausible("fp8Tflops", fp8, 200_000, "a dense FP8 peak of more than 200 PFLOP/s per GPU; was a sparse figure used?");
        r.Plausible("scaleUpGBps", scaleUp, 10_000, "more than 10 TB/s per GPU per direction");
        r.Plausible("scaleOutGBps", scaleOut, 2_000, "more than 16 Tb/s of NICs per GPU");
        r.Plausible("scaleUpDomain", domain, 100_000, "larger than any scale-up fabric");

        if (common is null || vendor is null || memory is null || bandwidth is null || bf16 is null || scaleUp is null
            || domain is null || scaleOut is null || r.HasErrors)
        {
            return null;
        }

        return new GpuPresetSpec(common.Id, common.Identifier, common.Name, vendor, common.Source, path, memory.Value, bandwidth.Value, bf16.Value, fp8, scaleUp.Value, domain.Value, scaleOut.Value, matmul, scaleUpEfficiency);
    }
}
