using BenchmarkDotNet.Attributes;

namespace PresetPlanner.Benchmarks;

/// <summary>Evaluating one configuration: the unit of every search loop.</summary>
[MemoryDiagnoser]
public class EvaluateBenchmarks
{
    private PlanningContext _context;
    private ParallelLayout _layout;

    [GlobalSetup]
    public void Setup()
    {
        _context = new PlanningContext(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        _layout = new ParallelLayout(8, 4, 2, 1, 1, 1, 1, 1, RecomputeMode.Selective, true);
    }

    /// <summary>The convenience API: builds the context (model costs) on every call.</summary>
    [Benchmark(Baseline = true)]
    public StrategyResult EvaluateWithNewContext() => Presets.Llama70B.Evaluate(Presets.H100x64, _layout, new TrainingSettings());

    /// <summary>The core: one configuration against a prepared context.</summary>
    [Benchmark]
    public StrategyResult EvaluateOneConfiguration() => StrategyEvaluator.Evaluate(_context, _layout);
}
