using BenchmarkDotNet.Attributes;

namespace PresetPlanner.Benchmarks;

/// <summary>Searching for the best layout: exhaustive with and without pruning, and an 8..16384-GPU sweep.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private PlanningContext _llama405B;
    private PlanningContext _gpt22B;
    private List<int> _sizes = [];

    [GlobalSetup]
    public void Setup()
    {
        _llama405B = new PlanningContext(Presets.Llama405B, Presets.H100x16384, new TrainingSettings { GlobalBatchSize = 2048 });
        var a100x64 = new ClusterSpec { Gpu = Presets.A100, GpuCount = 64, GpusPerNode = 8, ScaleOutBytesPerSecond = Presets.A100.ScaleOutBytesPerSecond };
        _gpt22B = new PlanningContext(Presets.Gpt22B, a100x64, new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 1024, FlashAttention = false });
        _sizes = InverseQuestions.Sizes(8, 8, 16384);
    }

    /// <summary>Every layout evaluated.</summary>
    [Benchmark(Baseline = true)]
    public bool Gpt22BOnA100x64_Unpruned() => StrategySearch.TryFindBest(in _gpt22B, prune: false, out _, out _);

    /// <summary>Layouts skipped when they cannot fit or cannot beat the best so far.</summary>
    [Benchmark]
    public bool Gpt22BOnA100x64_Pruned() => StrategySearch.TryFindBest(in _gpt22B, prune: true, out _, out _);

    /// <summary>Every candidate of the full cross product (3,226,944 for 64 GPUs) checked, the admitted ones evaluated.</summary>
    [Benchmark]
    public bool Gpt22BOnA100x64_BruteForceCrossProduct() => CandidateSpace.TryFindBest(in _gpt22B, out _, out _);

    /// <summary>Llama-3.1-405B on 16,384 H100, pruned.</summary>
    [Benchmark]
    public bool Llama405BOnH100x16384_Pruned() => StrategySearch.TryFindBest(in _llama405B, prune: true, out _, out _);

    /// <summary>Best layout of Llama-3.1-70B on 8, 16, ... 16,384 H100.</summary>
    [Benchmark]
    public int Llama70BSweep8To16384() => InverseQuestions.Sweep(Presets.Llama70B, Presets.H100, 8, new TrainingSettings { GlobalBatchSize = 2048 }, _sizes).Length;
}
