using PresetPlanner.Calibration.Runs;
using PresetPlanner.Settings;
using PresetPlanner.Specs;

namespace PresetPlanner.Calibration.Fitting;

/// <summary>
/// What <see cref="Fitter.Fit"/> finds: the shared efficiencies, and the matmul and scale-up efficiencies of each GPU
/// generation whose preset states its own.
/// </summary>
/// <param name="Efficiency">The shared efficiencies (<see cref="EfficiencyModel.Default"/>'s fields).</param>
/// <param name="GpuMatmul">GPU preset id to its fitted <see cref="GpuSpec.MatmulEfficiency"/>.</param>
/// <param name="GpuScaleUp">GPU preset id to its fitted <see cref="GpuSpec.ScaleUpEfficiency"/>.</param>
public sealed record FittedModel(EfficiencyModel Efficiency, IReadOnlyDictionary<string, double> GpuMatmul, IReadOnlyDictionary<string, double> GpuScaleUp)
{
    /// <summary>The model as shipped: the defaults and the values the GPU presets of <paramref name="runs"/> state.</summary>
    public static FittedModel Shipped(IEnumerable<PublishedRun> runs) => new(
        EfficiencyModel.Default,
        Stated(runs, g => g.MatmulEfficiency),
        Stated(runs, g => g.ScaleUpEfficiency));

    /// <summary><paramref name="runs"/> with each fitted GPU's efficiencies put on its clusters.</summary>
    public IEnumerable<PublishedRun> Apply(IEnumerable<PublishedRun> runs) => runs.Select(r =>
    {
        string gpu = r.GpuName;
        bool matmul = GpuMatmul.TryGetValue(gpu, out double m);
        bool scaleUp = GpuScaleUp.TryGetValue(gpu, out double u);
        return matmul || scaleUp
            ? r with { Cluster = r.Cluster with { Gpu = r.Cluster.Gpu with { MatmulEfficiency = matmul ? m : r.Cluster.Gpu.MatmulEfficiency, ScaleUpEfficiency = scaleUp ? u : r.Cluster.Gpu.ScaleUpEfficiency } } }
            : r;
    });

    private static Dictionary<string, double> Stated(IEnumerable<PublishedRun> runs, Func<GpuSpec, double?> value) =>
        runs.Where(r => value(r.Cluster.Gpu) is not null).GroupBy(r => r.GpuName).ToDictionary(g => g.Key, g => value(g.First().Cluster.Gpu)!.Value);
}
