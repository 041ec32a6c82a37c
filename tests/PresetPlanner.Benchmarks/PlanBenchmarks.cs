using BenchmarkDotNet.Attributes;

namespace PresetPlanner.Benchmarks;

/// <summary>Planning over the full default search space: the table and the zero-allocation span form.</summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private static readonly SearchSpace s_full = new();
    private PlanningContext _llama70B = null!;
    private PlanningContext _llama405B = null!;
    private PlanningContext _deepSeek = null!;
    private StrategyResult[] _buffer70B = [];
    private StrategyResult[] _buffer405B = [];
    private StrategyResult[] _bufferDeepSeek = [];
    private int[] _ranking70B = [];

    [GlobalSetup]
    public void Setup()
    {
        _llama70B = PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings());
        _llama405B = PlanningContext.Create(Presets.Llama405B, Presets.H100x16384, new TrainingSettings { GlobalBatchSize = 2048 });
        _deepSeek = PlanningContext.Create(Presets.DeepSeekV3, Presets.H800x2048, new TrainingSettings { GlobalBatchSize = 8192, Precision = ComputePrecision.Fp8 });
        _buffer70B = new StrategyResult[_llama70B.Count(s_full)];
        _ranking70B = new int[_buffer70B.Length];
        _buffer405B = new StrategyResult[_llama405B.Count(s_full)];
        _bufferDeepSeek = new StrategyResult[_deepSeek.Count(s_full)];
    }

    /// <summary>Presets.Llama70B.PlanOn(Presets.H100x64): context, row array, ranking and the table.</summary>
    [Benchmark(Baseline = true)]
    public int Llama70BOnH100x64_PlanOn() => Presets.Llama70B.PlanOn(Presets.H100x64).Rows.Length;

    /// <summary>The same space into a caller-provided span: evaluation and ranking.</summary>
    [Benchmark]
    public int Llama70BOnH100x64_IntoSpan() => _llama70B.Plan(s_full, _buffer70B);

    /// <summary>The same space ranked without moving the results: enumeration order plus the rank order's indices.</summary>
    [Benchmark]
    public int Llama70BOnH100x64_RankedInPlace() => _llama70B.Plan(s_full, _buffer70B, _ranking70B);

    /// <summary>Llama-3.1-405B on 16,384 H100 (global batch 2048 sequences), into a span.</summary>
    [Benchmark]
    public int Llama405BOnH100x16384_IntoSpan() => _llama405B.Plan(s_full, _buffer405B);

    /// <summary>DeepSeek-V3 on 2,048 H800 in FP8 (global batch 8192), into a span.</summary>
    [Benchmark]
    public int DeepSeekV3OnH800x2048_IntoSpan() => _deepSeek.Plan(s_full, _bufferDeepSeek);
}

