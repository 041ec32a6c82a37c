using BenchmarkDotNet.Attributes;

namespace PresetPlanner.Benchmarks;

/// <summary>Planning over the full default search space: the convenience table and the zero-allocation span form.</summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private PlanningContext _llama70B;
    private PlanningContext _llama405B;
    private StrategyResult[] _buffer70B = [];
    private StrategyResult[] _buffer405B = [];

    [GlobalSetup]
    public void Setup()
    {
        _llama70B = new PlanningContext(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        _llama405B = new PlanningContext(Presets.Llama405B, Presets.H100x16384, new TrainingSettings { GlobalBatchSize = 2048 });
        _buffer70B = new StrategyResult[StrategyPlanner.Count(in _llama70B)];
        _buffer405B = new StrategyResult[StrategyPlanner.Count(in _llama405B)];
    }

    /// <summary>Presets.Llama70B.PlanOn(Presets.H100x64): allocates its row array and the table.</summary>
    [Benchmark(Baseline = true)]
    public int Llama70BOnH100x64_PlanOn() => Presets.Llama70B.PlanOn(Presets.H100x64).Rows.Length;

    /// <summary>The same space into a caller-provided span.</summary>
    [Benchmark]
    public int Llama70BOnH100x64_IntoSpan() => StrategyPlanner.Plan(in _llama70B, _buffer70B);

    /// <summary>Llama-3.1-405B on 16,384 H100 (global batch 2048 sequences), into a span.</summary>
    [Benchmark]
    public int Llama405BOnH100x16384_IntoSpan() => StrategyPlanner.Plan(in _llama405B, _buffer405B);
}
