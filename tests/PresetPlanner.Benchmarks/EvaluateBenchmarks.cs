using BenchmarkDotNet.Attributes;

namespace PresetPlanner.Benchmarks;

/// <summary>Evaluating one configuration: the unit of every search loop.</summary>
[MemoryDiagnoser]
public class EvaluateBenchmarks
{
    private PlanningContext _context = null!;
    private ParallelLayout _layout;
    private ParallelLayout[] _variants = [];

    [GlobalSetup]
    public void Setup()
    {
        _context = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        _layout = new ParallelLayout { Tp = 8, Pp = 4, Dp = 2, Zero = 1, Recompute = RecomputeMode.Selective, SequenceParallel = true };

        // The 12 variants (ZeRO 0-1, three recomputation modes, SP on and off) a search visits in a row for these degrees.
        var variants = new List<ParallelLayout>();
        for (int zero = 0; zero <= 1; zero++)
        {
            for (int r = 0; r < 3; r++)
            {
                variants.Add(_layout with { Zero = zero, Recompute = (RecomputeMode)r, SequenceParallel = false });
                variants.Add(_layout with { Zero = zero, Recompute = (RecomputeMode)r, SequenceParallel = true });
            }
        }

        _variants = [.. variants];
    }

    /// <summary>Creating the context (validation, model costs) and evaluating once.</summary>
    [Benchmark(Baseline = true)]
    public StrategyResult EvaluateWithNewContext() => PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings()).Evaluate(_layout);

    /// <summary>The core: one configuration against a prepared context.</summary>
    [Benchmark]
    public StrategyResult EvaluateOneConfiguration() => _context.Evaluate(_layout);

    /// <summary>The 12 ZeRO, recomputation and SP variants of one set of degrees, with one cache (divide by 12).</summary>
    [Benchmark(OperationsPerInvoke = 12)]
    public double EvaluateTwelveVariantsCached()
    {
        var cache = default(EvaluationCache);
        double sum = 0;
        foreach (ParallelLayout layout in _variants)
        {
            sum += _context.Evaluate(layout, ref cache).Time.ComputeSeconds;
        }

        return sum;
    }
}
