using PresetPlanner.Calibration.Runs;
using PresetPlanner.Settings;
using PresetPlanner.Specs;

namespace PresetPlanner.Calibration.Fitting;

/// <summary>
/// What <see cref="Fitter.Fit"/> finds: the shared efficiencies, the matmul and scale-up efficiencies of each GPU
/// generation whose preset states its own (measured, kept as stated), and the tensor clock ratio of each GPU whose preset
/// states one (fitted within its board-power bound).
/// </summary>
/// <param name="Efficiency">The shared efficiencies (<see cref="EfficiencyModel.Default"/>'s fields).</param>
/// <param name="GpuMatmul">GPU preset id to its <see cref="GpuSpec.MatmulEfficiency"/>.</param>
/// <param name="GpuScaleUp">GPU preset id to its <see cref="GpuSpec.ScaleUpEfficiency"/>.</param>
public sealed record FittedModel(EfficiencyModel Efficiency, IReadOnlyDictionary<string, double> GpuMatmul, IReadOnlyDictionary<string, double> GpuScaleUp)
{
    /// <summary>GPU preset id to its fitted <see cref="GpuSpec.TensorClockRatio"/>.</summary>
    public IReadOnlyDictionary<string, double> GpuClock { get; init; } = new Dictionary<string, double>();

    /// <summary>The model as shipped: the defaults and the values the GPU presets of <paramref name="runs"/> state.</summary>
    public static FittedModel Shipped(IEnumerable<PublishedRun> runs) => new(
        EfficiencyModel.Default,
        Stated(runs, g => g.MatmulEfficiency),
        Stated(runs, g => g.ScaleUpEfficiency))
    {
        GpuClock = Stated(runs, g => g.TensorClockRatio),
    };

    /// <summary><paramref name="runs"/> with each fitted GPU's efficiencies put on its clusters.</summary>
    public IEnumerable<PublishedRun> Apply(IEnumerable<PublishedRun> runs) => runs.Select(r =>
    {
        string gpu = r.GpuName;
        bool matmul = GpuMatmul.TryGetValue(gpu, out double m);
        bool scaleUp = GpuScaleUp.TryGetValue(gpu, out double u);
        bool clock = GpuClock.TryGetValue(gpu, out double c);
        GpuSpec g = r.Cluster.Gpu;
        return matmul || scaleUp || clock
            ? r with { Cluster = r.Cluster with { Gpu = g with { MatmulEfficiency = matmul ? m : g.MatmulEfficiency, ScaleUpEfficiency = scaleUp ? u : g.ScaleUpEfficiency, TensorClockRatio = clock ? c : g.TensorClockRatio } } }
            : r;
    });

    private static Dictionary<string, double> Stated(IEnumerable<PublishedRun> runs, Func<GpuSpec, double?> value) =>
        runs.Where(r => value(r.Cluster.Gpu) is not null).GroupBy(r => r.GpuName).ToDictionary(g => g.Key, g => value(g.First().Cluster.Gpu)!.Value);
}
