using PresetPlanner.Specs;

namespace PresetPlanner.Generator.Reading;

/// <summary>A valid GPU preset, in the units of the JSON file (GiB, TB/s, TFLOP/s, GB/s per direction).</summary>
/// <param name="Id">Kebab-case id ("h100-sxm").</param>
/// <param name="Identifier">C# member name.</param>
/// <param name="Name">Display name.</param>
/// <param name="Vendor">Vendor.</param>
/// <param name="Source">Where the figures come from.</param>
/// <param name="Path">The preset file.</param>
/// <param name="MemoryGiB">Device memory, GiB.</param>
/// <param name="MemoryTBps">Memory bandwidth, TB/s.</param>
/// <param name="Bf16Tflops">Dense BF16 peak, TFLOP/s.</param>
/// <param name="Fp8Tflops">Dense FP8 peak, TFLOP/s (0 = none).</param>
/// <param name="Fp4Tflops">Dense FP4 (NVFP4/MXFP4) peak, TFLOP/s (0 = none).</param>
/// <param name="BoardWatts">Board power, W (0 = not published).</param>
/// <param name="ScaleUpGBps">Scale-up bandwidth per GPU per direction, GB/s.</param>
/// <param name="ScaleUpDomain">GPUs in one scale-up domain.</param>
/// <param name="GpusPerServer">GPUs in one server; 0 takes the smaller of 8 and the domain.</param>
/// <param name="ScaleOutGBps">Typical scale-out bandwidth per GPU per direction, GB/s.</param>
/// <param name="MatmulEfficiency">Measured fraction of the dense peak GEMMs reach; null takes the calibrated default.</param>
/// <param name="ScaleUpEfficiency">Measured fraction of the scale-up bandwidth collectives reach; null takes the calibrated default.</param>
/// <param name="Shape">The same figures in core units, as validated.</param>
internal sealed record GpuPresetSpec(
    string Id,
    string Identifier,
    string Name,
    string Vendor,
    string Source,
    string Path,
    double MemoryGiB,
    double MemoryTBps,
    double Bf16Tflops,
    double Fp8Tflops,
    double Fp4Tflops,
    double BoardWatts,
    double ScaleUpGBps,
    int ScaleUpDomain,
    int GpusPerServer,
    double ScaleOutGBps,
    double? MatmulEfficiency,
    double? ScaleUpEfficiency,
    GpuSpec Shape)
{
    /// <summary>Measured fraction of the BF16 peak the fused attention kernel reaches; null takes the calibrated default.</summary>
    public double? AttentionEfficiency { get; init; }

    /// <summary>Sustained tensor throughput over the reference part whose kernel figures the preset states; null is 1.</summary>
    public double? TensorClockRatio { get; init; }

    /// <summary>Exponentials per second of the special-function units (the preset's tera-exponentials times 1e12); null when not stated.</summary>
    public double? ExponentialsPerSecond { get; init; }
}
